/**
 * Every op's gradient rule against central finite differences in float64:
 * for each op, a loss L = Σ op(x)·r over random inputs and a random direction
 * r; the gradient autodiff builds must match (L(x + h) − L(x − h)) / 2h
 * element by element, to a relative error below 1e-6 (inputs are kept where
 * the op is smooth). Ops through which nothing differentiable flows must give
 * no gradient. The test walks the registry: an op without a case fails it.
 */
import { describe, expect, it } from "vitest";
import { GraphBuilder, Module, type Graph, type Value } from "../../src/ir/graph.js";
import { interpret } from "../../src/ir/interpreter.js";
import { allOps } from "../../src/ir/registry.js";
import { Tensor } from "../../src/ir/tensor.js";
import { verifyModule } from "../../src/ir/verifier.js";
import { gradients } from "../../src/passes/autodiff.js";
import { i32 } from "../helpers/tensors.js";

/** Deterministic values in [lo, hi). */
function uniform(shape: number[], lo: number, hi: number, seed: number): Tensor {
  let s = seed * 7919 + 1;
  const n = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return lo + ((hi - lo) * s) / 2 ** 31;
  });
  return Tensor.of("f32", shape, values, "f64");
}
/** Values whose magnitude is in [lo, hi), with random signs: away from a kink at 0. */
function awayFromZero(shape: number[], lo: number, hi: number, seed: number): Tensor {
  const m = uniform(shape, lo, hi, seed);
  const s = uniform(shape, -1, 1, seed + 99);
  return Tensor.of(
    "f32",
    shape,
    m.toArray().map((v, i) => (s.data[i] < 0 ? -v : v)),
    "f64",
  );
}
const u = (...shape: number[]) =>
  uniform(
    shape,
    -2,
    2,
    shape.reduce((a, b) => a * 31 + b, 3),
  );

interface Case {
  operands: Tensor[];
  attrs?: Record<string, unknown>;
  regions?: (b: GraphBuilder) => Graph[];
  /** Nothing differentiable flows through this op: autodiff must give no gradient. */
  none?: boolean;
}

const rnnBody = (b: GraphBuilder) => [
  b.region(
    [
      { name: "h", type: { dtype: "f32", shape: [2, 3] } },
      { name: "x", type: { dtype: "f32", shape: [2, 3] } },
      { name: "w", type: { dtype: "f32", shape: [3, 3] } },
    ],
    (r, [h, x, w]) => {
      const next = r.op1("tanh", [r.op1("add", [r.op1("matmul", [h, w]), x])]);
      return [next, r.op1("mul", [next, next])];
    },
  ),
];

/** Two carries, and a value yielded both as a carry and as y_t: their cotangents add up. */
const twoCarryBody = (b: GraphBuilder) => [
  b.region(
    [
      { name: "c", type: { dtype: "f32", shape: [2] } },
      { name: "d", type: { dtype: "f32", shape: [2] } },
      { name: "x", type: { dtype: "f32", shape: [2] } },
    ],
    (r, [c, d, x]) => {
      const c1 = r.op1("tanh", [r.op1("add", [r.op1("mul", [c, d]), x])]);
      return [c1, r.op1("mul", [d, r.op1("sigmoid", [c1])]), c1];
    },
  ),
];

