/**
 * Every example and every PyTorch fixture model through each backend's
 * package, by its public API: predictions and training steps against the
 * TypeScript package's and PyTorch's. (Apart from package.test.ts so that
 * the test runner's two workers share the suite's longest files.)
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Tensor } from "../../src/ir/tensor.js";
import { BACKENDS, findBackend } from "../../src/backends/index.js";
import { adamStepOn, FLOAT32_THROUGHOUT, itOn, toleranceOn } from "../helpers/backends.js";
import { expectClose, type Tolerance } from "../helpers/tensors.js";
import { EXAMPLE_MODELS } from "../helpers/examples.js";
import { compileAndImport } from "../helpers/package.js";

const EXAMPLES = EXAMPLE_MODELS;

interface Described {
  readonly name: string;
  readonly dtype: "f32" | "i32";
  readonly shape: readonly (number | string)[];
}

type Field = { data: Float32Array | Int32Array; shape: number[] };

/**
 * Deterministic data for a package's inputs and targets, from its manifest, as { data, shape }:
 * symbolic dims 3 (batch) or 5, token ids below 20 (every example's vocabulary is larger), class
 * ids below the output's last dim.
 */
function feedsOf(manifest: { inputs: Described[]; targets: Described[]; outputs: Described[] }): {
  inputs: Record<string, Field>;
  batch: Record<string, Field>;
} {
  let s = 11;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const classes = Number(manifest.outputs[0].shape.at(-1));
  const field = (d: Described, bound?: number): [string, Field] => {
    const shape = d.shape.map((x) => (typeof x === "number" ? x : x === "batch" ? 3 : 5));
    const length = shape.reduce((n, x) => n * x, 1);
    const data =
      d.dtype === "i32"
        ? Int32Array.from({ length }, () => Math.floor(next() * (bound ?? 20)))
        : Float32Array.from({ length }, () => 2 * next() - 1);
    return [d.name, { data, shape }];
  };
  const inputs = Object.fromEntries(manifest.inputs.map((d) => field(d)));
  const targets = Object.fromEntries(manifest.targets.map((d) => field(d, classes)));
  return { inputs, batch: { ...inputs, ...targets } };
}

const tensor = (data: Float32Array) => Tensor.of("f32", [data.length], data);
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));

/** Each example's TypeScript package, compiled once for every backend compared with it. */
const references = new Map<string, ReturnType<typeof compileAndImport>>();
const referencePackage = (example: string, text: string) => {
  if (!references.has(example))
    references.set(
      example,
      compileAndImport(text, `${example}.weft`, { target: findBackend("ts") }),
    );
  return references.get(example)!;
};

