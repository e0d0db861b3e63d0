/**
 * What an op declaration lowers through: the LowerContext the lowering
 * (src/passes/lower.ts) hands each op's `lower`, and the helpers that build
 * the loop nests most ops need — an index per result dim, row-major offsets,
 * broadcast offsets (stride 0 along stretched dims), pointwise kernels.
 *
 * This file knows the graph IR only through the shapes it passes (`LoweredOp`),
 * so op declarations can use it without the kernel layer importing theirs.
 */
import type { Dim, DType, TensorType } from "../core/types.js";
import {
  add,
  call,
  cast,
  dimExpr,
  int,
  load,
  mul,
  v,
  type Contraction,
  type KExpr,
  type KStmt,
  type LoopKind,
  type Step,
} from "./ir.js";

export interface SlotRef {
  readonly slot: number;
  readonly dtype: DType;
  readonly shape: readonly Dim[];
}

/** An op as its lowering sees it. */
export interface LoweredOp {
  readonly name: string;
  readonly attrs: Readonly<Record<string, unknown>>;
  readonly operands: readonly { readonly type: TensorType }[];
  readonly results: readonly { readonly type: TensorType }[];
}

/** A contraction as an op describes it; the context binds its index and epilogue. */
export type ContractionShape = Omit<Contraction, "k" | "index" | "acc" | "epilogue">;

export interface LowerContext {
  readonly op: LoweredOp;
  operand(i: number): SlotRef;
  result(i: number): SlotRef;
  /** Emits a kernel implementing this op. */
  kernel(body: KStmt[]): void;
  /**
   * Emits a kernel computing `body` at every index of `shape` in parallel: a
   * loop nest, or, when a contraction fused into this op asked for one
   * (`contract`), that contraction with `body` as its epilogue.
   */
  pointwise(shape: readonly Dim[], body: (index: KExpr[]) => KStmt[]): void;
  /** A kernel step of this op, not emitted: for the body of a loop. */
  kernelStep(body: KStmt[]): Step;
  /** A loop variable name not used elsewhere in the program. */
  fresh(prefix: string): string;
  /** A new slot for a value only this op's lowering uses. */
  scratch(type: TensorType, name: string): SlotRef;
  /** The steps of region `i` of the op run on `args` (its inputs' slots); returns its outputs' slots. */
  region(i: number, args: readonly SlotRef[]): { steps: Step[]; outputs: SlotRef[] };
  /** Emits a loop of steps. */
  loop(index: string, extent: KExpr, reverse: boolean, body: Step[]): void;
  /**
   * Operand i's value at `index` of the result: an element loaded from its
   * slot (broadcast), or, for an operand whose producer was fused into this
   * op, that producer's expression.
   */
  operandAt(i: number, index: readonly KExpr[]): KExpr;
  /** Operand i's element at `index` of its own shape: loaded, or its fused producer's expression. */
  operandValue(i: number, index: readonly KExpr[]): KExpr;
  /** Whether operand i's producer was fused into this op (it has an expression and no slot). */
  operandFused(i: number): boolean;
  /**
   * True when this op is fused into its consumers: it gives `defer` its
   * expression instead of a kernel, and asks for no result slot.
   */
  readonly fused: boolean;
  /** For a fused op: its result is an output, so its expression also stores it. */
  readonly stored: boolean;
  defer(valueAt: (index: readonly KExpr[]) => KExpr): void;
  /**
   * For a fused producer whose value takes statements to compute (a stored
   * output): emits them into the consuming kernel's loop body, before the
   * expression that reads their result.
   */
  prelude(stmts: KStmt[]): void;
  /** The statements fused producers emitted since the last call; the consumer places them. */
  takePrelude(): KStmt[];
  /**
   * For a fused contraction (a matmul in its epilogue's kernel): makes the
   * consuming kernel that contraction, and returns its dot product.
   */
  contract(shape: ContractionShape): KExpr;
}

/** `body` inside loops of `kind` over `shape`, indexed by `names`, outermost first. */
export function nest(
  names: readonly string[],
  shape: readonly Dim[],
  body: KStmt[],
  kind: LoopKind = "parallel",
): KStmt[] {
  let stmts = body;
  for (let d = shape.length - 1; d >= 0; d--)
    stmts = [{ k: "for", index: names[d], extent: dimExpr(shape[d]), kind, body: stmts }];
  return stmts;
}

