/**
 * The training step: against PyTorch (loss, every gradient, parameters after
 * three steps), gradient checks of whole models against finite differences,
 * a numerically hard cross-entropy, and training to 100% accuracy.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GraphBuilder, type Module, type Value } from "../src/ir/graph.js";
import { initialParams } from "../src/ir/initializers.js";
import { interpret } from "../src/ir/interpreter.js";
import { Tensor } from "../src/ir/tensor.js";
import { verifyModule } from "../src/ir/verifier.js";
import { buildModel } from "../src/layers/build.js";
import { parseSpec } from "../src/parser/index.js";
import { gradients } from "../src/passes/autodiff.js";
import {
  addLossGraphs,
  buildTraining,
  type TrainingDescription,
} from "../src/training/train-step.js";
import type { Value as ArgValue } from "../src/core/signature.js";
import { runPipeline, type Compilation } from "../src/driver/pipeline.js";
import { parseModule } from "../src/ir/parser.js";
import { printModule } from "../src/ir/printer.js";
import { expectClose, f32, i32 } from "./helpers/tensors.js";
import { referenceModule, specStart } from "./helpers/compile.js";

interface TensorJson {
  dtype: "f32" | "i32";
  shape: number[];
  data: number[];
}
const tensor = (t: TensorJson) => Tensor.of(t.dtype, t.shape, t.data, "f64");
const tensors = (ts: Record<string, TensorJson>) =>
  Object.fromEntries(Object.entries(ts).map(([k, t]) => [k, tensor(t)]));

/** Runs train_step `steps` times from `params`, returning each step's outputs and the final parameters. */
function train(
  module: Module,
  inputs: Record<string, Tensor>,
  params: Record<string, Tensor>,
  steps: number,
  precision: "f32" | "f64" = "f32",
) {
  let state = { ...params };
  const outputs = [];
  for (let s = 0; s < steps; s++) {
    const r = interpret(module, "train_step", { inputs, params: state }, { precision });
    outputs.push(r.outputs);
    state = { ...state, ...r.updates };
  }
  return { outputs, state };
}

/** Zero optimizer state and step count, and `params` for the parameters. */
function withState(module: Module, params: Record<string, Tensor>): Record<string, Tensor> {
  const zeros = initialParams(module, 0);
  return { ...zeros, ...params };
}

/** float32 against PyTorch's float32: sums taken in another order. */
const TORCH = { rtol: 1e-4, atol: 1e-6 };

describe("train_step against PyTorch", () => {
  const DIR = "test/fixtures/torch/training";
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".json"))) {
    it(file.replace(/\.json$/, ""), () => {
      const fx = JSON.parse(readFileSync(join(DIR, file), "utf8"));
      const { module } = buildTraining(parseSpec(fx.spec, file), { exposeGradients: true });
      expect(verifyModule(module)).toEqual([]);
      const params = withState(module, tensors(fx.initial));
      const inputs = { ...tensors(fx.inputs), label: tensor(fx.label) };
      const { outputs, state } = train(module, inputs, params, 3);
      outputs.forEach((o, s) =>
        expectClose(
          o.loss,
          Tensor.of("f32", [], [fx.losses[s]], "f64"),
          TORCH,
          `loss at step ${s + 1}`,
        ),
      );
      for (const [name, g] of Object.entries(fx.grads as Record<string, TensorJson>)) {
        expectClose(outputs[0][`grad.${name}`], tensor(g), TORCH, `gradient of ${name}`);
      }
      for (const [name, p] of Object.entries(fx.final as Record<string, TensorJson>)) {
        expectClose(state[name], tensor(p), TORCH, `${name} after 3 steps`);
      }
      expect(state.step.toArray()).toEqual([3]);
    });
  }
});

/** A random direction in parameter space, deterministic. */
function direction(params: Record<string, Tensor>, seed: number): Record<string, Tensor> {
  let s = seed;
  return Object.fromEntries(
    Object.entries(params).map(([k, t]) => [
      k,
      Tensor.of(
        "f32",
        t.shape,
        t.toArray().map(() => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 30 - 1),
        "f64",
      ),
    ]),
  );
}

