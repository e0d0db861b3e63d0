/** Bad IR text gets diagnostics, never a crash: mangled copies of the golden files. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseModule } from "../../src/ir/parser.js";
import { verifyModule } from "../../src/ir/verifier.js";
import { DiagnosticError } from "../../src/core/diagnostics.js";

const files = ["test/golden/ir-text", "examples/ir"].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".ir"))
    .map((f) => join(dir, f)),
);
const fragments = [
  "(",
  ")",
  "{",
  "}",
  "[",
  "]",
  ":",
  ",",
  "=",
  "%x",
  "@w",
  "f32",
  "i32[",
  "batch*",
  "\n",
  "-1",
  "scan",
  "yield",
];

describe("IR parsing never crashes", () => {
  for (const file of files) {
    it(`on mangled copies of ${file}`, () => {
      const source = readFileSync(file, "utf8");
      fc.assert(
        fc.property(
          fc.array(
            fc.record({
              at: fc.nat(),
              cut: fc.integer({ min: 0, max: 10 }),
              text: fc.constantFrom("", ...fragments),
            }),
            {
              minLength: 1,
              maxLength: 3,
            },
          ),
          (edits) => {
            const text = edits.reduce((t, e) => {
              const at = e.at % (t.length + 1);
              return t.slice(0, at) + e.text + t.slice(at + e.cut);
            }, source);
            try {
              const module = parseModule(text, file);
              for (const d of verifyModule(module)) expect(d.message.length).toBeGreaterThan(5);
            } catch (e) {
              expect(e).toBeInstanceOf(DiagnosticError);
              for (const d of (e as DiagnosticError).diagnostics) expect(d.span?.file).toBe(file);
            }
          },
        ),
        { numRuns: 150 },
      );
    });
  }
});
