/**
 * Data sources as streams of records: JSON Lines and CSV read line by line
 * (csv-parse), a text corpus in chunks, a JavaScript module's iterable as
 * it yields. Each record comes with where it was read (`file:line`), for
 * errors that point at the data. Nothing here holds a whole file.
 */
import { createReadStream, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "csv-parse";

export type DataRecord = Readonly<Record<string, unknown>>;

export interface Located {
  readonly record: DataRecord;
  /** `file:line` (or `file: record N` for a module). */
  readonly where: string;
}

/** A problem with the data: the CLI prints it as `where: error: message`, no stack. */
export class DataError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
    this.name = "DataError";
  }
}

export interface SourceDecl {
  readonly kind: "jsonl" | "csv" | "text" | "module" | "tensors";
  readonly path: string;
  readonly delimiter?: string;
}

/** The source a file name suggests: by its extension. */
export function sourceForFile(path: string): SourceDecl {
  const ext = path.toLowerCase().split(".").pop();
  const kind =
    ext === "jsonl" || ext === "ndjson"
      ? "jsonl"
      : ext === "csv" || ext === "tsv"
        ? "csv"
        : ext === "mjs" || ext === "js"
          ? "module"
          : ext === "txt"
            ? "text"
            : ext === "safetensors" || isFolder(path)
              ? "tensors"
              : undefined;
  if (!kind)
    throw new DataError(
      path,
      "unknown kind of data file: .jsonl, .csv, .tsv, .txt (a text corpus), .mjs (a module), .safetensors or a folder of .npy files",
    );
  return { kind, path, ...(ext === "tsv" ? { delimiter: "\t" } : {}) };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The records of a record source (not a text corpus), in file order. */
export async function* readRecords(source: SourceDecl): AsyncGenerator<Located> {
  const file = source.path;
  if (source.kind === "jsonl") {
    let line = 0;
    for await (const text of lines(file)) {
      line++;
      if (text.trim() === "") continue;
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch (e) {
        throw new DataError(`${file}:${line}`, `not JSON: ${(e as Error).message}`);
      }
      if (typeof record !== "object" || record === null || Array.isArray(record))
        throw new DataError(`${file}:${line}`, "a line must be a JSON object of fields");
      yield { record: record as DataRecord, where: `${file}:${line}` };
    }
    return;
  }
  if (source.kind === "csv") {
    const parser = opened(file).pipe(
      parse({
        columns: true,
        delimiter: source.delimiter ?? ",",
        bom: true,
        skip_empty_lines: true,
        info: true,
        cast: (value, context) =>
          context.header || value.trim() === "" || !Number.isFinite(Number(value))
            ? value
            : Number(value),
      }),
    );
    try {
      for await (const { record, info } of parser as AsyncIterable<{
        record: DataRecord;
        info: { lines: number };
      }>)
        yield { record, where: `${file}:${info.lines}` };
    } catch (e) {
      const lineOf = (e as { lines?: number }).lines;
      throw new DataError(lineOf ? `${file}:${lineOf}` : file, (e as Error).message);
    }
    return;
  }
  if (source.kind === "module") {
    let n = 0;
    for await (const record of await moduleIterable(file)) {
      n++;
      if (typeof record !== "object" || record === null || Array.isArray(record))
        throw new DataError(`${file}: record ${n}`, "a record must be an object of fields");
      yield { record: record as DataRecord, where: `${file}: record ${n}` };
    }
    return;
  }
  throw new DataError(file, "a text corpus has no records");
}

/**
 * A text corpus in chunks as it is read: a text file, or a JavaScript
 * module whose default export is an iterable (or async iterable) of strings,
 * or a function returning one (called afresh for each pass).
 */
export async function* readText(file: string): AsyncGenerator<string> {
  if (/\.m?js$/i.test(file)) {
    let n = 0;
    for await (const chunk of await moduleIterable(file)) {
      n++;
      if (typeof chunk !== "string")
        throw new DataError(`${file}: piece ${n}`, "a text corpus module must yield strings");
      yield chunk;
    }
    return;
  }
  for await (const chunk of opened(file).setEncoding("utf8")) yield chunk as string;
}

/** A module's default export as an iterable: itself, or what calling it returns. */
async function moduleIterable(file: string): Promise<AsyncIterable<unknown>> {
  let exported: unknown;
  try {
    exported = (await import(pathToFileURL(resolve(file)).href)).default;
  } catch (e) {
    throw new DataError(file, `the module did not load: ${(e as Error).message}`);
  }
  const iterable = typeof exported === "function" ? await exported() : exported;
  if (
    !iterable ||
    typeof iterable !== "object" ||
    !(Symbol.iterator in iterable || Symbol.asyncIterator in iterable)
  )
    throw new DataError(
      file,
      "the module's default export must be an iterable, or a function returning one",
    );
  return iterable as AsyncIterable<unknown>;
}

/** A stream of the file, once it is known to be a readable file (a stream's own errors would come late). */
function opened(file: string) {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error("not a file");
    size = stat.size;
  } catch (e) {
    throw new DataError(file, `cannot read the data: ${(e as Error).message}`);
  }
  if (size === 0) throw new DataError(file, "the data file is empty");
  return createReadStream(file);
}

function lines(file: string): AsyncIterable<string> {
  return createInterface({ input: opened(file).setEncoding("utf8"), crlfDelay: Infinity });
}
