/** The `weft` command line: one subcommand per job, each with --help. */
import { VERSION } from "./version.js";
import { Command, CommanderError } from "commander";
import { processIO, withErrorHandling, EXIT_OK, EXIT_USER_ERROR, type CliIO } from "./errors.js";
import { registerCheckCommand } from "./commands/check.js";
import { registerCompileCommand } from "./commands/compile.js";
import { registerIrCommand } from "./commands/ir.js";
import { registerSpecCommands } from "./commands/spec.js";
import { registerTrainCommand } from "./commands/train.js";
import { registerExportCommand } from "./commands/export.js";
import { registerGraphCommand } from "./commands/graph.js";
import { registerImportCommand } from "./commands/import.js";
import {
  registerEvalCommand,
  registerPredictCommand,
  registerSampleCommand,
} from "./commands/predict.js";

export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  let action: (() => Promise<void> | void) | undefined;
  const program = new Command("weft")
    .description(
      "Weft compiles neural-network specs into self-contained training and inference packages.",
    )
    .version(VERSION, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help for a command")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(`weft: ${text}`),
    });
  const run = (fn: () => Promise<void> | void) => (action = fn);
  registerCheckCommand(program, io, run);
  registerCompileCommand(program, io, run);
  registerSpecCommands(program, io, run);
  registerIrCommand(program, io, run);
  registerTrainCommand(program, io, run);
  registerPredictCommand(program, io, run);
  registerEvalCommand(program, io, run);
  registerSampleCommand(program, io, run);
  registerExportCommand(program, io, run);
  registerGraphCommand(program, io, run);
  registerImportCommand(program, io, run);

  try {
    program.parse(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_USER_ERROR;
    throw e;
  }
  // Without a command commander prints the help to stderr and exits 1 above, as git does.
  return action ? withErrorHandling(io, action) : EXIT_OK;
}