/**
 * The directional derivative of L = Σ_outputs Σ output · r along a random
 * direction, from autodiff's gradients and from central differences.
 */
function checkModel(
  text: string,
  inputs: Record<string, Tensor>,
  outputShapes: Record<string, number[]> = {},
) {
  const { module } = buildModel(parseSpec(text, "model.weft"));
  const graph = module.graph("forward");
  const b = new GraphBuilder(graph);
  const directions: Record<string, Tensor> = {};
  let loss: Value | undefined;
  for (const [k, o] of graph.outputs.entries()) {
    // Integer outputs (comparisons, indices) have no gradient to check.
    if (o.value.type.dtype !== "f32") continue;
    const shape =
      outputShapes[o.name!] ??
      (o.value.type.shape as (number | string)[]).map((d) =>
        typeof d === "number" ? d : inputs[graph.inputs[0].name].shape[0],
      );
    const r = b.input(`r${k}`, { dtype: "f32", shape: o.value.type.shape });
    directions[`r${k}`] = direction({ r: Tensor.of("f32", shape, 0, "f64") }, 7 + k).r;
    const term = b.op1("reduce_sum", [b.op1("mul", [o.value, r])], {
      axes: o.value.type.shape.map((_, i) => i),
    });
    loss = loss ? b.op1("add", [loss, term]) : term;
  }
  graph.outputs.length = 0;
  b.output("loss", loss!);
  // With respect to the parameters and the f32 inputs, so that layers without parameters are checked too.
  const wrt = [
    ...graph.params.values(),
    ...graph.inputs.filter((v) => v.type.dtype === "f32" && v.name in inputs),
  ];
  gradients(graph, loss!, wrt).forEach(
    (g, i) => g && b.output(`grad.${wrt[i].param ?? wrt[i].name}`, g),
  );
  expect(verifyModule(module)).toEqual([]);
  const theta = initialParams(module, 3, "f64");
  const point = {
    ...theta,
    ...Object.fromEntries(Object.entries(inputs).filter(([, t]) => t.dtype === "f32")),
  };
  const dir = direction(point, 11);
  const lossAt = (eps: number) => {
    const moved = Object.fromEntries(
      Object.entries(point).map(([k, t]) => [
        k,
        Tensor.of(
          "f32",
          t.shape,
          t.toArray().map((v, i) => v + eps * dir[k].data[i]),
          "f64",
        ),
      ]),
    );
    const feeds = {
      ...inputs,
      ...directions,
      ...Object.fromEntries(
        Object.keys(inputs)
          .filter((k) => k in moved)
          .map((k) => [k, moved[k]]),
      ),
    };
    return interpret(
      module,
      "forward",
      { inputs: feeds, params: Object.fromEntries(Object.keys(theta).map((k) => [k, moved[k]])) },
      { precision: "f64" },
    ).outputs;
  };
  const at = lossAt(0);
  const analytic = Object.keys(point).reduce(
    (sum, k) =>
      sum + (at[`grad.${k}`]?.toArray() ?? []).reduce((s, g, i) => s + g * dir[k].data[i], 0),
    0,
  );
  const h = 1e-5;
  const numeric = (lossAt(h).loss.data[0] - lossAt(-h).loss.data[0]) / (2 * h);
  expect(Math.abs(analytic)).toBeGreaterThan(1e-8);
  expect(
    Math.abs(analytic - numeric) / Math.max(Math.abs(analytic), Math.abs(numeric)),
  ).toBeLessThan(1e-6);
}

