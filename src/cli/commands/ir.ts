/** `weft ir FILE.ir`: parse, verify and print an IR file in canonical form. */
import type { Command } from "commander";
import { parseModule } from "../../ir/parser.js";
import { printGraph, printModule } from "../../ir/printer.js";
import { verifyModule } from "../../ir/verifier.js";
import { DiagnosticError } from "../../parser/diagnostics.js";
import { SourceDiagnostics, UserError, type CliIO } from "../errors.js";
import { readSource } from "../files.js";

export function registerIrCommand(
  program: Command,
  io: CliIO,
  run: (action: () => void) => void,
): void {
  program
    .command("ir")
    .description("parse, verify and print an IR file in canonical form")
    .argument("<file>", "an IR text file (.ir)")
    .option("-g, --graph <name>", "print only this graph")
    .option("--no-verify", "print without running the verifier")
    .action((file: string, options: { graph?: string; verify: boolean }) =>
      run(() => {
        const source = readSource(file);
        try {
          const module = parseModule(source, file);
          const problems = options.verify ? verifyModule(module) : [];
          if (problems.length) throw new DiagnosticError(problems);
          if (options.graph === undefined) return io.stdout(printModule(module));
          const graph = module.graphs.get(options.graph);
          if (!graph) {
            const names = [...module.graphs.keys()].join(", ") || "none";
            throw new UserError(`${file} has no graph '${options.graph}' (graphs: ${names})`);
          }
          io.stdout(printGraph(graph) + "\n");
        } catch (e) {
          throw e instanceof DiagnosticError ? new SourceDiagnostics(e, source) : e;
        }
      }),
    );
}