const CASES: Record<string, Case[]> = {
  neg: [{ operands: [u(2, 3)] }],
  abs: [{ operands: [awayFromZero([2, 3], 0.5, 2, 1)] }],
  exp: [{ operands: [u(2, 3)] }],
  log: [{ operands: [uniform([2, 3], 0.5, 3, 2)] }],
  sqrt: [{ operands: [uniform([2, 3], 0.5, 3, 3)] }],
  rsqrt: [{ operands: [uniform([2, 3], 0.5, 3, 4)] }],
  reciprocal: [{ operands: [awayFromZero([2, 3], 0.5, 2, 5)] }],
  tanh: [{ operands: [u(2, 3)] }],
  sigmoid: [{ operands: [u(2, 3)] }],
  relu: [{ operands: [awayFromZero([2, 3], 0.2, 2, 6)] }],
  erf: [{ operands: [u(2, 3)] }],
  sin: [{ operands: [u(2, 3)] }],
  cos: [{ operands: [u(2, 3)] }],
  gelu_erf: [{ operands: [u(2, 3)] }],
  gelu_tanh: [{ operands: [u(2, 3)] }],
  add: [{ operands: [u(2, 3), u(3)] }, { operands: [u(2, 1), u(1, 3)] }],
  sub: [{ operands: [u(3), u(2, 3)] }],
  mul: [{ operands: [u(2, 3), u(2, 1)] }],
  div: [{ operands: [u(2, 3), awayFromZero([3], 0.5, 2, 7)] }],
  pow: [{ operands: [uniform([2, 3], 0.5, 2, 8), u(3)] }],
  max: [{ operands: [u(2, 3), uniform([2, 3], -1.9, 1.9, 9)] }],
  min: [{ operands: [u(2, 3), uniform([3], -1.9, 1.9, 10)] }],
  eq: [{ operands: [u(2, 3), u(3)], none: true }],
  ne: [{ operands: [u(2, 3), u(3)], none: true }],
  lt: [{ operands: [u(2, 3), u(3)], none: true }],
  le: [{ operands: [u(2, 3), u(3)], none: true }],
  gt: [{ operands: [u(2, 3), u(3)], none: true }],
  ge: [{ operands: [u(2, 3), u(3)], none: true }],
  select: [{ operands: [i32([2, 1], [1, 0]), u(2, 3), u(3)] }],
  reduce_sum: [{ operands: [u(2, 3, 2)], attrs: { axes: [1] } }],
  reduce_max: [{ operands: [u(2, 3, 2)], attrs: { axes: [0, 2] } }],
  reduce_mean: [{ operands: [u(2, 3, 2)], attrs: { axes: [0, 2], keepdims: true } }],
  argmax: [{ operands: [u(2, 3)], attrs: { axis: 1 }, none: true }],
  reshape: [{ operands: [u(2, 3)], attrs: { shape: [3, 2] } }],
  transpose: [{ operands: [u(2, 3, 4)], attrs: { perm: [2, 0, 1] } }],
  broadcast_to: [{ operands: [u(3, 1)], attrs: { shape: [2, 3, 4] } }],
  slice: [{ operands: [u(3, 5)], attrs: { axes: [0, 1], starts: [1, 1], ends: [2, 4] } }],
  concat: [{ operands: [u(2, 1), u(2, 3), u(2, 2)], attrs: { axis: 1 } }],
  matmul: [
    { operands: [u(2, 3), u(3, 4)] },
    { operands: [u(2, 3), u(4, 3)], attrs: { transpose_b: true } },
    { operands: [u(3, 2), u(3, 4)], attrs: { transpose_a: true } },
    { operands: [u(3, 2), u(4, 3)], attrs: { transpose_a: true, transpose_b: true } },
    { operands: [u(2, 2, 3), u(3, 4)] },
  ],
  gather: [{ operands: [u(4, 3), i32([2, 3], [1, 3, 1, 0, 1, 3])] }],
  scatter_add: [{ operands: [u(5, 2), i32([5], [2, 0, 2, 2, 1])], attrs: { size: 3 } }],
  one_hot: [{ operands: [i32([3], [0, 2, 1])], attrs: { depth: 3 }, none: true }],
  cast: [
    { operands: [u(2, 3)], attrs: { dtype: "f32" } },
    { operands: [u(2, 3)], attrs: { dtype: "i32" }, none: true },
  ],
  constant: [{ operands: [], attrs: { dtype: "f32", shape: [2], value: [1, 2] }, none: true }],
  iota: [{ operands: [], attrs: { shape: [2, 3], axis: 1, dtype: "f32" }, none: true }],
  random_uniform: [{ operands: [i32([], [4])], attrs: { seed: 3, shape: [2, 2] }, none: true }],
  scan: [
    {
      operands: [u(2, 3), uniform([4, 2, 3], -1, 1, 11), uniform([3, 3], -0.5, 0.5, 12)],
      attrs: { num_carry: 1, num_seq: 1 },
      regions: rnnBody,
    },
    {
      operands: [u(2, 3), uniform([4, 2, 3], -1, 1, 13), uniform([3, 3], -0.5, 0.5, 14)],
      attrs: { num_carry: 1, num_seq: 1, reverse: true },
      regions: rnnBody,
    },
    {
      operands: [u(2), uniform([2], 0.2, 1, 15), uniform([3, 2], -1, 1, 16)],
      attrs: { num_carry: 2, num_seq: 1 },
      regions: twoCarryBody,
    },
  ],
};

/** A module computing L = Σ_i Σ result_i · r_i and the gradients of L with respect to the f32 operands. */
function lossModule(name: string, c: Case) {
  const module = new Module("grad");
  const graph = module.addGraph("g");
  const b = new GraphBuilder(graph);
  const inputs = c.operands.map((t, i) => b.input(`x${i}`, { dtype: t.dtype, shape: t.shape }));
  const results = b.op(name, inputs, c.attrs, { regions: c.regions?.(b) });
  const directions: Record<string, Tensor> = {};
  let loss: Value | undefined;
  results.forEach((y, i) => {
    const shape = y.type.shape as number[];
    directions[`r${i}`] = uniform(shape, -1, 1, 100 + i);
    const yf = y.type.dtype === "f32" ? y : b.op1("cast", [y], { dtype: "f32" });
    const term = b.op1(
      "reduce_sum",
      [b.op1("mul", [yf, b.input(`r${i}`, { dtype: "f32", shape })])],
      { axes: shape.map((_, k) => k) },
    );
    loss = loss ? b.op1("add", [loss, term]) : term;
  });
  b.output("loss", loss!);
  const wrt = inputs.filter((v) => v.type.dtype === "f32");
  const grads = gradients(graph, loss!, wrt);
  grads.forEach((g, i) => g && b.output(`grad${inputs.indexOf(wrt[i])}`, g));
  return { module, grads, directions };
}

