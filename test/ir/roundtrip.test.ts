/**
 * The text form round-trips exactly: each golden IR file parses, verifies,
 * and prints back to its own bytes; printing a parsed module and parsing it
 * again gives the same text. Together the files use every registered op.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allOps } from "../../src/ir/registry.js";
import { parseModule } from "../../src/ir/parser.js";
import { printModule } from "../../src/ir/printer.js";
import { verifyModule } from "../../src/ir/verifier.js";
import { expectGolden } from "../helpers/golden.js";

const dirs = ["test/golden/ir-text", "examples/ir"];
const files = dirs.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".ir"))
    .map((f) => join(dir, f)),
);

describe("IR text round trip", () => {
  it("has golden files", () => expect(files.length).toBeGreaterThanOrEqual(4));

  for (const file of files) {
    it(file, () => {
      const text = readFileSync(file, "utf8");
      const module = parseModule(text, file);
      expect(verifyModule(module)).toEqual([]);
      const printed = printModule(module);
      expectGolden(file, printed);
      expect(printModule(parseModule(printed, file))).toBe(printed);
    });
  }

  it("the golden files use every registered op", () => {
    const used = new Set(
      files.flatMap((f) => [...readFileSync(f, "utf8").matchAll(/= (\w+)\(/g)].map((m) => m[1])),
    );
    expect(
      allOps()
        .map((op) => op.name)
        .filter((name) => !used.has(name)),
    ).toEqual([]);
  });
});
