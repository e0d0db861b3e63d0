/** Helpers shared by the op declarations: shape-rule checks and interpreter loops. */
import { ShapeError, type EvalArgs, type InferArgs } from "../op-def.js";
import { allocData, sizeOf, stridesOf, Tensor } from "../tensor.js";
import { formatType, type Dim, type DType, type Shape, type TensorType } from "../../core/types.js";
import type { ConcreteType } from "../op-def.js";
import type { GraphBuilder, Value } from "../graph.js";

export function requireDType(what: string, type: TensorType, allowed: readonly DType[]): void {
  if (!allowed.includes(type.dtype)) {
    throw new ShapeError(`${what} must be ${allowed.join(" or ")}, found ${formatType(type)}`);
  }
}

export function requireSameDType(a: TensorType, b: TensorType, what = "operands"): void {
  if (a.dtype !== b.dtype) {
    throw new ShapeError(
      `${what} must have the same dtype, found ${formatType(a)} and ${formatType(b)}`,
    );
  }
}

/** Checks that `axis` indexes a value of rank `rank`. */
export function requireAxis(axis: number, rank: number, what = "axis"): void {
  if (axis < 0 || axis >= rank) {
    throw new ShapeError(`${what} ${axis} is out of range for rank ${rank} (0..${rank - 1})`);
  }
}

export function requireAxes(axes: readonly number[], rank: number): void {
  const seen = new Set<number>();
  for (const axis of axes) {
    requireAxis(axis, rank);
    if (seen.has(axis)) throw new ShapeError(`axis ${axis} is listed twice`);
    seen.add(axis);
  }
}

/** NumPy broadcasting of symbolic shapes, right-aligned; a dim of 1 stretches. */
export function broadcastShapes(types: readonly TensorType[]): Dim[] {
  const rank = Math.max(...types.map((t) => t.shape.length));
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    let dim: Dim = 1;
    for (const t of types) {
      const d = t.shape[t.shape.length - rank + i] ?? 1;
      if (d === dim || d === 1) continue;
      if (dim !== 1) {
        throw new ShapeError(
          `cannot broadcast ${types.map(formatType).join(" and ")}: dim ${i} is ${dim} vs ${d}`,
        );
      }
      dim = d;
    }
    out.push(dim);
  }
  return out;
}

/** The rule of an op whose one result has the operands' broadcast shape. */
export function broadcastResult(dtype: DType, { operands }: InferArgs): TensorType[] {
  return [{ dtype, shape: broadcastShapes(operands) }];
}

export function alloc(type: ConcreteType, { ctx }: Pick<EvalArgs, "ctx">): Tensor {
  return new Tensor(
    type.dtype,
    type.shape,
    allocData(type.dtype, sizeOf(type.shape), ctx.precision),
  );
}

/** Strides of `shape` read as broadcast to `outShape`: 0 along stretched or missing dims. */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const strides = stridesOf(shape);
  const offset = outShape.length - shape.length;
  return outShape.map((_, i) => (i < offset || shape[i - offset] === 1 ? 0 : strides[i - offset]));
}

/** out[i] = fn(inputs[0][i'], inputs[1][i''], ...) over the broadcast index space of `out`. */
export function mapBroadcast(
  out: Tensor,
  inputs: readonly Tensor[],
  fn: (...values: number[]) => number,
): Tensor {
  // Most elementwise ops see operands of the result's shape or scalars: index them directly.
  if (
    inputs.length <= 3 &&
    inputs.every((t) => t.size === 1 || t.shape.join() === out.shape.join())
  ) {
    return mapDirect(out, inputs, fn);
  }
  const shape = out.shape;
  const rank = shape.length;
  const strides = inputs.map((t) => broadcastStrides(t.shape, shape));
  const index = new Array<number>(rank).fill(0);
  const offsets = new Array<number>(inputs.length).fill(0);
  const values = new Array<number>(inputs.length);
  for (let i = 0; i < out.size; i++) {
    for (let k = 0; k < inputs.length; k++) values[k] = inputs[k].data[offsets[k]];
    out.data[i] = fn(...values);
    for (let d = rank - 1; d >= 0; d--) {
      index[d]++;
      for (let k = 0; k < inputs.length; k++) offsets[k] += strides[k][d];
      if (index[d] < shape[d]) break;
      for (let k = 0; k < inputs.length; k++) offsets[k] -= strides[k][d] * shape[d];
      index[d] = 0;
    }
  }
  return out;
}

