/**
 * What one primitive op declares. Every op is one `OpDef` in one file under
 * ops/: its operands, attribute schema, regions, type/shape rule and reference
 * semantics. Later stages add their piece (gradient rule, fusion class,
 * lowering) to this same declaration, so adding an op touches one file.
 */
import type { Attrs, AttrSchema } from "./attributes.js";
import type { Graph, GraphBuilder, Op, Value } from "./graph.js";
import type { LowerContext } from "../kernel/lowering.js";
import type { Precision, Tensor } from "./tensor.js";
import type { DType, TensorType } from "../core/types.js";

/** A type whose dims are all concrete, as the interpreter sees it. */
export interface ConcreteType {
  readonly dtype: DType;
  readonly shape: readonly number[];
}

export interface InferArgs {
  readonly operands: readonly TensorType[];
  readonly attrs: Attrs;
  readonly regions: readonly Graph[];
}

export interface EvalContext {
  readonly precision: Precision;
  /** Runs a region (such as a scan body) on the given arguments and returns its outputs. */
  runRegion(region: Graph, args: readonly Tensor[]): Tensor[];
}

export interface EvalArgs {
  readonly operands: readonly Tensor[];
  readonly attrs: Attrs;
  /** The result types with every symbolic dim resolved. */
  readonly results: readonly ConcreteType[];
  readonly regions: readonly Graph[];
  readonly ctx: EvalContext;
}

export interface OpDef {
  readonly name: string;
  /** One line, used by docs and error messages. */
  readonly summary: string;
  /** Operand names; with `variadic`, the last one repeats (at least once). */
  readonly operands: readonly string[];
  readonly variadic?: boolean;
  readonly attrs: AttrSchema;
  /** Names of nested graphs the op owns, such as scan's `body`. */
  readonly regions: readonly string[];
  /** The type/shape rule: result types from operand types, or a ShapeError. */
  infer(args: InferArgs): TensorType[];
  /** For an op with regions: the types each region's arguments take, from the operands' (scan's body). */
  regionInputs?(args: Omit<InferArgs, "regions">): TensorType[][];
  /** Reference semantics for the interpreter; favours clarity over speed. */
  evaluate(args: EvalArgs): Tensor[];
  /**
   * The vector-Jacobian product: from the cotangents of the op's results,
   * the cotangent of each operand that wants one, built with IR ops (so the
   * backward graph goes through the same passes, and could be differentiated
   * again). An op through which nothing differentiable flows returns [].
   */
  vjp(args: VjpArgs): (Value | undefined)[];
  /** How it lowers to the kernel IR: emits its kernels through the context (src/kernel/lowering.ts). */
  lower(ctx: LowerContext): void;
  /**
   * Its fusion class, as TVM's op patterns (see FUSION_CLASSES): `elementwise`
   * and `broadcast` ops compute each result element from the operands'
   * elements at the same (broadcast) index, so a chain of them can run as one
   * kernel.
   */
  readonly fusion: FusionClass;
  /**
   * For an injective op: its lowering reads one operand element per result
   * element and, when `ctx.fused`, gives that read to its consumer instead of
   * a kernel (gather, slice). Elementwise and broadcast ops always can.
   */
  readonly defersReads?: boolean;
}

/**
 * The fusion classes as an ordered lattice, as TVM's op patterns: each class
 * is a special case of the ones after it, and fusion rules ask "at most this
 * class" (a pointwise op is at most `broadcast`). `matmul` is TVM's
 * out-elementwise-fusable: it can take a pointwise epilogue.
 */
export const FUSION_CLASSES = [
  "elementwise",
  "broadcast",
  "injective",
  "reduction",
  "matmul",
  "opaque",
] as const;

export type FusionClass = (typeof FUSION_CLASSES)[number];

/** Whether class `c` is at most `bound` in the lattice. */
export const fusesAs = (c: FusionClass, bound: FusionClass): boolean =>
  FUSION_CLASSES.indexOf(c) <= FUSION_CLASSES.indexOf(bound);

export interface VjpArgs {
  /** Builds the backward ops, into the graph of the forward op. */
  readonly b: GraphBuilder;
  readonly op: Op;
  /** The cotangent of each result; undefined where none flows back. */
  readonly grads: readonly (Value | undefined)[];
  /** Which operands need a cotangent: f32 values on a path from a parameter to the loss. */
  readonly wants: readonly boolean[];
  /** Reverse mode over a graph's ops, for ops whose rule differentiates a region (scan). */
  readonly ad: Autodiff;
}

export interface Autodiff {
  /**
   * Emits, with `b`, the cotangents of `wrt` given cotangents (`seeds`) of
   * values of `b`'s graph; undefined for a value the seeds do not depend on.
   */
  backprop(
    b: GraphBuilder,
    seeds: ReadonlyMap<Value, Value>,
    wrt: readonly Value[],
  ): (Value | undefined)[];
}

/** Thrown by a shape rule; the message names the offending dims, the caller adds the op. */
export class ShapeError extends Error {}
