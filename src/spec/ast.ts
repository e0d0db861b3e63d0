/**
 * The Spec AST: what a spec means, whichever syntax it was written in. Both
 * front ends (the `.weft` DSL and YAML) produce it through one resolver, which
 * has already checked names and arguments: layer arguments are named and
 * typed, value references point at a model input or at a layer's output by
 * index, and every node keeps its source span. docs/spec-language.md
 * describes each construct.
 */
import type { SourceSpan } from "../core/diagnostics.js";
import type { DType } from "../core/types.js";
import type { Value } from "../core/signature.js";

export type { Value };

/** A name as written, with where it was written. */
export interface Name {
  readonly text: string;
  readonly span: SourceSpan;
}

export interface Arg {
  readonly name: string;
  readonly value: Value;
  readonly span: SourceSpan;
}

export interface TypeExpr {
  readonly dtype: DType;
  /** Numbers, or symbol names such as `batch`. */
  readonly shape: readonly (number | string)[];
  readonly span: SourceSpan;
}

export interface Input {
  readonly name: Name;
  readonly type: TypeExpr;
  readonly span: SourceSpan;
}

/** A value: a model or block input by name, or output `output` of layer `layer` (its index in the body). */
export type Ref =
  | { readonly from: "input"; readonly name: string; readonly span: SourceSpan }
  | {
      readonly from: "layer";
      readonly layer: number;
      readonly output: number;
      readonly span: SourceSpan;
    };

export interface Layer {
  /** A layer kind (`dense`) or the name of a block of this spec. */
  readonly kind: Name;
  /** The explicit name, which prefixes the layer's parameter names; absent, one is derived from the kind. */
  readonly name?: Name;
  /** `repeat N`: N instances chained one after another, named name.0 ... name.N-1. */
  readonly repeat?: number;
  readonly inputs: readonly Ref[];
  /** Only the arguments given, by name, in the signature's order. */
  readonly args: readonly Arg[];
  readonly outputs: number;
  readonly span: SourceSpan;
}

export interface Output {
  readonly name: Name;
  readonly value: Ref;
  readonly span: SourceSpan;
}

export interface BlockParam {
  readonly name: Name;
  readonly kind: "int" | "float" | "bool" | "string";
  readonly default?: Value;
  readonly span: SourceSpan;
}

export interface Block {
  readonly name: Name;
  readonly inputs: readonly Name[];
  readonly params: readonly BlockParam[];
  readonly layers: readonly Layer[];
  readonly returns: readonly Ref[];
  readonly span: SourceSpan;
}

export interface Model {
  readonly name: Name;
  readonly inputs: readonly Input[];
  readonly layers: readonly Layer[];
  readonly outputs: readonly Output[];
  readonly span: SourceSpan;
}

/** A loss, optimizer or schedule: a kind with named arguments. */
export interface Call {
  readonly kind: Name;
  readonly args: readonly Arg[];
  readonly span: SourceSpan;
}

export interface Train {
  readonly model: Name;
  readonly targets: readonly Input[];
  readonly loss: Call;
  readonly optimizer: Call;
  readonly schedule?: Call;
  readonly clipGradNorm?: number;
  readonly batchSize?: number;
  readonly epochs?: number;
  readonly seed?: number;
  readonly metrics: readonly Name[];
  /** Where the examples come from: jsonl(path), csv(path), text(path), module(path). */
  readonly data?: Call;
  /** How text becomes an integer input: words(vocab) or chars(). */
  readonly tokenizer?: Call;
  /** Fractions of the examples for training, validation and test. */
  readonly split?: readonly number[];
  readonly span: SourceSpan;
}

/** A comment, kept so that `weft fmt` and `weft convert` carry it along; the text is without its marker. */
export interface Comment {
  readonly text: string;
  readonly span: SourceSpan;
}

export interface Spec {
  readonly blocks: readonly Block[];
  readonly model: Model;
  readonly train?: Train;
  readonly comments: readonly Comment[];
}

/**
 * A JSON form of a Spec AST for golden files and equality tests: names print
 * as "text @line:col", spans as "line:col", or both without positions
 * (`spans: false`), which is how the two syntaxes are compared. Objects and
 * lists that fit on a line are written on one.
 */
export function dumpSpec(spec: Spec, options: { spans?: boolean } = {}): string {
  const spans = options.spans ?? true;
  const plain = JSON.parse(
    JSON.stringify(spec, (key, value) => {
      if (key === "span") return spans ? `${value.line}:${value.col}` : undefined;
      if (
        value &&
        typeof value === "object" &&
        "text" in value &&
        "span" in value &&
        Object.keys(value).length === 2
      ) {
        return spans ? `${value.text} @${value.span.line}:${value.span.col}` : value.text;
      }
      return value;
    }),
  );
  return compactJson(plain, "") + "\n";
}

function compactJson(value: unknown, indent: string): string {
  const flat = JSON.stringify(value);
  if (flat.length + indent.length <= 100 || value === null || typeof value !== "object")
    return flat;
  const inner = indent + "  ";
  if (Array.isArray(value))
    return `[\n${value.map((v) => inner + compactJson(v, inner)).join(",\n")}\n${indent}]`;
  const entries = Object.entries(value).map(
    ([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`,
  );
  return `{\n${entries.join(",\n")}\n${indent}}`;
}

/** How a spec trains where its train section says nothing: batch size, epochs and seed. */
export const TRAIN_DEFAULTS = { batchSize: 32, epochs: 1, seed: 0 } as const;

/** The spec's batch size, epochs and seed: its train section's, or TRAIN_DEFAULTS'. */
export function trainRun(spec: Spec): { batchSize: number; epochs: number; seed: number } {
  const t = spec.train;
  return {
    batchSize: t?.batchSize ?? TRAIN_DEFAULTS.batchSize,
    epochs: t?.epochs ?? TRAIN_DEFAULTS.epochs,
    seed: t?.seed ?? TRAIN_DEFAULTS.seed,
  };
}
