import { readFileSync } from "node:fs";
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
