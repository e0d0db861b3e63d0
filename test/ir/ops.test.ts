/**
 * Every registered op against hand-computed values (transcendental ones from
 * Python's math module), through the builder and the interpreter, in float32
 * and float64. The test walks the registry: an op without cases fails.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allOps } from "../../src/ir/registry.js";
import { GraphBuilder, Module, type Graph } from "../../src/ir/graph.js";
import { interpret } from "../../src/ir/interpreter.js";
import { verifyModule } from "../../src/ir/verifier.js";
import type { Tensor } from "../../src/ir/tensor.js";
import { expectClose, f32, i32 } from "../helpers/tensors.js";

interface Case {
  operands: Tensor[];
  attrs?: Record<string, unknown>;
  /** Builds the op's regions, given a builder of the enclosing graph. */
  regions?: (b: GraphBuilder) => Graph[];
  expect: Tensor[];
}

const E = 2.718281828459045;

/** A scan body that adds the step's slice to the carry and yields the new carry times a constant. */
const cumulativeBody = (b: GraphBuilder) => [
  b.region(
    [
      { name: "c", type: { dtype: "f32", shape: [1] } },
      { name: "x", type: { dtype: "f32", shape: [1] } },
      { name: "k", type: { dtype: "f32", shape: [] } },
    ],
    (r, [c, x, k]) => {
      const next = r.op1("add", [c, x]);
      return [next, r.op1("mul", [next, k])];
    },
  ),
];

