/** Reductions over axes: sum, max, mean, and argmax over one axis. */
import type { GraphBuilder, Value } from "../graph.js";
import type { OpDef } from "../op-def.js";
import type { Tensor } from "../tensor.js";
import type { Dim, DType } from "../../core/types.js";
import {
  alloc,
  constantScalar,
  NO_GRADIENT,
  requireAxes,
  requireAxis,
  requireDType,
} from "./util.js";
import {
  call,
  cast,
  lit,
  productExpr,
  TRUE,
  v,
  type KExpr,
  type KFn,
  type KStmt,
} from "../../kernel/ir.js";
import { loopNest, offset, type LowerContext } from "../../kernel/lowering.js";

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

/**
 * The loop nest of a reduction of `x` over `axes`: for each result element,
 * `start` sets up accumulators, `step` sees each element folded into it (with
 * its index along the reduced axes, row-major), and `finish` stores. The
 * loops over the kept axes are parallel, those over the reduced axes reductions.
 */
function lowerReduction(
  ctx: LowerContext,
  axes: readonly number[],
  start: KStmt[],
  step: (value: KExpr, reducedIndex: KExpr) => KStmt[],
  finish: (at: KExpr) => KStmt[],
): KStmt[] {
  const x = ctx.operand(0);
  const kept = x.shape.filter((_, d) => !axes.includes(d));
  const reduced = axes.map((a) => x.shape[a]);
  return loopNest(ctx, kept, (keptIndex) => [
    ...start,
    ...loopNest(
      ctx,
      reduced,
      (redIndex) => {
        const full: KExpr[] = [];
        let k = 0;
        let r = 0;
        x.shape.forEach((_, d) => full.push(axes.includes(d) ? redIndex[r++] : keptIndex[k++]));
        return step(ctx.operandValue(0, full), offset(redIndex, reduced));
      },
      "reduction",
    ),
    ...finish(offset(keptIndex, kept)),
  ]);
}

function reduction(
  name: string,
  summary: string,
  dtypes: readonly DType[],
  combine: KFn,
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
    lower(ctx) {
      const axes = ctx.op.attrs.axes as number[];
      const x = ctx.operand(0);
      const out = ctx.result(0);
      const acc = ctx.fresh("acc");
      const count = productExpr(axes.map((a) => x.shape[a]));
      const sum = v(acc, x.dtype);
      const total = name === "reduce_mean" ? call("div", sum, cast(count, "f32")) : sum;
      ctx.kernel(
        lowerReduction(
          ctx,
          axes,
          [{ k: "let", name: acc, value: lit(init(x.dtype), x.dtype), mutable: true }],
          (value) => [{ k: "assign", name: acc, value: call(combine, sum, value) }],
          (at) => [{ k: "store", slot: out.slot, at, value: total }],
        ),
      );
    },
    fusion: "reduction",
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
  lower(ctx) {
    const out = ctx.result(0);
    const dtype = ctx.operand(0).dtype;
    const [best, arg, seen] = ["best", "arg", "seen"].map((n) => ctx.fresh(n));
    const bestV = v(best, dtype);
    // The first element, a larger one, or the first NaN.
    const better = (x: KExpr) =>
      call(
        "or",
        call("not", v(seen, "bool")),
        call("or", call("gt", x, bestV), call("and", call("ne", x, x), call("eq", bestV, bestV))),
      );
    ctx.kernel(
      lowerReduction(
        ctx,
        [ctx.op.attrs.axis as number],
        [
          { k: "let", name: best, value: lit(0, dtype), mutable: true },
          { k: "let", name: arg, value: lit(0, "i32"), mutable: true },
          { k: "let", name: seen, value: lit(0, "bool"), mutable: true },
        ],
        (value, k) => [
          {
            k: "if",
            cond: better(value),
            then: [
              { k: "assign", name: best, value },
              { k: "assign", name: arg, value: k },
              { k: "assign", name: seen, value: TRUE },
            ],
          },
        ],
        (at) => [{ k: "store", slot: out.slot, at, value: v(arg) }],
      ),
    );
  },
  fusion: "reduction",
};

export const REDUCE_OPS: OpDef[] = [
  reduction(
    "reduce_sum",
    "sum over axes",
    ["f32", "i32"],
    "add",
    (b, x, _y, g) => spread(b, g, x),
    () => 0,
    (a, v) => a + v,
  ),
  reduction(
    "reduce_max",
    "maximum over axes; NaN if any is NaN",
    ["f32", "i32"],
    "max",
    maxRule,
    lowest,
    Math.max,
  ),
  reduction(
    "reduce_mean",
    "arithmetic mean over axes",
    ["f32"],
    "add",
    (b, x, _y, g, axes) => b.op1("div", [spread(b, g, x), countOf(b, x, axes)]),
    () => 0,
    (a, v) => a + v,
    (a, n) => a / n,
  ),
  ARGMAX_OP,
];
