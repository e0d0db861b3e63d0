import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { UserError } from "./errors.js";

/** A source file's text, or a UserError saying why it cannot be read. */
export function readSource(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a directory"
          : (e as Error).message;
    throw new UserError(`cannot read ${file}: ${why}`);
  }
}

/** The file weft leaves in every folder it writes: what lets it write there again without --force. */
export const MARKER = ".weft";

/** A file-system error as a user error naming the path. */
function fileError(e: unknown, path: string): never {
  if ((e as NodeJS.ErrnoException).code)
    throw new UserError(`cannot write ${path}: ${(e as Error).message}`);
  throw e;
}

/** Writes a file, a file-system error being a user error that names it. */
export function writeFile(path: string, contents: string | Uint8Array): void {
  try {
    writeFileSync(path, contents);
  } catch (e) {
    fileError(e, path);
  }
}

/**
 * May weft write into `out`? A folder that does not exist, is empty, or holds
 * weft's marker (it wrote there before) may be written; a file, or a folder
 * of someone else's files (an app's package.json, say), only with --force.
 */
function claimFolder(out: string, force: boolean): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new UserError(`--out ${out}: it is a file, not a folder`);
  const entries = readdirSync(out).sort();
  if (force || !entries.length || entries.includes(MARKER)) return;
  const shown = entries.slice(0, 3).join(", ") + (entries.length > 3 ? ", …" : "");
  throw new UserError(
    `--out ${out}: the folder holds files weft did not write (${shown}); choose another folder, or pass --force to write over them`,
  );
}

/**
 * A package's (or an export's) files written under `out`, with weft's
 * marker; their paths and sizes in bytes. They are written to a temporary
 * folder beside `out` first and moved into place only when all are written,
 * so a failure part way (a full disk) leaves what `out` held as it was.
 */
export function writePackageFiles(
  out: string,
  files: readonly { path: string; contents: string | Uint8Array }[],
  force = false,
): { path: string; bytes: number }[] {
  claimFolder(out, force);
  const parent = dirname(resolve(out));
  let staging: string;
  try {
    mkdirSync(parent, { recursive: true });
    staging = mkdtempSync(join(parent, ".weft-staging-"));
  } catch (e) {
    fileError(e, out);
  }
  try {
    const all = [...files, { path: MARKER, contents: `written by weft: ${out}\n` }];
    for (const f of all) {
      const path = join(staging, f.path);
      try {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, f.contents);
      } catch (e) {
        fileError(e, join(out, f.path));
      }
    }
    for (const f of all) {
      const path = join(out, f.path);
      try {
        mkdirSync(dirname(path), { recursive: true });
        renameSync(join(staging, f.path), path);
      } catch (e) {
        fileError(e, path);
      }
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return files.map((f) => ({
    path: f.path,
    bytes: typeof f.contents === "string" ? Buffer.byteLength(f.contents) : f.contents.length,
  }));
}

/** A spec file, or the model.weft (or model.yaml) of a folder. */
export function specFile(path: string): string {
  if (!existsSync(path) || !statSync(path).isDirectory()) return path;
  for (const name of ["model.weft", "model.yaml", "model.yml"])
    if (existsSync(join(path, name))) return join(path, name);
  throw new UserError(`${path}: the folder holds no model.weft or model.yaml`);
}