const CASES: Record<string, Case[]> = {
  neg: [
    { operands: [f32([3], [1, -2.5, 0])], expect: [f32([3], [-1, 2.5, -0])] },
    { operands: [i32([2], [3, -4])], expect: [i32([2], [-3, 4])] },
  ],
  abs: [
    { operands: [f32([2], [-1.5, 2])], expect: [f32([2], [1.5, 2])] },
    { operands: [i32([1], [-3])], expect: [i32([1], [3])] },
  ],
  exp: [{ operands: [f32([3], [0, 1, -1])], expect: [f32([3], [1, E, 0.36787944117144233])] }],
  log: [{ operands: [f32([3], [1, E * E, 0])], expect: [f32([3], [0, 2, -Infinity])] }],
  sqrt: [{ operands: [f32([3], [4, 2.25, 0])], expect: [f32([3], [2, 1.5, 0])] }],
  rsqrt: [{ operands: [f32([2], [4, 0.25])], expect: [f32([2], [0.5, 2])] }],
  reciprocal: [{ operands: [f32([3], [2, -0.5, 0])], expect: [f32([3], [0.5, -2, Infinity])] }],
  tanh: [
    {
      operands: [f32([3], [0, 0.5, -2])],
      expect: [f32([3], [0, 0.46211715726000974, -0.9640275800758169])],
    },
  ],
  sigmoid: [
    {
      operands: [f32([5], [0, 2, -1, -1000, 1000])],
      expect: [f32([5], [0.5, 0.8807970779778823, 0.2689414213699951, 0, 1])],
    },
  ],
  relu: [
    { operands: [f32([4], [-1, 0, 2.5, NaN])], expect: [f32([4], [0, 0, 2.5, NaN])] },
    { operands: [i32([2], [-2, 3])], expect: [i32([2], [0, 3])] },
  ],
  erf: [
    {
      operands: [f32([4], [0, 0.5, -1, 3])],
      expect: [f32([4], [0, 0.5204998778130465, -0.8427007929497149, 0.9999779095030014])],
    },
  ],
  sin: [
    {
      operands: [f32([3], [0, Math.PI / 6, -Math.PI / 2])],
      expect: [f32([3], [0, 0.49999999999999994, -1])],
    },
  ],
  cos: [
    {
      operands: [f32([3], [0, Math.PI / 3, Math.PI])],
      expect: [f32([3], [1, 0.5000000000000001, -1])],
    },
  ],
  gelu_erf: [
    {
      operands: [f32([5], [1, -1, 2, 0.5, 0])],
      expect: [
        f32(
          [5],
          [0.8413447460685429, -0.15865525393145707, 1.9544997361036416, 0.34573123063700656, 0],
        ),
      ],
    },
  ],
  gelu_tanh: [
    {
      operands: [f32([4], [1, -1, 2, 0])],
      expect: [f32([4], [0.8411919906082768, -0.15880800939172324, 1.954597694087775, 0])],
    },
  ],
  add: [
    {
      operands: [f32([3], [1, 2, 3]), f32([2, 1], [10, 20])],
      expect: [f32([2, 3], [11, 12, 13, 21, 22, 23])],
    },
    { operands: [i32([2], [2147483647, 1]), i32([], [1])], expect: [i32([2], [-2147483648, 2])] },
  ],
  sub: [{ operands: [f32([2], [5, 3]), f32([], [1])], expect: [f32([2], [4, 2])] }],
  mul: [
    { operands: [f32([2], [1.5, -2]), f32([2], [2, 3])], expect: [f32([2], [3, -6])] },
    { operands: [i32([2], [65536, 7]), i32([2], [65536, -3])], expect: [i32([2], [0, -21])] },
  ],
  div: [
    {
      operands: [f32([3], [1, -3, 1]), f32([3], [4, 2, 0])],
      expect: [f32([3], [0.25, -1.5, Infinity])],
    },
  ],
  pow: [{ operands: [f32([2], [2, 9]), f32([2], [3, 0.5])], expect: [f32([2], [8, 3])] }],
  max: [
    { operands: [f32([3], [1, 5, NaN]), f32([3], [3, 2, 1])], expect: [f32([3], [3, 5, NaN])] },
  ],
  min: [
    { operands: [f32([3], [1, 5, NaN]), f32([3], [3, 2, 1])], expect: [f32([3], [1, 2, NaN])] },
    { operands: [i32([2], [4, -1]), i32([], [0])], expect: [i32([2], [0, -1])] },
  ],
  eq: [{ operands: [f32([3], [1, 2, 3]), f32([], [2])], expect: [i32([3], [0, 1, 0])] }],
  ne: [{ operands: [i32([3], [1, 2, 3]), i32([], [2])], expect: [i32([3], [1, 0, 1])] }],
  lt: [{ operands: [f32([3], [1, 2, 3]), f32([], [2])], expect: [i32([3], [1, 0, 0])] }],
  le: [{ operands: [f32([3], [1, 2, 3]), f32([], [2])], expect: [i32([3], [1, 1, 0])] }],
  gt: [{ operands: [f32([3], [1, 2, 3]), f32([], [2])], expect: [i32([3], [0, 0, 1])] }],
  ge: [{ operands: [f32([3], [1, 2, 3]), f32([], [2])], expect: [i32([3], [0, 1, 1])] }],
  select: [
    {
      operands: [i32([2, 1], [1, 0]), f32([3], [1, 2, 3]), f32([], [-1])],
      expect: [f32([2, 3], [1, 2, 3, -1, -1, -1])],
    },
  ],
  reduce_sum: [
    {
      operands: [f32([2, 3], [1, 2, 3, 4, 5, 6])],
      attrs: { axes: [0] },
      expect: [f32([3], [5, 7, 9])],
    },
    {
      operands: [f32([2, 3], [1, 2, 3, 4, 5, 6])],
      attrs: { axes: [1], keepdims: true },
      expect: [f32([2, 1], [6, 15])],
    },
    {
      operands: [i32([2, 3], [1, 2, 3, 4, 5, 6])],
      attrs: { axes: [1, 0] },
      expect: [i32([], [21])],
    },
  ],
  reduce_max: [
    {
      operands: [f32([2, 3], [1, 7, 3, 4, 5, 6])],
      attrs: { axes: [1] },
      expect: [f32([2], [7, 6])],
    },
    { operands: [f32([3], [1, NaN, 3])], attrs: { axes: [0] }, expect: [f32([], [NaN])] },
  ],
  reduce_mean: [
    {
      operands: [f32([2, 3], [1, 2, 3, 4, 5, 6])],
      attrs: { axes: [0, 1] },
      expect: [f32([], [3.5])],
    },
    {
      operands: [f32([2, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7])],
      attrs: { axes: [0, 2] },
      expect: [f32([2], [2.5, 4.5])],
    },
  ],
  argmax: [
    {
      operands: [f32([2, 3], [1, 3, 3, 5, -1, 2])],
      attrs: { axis: 1 },
      expect: [i32([2], [1, 0])],
    },
    {
      operands: [f32([2, 3], [1, 3, 3, 5, -1, 2])],
      attrs: { axis: 0, keepdims: true },
      expect: [i32([1, 3], [1, 0, 0])],
    },
  ],
  reshape: [
    {
      operands: [f32([2, 3], [1, 2, 3, 4, 5, 6])],
      attrs: { shape: [3, 1, 2] },
      expect: [f32([3, 1, 2], [1, 2, 3, 4, 5, 6])],
    },
  ],
  transpose: [
    {
      operands: [f32([2, 3], [1, 2, 3, 4, 5, 6])],
      attrs: { perm: [1, 0] },
      expect: [f32([3, 2], [1, 4, 2, 5, 3, 6])],
    },
    {
      operands: [f32([2, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7])],
      attrs: { perm: [2, 0, 1] },
      expect: [f32([2, 2, 2], [0, 2, 4, 6, 1, 3, 5, 7])],
    },
  ],
  broadcast_to: [
    {
      operands: [f32([2], [1, 2])],
      attrs: { shape: [3, 2] },
      expect: [f32([3, 2], [1, 2, 1, 2, 1, 2])],
    },
    {
      operands: [i32([2, 1], [1, 2])],
      attrs: { shape: [2, 3] },
      expect: [i32([2, 3], [1, 1, 1, 2, 2, 2])],
    },
  ],
  slice: [
    {
      operands: [f32([2, 3], [1, 2, 3, 4, 5, 6])],
      attrs: { axes: [1], starts: [1], ends: [3] },
      expect: [f32([2, 2], [2, 3, 5, 6])],
    },
    {
      operands: [f32([2, 3], [1, 2, 3, 4, 5, 6])],
      attrs: { axes: [0, 1], starts: [1, 0], ends: [2, 2] },
      expect: [f32([1, 2], [4, 5])],
    },
  ],
  concat: [
    {
      operands: [f32([1, 2], [1, 2]), f32([2, 2], [3, 4, 5, 6])],
      attrs: { axis: 0 },
      expect: [f32([3, 2], [1, 2, 3, 4, 5, 6])],
    },
    {
      operands: [f32([2, 1], [1, 2]), f32([2, 2], [3, 4, 5, 6]), f32([2, 1], [7, 8])],
      attrs: { axis: 1 },
      expect: [f32([2, 4], [1, 3, 4, 7, 2, 5, 6, 8])],
    },
  ],
  matmul: [
    {
      operands: [f32([2, 2], [1, 2, 3, 4]), f32([2, 2], [5, 6, 7, 8])],
      expect: [f32([2, 2], [19, 22, 43, 50])],
    },
    {
      operands: [f32([2, 2], [1, 2, 3, 4]), f32([2, 2], [5, 6, 7, 8])],
      attrs: { transpose_b: true },
      expect: [f32([2, 2], [17, 23, 39, 53])],
    },
    {
      operands: [f32([2, 2], [1, 2, 3, 4]), f32([2, 2], [5, 6, 7, 8])],
      attrs: { transpose_a: true },
      expect: [f32([2, 2], [26, 30, 38, 44])],
    },
    {
      operands: [f32([1, 3], [1, 2, 3]), f32([3, 2], [1, 0, 0, 1, 1, 1])],
      expect: [f32([1, 2], [4, 5])],
    },
    {
      operands: [f32([2, 1, 2], [1, 2, 3, 4]), f32([2, 1], [1, 1])],
      expect: [f32([2, 1, 1], [3, 7])],
    },
  ],
  gather: [
    {
      operands: [f32([3, 2], [1, 2, 3, 4, 5, 6]), i32([2, 2], [2, 0, 2, 2])],
      expect: [f32([2, 2, 2], [5, 6, 1, 2, 5, 6, 5, 6])],
    },
    {
      operands: [f32([2, 3], [1, 2, 3, 4, 5, 6]), i32([2], [2, 0])],
      attrs: { axis: 1 },
      expect: [f32([2, 2], [3, 1, 6, 4])],
    },
  ],
  scatter_add: [
    {
      operands: [f32([3, 2], [1, 1, 2, 2, 3, 3]), i32([3], [0, 2, 0])],
      attrs: { size: 3 },
      expect: [f32([3, 2], [4, 4, 0, 0, 2, 2])],
    },
    {
      operands: [f32([2, 2], [1, 2, 3, 4]), i32([2], [1, 1])],
      attrs: { axis: 1, size: 3 },
      expect: [f32([2, 3], [0, 3, 0, 0, 7, 0])],
    },
  ],
  one_hot: [
    {
      operands: [i32([4], [0, 2, 5, -1])],
      attrs: { depth: 3 },
      expect: [f32([4, 3], [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0])],
    },
  ],
  cast: [
    {
      operands: [f32([4], [1.7, -1.7, NaN, 3e9])],
      attrs: { dtype: "i32" },
      expect: [i32([4], [1, -1, 0, 2147483647])],
    },
    { operands: [i32([2], [3, -2])], attrs: { dtype: "f32" }, expect: [f32([2], [3, -2])] },
  ],
  constant: [
    {
      operands: [],
      attrs: { dtype: "f32", shape: [2, 2], value: 0.5 },
      expect: [f32([2, 2], 0.5)],
    },
    {
      operands: [],
      attrs: { dtype: "i32", shape: [3], value: [1, -2, 3] },
      expect: [i32([3], [1, -2, 3])],
    },
  ],
  iota: [
    { operands: [], attrs: { shape: [2, 3], axis: 1 }, expect: [i32([2, 3], [0, 1, 2, 0, 1, 2])] },
    {
      operands: [],
      attrs: { shape: [2, 3], axis: 0, dtype: "f32" },
      expect: [f32([2, 3], [0, 0, 0, 1, 1, 1])],
    },
  ],
  random_uniform: [
    {
      operands: [i32([], [0])],
      attrs: { seed: 7, shape: [3] },
      expect: [f32([3], [0.6016948223114014, 0.3885641098022461, 0.9687915444374084])],
    },
    {
      operands: [i32([], [1])],
      attrs: { seed: 7, shape: [3] },
      expect: [f32([3], [0.6648341417312622, 0.5669222474098206, 0.881894588470459])],
    },
    {
      operands: [i32([], [0])],
      attrs: { seed: 8, shape: [2] },
      expect: [f32([2], [0.9049648642539978, 0.1985781192779541])],
    },
  ],
  scan: [
    {
      operands: [f32([1], [0]), f32([3, 1], [1, 2, 3]), f32([], [10])],
      attrs: { num_carry: 1, num_seq: 1 },
      regions: cumulativeBody,
      expect: [f32([1], [6]), f32([3, 1], [10, 30, 60])],
    },
    {
      operands: [f32([1], [0]), f32([3, 1], [1, 2, 3]), f32([], [10])],
      attrs: { num_carry: 1, num_seq: 1, reverse: true },
      regions: cumulativeBody,
      expect: [f32([1], [6]), f32([3, 1], [60, 50, 30])],
    },
  ],
};

