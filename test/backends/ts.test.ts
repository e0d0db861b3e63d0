/**
 * The TypeScript backend against the reference interpreter: every example and
 * every PyTorch fixture model, lowered to kernels, printed, transpiled and
 * run; its predictions and a training step must agree with the interpreter's
 * (float32, 1e-5 relative).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BACKENDS } from "../../src/backends/index.js";
import { TS_BACKEND } from "../../src/backends/ts/index.js";
import { printPrograms } from "../../src/backends/ts/printer.js";
import type { Compilation } from "../../src/driver/pipeline.js";
import type { Module } from "../../src/ir/graph.js";
import { parseModule } from "../../src/ir/parser.js";
import { initialParams } from "../../src/ir/initializers.js";
import { interpret, type Feeds } from "../../src/ir/interpreter.js";
import { allOps } from "../../src/ir/registry.js";
import { Tensor } from "../../src/ir/tensor.js";
import { kernelsOf, type Kernel, type Step } from "../../src/kernel/ir.js";
import { planMemory, planWithoutReuse } from "../../src/kernel/memory.js";
import { buildModel } from "../../src/layers/build.js";
import { parseSpec } from "../../src/parser/index.js";
import { compiled, programOf, referenceModule, runOn, specStart } from "../helpers/compile.js";
import { adamStep, expectClose } from "../helpers/tensors.js";
import { EXAMPLE_MODELS } from "../helpers/examples.js";

/** Deterministic inputs for a graph: token ids below `vocab`, labels below `classes`, floats in [-1, 1). */
function inputsFor(
  module: Module,
  graph: string,
  batch: number,
  seq: number,
  vocab: number,
  classes: number,
): Record<string, Tensor> {
  let s = 5;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Object.fromEntries(
    module.graph(graph).inputs.map((v) => {
      const shape = v.type.shape.map((d) =>
        d === "batch" ? batch : typeof d === "number" ? d : seq,
      );
      const n = shape.reduce((a, b) => a * b, 1);
      const integer = v.type.dtype === "i32";
      const bound =
        v.name === "mask" ? 2 : /label|digit|next_tokens/.test(v.name) ? classes : vocab;
      const data = Array.from({ length: n }, () =>
        integer ? Math.floor(next() * bound) : 2 * next() - 1,
      );
      return [v.name, Tensor.of(v.type.dtype, shape, data)];
    }),
  );
}

/**
 * The generated code, through every host backend's -O0 and -O2 pipelines,
 * against the interpreter. A device's programs are checked op by op at both
 * levels by the conformance suite and whole, through its package, against
 * the TypeScript package's (package.test.ts), on every example and fixture.
 */
async function compare(start: () => Compilation, graph: string, feeds: Feeds): Promise<void> {
  const want = interpret(referenceModule(start()), graph, feeds);
  for (const backend of BACKENDS.filter((b) => !b.device))
    for (const level of [0, 2] as const) {
      const label = `${graph} (${backend.name} -O${level})`;
      const got = await runOn(backend, programOf(compiled(start(), level, backend), graph), feeds);
      for (const [name, t] of Object.entries(want.outputs))
        expectClose(got.outputs[name], t, TOLERANCE, `${label} output ${name}`);
      const params = new Set(Object.keys(feeds.params ?? {}));
      // Adam's lr, where it trains (adamStep says why its parameters are compared to it).
      const lr = ["adam.lr", "adamw.lr"]
        .map((n) => want.updates[n] ?? feeds.params?.[n])
        .find(Boolean);
      for (const [name, t] of Object.entries(want.updates))
        expectClose(
          got.updates[name],
          t,
          lr && params.has(name) && !name.startsWith("adam") ? adamStep(lr.data[0]) : TOLERANCE,
          `${label} update ${name}`,
        );
    }
}

/** float32 kernels against the float64-free interpreter: the order of sums differs. */
const TOLERANCE = { rtol: 1e-5, atol: 1e-6 };

const examples = EXAMPLE_MODELS.map(
  (name) => [name, readFileSync(`examples/${name}/model.weft`, "utf8")] as const,
);
const VOCAB: Record<string, number> = {
  "text-classifier": 10000,
  "tiny-gpt": 96,
  "lstm-classifier": 10000,
};