describe("gradient rules against finite differences", () => {
  it("every registered op has a case", () => {
    expect(Object.keys(CASES).sort()).toEqual(
      allOps()
        .map((op) => op.name)
        .sort(),
    );
  });

  for (const op of allOps()) {
    (CASES[op.name] ?? []).forEach((c, k) => {
      it(`${op.name} case ${k}`, () => {
        const { module, grads, directions } = lossModule(op.name, c);
        expect(verifyModule(module)).toEqual([]);
        if (c.none) {
          expect(grads.every((g) => g === undefined)).toBe(true);
          return;
        }
        const feeds = (operands: Tensor[]) => ({
          ...Object.fromEntries(operands.map((t, i) => [`x${i}`, t])),
          ...directions,
        });
        const run = (operands: Tensor[]) =>
          interpret(module, "g", { inputs: feeds(operands) }, { precision: "f64" }).outputs;
        const analytic = run(c.operands);
        c.operands.forEach((x, i) => {
          if (x.dtype !== "f32") return;
          const grad = analytic[`grad${i}`];
          expect(grad, `gradient of operand ${i}`).toBeDefined();
          const h = 1e-6;
          const numeric = x.toArray().map((_, e) => {
            const shifted = (delta: number) =>
              c.operands.map((t, j) =>
                j === i
                  ? Tensor.of(
                      "f32",
                      t.shape,
                      t.toArray().map((v, f) => (f === e ? v + delta : v)),
                      "f64",
                    )
                  : t,
              );
            return (run(shifted(h)).loss.data[0] - run(shifted(-h)).loss.data[0]) / (2 * h);
          });
          numeric.forEach((n, e) => {
            const a = grad.data[e];
            expect(
              Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n), 1e-3),
              `operand ${i} element ${e}: ${a} vs ${n}`,
            ).toBeLessThan(1e-6);
          });
        });
      });
    });
  }
});

describe("autodiff", () => {
  it("differentiates a mean over a symbolic dim with a count computed at run time", () => {
    const module = new Module("m");
    const graph = module.addGraph("g");
    const b = new GraphBuilder(graph);
    const x = b.input("x", { dtype: "f32", shape: ["batch", "seq"] });
    const loss = b.op1("reduce_sum", [b.op1("reduce_mean", [x], { axes: [1] })], { axes: [0] });
    const [g] = gradients(graph, loss, [x]);
    b.output("g", g!);
    const out = interpret(module, "g", { inputs: { x: uniform([2, 4], 0, 1, 1) } }).outputs.g;
    expect(out.toArray()).toEqual(new Array(8).fill(0.25));
  });

  it("differentiates a concat along a symbolic dim", () => {
    const module = new Module("m");
    const graph = module.addGraph("g");
    const b = new GraphBuilder(graph);
    const x = b.input("x", { dtype: "f32", shape: ["batch", 2] });
    const y = b.input("y", { dtype: "f32", shape: ["batch", 2] });
    const joined = b.op1("concat", [x, y, x], { axis: 0 });
    const weights = b.op1("iota", [], { shape: joined.type.shape, axis: 0, dtype: "f32" });
    const loss = b.op1("reduce_sum", [b.op1("mul", [joined, weights])], { axes: [0, 1] });
    const [dx, dy] = gradients(graph, loss, [x, y]);
    b.output("dx", dx!);
    b.output("dy", dy!);
    const out = interpret(module, "g", {
      inputs: { x: uniform([3, 2], 0, 1, 1), y: uniform([3, 2], 0, 1, 2) },
    }).outputs;
    expect(out.dx.toArray()).toEqual([6, 6, 8, 8, 10, 10]); // rows 0..2 and 6..8 of the result
    expect(out.dy.toArray()).toEqual([3, 3, 4, 4, 5, 5]);
  });

  it("builds backward ops only for values on a path from the wrt values to the loss", () => {
    const module = new Module("m");
    const graph = module.addGraph("g");
    const b = new GraphBuilder(graph);
    const x = b.input("x", { dtype: "f32", shape: [3] });
    const w = b.input("w", { dtype: "f32", shape: [3] });
    const unrelated = b.op1("exp", [b.op1("sin", [x])]);
    const loss = b.op1("reduce_sum", [b.op1("mul", [b.op1("tanh", [x]), w])], { axes: [0] });
    b.output("unrelated", unrelated);
    const before = graph.ops.length;
    const [dw] = gradients(graph, loss, [w]);
    const backward = graph.ops.slice(before).map((op) => op.name);
    expect(backward).not.toContain("cos");
    expect(backward).not.toContain("tanh");
    expect(dw?.def?.name).toBe("mul");
  });
});
