/** Parameter initialisation: deterministic by seed and name, with PyTorch's distributions; dropout in training graphs. */
import { describe, expect, it } from "vitest";
import { initialParams } from "../src/ir/initializers.js";
import { initialValues } from "../src/runtime/numerics.js";
import { interpret } from "../src/ir/interpreter.js";
import { buildModel } from "../src/layers/build.js";
import { parseSpec } from "../src/parser/index.js";
import { f32, i32 } from "./helpers/tensors.js";

const stats = (v: ArrayLike<number>) => {
  const xs = Array.from(v);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
  return { mean, std: Math.sqrt(variance), min: Math.min(...xs), max: Math.max(...xs) };
};

const spec = (extra = "") =>
  parseSpec(
    `model M {\n  input x: f32[batch, 256]\n${extra}  output y = dense(x, 128, name: "fc")\n}\n`,
    "m.weft",
  );

describe("initialisation", () => {
  it("is deterministic by seed, and a parameter's values depend only on its own name", () => {
    const { module } = buildModel(spec());
    const a = initialParams(module, 7);
    expect(initialParams(module, 7)["fc.weight"].toArray()).toEqual(a["fc.weight"].toArray());
    expect(initialParams(module, 8)["fc.weight"].toArray()).not.toEqual(a["fc.weight"].toArray());
    const { module: bigger } = buildModel(spec('  h = dense(x, 4, name: "other")\n'));
    expect(initialParams(bigger, 7)["fc.weight"].toArray()).toEqual(a["fc.weight"].toArray());
  });

  it("draws torch.nn.Linear's kaiming uniform weights and uniform biases, bound 1/sqrt(fan_in)", () => {
    const { module } = buildModel(spec());
    const params = initialParams(module, 1);
    const bound = 1 / Math.sqrt(256);
    const w = stats(params["fc.weight"].data);
    expect(w.min).toBeGreaterThanOrEqual(-bound);
    expect(w.max).toBeLessThanOrEqual(bound);
    expect(w.max).toBeGreaterThan(0.99 * bound);
    expect(Math.abs(w.mean)).toBeLessThan(0.01 * bound);
    expect(w.std).toBeCloseTo(bound / Math.sqrt(3), 3);
    expect(stats(params["fc.bias"].data).max).toBeLessThanOrEqual(bound);
  });

  it("draws normal(mean, std) by Box–Muller", () => {
    const n = stats(initialValues("normal", { mean: 2, std: 0.5 }, [50000], 3, "emb.weight"));
    expect(n.mean).toBeCloseTo(2, 2);
    expect(n.std).toBeCloseTo(0.5, 2);
    expect(Number.isFinite(n.min) && Number.isFinite(n.max)).toBe(true);
  });

  it("leaves an embedding's padding row at 0", () => {
    const values = initialValues("normal", { mean: 0, std: 1, padding_row: 2 }, [5, 3], 3, "e");
    const rows = [0, 1, 2, 3, 4].map((r) => [...values.subarray(3 * r, 3 * r + 3)]);
    expect(rows[2]).toEqual([0, 0, 0]);
    for (const r of [0, 1, 3, 4]) expect(rows[r].every((v) => v !== 0)).toBe(true);
  });

  it("draws xavier uniform within gain * sqrt(6 / (fan_in + fan_out))", () => {
    const x = stats(
      initialValues("xavier_uniform", { fan_in: 8, fan_out: 24, gain: 1 }, [5000], 0, "q.weight"),
    );
    expect(x.max).toBeLessThanOrEqual(Math.sqrt(6 / 32));
    expect(x.max).toBeGreaterThan(0.98 * Math.sqrt(6 / 32));
  });
});

describe("dropout", () => {
  const text =
    'model M {\n  input x: f32[batch, 1000]\n  output y = dropout(x, 0.25, name: "drop")\n}\n';

  it("is the identity in the forward graph", () => {
    const { module } = buildModel(parseSpec(text, "d.weft"));
    const x = f32([1, 1000], 1);
    expect(interpret(module, "forward", { inputs: { x } }).outputs.y.toArray()).toEqual(
      x.toArray(),
    );
  });

  it("in a training graph drops a fraction p, scales the rest by 1/(1-p), and draws a new mask each step", () => {
    const { module } = buildModel(parseSpec(text, "d.weft"), { training: true });
    expect([...module.graph("forward").params.keys()]).toEqual(["step"]);
    expect(module.params.get("step")?.trainable).toBe(false);
    const run = (step: number) =>
      interpret(module, "forward", {
        inputs: { x: f32([2, 1000], 1) },
        params: { step: i32([], [step]) },
      }).outputs.y.toArray();
    const first = run(0);
    const dropped = first.filter((v) => v === 0).length / first.length;
    expect(dropped).toBeGreaterThan(0.22);
    expect(dropped).toBeLessThan(0.28);
    expect(new Set(first.filter((v) => v !== 0))).toEqual(new Set([Math.fround(1 / 0.75)]));
    expect(run(0)).toEqual(first);
    const second = run(1);
    expect(second.filter((v, i) => (v === 0) !== (first[i] === 0)).length).toBeGreaterThan(100);
  });
});

describe("dropout between stacked recurrent layers", () => {
  const spec = (p: number) =>
    `model M {\n  input x: f32[batch, 5, 3]\n  output y = lstm(x, 4, num_layers: 3, dropout: ${p}, name: "lstm")\n}\n`;
  const dropouts = (p: number, training: boolean) =>
    buildModel(parseSpec(spec(p), "d.weft"), { training })
      .module.graph("forward")
      .ops.filter((o) => o.name === "random_uniform");

  it("draws a mask of its own on each layer's outputs but the last, in training only", () => {
    const masks = dropouts(0.5, true);
    expect(masks.map((o) => o.attrs.shape)).toEqual([
      [5, "batch", 4],
      [5, "batch", 4],
    ]);
    expect(new Set(masks.map((o) => o.attrs.seed)).size).toBe(2);
    expect(dropouts(0.5, false)).toEqual([]);
    expect(dropouts(0, true)).toEqual([]);
  });
});