describe("gradient checks of whole models against finite differences (float64)", () => {
  const x = (shape: number[], seed: number) =>
    direction({ x: Tensor.of("f32", shape, 0, "f64") }, seed).x;
  for (const f of readdirSync("test/fixtures/torch").filter((f) => f.endsWith(".json"))) {
    it(`the layers of ${f} (every layer kind is in one)`, () => {
      const fx = JSON.parse(readFileSync(join("test/fixtures/torch", f), "utf8"));
      const run = fx.runs[fx.runs.length - 1];
      checkModel(
        fx.spec,
        tensors(run.inputs),
        Object.fromEntries(
          Object.entries(run.outputs as Record<string, TensorJson>).map(([k, t]) => [k, t.shape]),
        ),
      );
    });
  }
  it("the reference text classifier", () => {
    const spec = readFileSync("examples/text-classifier/model.weft", "utf8");
    checkModel(spec, {
      tokens: i32(
        [2, 128],
        Array.from({ length: 256 }, (_, i) => (i * 37) % 10000),
      ),
    });
  });
  it("an LSTM classifier and a GRU classifier", () => {
    for (const cell of ["lstm", "gru"]) {
      const spec = `model M {\n  input tokens: i32[batch, seq]\n  x = embedding(tokens, vocab: 30, dim: 6)\n  x = ${cell}(x, 5)\n  output logits = dense(x, 3)\n}\n`;
      checkModel(spec, { tokens: i32([2, 5], [1, 4, 4, 9, 29, 0, 3, 7, 7, 2]) });
    }
  });
  it("a transformer block", () => {
    const spec = readFileSync("test/fixtures/torch/training/transformer_block_adam.json", "utf8");
    checkModel(JSON.parse(spec).spec.split("\ntrain")[0], { x: x([2, 4, 8], 5) });
  });
});

describe("backpropagation through time", () => {
  it("saves what the backward pass reads in the forward scan, recomputes no forward step, and sums weight gradients in one product", () => {
    for (const cell of ["lstm", "gru", "rnn"]) {
      const spec = `model M {\n  input tokens: i32[batch, seq]\n  x = embedding(tokens, vocab: 30, dim: 6)\n  x = ${cell}(x, 5)\n  output logits = dense(x, 3)\n}\n\ntrain M {\n  label: i32[batch]\n  loss: cross_entropy(logits, label)\n  optimizer: adam(lr: 0.01)\n}\n`;
      const graph = referenceModule(specStart(spec)).graph("train_step");
      const scans = graph.ops.filter((o) => o.name === "scan");
      expect(scans.length, `${cell}: one forward scan and one backward`).toBe(2);
      const [forward, backward] = scans.map((o) => o.regions[0]);
      const activations = (g: typeof forward) =>
        g.ops.filter(
          (o) => ["sigmoid", "tanh", "matmul"].includes(o.name) && o.results[0].uses.length,
        );
      // The forward step's activations are saved; the backward step reads them, computing none again.
      expect(
        backward.ops.filter((o) => o.name === "sigmoid" || o.name === "tanh"),
        cell,
      ).toEqual([]);
      expect(
        backward.inputs.filter((v) => v.name.startsWith("saved.")).length,
        cell,
      ).toBeGreaterThan(0);
      expect(activations(forward).length, cell).toBeGreaterThan(0);
      // Weight gradients are one product over all steps each, after the loop, not one per step.
      const perStep = (g: typeof forward) =>
        g.ops.filter((o) => o.name === "matmul" && o.attrs.transpose_a);
      expect(perStep(backward), `${cell}: a weight gradient accumulated per step`).toEqual([]);
      const weightGrads = perStep(graph);
      expect(
        weightGrads.filter((o) => o.results[0].type.shape.length !== 2),
        `${cell}: a weight gradient summed over a batch of products`,
      ).toEqual([]);
    }
  });
});

describe("losses", () => {
  it("cross-entropy of logits of magnitude 1e4 has a finite loss and finite gradients", () => {
    const text =
      "model M {\n  input x: f32[batch, 3]\n  output logits = dense(x, 3)\n}\ntrain M {\n  label: i32[batch]\n  loss: cross_entropy(logits, label)\n  optimizer: sgd(lr: 0.1)\n}\n";
    const { module } = buildTraining(parseSpec(text, "m.weft"), { exposeGradients: true });
    const params = withState(module, {
      "dense.weight": f32([3, 3], [1e4, 0, 0, 0, -1e4, 0, 0, 0, 1e4]),
      "dense.bias": f32([3], [0, 0, 0]),
    });
    const { outputs } = train(
      module,
      { x: f32([2, 3], [1, 1, -1, -1, 1, 1]), label: i32([2], [1, 0]) },
      params,
      1,
    );
    const all = [
      outputs[0].loss,
      outputs[0]["grad.dense.weight"],
      outputs[0]["grad.dense.bias"],
    ].flatMap((t) => t.toArray());
    expect(all.every(Number.isFinite)).toBe(true);
    expect(outputs[0].loss.data[0]).toBeGreaterThan(1e4);
  });
});

