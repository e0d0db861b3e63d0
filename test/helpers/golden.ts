/**
 * Golden files: compare what the compiler prints with a committed file, with
 * a diff on mismatch. `UPDATE_GOLDEN=1 npm test` rewrites them instead.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { expect } from "vitest";

export const UPDATING = process.env.UPDATE_GOLDEN === "1";

export function expectGolden(file: string, actual: string): void {
  if (UPDATING) {
    writeFileSync(file, actual);
    return;
  }
  expect(actual, `${file} differs from what was printed (UPDATE_GOLDEN=1 rewrites it)`).toBe(
    readFileSync(file, "utf8"),
  );
}