/** Nested loops over `shape` (parallel unless said otherwise), one index per dim; `body` gets the indices. */
export function loopNest(
  ctx: Pick<LowerContext, "fresh">,
  shape: readonly Dim[],
  body: (index: KExpr[]) => KStmt[],
  kind: LoopKind = "parallel",
): KStmt[] {
  const names = shape.map(() => ctx.fresh("i"));
  return nest(names, shape, body(names.map((n) => v(n))), kind);
}

/** Row-major strides of a shape, as expressions. */
export function strides(shape: readonly Dim[]): KExpr[] {
  const out: KExpr[] = new Array(shape.length);
  let stride: KExpr = int(1);
  for (let d = shape.length - 1; d >= 0; d--) {
    out[d] = stride;
    stride = mul(stride, dimExpr(shape[d]));
  }
  return out;
}

/** The flat offset of `index` in `shape`, reading through `strides` (row-major by default). */
export function offset(index: readonly KExpr[], shape: readonly Dim[], by = strides(shape)): KExpr {
  return index.reduce<KExpr>((acc, i, d) => add(acc, mul(i, by[d])), int(0));
}

/** The strides of a value of `shape` broadcast to `outShape`: 0 along stretched or missing dims. */
export function broadcastStrides(shape: readonly Dim[], outShape: readonly Dim[]): KExpr[] {
  const lead = outShape.length - shape.length;
  const s = strides(shape);
  return outShape.map((d, i) =>
    i < lead || (shape[i - lead] === 1 && d !== 1) ? int(0) : s[i - lead],
  );
}

/** The offset in a value of `shape` broadcast to `outShape`, at the result index `index`. */
export function broadcastOffset(
  index: readonly KExpr[],
  shape: readonly Dim[],
  outShape: readonly Dim[],
): KExpr {
  return offset(index, outShape, broadcastStrides(shape, outShape));
}

/** An element of a slot, typed by the slot's dtype. */
export const loadFrom = (ref: SlotRef, at: KExpr): KExpr => load(ref.slot, at, ref.dtype);

/**
 * result[i] = fn(operand values at i, broadcast): the lowering of every
 * elementwise and broadcast op. Fused into its consumer, the op gives its
 * expression instead, rounded to float32 where the unfused op would have
 * stored a float32, so fusion does not change results.
 */
export function lowerElementwise(ctx: LowerContext, fn: (values: KExpr[]) => KExpr): void {
  const dtype = ctx.op.results[0].type.dtype;
  // The value as the result's dtype: comparisons give bools, stored as 0 or 1.
  const valueAt = (index: readonly KExpr[]) =>
    cast(fn(ctx.op.operands.map((_, i) => ctx.operandAt(i, index))), dtype);
  const rounded = (index: readonly KExpr[]) => {
    const value = valueAt(index);
    return dtype === "f32" ? call("fround", value) : value;
  };
  if (ctx.fused && ctx.stored) {
    // An output fused into its consumer: stored where the consumer computes it.
    const out = ctx.result(0);
    ctx.defer((index) => {
      const value = ctx.fresh("t");
      const computed = rounded(index);
      ctx.prelude([
        { k: "let", name: value, value: computed },
        { k: "store", slot: out.slot, at: offset(index, out.shape), value: v(value, dtype) },
      ]);
      return v(value, dtype);
    });
    return;
  }
  if (ctx.fused) {
    ctx.defer(rounded);
    return;
  }
  const out = ctx.result(0);
  ctx.pointwise(out.shape, (index) => {
    const value = valueAt(index);
    return [
      ...ctx.takePrelude(),
      { k: "store", slot: out.slot, at: offset(index, out.shape), value },
    ];
  });
}

/** Sets every element of a slot to `value`. */
export function fillKernel(ctx: LowerContext, target: SlotRef, value: KExpr): KStmt[] {
  return loopNest(ctx, target.shape, (index) => [
    { k: "store", slot: target.slot, at: offset(index, target.shape), value },
  ]);
}

/** Copies `count` elements from src at srcAt to dst at dstAt. */
export function copyKernel(
  ctx: LowerContext,
  src: SlotRef,
  srcAt: KExpr,
  dst: SlotRef,
  dstAt: KExpr,
  count: KExpr,
): KStmt[] {
  const i = ctx.fresh("i");
  return [
    {
      k: "for",
      index: i,
      extent: count,
      kind: "parallel",
      body: [
        {
          k: "store",
          slot: dst.slot,
          at: add(dstAt, v(i)),
          value: loadFrom(src, add(srcAt, v(i))),
        },
      ],
    },
  ];
}
