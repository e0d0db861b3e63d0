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
    .action((file: string, options: { graph?: string; verify: boolean }) =>
      run(() => {
        const { module, source } = loadModule(file);
        const problems = options.verify ? verifyModule(module) : [];
        if (problems.length) throw new SourceDiagnostics(new DiagnosticError(problems), source);
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
