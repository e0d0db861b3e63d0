/** Ops that move data without arithmetic: reshape, transpose, broadcast_to, slice, concat. */
import { ShapeError, type OpDef } from "../op-def.js";
import { stridesOf } from "../tensor.js";
import { dimAdd, dimProduct, formatShape, formatType, type Dim } from "../../core/types.js";
import {
  alloc,
  copyStrided,
  mapBroadcast,
  requireAxis,
  requireSameDType,
  spanSize,
  unbroadcast,
} from "./util.js";
import { add, call, dimExpr, int, productExpr, type KExpr, type KStmt } from "../../kernel/ir.js";
import {
  copyKernel,
  loadFrom,
  loopNest,
  lowerElementwise,
  offset,
  strides,
} from "../../kernel/lowering.js";

export const RESHAPE_OP: OpDef = {
  name: "reshape",
  summary: "the same elements in row-major order under a new shape",
  operands: ["x"],
  attrs: { shape: { type: "shape", doc: "the new shape; symbolic dims by name" } },
  regions: [],
  infer({ operands: [x], attrs }) {
    const shape = attrs.shape as Dim[];
    const from = dimProduct(x.shape);
    const to = dimProduct(shape);
    if (from !== to) {
      throw new ShapeError(
        `cannot reshape ${formatType(x)} (${from} elements) to ${formatShape(shape)} (${to} elements)`,
      );
    }
    return [{ dtype: x.dtype, shape }];
  },
  evaluate(args) {
    const out = alloc(args.results[0], args);
    out.data.set(args.operands[0].data);
    return [out];
  },
  vjp({ b, op, grads: [g], wants: [wanted] }) {
    return wanted && g ? [b.op1("reshape", [g], { shape: op.operands[0].type.shape })] : [];
  },
  lower(ctx) {
    const [x, out] = [ctx.operand(0), ctx.result(0)];
    ctx.kernel(copyKernel(ctx, x, int(0), out, int(0), productExpr(out.shape)));
  },
  fusion: "injective",
};

export const TRANSPOSE_OP: OpDef = {
  name: "transpose",
  summary: "permutes the axes: result dim i is operand dim perm[i]",
  operands: ["x"],
  attrs: { perm: { type: "ints", doc: "a permutation of 0..rank-1" } },
  regions: [],
  infer({ operands: [x], attrs }) {
    const perm = attrs.perm as number[];
    const rank = x.shape.length;
    const sorted = [...perm].sort((a, b) => a - b);
    if (perm.length !== rank || sorted.some((p, i) => p !== i)) {
      throw new ShapeError(
        `perm [${perm.join(", ")}] is not a permutation of the ${rank} axes of ${formatType(x)}`,
      );
    }
    return [{ dtype: x.dtype, shape: perm.map((p) => x.shape[p]) }];
  },
  evaluate(args) {
    const [x] = args.operands;
    const perm = args.attrs.perm as number[];
    const strides = stridesOf(x.shape);
    return [
      copyStrided(
        alloc(args.results[0], args),
        x,
        0,
        perm.map((p) => strides[p]),
      ),
    ];
  },
  vjp({ b, op, grads: [g], wants: [wanted] }) {
    const perm = op.attrs.perm as number[];
    const inverse = perm.map((_, i) => perm.indexOf(i));
    return wanted && g ? [b.op1("transpose", [g], { perm: inverse })] : [];
  },
  lower(ctx) {
    const [x, out] = [ctx.operand(0), ctx.result(0)];
    const perm = ctx.op.attrs.perm as number[];
    const inStrides = strides(x.shape);
    ctx.kernel(
      loopNest(ctx, out.shape, (index) => [
        {
          k: "store",
          slot: out.slot,
          at: offset(index, out.shape),
          value: loadFrom(
            x,
            offset(
              index,
              out.shape,
              perm.map((p) => inStrides[p]),
            ),
          ),
        },
      ]),
    );
  },
  fusion: "injective",
};

