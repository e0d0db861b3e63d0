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
