import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
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

/** A package's files written under `out`; their paths and sizes in bytes. */
export function writePackageFiles(
  out: string,
  files: readonly { path: string; contents: string | Uint8Array }[],
): { path: string; bytes: number }[] {
  return files.map((f) => {
    const path = join(out, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.contents);
    return {
      path: f.path,
      bytes: typeof f.contents === "string" ? Buffer.byteLength(f.contents) : f.contents.length,
    };
  });
}

/** A spec file, or the model.weft (or model.yaml) of a folder. */
export function specFile(path: string): string {
  if (!existsSync(path) || !statSync(path).isDirectory()) return path;
  for (const name of ["model.weft", "model.yaml", "model.yml"])
    if (existsSync(join(path, name))) return join(path, name);
  throw new UserError(`${path}: the folder holds no model.weft or model.yaml`);
}