export const BROADCAST_TO_OP: OpDef = {
  name: "broadcast_to",
  summary: "stretches dims of size 1 and prepends dims, NumPy style",
  operands: ["x"],
  attrs: { shape: { type: "shape", doc: "the target shape" } },
  regions: [],
  infer({ operands: [x], attrs }) {
    const shape = attrs.shape as Dim[];
    const offset = shape.length - x.shape.length;
    const bad = x.shape.findIndex((d, i) => d !== 1 && d !== shape[offset + i]);
    if (offset < 0 || bad >= 0) {
      throw new ShapeError(
        `cannot broadcast ${formatType(x)} to ${formatShape(shape)}` +
          (offset < 0
            ? ": the target has fewer dims"
            : `: dim ${bad} is ${x.shape[bad]} vs ${shape[offset + bad]}`),
      );
    }
    return [{ dtype: x.dtype, shape }];
  },
  evaluate(args) {
    return [mapBroadcast(alloc(args.results[0], args), args.operands, (v) => v)];
  },
  vjp({ b, op, grads: [g], wants: [wanted] }) {
    return wanted && g ? [unbroadcast(b, g, op.operands[0].type.shape)] : [];
  },
  lower: (ctx) => lowerElementwise(ctx, ([x]) => x),
  fusion: "broadcast",
};

export const SLICE_OP: OpDef = {
  name: "slice",
  summary: "the elements start <= i < end along each listed axis (stride 1)",
  operands: ["x"],
  attrs: {
    axes: { type: "ints", doc: "the axes to slice; their dims must be concrete" },
    starts: { type: "ints", doc: "first index kept, per listed axis" },
    ends: { type: "ints", doc: "one past the last index kept, per listed axis" },
  },
  regions: [],
  infer({ operands: [x], attrs }) {
    const axes = attrs.axes as number[];
    const starts = attrs.starts as number[];
    const ends = attrs.ends as number[];
    if (starts.length !== axes.length || ends.length !== axes.length) {
      throw new ShapeError(
        `axes, starts and ends must have the same length, found ${axes.length}, ${starts.length}, ${ends.length}`,
      );
    }
    const shape = [...x.shape];
    axes.forEach((axis, k) => {
      requireAxis(axis, shape.length);
      const dim = x.shape[axis];
      if (typeof dim !== "number")
        throw new ShapeError(`cannot slice symbolic dim ${axis} (${dim}) of ${formatType(x)}`);
      if (!(0 <= starts[k] && starts[k] <= ends[k] && ends[k] <= dim)) {
        throw new ShapeError(
          `slice ${starts[k]}:${ends[k]} is out of range for dim ${axis} of ${formatType(x)}`,
        );
      }
      shape[axis] = ends[k] - starts[k];
    });
    return [{ dtype: x.dtype, shape }];
  },
  evaluate(args) {
    const [x] = args.operands;
    const axes = args.attrs.axes as number[];
    const starts = args.attrs.starts as number[];
    const strides = stridesOf(x.shape);
    const base = axes.reduce((sum, axis, k) => sum + starts[k] * strides[axis], 0);
    return [copyStrided(alloc(args.results[0], args), x, base, strides)];
  },
  /** The cotangent padded back to the operand's shape with zeros before and after each sliced range. */
  vjp({ b, op, grads: [g], wants: [wanted] }) {
    if (!wanted || !g) return [];
    const x = op.operands[0];
    const starts = op.attrs.starts as number[];
    const ends = op.attrs.ends as number[];
    let padded = g;
    (op.attrs.axes as number[]).forEach((axis, k) => {
      const zeros = (size: number) =>
        b.op1("constant", [], {
          dtype: g.type.dtype,
          shape: padded.type.shape.map((d, i) => (i === axis ? size : d)),
          value: 0,
        });
      const after = (x.type.shape[axis] as number) - ends[k];
      const parts = [
        ...(starts[k] > 0 ? [zeros(starts[k])] : []),
        padded,
        ...(after > 0 ? [zeros(after)] : []),
      ];
      if (parts.length > 1) padded = b.op1("concat", parts, { axis });
    });
    return [padded];
  },
  lower(ctx) {
    const axes = ctx.op.attrs.axes as number[];
    const starts = ctx.op.attrs.starts as number[];
    const valueAt = (index: readonly KExpr[]) =>
      ctx.operandValue(
        0,
        index.map((i, d) => (axes.includes(d) ? add(i, int(starts[axes.indexOf(d)])) : i)),
      );
    if (ctx.fused) return ctx.defer(valueAt);
    const out = ctx.result(0);
    ctx.kernel(
      loopNest(ctx, out.shape, (index) => [
        { k: "store", slot: out.slot, at: offset(index, out.shape), value: valueAt(index) },
      ]),
    );
  },
  fusion: "injective",
  defersReads: true,
};