describe("the package on every backend, through its public API", () => {
  const others = BACKENDS.filter((b) => b.name !== "ts");
  for (const example of EXAMPLES)
    for (const backend of others)
      itOn(
        backend,
        `${example} on ${backend.name}: predicts and trains two steps as the TypeScript package does`,
        async () => {
          const text = readFileSync(`examples/${example}/model.weft`, "utf8");
          const reference = await referencePackage(example, text);
          const pkg = await compileAndImport(text, `${example}.weft`, { target: backend });
          const manifest = manifestOf(pkg.dir);
          expect(manifest.target).toBe(backend.name);
          // A device's package resolves to its model, and its calls to their results.
          const [want, got] = [
            reference.createModel({ seed: 2 }),
            await pkg.createModel({ seed: 2 }),
          ];
          const { inputs, batch } = feedsOf(manifest);
          const close = toleranceOn(backend, { rtol: 1e-5, atol: 1e-6 });
          const [a, b] = [await got.predict(inputs), want.predict(inputs)];
          for (const name of Object.keys(b))
            expectClose(tensor(a[name]), tensor(b[name]), close, `predict ${name}`);
          for (let step = 0; step < 2; step++) {
            const [x, y] = [await got.trainStep(batch), want.trainStep(batch)];
            expect(Math.abs(x.loss - y.loss), `loss of step ${step}`).toBeLessThanOrEqual(
              close.rtol * Math.abs(y.loss),
            );
          }
          const weights = [await got.getWeights(), want.getWeights()] as Record<
            string,
            Float32Array
          >[];
          expect(Object.keys(weights[0])).toEqual(Object.keys(weights[1]));
          // Float32 sums against the TypeScript backend's float64 ones, through Adam (adamStep says why).
          const tolerance = manifest.hyperparameters?.lr.startsWith("adam")
            ? adamStepOn(backend, got.learningRate)
            : close;
          for (const name of Object.keys(weights[1]))
            expectClose(tensor(weights[0][name]), tensor(weights[1][name]), tolerance, name);
        },
        60_000,
      );

  type TensorJson = { dtype: "f32" | "i32"; shape: number[]; data: number[] };
  const typed = (t: TensorJson) =>
    t.dtype === "i32" ? Int32Array.from(t.data) : Float32Array.from(t.data);
  const record = (r: Record<string, TensorJson>) =>
    Object.fromEntries(Object.entries(r).map(([k, t]) => [k, typed(t)]));
  const fields = (r: Record<string, TensorJson>) =>
    Object.fromEntries(Object.entries(r).map(([k, t]) => [k, { data: typed(t), shape: t.shape }]));
  const againstTorch = (
    got: Float32Array,
    want: TensorJson,
    what: string,
    tolerance: Tolerance = { rtol: 1e-4, atol: 1e-6 },
  ) =>
    expectClose(
      tensor(got),
      Tensor.of("f32", [want.data.length], want.data, "f64"),
      tolerance,
      what,
    );

  const LAYERS = "test/fixtures/torch";
  for (const file of readdirSync(LAYERS).filter((f) => f.endsWith(".json")))
    for (const backend of BACKENDS)
      itOn(
        backend,
        `the layers of ${file} on ${backend.name}: predict gives PyTorch's outputs`,
        async () => {
          const fx = JSON.parse(readFileSync(join(LAYERS, file), "utf8"));
          const model = await (
            await compileAndImport(fx.spec, file, { target: backend })
          ).createModel();
          await model.setWeights(record(fx.params));
          for (const [r, run] of fx.runs.entries()) {
            const got = await model.predict(fields(run.inputs));
            for (const [name, want] of Object.entries(run.outputs as Record<string, TensorJson>))
              againstTorch(got[name], want, `run ${r} output ${name}`);
          }
        },
        60_000,
      );

  it("loads the state_dicts of nn.LSTM(num_layers=2), nn.GRU(bidirectional=True) and nn.RNN as PyTorch saved them, and gives PyTorch's outputs", async () => {
    const fx = JSON.parse(readFileSync(join(LAYERS, "recurrent_stacked.json"), "utf8"));
    const model = (await compileAndImport(fx.spec, "recurrent_stacked.json")).createModel();
    model.loadWeights(readFileSync(join(LAYERS, "recurrent_stacked.safetensors")));
    for (const [r, run] of fx.runs.entries()) {
      const got = model.predict(fields(run.inputs));
      for (const [name, want] of Object.entries(run.outputs as Record<string, TensorJson>))
        expectClose(
          tensor(got[name]),
          Tensor.of("f32", [want.data.length], want.data, "f64"),
          { rtol: 1e-5, atol: 1e-6 },
          `run ${r} output ${name}`,
        );
    }
  });

  const TRAINING = "test/fixtures/torch/training";
  for (const file of readdirSync(TRAINING).filter((f) => f.endsWith(".json")))
    for (const backend of BACKENDS)
      itOn(
        backend,
        `the training of ${file} on ${backend.name}: computeGradients gives PyTorch's gradients, three trainSteps its losses and parameters`,
        async () => {
          const fx = JSON.parse(readFileSync(join(TRAINING, file), "utf8"));
          const model = await (
            await compileAndImport(fx.spec, file, { target: backend, gradients: true })
          ).createModel();
          await model.setWeights(record(fx.initial));
          const batch = { ...fields(fx.inputs), ...fields({ label: fx.label }) };
          // The first step's gradients, applied nowhere (the fixture's are clipped where the spec clips).
          const { loss, gradients } = await model.computeGradients(batch);
          expect(Math.abs(loss - fx.losses[0])).toBeLessThanOrEqual(1e-4 * Math.abs(fx.losses[0]));
          if (!/clip_grad_norm/.test(fx.spec))
            for (const [name, want] of Object.entries(fx.grads as Record<string, TensorJson>))
              expectClose(
                tensor(gradients[name]),
                Tensor.of("f32", [want.data.length], want.data, "f64"),
                { rtol: 1e-4, atol: 1e-5 },
                `gradient of ${name}`,
              );
          const losses: number[] = [];
          for (let step = 0; step < 3; step++) losses.push((await model.trainStep(batch)).loss);
          fx.losses.forEach((want: number, step: number) =>
            expect(Math.abs(losses[step] - want), `loss of step ${step}`).toBeLessThanOrEqual(
              1e-4 * Math.abs(want),
            ),
          );
          const weights = await model.getWeights();
          // Float32 sums in another order than PyTorch's, through Adam (adamStep says why).
          const tolerance =
            FLOAT32_THROUGHOUT.has(backend.name) && /adam/.test(fx.spec)
              ? adamStepOn(backend, model.learningRate)
              : undefined;
          for (const [name, want] of Object.entries(fx.final as Record<string, TensorJson>))
            againstTorch(weights[name], want, `${name} after 3 steps`, tolerance);
        },
        60_000,
      );
});
