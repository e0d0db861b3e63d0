/** The reference interpreter on whole graphs: symbolic dims, feeds checking, scan, precision. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GraphBuilder, Module } from "../../src/ir/graph.js";
import { interpret } from "../../src/ir/interpreter.js";
import { parseModule } from "../../src/ir/parser.js";
import { Tensor } from "../../src/ir/tensor.js";
import { expectClose, f32, i32 } from "../helpers/tensors.js";

const load = (file: string) => parseModule(readFileSync(file, "utf8"), file);

/** A deterministic pseudo-random fill in [-1, 1), independent of the code under test. */
function fill(shape: number[], seed: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  let s = seed;
  const values = Array.from(
    { length: n },
    () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 30 - 1,
  );
  return f32(shape, values);
}

function paramsOf(module: Module, seed = 1): Record<string, Tensor> {
  let k = seed;
  return Object.fromEntries(
    [...module.params.values()].map((p) => [p.name, fill(p.type.shape as number[], k++)]),
  );
}

describe("interpreter", () => {
  it("runs the reference text classifier, matching a plain-JS computation at any batch size", () => {
    const module = load("examples/ir/text-classifier.ir");
    const params = paramsOf(module);
    const tokens = i32(
      [3, 64],
      Array.from({ length: 192 }, (_, i) => (i * 7919) % 10000),
    );
    const { outputs } = interpret(
      module,
      "forward",
      { inputs: { tokens }, params },
      { precision: "f64" },
    );

    const at = (t: Tensor, ...idx: number[]) =>
      t.data[idx.reduce((o, i, d) => o * t.shape[d] + i, 0)];
    const dense = (x: number[], w: Tensor, bias: Tensor, relu: boolean) =>
      Array.from({ length: w.shape[0] }, (_, o) => {
        const v = x.reduce((acc, xi, i) => acc + xi * at(w, o, i), at(bias, o));
        return relu ? Math.max(v, 0) : v;
      });
    for (let row = 0; row < 3; row++) {
      const pooled = Array.from({ length: 64 }, (_, d) => {
        let sum = 0;
        for (let s = 0; s < 64; s++) sum += at(params["embedding.weight"], at(tokens, row, s), d);
        return sum / 64;
      });
      const h1 = dense(pooled, params["h1.weight"], params["h1.bias"], true);
      const h2 = dense(h1, params["h2.weight"], params["h2.bias"], true);
      const logits = dense(h2, params["logits.weight"], params["logits.bias"], false);
      expectClose(
        f32([2], [at(outputs.logits, row, 0), at(outputs.logits, row, 1)]),
        f32([2], logits),
        { rtol: 1e-12, atol: 1e-15 },
      );
    }

    const single = interpret(module, "forward", {
      inputs: { tokens: i32([1, 64], tokens.toArray().slice(64, 128)) },
      params,
    });
    expectClose(
      single.outputs.logits,
      f32([1, 2], [at(outputs.logits, 1, 0), at(outputs.logits, 1, 1)]),
      { rtol: 1e-5, atol: 1e-7 },
    );
  });

  it("runs a scan RNN like a plain loop, for sequence lengths 1 and 7", () => {
    const module = load("test/golden/ir-text/rnn.ir");
    const params = paramsOf(module, 3);
    for (const seq of [1, 7]) {
      const x = fill([2, seq, 4], 11);
      const { outputs } = interpret(
        module,
        "forward",
        { inputs: { x }, params },
        { precision: "f64" },
      );
      const w = (name: string) => params[`rnn.${name}_l0`];
      for (let b = 0; b < 2; b++) {
        let h = new Array<number>(8).fill(0);
        for (let t = 0; t < seq; t++) {
          h = h.map((_, o) => {
            let v = w("bias_ih").data[o] + w("bias_hh").data[o];
            for (let i = 0; i < 4; i++)
              v += x.data[(b * seq + t) * 4 + i] * w("weight_ih").data[o * 4 + i];
            for (let j = 0; j < 8; j++) v += h[j] * w("weight_hh").data[o * 8 + j];
            return Math.tanh(v);
          });
          expectClose(
            f32(
              [8],
              Array.from(outputs.states.data.slice((b * seq + t) * 8, (b * seq + t + 1) * 8)),
            ),
            f32([8], h),
            { rtol: 1e-12, atol: 1e-15 },
          );
        }
      }
      expect(outputs.logits.shape).toEqual([2, 3]);
    }
  });

  it("returns parameter updates and binds products of symbols", () => {
    const module = load("test/golden/ir-text/misc.ir");
    const params = { ...paramsOf(module), count: i32([], [41]) };
    const { outputs, updates } = interpret(module, "step", {
      inputs: { ids: i32([6], [0, 1, 2, 3, 4, 0]), key: i32([], [3]), labels: i32([2], [0, 2]) },
      params,
    });
    expect(updates.count.toArray()).toEqual([42]);
    expect(outputs.joined.shape).toEqual([2, 2, 2]);
    expect(outputs.grad.shape).toEqual([5, 3]);
    expect(outputs["hits/batch"].dtype).toBe("i32");
  });

  it("keeps float64 values in float64 mode and rounds to float32 otherwise", () => {
    const module = new Module("m");
    const b = new GraphBuilder(module.addGraph("g"));
    b.output(
      "y",
      b.op1("add", [
        b.input("a", { dtype: "f32", shape: [] }),
        b.input("b", { dtype: "f32", shape: [] }),
      ]),
    );
    const inputs = { a: f32([], [0.1]), b: f32([], [0.2]) };
    const wide = interpret(module, "g", { inputs }, { precision: "f64" }).outputs.y;
    const narrow = interpret(module, "g", { inputs }).outputs.y;
    expect(wide.data).toBeInstanceOf(Float64Array);
    expect(wide.data[0]).toBe(0.30000000000000004);
    expect(narrow.data).toBeInstanceOf(Float32Array);
    expect(narrow.data[0]).toBe(Math.fround(Math.fround(0.1) + Math.fround(0.2)));
  });

  describe("rejects feeds that do not fit, naming what is wrong", () => {
    const module = load("examples/ir/text-classifier.ir");
    const params = paramsOf(module);
    const tokens = i32([2, 64], 1);
    const cases: [string, Parameters<typeof interpret>[2], string][] = [
      ["a missing input", { params }, "missing input 'tokens' (i32[batch, 64])"],
      [
        "an unknown input",
        { inputs: { tokens, extra: tokens }, params },
        "unknown input 'extra' (graph @forward takes: tokens)",
      ],
      [
        "a wrong dtype",
        { inputs: { tokens: f32([2, 64], 1) }, params },
        "input 'tokens': expected i32[batch, 64], got f32[2, 64] (dtype f32 is not i32)",
      ],
      [
        "a wrong rank",
        { inputs: { tokens: i32([64], 1) }, params },
        "input 'tokens': expected i32[batch, 64], got i32[64] (rank 1 is not 2)",
      ],
      [
        "a wrong fixed dim",
        { inputs: { tokens: i32([2, 32], 1) }, params },
        "input 'tokens': expected i32[batch, 64], got i32[2, 32] (dim 1 is 32, expected 64)",
      ],
      [
        "a missing parameter",
        { inputs: { tokens }, params: { ...params, "h1.bias": undefined! } },
        "missing parameter 'h1.bias' (f32[64])",
      ],
      [
        "a parameter of the wrong shape",
        { inputs: { tokens }, params: { ...params, "h1.bias": f32([65], 0) } },
        "parameter 'h1.bias': expected f32[64], got f32[65] (dim 0 is 65, expected 64)",
      ],
      [
        "an unknown parameter",
        { inputs: { tokens }, params: { ...params, "h3.bias": f32([1], 0) } },
        "unknown parameter 'h3.bias' (module @TextClassifier declares no such parameter)",
      ],
      [
        "a token id out of range",
        { inputs: { tokens: i32([1, 64], 10000) }, params },
        "@forward: gather %embedded: gather: index 10000 at position 0 is out of range for a dim of size 10000",
      ],
    ];
    for (const [what, feeds, message] of cases) {
      it(what, () => expect(() => interpret(module, "forward", feeds)).toThrow(message));
    }

    it("a symbol bound to two sizes", () => {
      const m = new Module("m");
      const b = new GraphBuilder(m.addGraph("g"));
      const x = b.input("x", { dtype: "f32", shape: ["batch"] });
      const y = b.input("y", { dtype: "f32", shape: ["batch"] });
      b.output("z", b.op1("add", [x, y]));
      expect(() => interpret(m, "g", { inputs: { x: f32([2], 0), y: f32([3], 0) } })).toThrow(
        "input 'y': expected f32[batch], got f32[3] (dim 0 is 3 but batch = 2 elsewhere)",
      );
    });
  });

  it("draws random_uniform values in [0, 1) with a mean near 1/2, a different stream per key", () => {
    const m = new Module("m");
    const b = new GraphBuilder(m.addGraph("g"));
    b.output(
      "u",
      b.op1("random_uniform", [b.input("key", { dtype: "i32", shape: [] })], {
        seed: 1,
        shape: [100, 100],
      }),
    );
    const draw = (key: number) =>
      interpret(m, "g", { inputs: { key: i32([], [key]) } }).outputs.u.toArray();
    const u0 = draw(0);
    const u1 = draw(1);
    expect(Math.min(...u0)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u0)).toBeLessThan(1);
    expect(Math.abs(u0.reduce((a, v) => a + v, 0) / u0.length - 0.5)).toBeLessThan(0.01);
    const same = u0.filter((v, i) => v === u1[i]).length;
    expect(same).toBeLessThan(5);
    expect(draw(0)).toEqual(u0);
  });
});