describe("TypeScript backend = interpreter", () => {
  it("every op lowers", () => {
    for (const op of allOps()) expect(typeof op.lower, op.name).toBe("function");
  });

  for (const [name, text] of examples) {
    it(`${name}: forward and a training step`, async () => {
      const start = () => specStart(text, `${name}.weft`);
      const module = referenceModule(start());
      const params = initialParams(module, 7);
      const vocab = VOCAB[name] ?? 10;
      await compare(start, "forward", {
        inputs: inputsFor(module, "forward", 3, 5, vocab, 2),
        params,
      });
      const classes = name === "tiny-gpt" ? 96 : name === "mnist-mlp" ? 10 : 2;
      await compare(start, "train_step", {
        inputs: inputsFor(module, "train_step", 2, 4, vocab, classes),
        params,
      });
    }, 60_000);
  }

  const DIR = "test/fixtures/torch";
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".json"))) {
    it(`the layers of ${file}`, async () => {
      const fx = JSON.parse(readFileSync(join(DIR, file), "utf8"));
      const start = (): Compilation => ({ module: buildModel(parseSpec(fx.spec, file)).module });
      const tensor = (t: { dtype: "f32" | "i32"; shape: number[]; data: number[] }) =>
        Tensor.of(t.dtype, t.shape, t.data);
      const params = Object.fromEntries(
        Object.entries(fx.params).map(([k, t]) => [k, tensor(t as never)]),
      );
      for (const run of fx.runs) {
        const inputs = Object.fromEntries(
          Object.entries(run.inputs).map(([k, t]) => [k, tensor(t as never)]),
        );
        await compare(start, "forward", { inputs, params });
      }
    });
  }

  const TRAINING = "test/fixtures/torch/training";
  for (const file of readdirSync(TRAINING).filter((f) => f.endsWith(".json"))) {
    it(`the training step of ${file}`, async () => {
      const fx = JSON.parse(readFileSync(join(TRAINING, file), "utf8"));
      const start = () => specStart(fx.spec, file);
      const module = referenceModule(start());
      const tensor = (t: { dtype: "f32" | "i32"; shape: number[]; data: number[] }) =>
        Tensor.of(t.dtype, t.shape, t.data);
      const params = {
        ...initialParams(module, 0),
        ...Object.fromEntries(Object.entries(fx.initial).map(([k, t]) => [k, tensor(t as never)])),
      };
      const inputs = {
        ...Object.fromEntries(Object.entries(fx.inputs).map(([k, t]) => [k, tensor(t as never)])),
        label: tensor(fx.label),
      };
      await compare(start, "train_step", { inputs, params });
      // Three steps of the generated code against PyTorch's parameters.
      const program = programOf(compiled(start(), 2), "train_step");
      let state = params;
      for (let step = 0; step < 3; step++)
        state = {
          ...state,
          ...(await runOn(TS_BACKEND, program, { inputs, params: state })).updates,
        };
      for (const [name, t] of Object.entries(fx.final))
        expectClose(
          state[name],
          Tensor.of("f32", (t as { shape: number[] }).shape, (t as { data: number[] }).data, "f64"),
          { rtol: 1e-4, atol: 1e-6 },
          `${name} after 3 steps`,
        );
    });
  }
});

describe("memory plan", () => {
  it("never gives one buffer to two slots live at the same kernel, and reuses buffers", () => {
    const c = compiled(specStart(readFileSync("examples/lstm-classifier/model.weft", "utf8")), 0);
    for (const graph of ["forward", "train_step"]) {
      const program = programOf(c, graph);
      const { slotBuffer, buffers } = planMemory(program);
      // A scan's slots stay live for its whole loop, so the forward graph reuses less than train_step.
      expect(buffers).toBeLessThan(
        planWithoutReuse(program).buffers * (graph === "train_step" ? 0.5 : 0.8),
      );
      // Every kernel's slots, in schedule order, flattening loops: within one kernel no two share a buffer.
      const kernels = (steps: readonly Step[]): Kernel[] =>
        steps.flatMap((s) => (s.k === "kernel" ? [s.kernel] : kernels(s.body)));
      for (const k of kernels(program.steps)) {
        const slots = [
          ...new Set(
            [...JSON.stringify(k.body).matchAll(/"slot":(\d+)/g)].map((m) => Number(m[1])),
          ),
        ].filter((s) => slotBuffer[s] >= 0);
        expect(new Set(slots.map((s) => slotBuffer[s])).size, k.name).toBe(slots.length);
      }
    }
  });
});

