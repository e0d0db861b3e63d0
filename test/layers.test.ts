/**
 * Every layer kind against PyTorch: each fixture (made by
 * test/fixtures/torch/generate.py) holds a spec, PyTorch's weights under
 * Weft's parameter names, inputs and PyTorch's outputs. The layer library
 * builds the spec, the interpreter runs it, and the numbers must agree: 1e-5
 * relative in float64, 1e-4 in float32.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildModel } from "../src/layers/build.js";
import { LAYERS } from "../src/layers/index.js";
import { interpret } from "../src/ir/interpreter.js";
import { Tensor } from "../src/ir/tensor.js";
import { verifyModule } from "../src/ir/verifier.js";
import { parseSpec } from "../src/parser/index.js";
import { expectClose } from "./helpers/tensors.js";
import { expectGolden } from "./helpers/golden.js";
import { DiagnosticError, formatDiagnostic } from "../src/core/diagnostics.js";
import { printModule } from "../src/ir/printer.js";
import { inferShapes } from "../src/passes/shape-inference.js";
import { buildTraining } from "../src/training/train-step.js";
import { EXAMPLE_MODELS } from "./helpers/examples.js";

interface TensorJson {
  dtype: "f32" | "i32";
  shape: number[];
  data: number[];
}
interface Fixture {
  spec: string;
  params: Record<string, TensorJson>;
  runs: { inputs: Record<string, TensorJson>; outputs: Record<string, TensorJson> }[];
}

const DIR = "test/fixtures/torch";
const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .map((f) => ({
    name: f.replace(/\.json$/, ""),
    fixture: JSON.parse(readFileSync(join(DIR, f), "utf8")) as Fixture,
  }));

const tensor = (t: TensorJson) => Tensor.of(t.dtype, t.shape, t.data, "f64");
const tensors = (ts: Record<string, TensorJson>) =>
  Object.fromEntries(Object.entries(ts).map(([k, t]) => [k, tensor(t)]));

describe("layers against PyTorch", () => {
  it("cover every layer kind", () => {
    const used = new Set(
      fixtures.flatMap(({ fixture }) => [...fixture.spec.matchAll(/(\w+)\(/g)].map((m) => m[1])),
    );
    expect([...LAYERS.keys()].filter((kind) => !used.has(kind))).toEqual([]);
  });

  for (const { name, fixture } of fixtures) {
    it(name, () => {
      const { module } = buildModel(parseSpec(fixture.spec, `${name}.weft`));
      expect(verifyModule(module)).toEqual([]);
      expect(Object.keys(fixture.params).sort()).toEqual([...module.params.keys()].sort());
      const params = tensors(fixture.params);
      for (const run of fixture.runs) {
        for (const [precision, tol] of [
          ["f64", { rtol: 1e-5, atol: 1e-7 }],
          ["f32", { rtol: 1e-4, atol: 1e-6 }],
        ] as const) {
          const { outputs } = interpret(
            module,
            "forward",
            { inputs: tensors(run.inputs), params },
            { precision },
          );
          for (const [output, want] of Object.entries(run.outputs)) {
            expectClose(
              outputs[output],
              tensor(want),
              tol,
              `${precision} ${output} at ${JSON.stringify(run.inputs.x?.shape ?? "")}`,
            );
          }
        }
      }
    });
  }
});

describe("shape errors", () => {
  const GOLDEN = "test/golden/shape";
  const cases = readdirSync(GOLDEN).filter((f) => /\.(weft|yaml)$/.test(f));

  it("has at least 10 cases", () => expect(cases.length).toBeGreaterThanOrEqual(10));

  for (const file of cases.map((f) => join(GOLDEN, f))) {
    it(`reports ${file}`, () => {
      const text = readFileSync(file, "utf8");
      let output = "";
      try {
        buildModel(parseSpec(text, file));
      } catch (e) {
        if (!(e instanceof DiagnosticError)) throw e;
        output = e.diagnostics.map((d) => formatDiagnostic(d, text)).join("\n\n") + "\n";
      }
      expect(output).toMatch(/^\S+:\d+:\d+: error: /);
      expectGolden(`${file}.err`, output);
    });
  }
});

describe("the examples' IR", () => {
  const examples = EXAMPLE_MODELS;
  for (const example of examples) {
    it(`${example}, after shape inference`, () => {
      const { module } = buildModel(
        parseSpec(readFileSync(`examples/${example}/model.weft`, "utf8"), "model.weft"),
      );
      expect(verifyModule(module)).toEqual([]);
      const printed = printModule(module);
      expect(inferShapes(module)).toEqual([]);
      expect(printModule(module)).toBe(printed);
      expectGolden(`test/golden/ir/${example}.ir`, printed);
    });
  }

  it("text-classifier's train_step", () => {
    const spec = parseSpec(
      readFileSync("examples/text-classifier/model.weft", "utf8"),
      "model.weft",
    );
    const { module } = buildTraining(spec);
    expect(verifyModule(module)).toEqual([]);
    expectGolden("test/golden/ir/text-classifier.train.ir", printModule(module));
  });
});

describe("docs/layers.md", () => {
  it("lists every layer kind", () => {
    const doc = readFileSync("docs/layers.md", "utf8");
    const listed = new Set([...doc.matchAll(/^\| `(\w+)` +\|/gm)].map((m) => m[1]));
    expect([...LAYERS.keys()].filter((k) => !listed.has(k))).toEqual([]);
  });
});