export const CONCAT_OP: OpDef = {
  name: "concat",
  summary: "joins operands along an axis; all other dims equal",
  operands: ["inputs"],
  variadic: true,
  attrs: { axis: { type: "int", doc: "the axis to join along" } },
  regions: [],
  infer({ operands, attrs }) {
    const axis = attrs.axis as number;
    const [first] = operands;
    requireAxis(axis, first.shape.length);
    const shape = [...first.shape];
    for (const t of operands.slice(1)) {
      requireSameDType(first, t);
      const other = t.shape.findIndex((d, i) => i !== axis && d !== first.shape[i]);
      if (t.shape.length !== first.shape.length || other >= 0) {
        throw new ShapeError(
          `cannot concat ${formatType(first)} and ${formatType(t)} along axis ${axis}: dims off the axis differ`,
        );
      }
      const sum = dimAdd(shape[axis], t.shape[axis]);
      if (sum === undefined) {
        throw new ShapeError(
          `cannot add dims ${shape[axis]} and ${t.shape[axis]} along axis ${axis}`,
        );
      }
      shape[axis] = sum;
    }
    return [{ dtype: first.dtype, shape }];
  },
  evaluate(args) {
    const axis = args.attrs.axis as number;
    const out = alloc(args.results[0], args);
    const outer = spanSize(out.shape, 0, axis);
    const outRow = spanSize(out.shape, axis);
    let column = 0;
    for (const x of args.operands) {
      const row = spanSize(x.shape, axis);
      for (let o = 0; o < outer; o++) {
        out.data.set(x.data.subarray(o * row, (o + 1) * row), o * outRow + column);
      }
      column += row;
    }
    return [out];
  },
  /**
   * Each operand's cotangent is its range of the result's: sliced out where
   * the offsets are known numbers, else gathered at iota + offset, the offset
   * summed at run time from the symbolic dims before it.
   */
  vjp({ b, op, grads: [g], wants }) {
    if (!g) return [];
    const axis = op.attrs.axis as number;
    let offset: Dim = 0;
    return op.operands.map((v, i) => {
      const size = v.type.shape[axis];
      const start = offset;
      offset = dimAdd(offset, size) ?? "?";
      if (!wants[i]) return undefined;
      if (typeof start === "number" && typeof size === "number") {
        return b.op1("slice", [g], { axes: [axis], starts: [start], ends: [start + size] });
      }
      const before = op.operands.slice(0, i).map((u) => {
        const ones = b.op1("constant", [], { dtype: "i32", shape: [u.type.shape[axis]], value: 1 });
        return b.op1("reduce_sum", [ones], { axes: [0] });
      });
      const first = before.reduce(
        (acc, n) => b.op1("add", [acc, n]),
        b.op1("constant", [], { dtype: "i32", shape: [], value: 0 }),
      );
      const indices = b.op1("add", [b.op1("iota", [], { shape: [size], axis: 0 }), first]);
      return b.op1("gather", [g, indices], { axis });
    });
  },
  /**
   * One nest over the result, each element copied from the operand whose
   * range along the axis holds it: a single pass over the result's
   * elements, which a consumer of the same elements can share.
   */
  lower(ctx) {
    const out = ctx.result(0);
    const axis = ctx.op.attrs.axis as number;
    let start: KExpr = int(0);
    const pieces = ctx.op.operands.map((_, i) => {
      const x = ctx.operand(i);
      const at = start;
      start = add(start, dimExpr(x.shape[axis]));
      return { x, at, end: start };
    });
    ctx.kernel(
      loopNest(ctx, out.shape, (index) =>
        pieces.map(({ x, at, end }): KStmt => {
          const c = index[axis];
          const inside = call("and", call("ge", c, at), call("lt", c, end));
          const from = index.map((j, d) => (d === axis ? call("sub", j, at) : j));
          return {
            k: "if",
            cond: inside,
            then: [
              {
                k: "store",
                slot: out.slot,
                at: offset(index, out.shape),
                value: loadFrom(x, offset(from, x.shape)),
              },
            ],
          };
        }),
      ),
    );
  },
  fusion: "injective",
};

export const LAYOUT_OPS: OpDef[] = [RESHAPE_OP, TRANSPOSE_OP, BROADCAST_TO_OP, SLICE_OP, CONCAT_OP];