function mapDirect(
  out: Tensor,
  inputs: readonly Tensor[],
  fn: (...values: number[]) => number,
): Tensor {
  const n = out.size;
  const o = out.data;
  const [a, b, c] = inputs.map((t) => t.data);
  const [sa, sb, sc] = inputs.map((t) => (t.size === 1 && n !== 1 ? 0 : 1));
  if (inputs.length === 1) for (let i = 0; i < n; i++) o[i] = fn(a[i * sa]);
  else if (inputs.length === 2) for (let i = 0; i < n; i++) o[i] = fn(a[i * sa], b[i * sb]);
  else for (let i = 0; i < n; i++) o[i] = fn(a[i * sa], b[i * sb], c[i * sc]);
  return out;
}

/** Product of the dims of `shape` in [from, to). */
export function spanSize(shape: readonly number[], from: number, to = shape.length): number {
  let n = 1;
  for (let i = from; i < to; i++) n *= shape[i];
  return n;
}

export function dimsEqualMessage(a: Shape, b: Shape): string | undefined {
  if (a.length !== b.length) return `ranks differ (${a.length} vs ${b.length})`;
  const i = a.findIndex((d, k) => d !== b[k]);
  return i < 0 ? undefined : `dim ${i} is ${a[i]} vs ${b[i]}`;
}

/** out[i0, i1, ...] = x.data[base + i0 * strides[0] + i1 * strides[1] + ...]: a strided view copied out. */
export function copyStrided(
  out: Tensor,
  x: Tensor,
  base: number,
  strides: readonly number[],
): Tensor {
  const rank = out.shape.length;
  const index = new Array<number>(rank).fill(0);
  let offset = base;
  for (let i = 0; i < out.size; i++) {
    out.data[i] = x.data[offset];
    for (let d = rank - 1; d >= 0; d--) {
      index[d]++;
      offset += strides[d];
      if (index[d] < out.shape[d]) break;
      offset -= strides[d] * out.shape[d];
      index[d] = 0;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Helpers for gradient rules

export function constantScalar(b: GraphBuilder, value: number, dtype: DType = "f32"): Value {
  return b.op1("constant", [], { dtype, shape: [], value });
}

/** Zeros of a value's type (symbolic dims stay symbolic). */
export function zerosLike(b: GraphBuilder, v: Value): Value {
  return b.op1("constant", [], { dtype: v.type.dtype, shape: v.type.shape, value: 0 });
}

/**
 * The cotangent of an operand that was broadcast: `g` summed over the axes
 * broadcasting added or stretched, reshaped to the operand's shape.
 */
export function unbroadcast(b: GraphBuilder, g: Value, shape: Shape): Value {
  const gs = g.type.shape;
  const lead = gs.length - shape.length;
  const axes = gs
    .map((_, i) => i)
    .filter((i) => i < lead || (shape[i - lead] === 1 && gs[i] !== 1));
  if (axes.length === 0) return g;
  const summed = b.op1("reduce_sum", [g], { axes, keepdims: true });
  return b.op1("reshape", [summed], { shape });
}

/** `g` times a 0/1 mask given as an i32 comparison result. */
export function masked(b: GraphBuilder, g: Value, mask: Value): Value {
  return b.op1("mul", [g, b.op1("cast", [mask], { dtype: "f32" })]);
}

/** The op's cotangents, with undefined for operands that do not want one. */
export function onlyWanted(
  wants: readonly boolean[],
  grads: readonly (() => Value)[],
): (Value | undefined)[] {
  return grads.map((grad, i) => (wants[i] ? grad() : undefined));
}

/** For ops through which nothing differentiable flows (integer results, values from attributes). */
export const NO_GRADIENT = (): (Value | undefined)[] => [];