describe("training in the interpreter", () => {
  it("the reference text classifier learns 'does the sequence contain token 7' to 100% training accuracy", () => {
    // The reference model over 64 tokens: the interpreter takes half the time of 128.
    const spec = readFileSync("examples/text-classifier/model.weft", "utf8").replace(
      "i32[batch, 128]",
      "i32[batch, 64]",
    );
    const { module } = buildTraining(parseSpec(spec, "model.weft"));
    let s = 1;
    const random = (n: number) => (s = (s * 1103515245 + 12345) % 2 ** 31) % n;
    const tokens = i32(
      [32, 64],
      Array.from({ length: 32 * 64 }, () => 8 + random(500)),
    );
    const labels = i32(
      [32],
      Array.from({ length: 32 }, (_, i) => i % 2),
    );
    for (let i = 0; i < 32; i++) if (labels.data[i]) tokens.data[i * 64 + random(64)] = 7;
    let params = initialParams(module, 42);
    let correct = 0;
    let steps = 0;
    while (correct < 32 && steps < 300) {
      const r = interpret(module, "train_step", { inputs: { tokens, label: labels }, params });
      params = { ...params, ...r.updates };
      correct = r.outputs.correct.data[0];
      steps++;
    }
    expect(correct).toBe(32);
    expect(steps).toBeLessThan(300);
  }, 60_000);
});

describe("training built from a graph-IR module", () => {
  it("trains an imported module (its forward graph as IR text) as the spec it came from trains", () => {
    const spec = parseSpec(readFileSync("examples/mnist-mlp/model.weft", "utf8"), "mnist.weft");
    const fromSpec = buildTraining(spec).module;
    // What an importer hands over: a module with a forward graph, and what training means.
    const imported = parseModule(printModule(buildModel(spec).module));
    const description: TrainingDescription = {
      targets: [{ name: "digit", type: { dtype: "i32", shape: ["batch"] } }],
      loss: {
        kind: "cross_entropy",
        args: new Map<string, ArgValue>([
          ["output", { type: "ref", name: "scores" }],
          ["target", { type: "ref", name: "digit" }],
          ["label_smoothing", { type: "float", value: 0.1 }],
        ]),
      },
      metrics: ["accuracy"],
      optimizer: {
        kind: "adam",
        args: new Map<string, ArgValue>([
          ["lr", { type: "float", value: 0.001 }],
          [
            "betas",
            {
              type: "list",
              items: [
                { type: "float", value: 0.9 },
                { type: "float", value: 0.99 },
              ],
            },
          ],
        ]),
      },
    };
    addLossGraphs(imported, description);
    const c: Compilation = { module: imported, training: description };
    runPipeline(c, [{ pass: "autodiff" }], { verifyEach: true });
    expect([...imported.graphs.keys()]).toEqual(["forward", "evaluate", "train_step"]);
    expect([...imported.params.keys()].sort()).toEqual([...fromSpec.params.keys()].sort());
    const params = initialParams(fromSpec, 3);
    let s = 3;
    const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const inputs = {
      pixels: Tensor.of("f32", [5, 784], Array.from({ length: 5 * 784 }, next)),
      digit: Tensor.of("i32", [5], [3, 1, 4, 1, 5]),
    };
    const want = train(fromSpec, inputs, params, 2);
    const got = train(imported, inputs, params, 2);
    for (const step of [0, 1])
      for (const output of ["loss", "correct", "count"])
        expect(got.outputs[step][output].toArray(), `${output} at step ${step + 1}`).toEqual(
          want.outputs[step][output].toArray(),
        );
    for (const name of fromSpec.params.keys())
      expect(got.state[name].toArray(), name).toEqual(want.state[name].toArray());
  });
});
