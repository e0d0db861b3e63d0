/**
 * How the CLI ends: 0 on success; 1 on a user error, printed as
 * `weft: error: ...` or as diagnostics with code frames, never a stack; 2 on an
 * internal error, printed with its stack and a request to report it.
 */
import { DiagnosticError, formatDiagnostic } from "../core/diagnostics.js";
import { DataError } from "../data/records.js";

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** A mistake of the user's: a missing file, a bad flag value. (DataError, bad data, ends the same way.) */
export class UserError extends Error {}

/** Diagnostics about one source file, printed with code frames from its text. */
export class SourceDiagnostics extends Error {
  constructor(
    readonly error: DiagnosticError,
    readonly source: string,
  ) {
    super(error.message);
  }
}

/** A flag's integer of at least `min` (by default 1), or a UserError naming the flag; undefined stays. */
export function integerFlag(value: string | undefined, flag: string, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UserError(`${flag} takes an integer of at least ${min}, not '${value}'`);
  return n;
}

export const EXIT_OK = 0;
export const EXIT_USER_ERROR = 1;
export const EXIT_INTERNAL_ERROR = 2;

export async function withErrorHandling(
  io: CliIO,
  action: () => Promise<void> | void,
): Promise<number> {
  try {
    await action();
    return EXIT_OK;
  } catch (e) {
    if (e instanceof SourceDiagnostics) {
      const { diagnostics } = e.error;
      io.stderr(diagnostics.map((d) => formatDiagnostic(d, e.source)).join("\n\n") + "\n");
      const errors = diagnostics.filter((d) => d.severity === "error").length;
      io.stderr(`${errors} error${errors === 1 ? "" : "s"}\n`);
      return EXIT_USER_ERROR;
    }
    if (e instanceof UserError || e instanceof DataError) {
      io.stderr(`weft: error: ${e.message}\n`);
      return EXIT_USER_ERROR;
    }
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    io.stderr(
      `weft: internal error: ${detail}\n\n` +
        "This is a bug in weft. Please report it with the command you ran and the files it read.\n",
    );
    return EXIT_INTERNAL_ERROR;
  }
}
