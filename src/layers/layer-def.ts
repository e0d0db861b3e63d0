/**
 * A layer kind: its signature (what the spec language checks) and its
 * builder, which declares the layer's parameters in PyTorch's names and
 * layouts and emits the primitive ops of its forward computation. One kind,
 * one declaration; docs/layers.md lists them all.
 */
import type { GraphBuilder, Initializer, Value } from "../ir/graph.js";
import type { Dim, DType, TensorType } from "../core/types.js";
import type { ArgReader, Signature } from "../core/signature.js";

export interface LayerDef extends Signature {
  /** The PyTorch module that computes the same thing, for docs and fixtures. */
  readonly torch: string;
  build(ctx: LayerContext, inputs: readonly Value[]): Value[];
  /** How the layer is written in PyTorch (`weft export --pytorch`): the same names, layouts and initialisation. */
  pytorch(layer: TorchContext): TorchLayer;
  /**
   * How the layer is written as ONNX nodes (`weft export --onnx`), from its
   * inputs' names to its outputs'; in the patterns torch.onnx.export writes,
   * so that `weft import` reads the layer back as itself.
   */
  onnx(layer: OnnxContext, inputs: readonly string[]): string[];
}

/** An ONNX attribute: an int, ints, a string, a float written { f }, or strings. */
export type OnnxAttr =
  | number
  | readonly number[]
  | string
  | { readonly f: number }
  | { readonly strings: readonly string[] };

export interface OnnxContext {
  /** The layer's full name (`blocks.0.attn`). */
  readonly name: string;
  readonly args: ArgReader;
  readonly inputs: readonly TensorType[];
  readonly outputs: readonly TensorType[];
  /** A node, named `/${name}/${scope}/${op}` as PyTorch names them; the names of its outputs. */
  node(
    op: string,
    inputs: readonly string[],
    attrs?: Readonly<Record<string, OnnxAttr>>,
    options?: { readonly outputs?: number; readonly scope?: string },
  ): string[];
  /** A node with one output. */
  op(
    op: string,
    inputs: readonly string[],
    attrs?: Readonly<Record<string, OnnxAttr>>,
    scope?: string,
  ): string;
  /** The value of the layer's parameter `${name}.${local}` (`${name}` for local ""). */
  weight(local: string): { readonly shape: readonly number[]; readonly data: Float32Array };
  /** A constant tensor as a Constant node: part of the computation, not a weight (`weft import` keeps the two apart). */
  literal(dtype: "f32" | "i64", shape: readonly number[], data: ArrayLike<number>): string;
  /** A tensor of the file (an initializer) named after `name`: weights, and constants too large to be nodes. */
  constant(
    dtype: "f32" | "i64" | "i32" | "bool",
    shape: readonly number[],
    data: ArrayLike<number>,
    name: string,
  ): string;
  /**
   * A target shape as an int64 tensor for Reshape (keep 0) or Expand (keep 1):
   * fixed dims as numbers, a symbolic dim that `from` has at the same place as
   * `keep`, one more as -1 (Reshape), others read off `from` by Shape.
   */
  shape(
    from: { readonly value: string; readonly type: TensorType },
    to: readonly Dim[],
    keep: 0 | 1,
  ): string;
}

/** A built layer, as `pytorch` sees it: its arguments and its inputs' and outputs' types. */
export interface TorchContext {
  readonly args: ArgReader;
  readonly inputs: readonly TensorType[];
  readonly outputs: readonly TensorType[];
}

export interface TorchLayer {
  /** The submodule holding the layer's parameters (`nn.Linear(64, 32)`), put under the layer's name; none without parameters. */
  readonly module?: string;
  /** Python definitions that the module or forward use (a class, a function), by name; each is written once. */
  readonly helpers?: Readonly<Record<string, string>>;
  /** The expression of the layer's outputs (a tuple for several), from its inputs' expressions and its submodule's. */
  forward(inputs: readonly string[], module: string): string;
}

export interface LayerContext {
  /** The layer's full name; its parameters are `${name}.weight` and so on. */
  readonly name: string;
  readonly kind: string;
  readonly b: GraphBuilder;
  /** Building the training graph: dropout is active. */
  readonly training: boolean;
  int(arg: string): number;
  float(arg: string): number;
  bool(arg: string): boolean;
  string(arg: string): string;
  ints(arg: string): number[];
  floats(arg: string): number[];
  /** A shape argument: integers and symbol names (-1 for one inferred dim). */
  shape(arg: string): (number | string)[];
  /** Declares parameter `${name}.${local}` (`${name}` itself for local "") and returns its value in the graph. */
  param(
    local: string,
    shape: number[],
    init: { kind: string; attrs?: Record<string, unknown> },
  ): Value;
  /** Throws a shape error: "<kind> '<name>' <message>". */
  fail(message: string): never;
  /** A value's type and where it came from: "f32[batch, 32] (from 'h1' at line 6)". */
  describe(value: Value): string;
  /** The dim of `value` at `axis` (negative from the end); `what` names it in errors. */
  fixedDim(value: Value, axis: number, what: string): number;
  /** The runtime key of the random streams of a training step (dropout). */
  randomKey(): Value;
  /** A seed for this layer's random op (or its `site` among several), from the spec's seed and the layer's name. */
  randomSeed(site?: string): number;
  requireDType(value: Value, dtype: DType, what: string): void;
  requireRank(value: Value, rank: number, what: string): void;
}

export type { Dim, Initializer };
