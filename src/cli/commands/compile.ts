/** `weft compile SPEC --out DIR`: a spec compiled to a self-contained npm package. */
import { existsSync, readFileSync } from "node:fs";
import type { Command } from "commander";
import { emitPackage } from "../../package/emit.js";
import { DiagnosticError } from "../../core/diagnostics.js";
import { SourceDiagnostics, UserError, type CliIO } from "../errors.js";
import { limitOption, limitsOf, loadSpec } from "./spec.js";
import { writePackageFiles } from "../files.js";
import { BACKENDS, findBackend } from "../../backends/index.js";

export function registerCompileCommand(
  program: Command,
  io: CliIO,
  run: (action: () => Promise<void>) => void,
): void {
  const command = program
    .command("compile")
    .description("compile a spec into an npm package that predicts and trains")
    .argument("<spec>", "a spec file (.weft, .yaml)")
    .requiredOption("-o, --out <dir>", "the folder to write the package to")
    .option("--force", "write into --out even if it holds files weft did not write")
    .option(
      "--target <target>",
      `the backend: ${BACKENDS.map((b) => `${b.name} (${b.summary})`).join("; ")}`,
      BACKENDS[0].name,
    )
    .option("--name <name>", "the package's name (default: from the model's name)")
    .option("--package-version <version>", "the package's version", "0.1.0")
    .option(
      "--weights <seed|file>",
      "also write weights.safetensors: initialised from this integer seed, or this safetensors file (trained or imported weights, checked against the model)",
    )
    .option("-O, --opt <level>", "optimization level: 0, 1 or 2", "2")
    .option("--time", "print the time each compiler phase took")
    .option(
      "--stats",
      "print per graph: ops before and after simplification, kernels without and with fusion, buffer bytes, the largest buffers",
    )
    .option("--json", "with --stats, print the statistics as JSON instead")
    .option(
      "--gradients",
      "also compile the program behind the package's computeGradients (a backward pass's code more)",
    )
    .option(
      "--relaxed-simd",
      "wasm: also a module using relaxed SIMD's fused multiply-add, loaded where the engine has it (results may differ across machines in the last bits)",
    );
  limitOption(command).action(
    (
      file: string,
      options: {
        out: string;
        target: string;
        name?: string;
        packageVersion: string;
        weights?: string;
        opt: string;
        time?: boolean;
        stats?: boolean;
        json?: boolean;
        relaxedSimd?: boolean;
        gradients?: boolean;
        force?: boolean;
        limit?: string[];
      },
    ) =>
      run(async () => {
        const target = findBackend(options.target);
        if (!target)
          throw new UserError(
            `unknown target '${options.target}' (targets: ${BACKENDS.map((b) => b.name).join(", ")})`,
          );
        const opt = Number(options.opt);
        if (![0, 1, 2].includes(opt))
          throw new UserError(`-O takes 0, 1 or 2, not '${options.opt}'`);
        const { weights } = options;
        const seed = weights !== undefined && /^-?\d+$/.test(weights) ? Number(weights) : undefined;
        const weightsFile =
          weights !== undefined && seed === undefined ? readWeights(weights) : undefined;
        const limits = limitsOf(options);
        const { spec, source } = loadSpec(file, limits);
        let result;
        try {
          result = await emitPackage(spec, {
            limits,
            name: options.name,
            version: options.packageVersion,
            weightsSeed: seed,
            weightsFile,
            opt: opt as 0 | 1 | 2,
            target,
            print: { relaxedSimd: options.relaxedSimd },
            gradients: options.gradients,
          });
        } catch (e) {
          if (weightsFile && e instanceof Error && e.message.startsWith(weightsFile.path))
            throw new UserError(e.message);
          throw e instanceof DiagnosticError ? new SourceDiagnostics(e, source) : e;
        }

        const lines = [`wrote ${options.out}:`];
        for (const f of writePackageFiles(options.out, result.files, options.force))
          lines.push(
            `  ${f.path.padEnd(24)} ${f.bytes.toLocaleString("en-US").padStart(10)} bytes`,
          );
        for (const p of result.passes) {
          if (p.stats.opsBefore !== undefined)
            lines.push(`${p.pass}: ${p.stats.opsBefore} ops → ${p.stats.opsAfter}`);
        }
        lines.push(`${result.kernels} kernels`);
        for (const [graph, a] of Object.entries(result.arena)) {
          lines.push(
            `arena @${graph}: ${a.atBatch1.toLocaleString("en-US")} bytes at batch 1, ${a.atBatchSize.toLocaleString("en-US")} at batch ${a.batch} (${a.withoutReuse.toLocaleString("en-US")} without reuse)`,
          );
        }
        if (options.time)
          for (const t of result.timings)
            lines.push(`time ${t.phase.padEnd(10)} ${t.ms.toFixed(1).padStart(8)} ms`);
        if (options.stats && options.json)
          return io.stdout(JSON.stringify(result.arena, null, 2) + "\n");
        if (options.stats) {
          for (const [graph, g] of Object.entries(result.arena)) {
            lines.push(
              `@${graph}: ops ${g.opsBefore} → ${g.opsAfter}, kernels ${g.kernelsUnfused} → ${g.kernels}, ` +
                `buffers ${g.withoutReuse.toLocaleString("en-US")} → ${g.atBatchSize.toLocaleString("en-US")} bytes at batch ${g.batch}; ` +
                `largest ${g.largest.map((b) => `%${b.name} ${b.bytes.toLocaleString("en-US")}`).join(", ")}` +
                (g.savedForBackward
                  ? `; saved by scans for the backward pass ${g.savedForBackward.toLocaleString("en-US")} bytes`
                  : "") +
                (g.dispatches
                  ? `; dispatches ${g.dispatches.total.toLocaleString("en-US")}` +
                    ` (${[`${g.dispatches.outside} outside scans`, ...g.dispatches.loops.map((l) => `${l.perStep} per step × ${l.steps} steps of loop ${l.index}`)].join(", ")})` +
                    `, reads back ${g.bytesRead!.toLocaleString("en-US")} bytes`
                  : ""),
            );
          }
        }
        io.stdout(lines.join("\n") + "\n");
      }),
  );
}

function readWeights(path: string): { bytes: Uint8Array; path: string } {
  if (!existsSync(path))
    throw new UserError(
      `--weights takes an integer seed or a safetensors file; '${path}' is neither`,
    );
  return { bytes: readFileSync(path), path };
}
