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
  // A binary source (an ONNX file) has no lines: its diagnostics name the file, line 0.
  const where = !d.span
    ? ""
    : d.span.line
      ? `${d.span.file}:${d.span.line}:${d.span.col}: `
      : `${d.span.file}: `;
  const head = `${where}${d.severity}: ${d.message}`;
  if (!d.span || !d.span.line || source === undefined) return head;

  const { line, endLine, endCol } = d.span;
  // A long line is shown as the part around the column, so a frame stays a few lines of text.
  const lines = source.split("\n");
  const start = Math.max(0, d.span.col - 1 - FRAME_WIDTH / 2);
  const cut = (text: string) =>
    text.length <= FRAME_WIDTH
      ? text
      : `${start ? "…" : ""}${text.slice(start, start + FRAME_WIDTH)}…`;
  const shift = lines.some((l, i) => Math.abs(i + 1 - line) <= 2 && l.length > FRAME_WIDTH)
    ? start - (start ? 1 : 0)
    : 0;
  const shown = shift
    ? lines.map((l, i) => (Math.abs(i + 1 - line) <= 2 ? cut(l) : l)).join("\n")
    : source;
  const col = d.span.col - shift;
  const end =
    endLine !== undefined && endCol !== undefined
      ? { line: endLine, column: Math.min(endCol - shift, FRAME_WIDTH + 2) + 1 }
      : undefined;
  const frame = codeFrameColumns(
    shown,
    { start: { line, column: col }, end },
    { highlightCode: false },
  );
  return `${head}\n${frame}`;
}

/** The widest line a code frame shows whole. */
const FRAME_WIDTH = 120;
