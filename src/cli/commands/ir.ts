/**
 * `weft ir FILE`: a spec's IR after a target's pass pipeline, an IR file
 * parsed, verified and printed in canonical form, or a kernel-IR file
 * (.kir) parsed, verified and printed back; `--list-passes` lists the passes.
 */
import type { Command } from "commander";
import { parseModule } from "../../ir/parser.js";
import { printGraph, printModule } from "../../ir/printer.js";
import { verifyModule } from "../../ir/verifier.js";
import { DiagnosticError } from "../../core/diagnostics.js";
import { syntaxOf } from "../../parser/index.js";
import { SourceDiagnostics, UserError, type CliIO } from "../errors.js";
import { readSource } from "../files.js";
import { loadSpec } from "./spec.js";
import {
  graphPipeline,
  PASSES,
  findPass,
  runPipeline,
  type Compilation,
} from "../../driver/pipeline.js";
import { specCompilation } from "../../driver/compile.js";
import { BACKENDS, findBackend } from "../../backends/index.js";
import type { OptLevel } from "../../backends/backend.js";
import { parsePrograms, printPrograms } from "../../kernel/text.js";
import { verifyProgram } from "../../kernel/verify.js";

/** The compilation a file starts: a spec built to IR (with its training description), or IR text parsed. */
function loadCompilation(file: string): { compilation: Compilation; source: string } {
  if (syntaxOf(file)) {
    const { spec, source } = loadSpec(file);
    try {
      return { compilation: specCompilation(spec), source };
    } catch (e) {
      throw e instanceof DiagnosticError ? new SourceDiagnostics(e, source) : e;
    }
  }
  const source = readSource(file);
  try {
    return { compilation: { module: parseModule(source, file) }, source };
  } catch (e) {
    throw e instanceof DiagnosticError ? new SourceDiagnostics(e, source) : e;
  }
}

/** A .kir file: parsed, verified, printed back. */
function kernelFile(file: string, io: CliIO, verify: boolean): void {
  const source = readSource(file);
  try {
    const programs = parsePrograms(source, file);
    const problems = verify ? programs.flatMap(verifyProgram) : [];
    if (problems.length) throw new DiagnosticError(problems);
    io.stdout(printPrograms(programs));
  } catch (e) {
    throw e instanceof DiagnosticError ? new SourceDiagnostics(e, source) : e;
  }
}

interface IrOptions {
  graph?: string;
  verify: boolean;
  opt: string;
  target: string;
  kernel?: boolean;
  printAfter?: string;
  printAfterAll?: boolean;
  verifyEach?: boolean;
  time?: boolean;
  listPasses?: boolean;
}

export function registerIrCommand(
  program: Command,
  io: CliIO,
  run: (action: () => void) => void,
): void {
  program
    .command("ir")
    .description(
      "print the IR of a spec after a target's passes, or parse, verify and print an IR (.ir) or kernel-IR (.kir) file",
    )
    .argument("[file]", "a spec (.weft, .yaml), an IR text file (.ir) or a kernel-IR file (.kir)")
    .option("-g, --graph <name>", "print only this graph (or its program, with --kernel)")
    .option("--no-verify", "print without running the verifier")
    .option("-O, --opt <level>", "run the pipeline of this optimization level: 0, 1 or 2", "0")
    .option("--target <target>", "the backend whose pipeline runs", BACKENDS[0].name)
    .option("--kernel", "run the whole pipeline and print the kernel IR")
    .option("--print-after <pass>", "print what this pass produced too")
    .option("--print-after-all", "print what every pass produced")
    .option("--verify-each", "run the verifier after every pass")
    .option("--time", "print each pass's time")
    .option("--list-passes", "list the passes: name, level, summary")
    .action((file: string | undefined, options: IrOptions) =>
      run(() => {
        if (options.listPasses) {
          const width = Math.max(...PASSES.map((p) => p.name.length));
          for (const p of PASSES)
            io.stdout(`${p.name.padEnd(width)}  ${p.level.padEnd(6)}  ${p.summary}\n`);
          return;
        }
        if (file === undefined) throw new UserError("weft ir needs a file (or --list-passes)");
        if (/\.kir$/i.test(file)) return kernelFile(file, io, options.verify);
        const level = Number(options.opt);
        if (![0, 1, 2].includes(level))
          throw new UserError(`-O takes 0, 1 or 2, not '${options.opt}'`);
        const backend = findBackend(options.target);
        if (!backend)
          throw new UserError(
            `unknown target '${options.target}' (targets: ${BACKENDS.map((b) => b.name).join(", ")})`,
          );
        const full = backend.pipelines[level as OptLevel];
        if (options.printAfter !== undefined) {
          if (!findPass(options.printAfter))
            throw new UserError(
              `no pass '${options.printAfter}' (passes: ${PASSES.map((p) => p.name).join(", ")})`,
            );
          if (!full.some((s) => s.pass === options.printAfter)) {
            const levels = ([0, 1, 2] as const).filter((l) =>
              backend.pipelines[l].some((s) => s.pass === options.printAfter),
            );
            throw new UserError(
              `${options.printAfter} does not run at -O${level} for target ${backend.name}; ` +
                `it runs at ${levels.map((l) => `-O${l}`).join(", ")}`,
            );
          }
        }
        // The kernel passes run when something of theirs is asked for.
        const kernelAsked =
          options.kernel ||
          options.time ||
          options.printAfterAll ||
          (options.printAfter !== undefined && findPass(options.printAfter)!.level === "kernel");
        const pipeline = kernelAsked ? full : graphPipeline(backend, level as OptLevel);
        const { compilation, source } = loadCompilation(file);
        const { module } = compilation;
        if (options.graph !== undefined && !module.graphs.has(options.graph)) {
          const names = [...module.graphs.keys()].join(", ") || "none";
          throw new UserError(`${file} has no graph '${options.graph}' (graphs: ${names})`);
        }
        // The input is verified as written, before any pass re-types or rewrites it.
        const written = options.verify ? verifyModule(module) : [];
        if (written.length) throw new SourceDiagnostics(new DiagnosticError(written), source);
        let reports;
        try {
          reports = runPipeline(compilation, pipeline, {
            verifyEach: options.verifyEach,
            printAfter: (pass) => options.printAfterAll === true || options.printAfter === pass,
            graph: options.graph,
            print: (pass, text) => io.stdout(`// after ${pass}\n${text}\n`),
          });
        } catch (e) {
          throw e instanceof DiagnosticError ? new SourceDiagnostics(e, source) : e;
        }
        if (options.time)
          for (const r of reports) io.stderr(`time ${r.pass} ${r.ms.toFixed(1)} ms\n`);
        const problems = options.verify ? verifyModule(module) : [];
        if (problems.length) throw new SourceDiagnostics(new DiagnosticError(problems), source);
        if (options.kernel) {
          const programs = compilation.programs!.filter(
            (p) => options.graph === undefined || p.name === options.graph,
          );
          const wrong = options.verify ? programs.flatMap(verifyProgram) : [];
          if (wrong.length) throw new DiagnosticError(wrong);
          return io.stdout(printPrograms(programs));
        }
        if (options.graph === undefined) return io.stdout(printModule(module));
        io.stdout(printGraph(module.graph(options.graph)) + "\n");
      }),
    );
}