describe("fusion", () => {
  const reference = (level: 0 | 2 = 2) =>
    compiled(specStart(readFileSync("examples/text-classifier/model.weft", "utf8")), level);
  const opNames = (k: Kernel) => k.ops.map((o) => o.split(" ")[0]);

  it("reads the embedding's gathered rows inside the mean: no [batch, seq, dim] buffer", () => {
    const program = programOf(reference(), "forward");
    const mean = kernelsOf(program.steps).find((k) => opNames(k).includes("reduce_mean"))!;
    expect(opNames(mean)).toEqual(["gather", "reduce_mean"]);
    const { slotBuffer } = planMemory(program);
    expect(program.slots.filter((s) => s.shape.length === 3 && slotBuffer[s.id] >= 0)).toEqual([]);
  });

  it("inlines one-value constants into every reader, and the training step needs at most 40% of the -O0 kernels", () => {
    const unfused = kernelsOf(programOf(reference(0), "train_step").steps).length;
    const kernels = kernelsOf(programOf(reference(), "train_step").steps);
    expect(kernels.filter((k) => opNames(k).every((n) => n === "constant"))).toEqual([]);
    expect(kernels.length).toBeLessThanOrEqual(0.4 * unfused);
  });

  it("computes a dense layer's matmul in its bias-and-activation kernel: no buffer for the product", () => {
    const program = programOf(reference(), "forward");
    expect(kernelsOf(program.steps).map(opNames)).toEqual([
      ["gather", "reduce_mean"],
      ["matmul", "add", "relu"],
      ["matmul", "add", "relu"],
      ["matmul", "add"],
    ]);
    const { slotBuffer } = planMemory(program);
    expect(program.slots.filter((s) => s.name.endsWith(".matmul"))).toEqual([]);
    expect(program.slots.filter((s) => slotBuffer[s.id] >= 0).length).toBeGreaterThan(0);
  });

  it("updates each parameter with Adam in one loop: the new moments are stored where the update computes them", () => {
    const program = programOf(reference(), "train_step");
    const kernels = kernelsOf(program.steps);
    // (Constants and the bias corrections are shared: CSE keeps those under the first parameter's name.)
    for (const param of ["dense.weight", "dense_1.bias", "dense_2.weight"]) {
      const updating = kernels.filter((k) =>
        k.ops.some((o) => !o.startsWith("constant") && o.includes(`%update.${param}.`)),
      );
      expect(updating.length, param).toBe(1);
      expect(program.updates.map((u) => u.name)).toContain(`adam.exp_avg.${param}`);
    }
  });
});

describe("accumulator splitting", () => {
  const sums = parseModule(
    [
      "module @Sums",
      "",
      "graph @forward {",
      "  input %x: f32[batch, n]",
      "  input %w: f32[n, 9]",
      "  %rows: f32[batch] = reduce_sum(%x) {axes: [1]}",
      "  %peaks: f32[n] = reduce_max(%x) {axes: [0]}",
      "  %product: f32[batch, 9] = matmul(%x, %w)",
      "  output rows = %rows",
      "  output peaks = %peaks",
      "  output product = %product",
      "}",
      "",
    ].join("\n"),
  );

  it("keeps four chains and a remainder loop, and sums as the interpreter does for every extent", async () => {
    const program = programOf(compiled({ module: sums }, 2), "forward");
    const text = printPrograms([program]);
    expect(text).toMatch(/let acc\d+_3 = \(-Infinity\);/);
    expect(text).toMatch(/for \(let (\w+)_r = 0; \1_r < d\.n % 4; \1_r\+\+\)/);
    for (const [batch, n] of [
      [1, 1],
      [3, 4],
      [5, 7],
      [9, 13],
    ]) {
      const values = (count: number, seed: number) =>
        Float32Array.from({ length: count }, (_, i) => Math.sin(i * 12.9898 + seed) * 4);
      const feeds = {
        inputs: {
          x: Tensor.of("f32", [batch, n], values(batch * n, 1)),
          w: Tensor.of("f32", [n, 9], values(n * 9, 2)),
        },
      };
      const want = interpret(sums, "forward", feeds);
      const got = await runOn(TS_BACKEND, program, feeds);
      for (const name of ["rows", "peaks", "product"])
        expectClose(
          got.outputs[name],
          want.outputs[name],
          { rtol: 1e-6, atol: 1e-7 },
          `${name} at ${batch}x${n}`,
        );
    }
  });
});
