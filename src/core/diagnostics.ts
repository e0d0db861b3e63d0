/**
 * Diagnostics are data: a code, a severity, a message and a source span. Every
 * front end (the .weft DSL, YAML, the IR text form) and the verifier report
 * through them; only the CLI turns them into text.
 */
import { codeFrameColumns } from "@babel/code-frame";

/** 1-based line and column; the end, when known, is inclusive of the last character. */
export interface SourceSpan {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly endLine?: number;
  readonly endCol?: number;
}

export type Severity = "error" | "warning";

export interface Diagnostic {
  /** Stable and greppable, e.g. `ir-syntax`, `verify-dominance`. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span?: SourceSpan;
}

export function error(code: string, message: string, span?: SourceSpan): Diagnostic {
  return { code, severity: "error", message, span };
}

/** A problem at a place in a source, thrown where it is found and collected as a diagnostic. */
export class SourceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly span: SourceSpan,
  ) {
    super(message);
  }
}

export function failAt(code: string, message: string, span: SourceSpan): never {
  throw new SourceError(code, message, span);
}

/**
 * Runs `fn`; a SourceError it throws becomes a diagnostic in `into` (unless
 * it is `silent`: already reported) and undefined is returned, so that one run
 * goes on to report every problem.
 */
export function collect<T>(
  into: Diagnostic[],
  fn: () => T,
  silent?: (e: SourceError) => boolean,
): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof SourceError)) throw e;
    if (!silent?.(e)) into.push(error(e.code, e.message, e.span));
    return undefined;
  }
}

/** Raised with every diagnostic of a run that cannot go on. */
export class DiagnosticError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => formatDiagnostic(d)).join("\n"));
  }
}

/** `file:line:col: error: message`, then a code frame when the source text is at hand. */
export function formatDiagnostic(d: Diagnostic, source?: string): string {
  const where = d.span ? `${d.span.file}:${d.span.line}:${d.span.col}: ` : "";
  const head = `${where}${d.severity}: ${d.message}`;
  if (!d.span || source === undefined) return head;
  const { line, col, endLine, endCol } = d.span;
  const end =
    endLine !== undefined && endCol !== undefined
      ? { line: endLine, column: endCol + 1 }
      : undefined;
  const frame = codeFrameColumns(
    source,
    { start: { line, column: col }, end },
    { highlightCode: false },
  );
  return `${head}\n${frame}`;
}
