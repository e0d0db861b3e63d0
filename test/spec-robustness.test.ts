/**
 * Bad input gets a clear error, never a crash: mangled copies of the example
 * specs either parse or fail with diagnostics that point into the file.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DiagnosticError } from "../src/core/diagnostics.js";
import { parseSpec } from "../src/parser/index.js";
import { EXAMPLE_MODELS } from "./helpers/examples.js";

const examples = EXAMPLE_MODELS.flatMap((name) =>
  readdirSync(join("examples", name)).map((f) => join("examples", name, f)),
).filter((f) => /\.(weft|yaml)$/.test(f));

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
  "x",
  "dense",
  "output",
  "- ",
  "\n",
  "  ",
  "1.5",
  '"s"',
  "#",
  "repeat 2",
];

/** Deletes a span, inserts a fragment, or duplicates a line, at generated positions. */
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant("delete" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.constantFrom(...fragments),
  }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat(), length: fc.constant(0) }),
);

function mutate(
  text: string,
  m: { kind: string; at: number; length?: number; text?: string },
): string {
  const at = m.at % (text.length + 1);
  if (m.kind === "delete") return text.slice(0, at) + text.slice(at + (m.length ?? 1));
  if (m.kind === "insert") return text.slice(0, at) + m.text + text.slice(at);
  const lines = text.split("\n");
  const i = m.at % lines.length;
  return [...lines.slice(0, i + 1), lines[i], ...lines.slice(i + 1)].join("\n");
}

describe("spec parsing never crashes", () => {
  for (const file of examples) {
    it(`on mangled copies of ${file}`, () => {
      const source = readFileSync(file, "utf8");
      const lineCount = source.split("\n").length + 1;
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
          const text = mutations.reduce((t, m) => mutate(t, m), source);
          try {
            parseSpec(text, file);
          } catch (e) {
            expect(e).toBeInstanceOf(DiagnosticError);
            for (const d of (e as DiagnosticError).diagnostics) {
              expect(d.span?.file).toBe(file);
              expect(d.span!.line).toBeGreaterThanOrEqual(1);
              expect(d.span!.line).toBeLessThanOrEqual(lineCount + 3);
              expect(d.message.length).toBeGreaterThan(5);
            }
          }
        }),
        { numRuns: 150 },
      );
    });
  }
});
