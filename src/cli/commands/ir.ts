/** `weft ir FILE`: a spec's IR, or an IR file parsed, verified and printed in canonical form. */
import type { Command } from "commander";
import type { Module } from "../../ir/graph.js";
import { parseModule } from "../../ir/parser.js";
import { printGraph, printModule } from "../../ir/printer.js";
import { verifyModule } from "../../ir/verifier.js";
import { DiagnosticError } from "../../parser/diagnostics.js";
import { syntaxOf } from "../../parser/index.js";
import { SourceDiagnostics, UserError, type CliIO } from "../errors.js";
import { readSource } from "../files.js";
import { buildLoaded } from "./check.js";
import { loadSpec } from "./spec.js";
import { PASSES, pipeline, runPipeline, type OptLevel } from "../../passes/manager.js";
import { lowerGraph, OPTIMIZED } from "../../backends/lower.js";
import { planMemory, printMemoryPlan } from "../../backends/memory.js";
import { printSchedule } from "../../backends/kernel.js";

/** Not graph rewrites but the fused lowering and the memory plan at -O2: printing after them shows the kernel groups and the buffers. */
const FUSE = "fuse";
const PLAN = "plan";

/** The module a file holds: a spec built to IR (forward, and train_step if it trains), or IR text parsed. */
function loadModule(file: string): { module: Module; source: string } {
  if (syntaxOf(file)) {
    const { spec, source } = loadSpec(file);
    return { module: buildLoaded(spec, source, true).module, source };
  }
  const source = readSource(file);
  try {
    return { module: parseModule(source, file), source };
  } catch (e) {
    throw e instanceof DiagnosticError ? new SourceDiagnostics(e, source) : e;
  }
}

export function registerIrCommand(
  program: Command,
  io: CliIO,
  run: (action: () => void) => void,
): void {
  program
    .command("ir")
    .description("print the IR of a spec, or parse, verify and print an IR file in canonical form")
    .argument("<file>", "a spec (.weft, .yaml) or an IR text file (.ir)")
    .option("-g, --graph <name>", "print only this graph")
    .option("--no-verify", "print without running the verifier")
    .option(
      "-O, --opt <level>",
      "run the pass pipeline of this optimization level first: 0, 1 or 2",
      "0",
    )
    .option("--print-after <pass>", "print the IR after this pass too")
    .option("--print-after-all", "print the IR after every pass")
    .option("--verify-each", "run the verifier after every pass")
    .option("--time", "print each pass's time")
    .action(
      (
        file: string,
        options: {
          graph?: string;
          verify: boolean;
          opt: string;
          printAfter?: string;
          printAfterAll?: boolean;
          verifyEach?: boolean;
          time?: boolean;
        },
      ) =>
        run(() => {
          const { module, source } = loadModule(file);
          const level = Number(options.opt);
          if (![0, 1, 2].includes(level))
            throw new UserError(`-O takes 0, 1 or 2, not '${options.opt}'`);
          const passes = pipeline(level as OptLevel);
          const names = [...PASSES.map((p) => p.name), FUSE, PLAN];
          if (options.printAfter && !names.includes(options.printAfter))
            throw new UserError(`no pass '${options.printAfter}' (passes: ${names.join(", ")})`);
          if ((options.printAfter === FUSE || options.printAfter === PLAN) && level < 2)
            throw new UserError(`${options.printAfter} runs at -O2 only; add -O2`);
          const reports = runPipeline(module, passes, {
            verifyEach: options.verifyEach,
            printAfter: (pass) => options.printAfterAll === true || options.printAfter === pass,
            print: (pass, text) => io.stdout(`// after ${pass}\n${text}\n`),
          });
          if (options.time)
            for (const r of reports) io.stderr(`time ${r.pass} ${r.ms.toFixed(1)} ms\n`);
          const problems = options.verify ? verifyModule(module) : [];
          if (problems.length) throw new SourceDiagnostics(new DiagnosticError(problems), source);
          const after = (stage: string) =>
            level === 2 && (options.printAfterAll === true || options.printAfter === stage);
          if (after(FUSE) || after(PLAN)) {
            const programs = (
              options.graph === undefined ? [...module.graphs.keys()] : [options.graph]
            )
              .filter((g) => module.graphs.has(g))
              .map((g) => lowerGraph(module, g, OPTIMIZED));
            if (after(FUSE))
              io.stdout(`// after ${FUSE}\n${programs.map(printSchedule).join("\n\n")}\n\n`);
            if (after(PLAN)) {
              const plans = programs.map((p) => printMemoryPlan(p, planMemory(p)));
              io.stdout(`// after ${PLAN}\n${plans.join("\n\n")}\n\n`);
            }
          }
          if (options.graph === undefined) return io.stdout(printModule(module));
          const graph = module.graphs.get(options.graph);
          if (!graph) {
            const names = [...module.graphs.keys()].join(", ") || "none";
            throw new UserError(`${file} has no graph '${options.graph}' (graphs: ${names})`);
          }
          io.stdout(printGraph(graph) + "\n");
        }),
    );
}
