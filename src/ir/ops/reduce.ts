/** Reductions over axes: sum, max, mean, and argmax over one axis. */
import type { GraphBuilder, Value } from "../graph.js";
import type { OpDef } from "../op-def.js";
import type { Tensor } from "../tensor.js";
import type { Dim, DType } from "../types.js";
import {
  alloc,
  constantScalar,
  NO_GRADIENT,
  requireAxes,
  requireAxis,
  requireDType,
} from "./util.js";

function reducedShape<D>(
  shape: readonly D[],
  axes: readonly number[],
  keepdims: boolean,
  one: D,
): D[] {
  return keepdims
    ? shape.map((d, i) => (axes.includes(i) ? one : d))
    : shape.filter((_, i) => !axes.includes(i));
}

/**
 * Visits every element of `x` with the flat offset of the output element it
 * reduces into, and its index along the reduced axes taken together.
 */
function forEachReduced(
  x: Tensor,
  axes: readonly number[],
  visit: (outOffset: number, value: number, reducedIndex: number) => void,
): void {
  const shape = x.shape;
  const rank = shape.length;
  // Output strides over the kept axes and row-major strides over the reduced ones.
  const outStrides = new Array<number>(rank).fill(0);
  const redStrides = new Array<number>(rank).fill(0);
  let outStride = 1;
  let redStride = 1;
  for (let d = rank - 1; d >= 0; d--) {
    if (axes.includes(d)) {
      redStrides[d] = redStride;
      redStride *= shape[d];
    } else {
      outStrides[d] = outStride;
      outStride *= shape[d];
    }
  }
  const index = new Array<number>(rank).fill(0);
  for (let i = 0; i < x.size; i++) {
    let out = 0;
    let red = 0;
    for (let d = 0; d < rank; d++) {
      out += index[d] * outStrides[d];
      red += index[d] * redStrides[d];
    }
    visit(out, x.data[i], red);
    for (let d = rank - 1; d >= 0 && ++index[d] === shape[d]; d--) index[d] = 0;
  }
}

/** dx from the operand, the result and its cotangent, both at the operand's rank (keepdims). */
type ReduceRule = (b: GraphBuilder, x: Value, y: Value, g: Value, axes: number[]) => Value;

function reduction(
  name: string,
  summary: string,
  dtypes: readonly DType[],
  rule: ReduceRule,
  init: (dtype: DType) => number,
  step: (acc: number, value: number) => number,
  finish: (acc: number, count: number) => number = (acc) => acc,
): OpDef {
  return {
    name,
    summary,
    operands: ["x"],
    attrs: {
      axes: { type: "ints", doc: "the axes to reduce, each listed once" },
      keepdims: { type: "bool", default: false, doc: "keep reduced axes as dims of size 1" },
    },
    regions: [],
    infer({ operands: [x], attrs }) {
      requireDType("operand", x, dtypes);
      const axes = attrs.axes as number[];
      requireAxes(axes, x.shape.length);
      return [
        { dtype: x.dtype, shape: reducedShape<Dim>(x.shape, axes, attrs.keepdims as boolean, 1) },
      ];
    },
    evaluate(args) {
      const [x] = args.operands;
      const axes = args.attrs.axes as number[];
      const out = alloc(args.results[0], args);
      const acc = new Float64Array(out.size).fill(init(x.dtype));
      forEachReduced(x, axes, (o, v) => (acc[o] = step(acc[o], v)));
      const count = x.size / Math.max(out.size, 1);
      for (let i = 0; i < out.size; i++) out.data[i] = finish(acc[i], count);
      return [out];
    },
    vjp({ b, op, grads: [g], wants: [wanted] }) {
      if (!wanted || !g) return [];
      const [x] = op.operands;
      const axes = op.attrs.axes as number[];
      const keep = reducedShape<Dim>(x.type.shape, axes, true, 1);
      const atRank = (v: Value) => (op.attrs.keepdims ? v : b.op1("reshape", [v], { shape: keep }));
      return [rule(b, x, atRank(op.results[0]), atRank(g), axes)];
    },
  };
}

const spread = (b: GraphBuilder, g: Value, x: Value) =>
  b.op1("broadcast_to", [g], { shape: x.type.shape });

/** The number of elements a reduction over `axes` of `x` folds into one, as a scalar (computed when a dim is symbolic). */
function countOf(b: GraphBuilder, x: Value, axes: number[]): Value {
  const dims = axes.map((a) => x.type.shape[a]);
  if (dims.every((d) => typeof d === "number"))
    return constantScalar(
      b,
      dims.reduce<number>((n, d) => n * (d as number), 1),
    );
  const ones = b.op1("constant", [], { dtype: "f32", shape: dims, value: 1 });
  return b.op1("reduce_sum", [ones], { axes: dims.map((_, i) => i) });
}

/** The maximum's cotangent goes to the elements equal to it, shared evenly among ties (as torch.amax does). */
const maxRule: ReduceRule = (b, x, y, g, axes) => {
  const mask = b.op1("cast", [b.op1("eq", [x, y])], { dtype: x.type.dtype });
  const ties = b.op1("reduce_sum", [mask], { axes, keepdims: true });
  return b.op1("mul", [spread(b, b.op1("div", [g, ties]), x), mask]);
};

const lowest = (dtype: DType) => (dtype === "i32" ? -(2 ** 31) : -Infinity);

export const ARGMAX_OP: OpDef = {
  name: "argmax",
  summary:
    "index of the largest value along an axis (the first one on ties; NaN counts as largest)",
  operands: ["x"],
  attrs: {
    axis: { type: "int", doc: "the axis to search" },
    keepdims: { type: "bool", default: false, doc: "keep the axis as a dim of size 1" },
  },
  regions: [],
  infer({ operands: [x], attrs }) {
    const axis = attrs.axis as number;
    requireAxis(axis, x.shape.length);
    return [
      { dtype: "i32", shape: reducedShape<Dim>(x.shape, [axis], attrs.keepdims as boolean, 1) },
    ];
  },
  evaluate(args) {
    const [x] = args.operands;
    const out = alloc(args.results[0], args);
    const best = new Float64Array(out.size).fill(-Infinity);
    const seen = new Uint8Array(out.size);
    forEachReduced(x, [args.attrs.axis as number], (o, v, k) => {
      if (!seen[o] || v > best[o] || (Number.isNaN(v) && !Number.isNaN(best[o]))) {
        seen[o] = 1;
        best[o] = v;
        out.data[o] = k;
      }
    });
    return [out];
  },
  vjp: NO_GRADIENT,
};

export const REDUCE_OPS: OpDef[] = [
  reduction(
    "reduce_sum",
    "sum over axes",
    ["f32", "i32"],
    (b, x, _y, g) => spread(b, g, x),
    () => 0,
    (a, v) => a + v,
  ),
  reduction(
    "reduce_max",
    "maximum over axes; NaN if any is NaN",
    ["f32", "i32"],
    maxRule,
    lowest,
    Math.max,
  ),
  reduction(
    "reduce_mean",
    "arithmetic mean over axes",
    ["f32"],
    (b, x, _y, g, axes) => b.op1("div", [spread(b, g, x), countOf(b, x, axes)]),
    () => 0,
    (a, v) => a + v,
    (a, n) => a / n,
  ),
  ARGMAX_OP,
];
