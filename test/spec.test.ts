/**
 * The spec language end to end: golden Spec AST dumps and golden error
 * output, the reference model alike in both syntaxes, and `weft fmt` /
 * `weft convert` on every example.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dumpSpec } from "../src/spec/ast.js";
import { DiagnosticError, formatDiagnostic } from "../src/core/diagnostics.js";
import { formatWeft } from "../src/parser/format.js";
import { parseSpec } from "../src/parser/index.js";
import { formatYaml } from "../src/parser/to-yaml.js";
import { expectGolden } from "./helpers/golden.js";
import { EXAMPLE_MODELS } from "./helpers/examples.js";

const GOLDEN = "test/golden/spec";
const specFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.(weft|ya?ml)$/.test(f))
    .map((f) => join(dir, f));
const examples = EXAMPLE_MODELS.flatMap((name) => specFiles(join("examples", name)));

const load = (file: string) => parseSpec(readFileSync(file, "utf8"), file);
const noSpans = (file: string) => dumpSpec(load(file), { spans: false });

/** The diagnostics as `weft` prints them, or a failure if the spec parses. */
function errorOutput(file: string): string {
  const text = readFileSync(file, "utf8");
  try {
    parseSpec(text, file);
  } catch (e) {
    if (e instanceof DiagnosticError)
      return e.diagnostics.map((d) => formatDiagnostic(d, text)).join("\n\n") + "\n";
    throw e;
  }
  throw new Error(`${file} parsed without errors`);
}

describe("spec goldens", () => {
  for (const file of specFiles(`${GOLDEN}/ok`)) {
    it(`parses ${file}`, () => expectGolden(`${file}.json`, dumpSpec(load(file))));
  }

  const errorCases = specFiles(`${GOLDEN}/errors`);
  it("has at least 25 bad specs, in both syntaxes", () => {
    expect(errorCases.length).toBeGreaterThanOrEqual(25);
    expect(errorCases.filter((f) => f.endsWith(".yaml")).length).toBeGreaterThanOrEqual(8);
  });
  for (const file of errorCases) {
    it(`rejects ${file}`, () => {
      const output = errorOutput(file);
      expect(output).toMatch(/^\S+:\d+:\d+: error: /);
      expect(output).not.toMatch(/\n\s+at /);
      expectGolden(`${file}.err`, output);
    });
  }
});

describe("the reference model", () => {
  it("parses to equal Spec ASTs from .weft and YAML", () => {
    expect(noSpans("examples/text-classifier/model.yaml")).toBe(
      noSpans("examples/text-classifier/model.weft"),
    );
  });
});

describe("weft fmt and weft convert", () => {
  it("cover every example in both syntaxes", () => {
    expect(examples.filter((f) => f.endsWith(".weft")).length).toBeGreaterThanOrEqual(4);
    for (const f of examples.filter((f) => f.endsWith(".weft")))
      expect(examples).toContain(f.replace(/\.weft$/, ".yaml"));
  });

  for (const file of [...examples, ...specFiles(`${GOLDEN}/ok`)]) {
    const format = file.endsWith(".weft") ? formatWeft : formatYaml;
    it(`fmt is idempotent on ${file}`, () => {
      const once = format(load(file));
      const twice = format(parseSpec(once, file));
      expect(twice).toBe(once);
    });
    if (file.startsWith("examples")) {
      it(`${file} is in canonical form`, () =>
        expect(format(load(file))).toBe(readFileSync(file, "utf8")));
    }
    it(`convert round-trips ${file} through the other syntax to an equal Spec AST`, () => {
      const spec = load(file);
      const yamlFirst = file.endsWith(".weft");
      const other = yamlFirst ? formatYaml(spec) : formatWeft(spec);
      const back = parseSpec(other, yamlFirst ? "converted.yaml" : "converted.weft");
      const again = yamlFirst ? formatWeft(back) : formatYaml(back);
      expect(dumpSpec(parseSpec(again, file), { spans: false })).toBe(
        dumpSpec(spec, { spans: false }),
      );
    });
  }

  it("the .weft and YAML forms of each example mean the same", () => {
    for (const f of examples.filter((f) => f.endsWith(".weft"))) {
      expect(noSpans(f.replace(/\.weft$/, ".yaml")), f).toBe(noSpans(f));
    }
  });
});

describe("docs/spec-language.md", () => {
  it("lists every layer kind, loss, optimizer and schedule", async () => {
    const { LAYERS } = await import("../src/layers/index.js");
    const { LOSSES, OPTIMIZERS, SCHEDULES } = await import("../src/training/index.js");
    const doc = readFileSync("docs/spec-language.md", "utf8");
    const listed = new Set([...doc.matchAll(/^\| `(\w+)` +\|/gm)].map((m) => m[1]));
    const all = [...LAYERS.keys(), ...LOSSES.keys(), ...OPTIMIZERS.keys(), ...SCHEDULES.keys()];
    expect(all.filter((k) => !listed.has(k))).toEqual([]);
  });
});
