/**
 * `weft export --onnx`: every example and every PyTorch layer fixture
 * written as ONNX, run by onnxruntime-node, and (the examples) imported back.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as ort from "onnxruntime-node";
import { exportOnnx } from "../../src/export/onnx.js";
import { importOnnx } from "../../src/onnx/import.js";
import { parseSpec } from "../../src/parser/index.js";
import { buildModel } from "../../src/layers/build.js";
import { initialParams, initialWeightsFile } from "../../src/ir/initializers.js";
import { compileAndImport } from "../helpers/package.js";
import { EXAMPLE_MODELS } from "../helpers/examples.js";
import { run } from "../helpers/cli.js";
import {
  expectClose,
  ortInputs,
  typedInputs,
  weightsFile,
  HOST,
  type TensorJson,
} from "../helpers/onnx.js";

type Weights = Map<string, { shape: readonly number[]; data: Float32Array }>;
/** Inputs with their shapes, as a package takes inputs of symbolic dims other than the batch. */
const shaped = (inputs: Record<string, TensorJson>) =>
  Object.fromEntries(
    Object.entries(typedInputs(inputs)).map(([k, data]) => [k, { data, shape: inputs[k].shape }]),
  );

/** Deterministic inputs at batch 2 for a spec's inputs: token ids below 32, floats on a sine. */
function inputsOf(text: string, file: string): Record<string, TensorJson> {
  const spec = parseSpec(text, file);
  return Object.fromEntries(
    spec.model.inputs.map((input, i) => {
      const shape = input.type.shape.map((d) => (typeof d === "number" ? d : 2));
      const n = shape.reduce((a, b) => a * b, 1);
      const ints = input.type.dtype === "i32";
      const data = Array.from({ length: n }, (_, k) => (ints ? (k * 7 + i) % 32 : Math.sin(k + i)));
      return [input.name.text, { dtype: input.type.dtype, shape, data } as TensorJson];
    }),
  );
}

describe("weft export --onnx", () => {
  for (const example of EXAMPLE_MODELS)
    it(`${example}: onnxruntime gives Weft's outputs (1e-4), and the file imports back to a spec that predicts the same`, async () => {
      const file = join("examples", example, "model.weft");
      const text = readFileSync(file, "utf8");
      const spec = parseSpec(text, file);
      const { module } = buildModel(spec);
      const weights: Weights = new Map(
        Object.entries(initialParams(module, 5)).map(([n, t]) => [
          n,
          { shape: t.shape as number[], data: Float32Array.from(t.data) },
        ]),
      );
      const onnx = exportOnnx(spec, weights, "test");
      const model = (await compileAndImport(text, file, HOST)).createModel({
        weights: initialWeightsFile(module, 5),
      });
      const inputs = inputsOf(text, file);
      const want = model.predict(typedInputs(inputs));
      const session = await ort.InferenceSession.create(onnx);
      const got = await session.run(ortInputs(inputs, "int32"));
      for (const o of spec.model.outputs)
        expectClose(
          got[o.name.text].data as Float32Array,
          want[o.name.text],
          `${example} ${o.name.text} in onnxruntime`,
        );

      const imported = importOnnx(onnx, `${example}.onnx`);
      const back = (await compileAndImport(imported.spec, `${example}.weft`, HOST)).createModel({
        weights: weightsFile(imported.weights),
      });
      const again = back.predict(typedInputs(inputs));
      for (const o of spec.model.outputs)
        expectClose(
          again[o.name.text],
          want[o.name.text],
          `${example} ${o.name.text} imported back`,
        );
    }, 60_000);

  const LAYERS = "test/fixtures/torch";
  for (const file of readdirSync(LAYERS).filter((f) => f.endsWith(".json")))
    it(`the layers of ${file}: onnxruntime gives PyTorch's outputs, and so does the file imported back`, async () => {
      const fx = JSON.parse(readFileSync(join(LAYERS, file), "utf8"));
      const spec = parseSpec(fx.spec, file);
      const weights: Weights = new Map(
        Object.entries(fx.params as Record<string, TensorJson>).map(([n, t]) => [
          n,
          { shape: t.shape, data: Float32Array.from(t.data) },
        ]),
      );
      const onnx = exportOnnx(spec, weights, "test");
      const session = await ort.InferenceSession.create(onnx);
      const imported = importOnnx(onnx, `${file}.onnx`);
      // Weft's names are PyTorch's, and survive the round trip.
      expect(imported.weights.map((w) => w.name).sort()).toEqual(Object.keys(fx.params).sort());
      const back = (await compileAndImport(imported.spec, `${file}.weft`, HOST)).createModel({
        weights: weightsFile(imported.weights),
      });
      for (const [r, runJson] of fx.runs.entries()) {
        const got = await session.run(ortInputs(runJson.inputs, "int32"));
        const again = back.predict(shaped(runJson.inputs));
        for (const [name, want] of Object.entries(runJson.outputs as Record<string, TensorJson>)) {
          expectClose(
            got[name].data as ArrayLike<number>,
            want.data,
            `run ${r} output ${name} in onnxruntime`,
          );
          expectClose(again[name], want.data, `run ${r} output ${name} imported back`);
        }
      }
    });

  it("writes a package's trained weights; refuses to write without a format or with both", async () => {
    const dir = mkdtempSync(join(tmpdir(), "weft-export-onnx-"));
    const pkg = join(dir, "pkg");
    expect(
      (await run("compile", "examples/mnist-mlp/model.weft", "--out", pkg, "--weights", "9")).code,
    ).toBe(0);
    const out = join(dir, "mnist.onnx");
    const exported = await run("export", pkg, "--onnx", out);
    expect(exported.stderr).toBe("");
    expect(exported.stdout).toContain(`weights from ${join(pkg, "weights.safetensors")}`);
    const imported = importOnnx(readFileSync(out), "mnist.onnx");
    const fc1 = imported.weights.find((w) => w.name === "fc1.weight")!;
    const spec = parseSpec(readFileSync("examples/mnist-mlp/model.weft", "utf8"), "m.weft");
    expect(Array.from(fc1.data.subarray(0, 5))).toEqual(
      Array.from(initialParams(buildModel(spec).module, 9)["fc1.weight"].data.subarray(0, 5)),
    );
    for (const args of [[pkg], [pkg, "--onnx", out, "--pytorch", dir]]) {
      const refused = await run("export", ...args);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe(
        "weft: error: weft export takes one of --pytorch DIR and --onnx FILE\n",
      );
    }
  });
});