function runCase(name: string, c: Case, precision: "f32" | "f64"): Tensor[] {
  const module = new Module("case");
  const b = new GraphBuilder(module.addGraph("main"));
  const inputs = c.operands.map((t, i) => b.input(`x${i}`, { dtype: t.dtype, shape: t.shape }));
  const results = b.op(name, inputs, c.attrs, { regions: c.regions?.(b) });
  results.forEach((r, i) => b.output(`y${i}`, r));
  expect(verifyModule(module)).toEqual([]);
  const feeds = Object.fromEntries(c.operands.map((t, i) => [`x${i}`, t]));
  const { outputs } = interpret(module, "main", { inputs: feeds }, { precision });
  return results.map((_, i) => outputs[`y${i}`]);
}

describe("op semantics", () => {
  it("every registered op has hand-computed cases, and every case names a registered op", () => {
    const registered = allOps()
      .map((op) => op.name)
      .sort();
    expect(Object.keys(CASES).sort()).toEqual(registered);
    for (const name of registered) expect(CASES[name].length, name).toBeGreaterThan(0);
  });

  for (const op of allOps()) {
    describe(op.name, () => {
      (CASES[op.name] ?? []).forEach((c, k) => {
        it(`case ${k} in float32 and float64`, () => {
          for (const [precision, tol] of [
            ["f32", { rtol: 1e-6, atol: 1e-7 }],
            ["f64", { rtol: 1e-14, atol: 1e-15 }],
          ] as const) {
            const outs = runCase(op.name, c, precision);
            expect(outs.length).toBe(c.expect.length);
            outs.forEach((t, i) => expectClose(t, c.expect[i], tol, `${precision} result ${i}`));
          }
        });
      });
    });
  }
});

describe("op declarations", () => {
  it("are complete: a summary, documented attributes, a shape rule and semantics", () => {
    for (const op of allOps()) {
      expect(op.summary.length, op.name).toBeGreaterThan(0);
      expect(op.name, op.name).toMatch(/^[a-z][a-z0-9_]*$/);
      for (const [name, spec] of Object.entries(op.attrs))
        expect(spec.doc.length, `${op.name}.${name}`).toBeGreaterThan(3);
      expect(typeof op.infer, op.name).toBe("function");
      expect(typeof op.evaluate, op.name).toBe("function");
    }
  });
});

describe("docs/ir.md", () => {
  it("lists every registered op in its op table", () => {
    const doc = readFileSync("docs/ir.md", "utf8");
    const listed = new Set([...doc.matchAll(/^\| `(\w+)` +\|/gm)].map((m) => m[1]));
    expect(
      allOps()
        .filter((op) => !listed.has(op.name))
        .map((op) => op.name),
    ).toEqual([]);
  });
});
