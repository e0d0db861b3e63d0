/**
 * How a callable of the spec language — a layer kind, a loss, an optimizer, a
 * schedule — declares its arguments. The resolver checks calls in either
 * syntax against these, maps positional arguments to names, and coerces
 * values to the declared types, so `.weft` and YAML give the same Spec AST.
 */

/** An argument's value as the spec gives it (the Spec AST holds these). */
export type Value =
  | { readonly type: "int"; readonly value: number }
  | { readonly type: "float"; readonly value: number }
  | { readonly type: "bool"; readonly value: boolean }
  | { readonly type: "string"; readonly value: string }
  | { readonly type: "list"; readonly items: readonly Value[] }
  /** A block's hyperparameter, inside that block. */
  | { readonly type: "param"; readonly name: string }
  /** A model output or a training target, in a loss. */
  | { readonly type: "ref"; readonly name: string };

export type ArgKind =
  | "int"
  | "float"
  | "bool"
  | "string"
  | "ints" // a list of integers
  | "floats" // a list of numbers
  | "shape" // a list of dims: integers or symbol names
  | "output" // the name of a model output (losses)
  | "target"; // the name of a training target (losses)

export interface ArgSpec {
  readonly name: string;
  readonly kind: ArgKind;
  /** For a string argument, the values it may take; written as bare words in `.weft`. */
  readonly values?: readonly string[];
  /** Absent: the argument is required. */
  readonly default?: Value;
  /** May be given by position, in declaration order, after the value inputs; `weft fmt` writes it so. */
  readonly positional?: boolean;
  readonly doc: string;
}

export interface Signature {
  readonly name: string;
  readonly summary: string;
  /** How many values the call consumes (layers only; 0 for losses and optimizers). */
  readonly inputs: { readonly min: number; readonly max: number };
  readonly args: readonly ArgSpec[];
  /** How many values the call produces, given its arguments (defaults to 1). */
  outputs?(args: ReadonlyMap<string, Value>): number;
}

export const int = (value: number): Value => ({ type: "int", value });
export const float = (value: number): Value => ({ type: "float", value });
export const bool = (value: boolean): Value => ({ type: "bool", value });
export const str = (value: string): Value => ({ type: "string", value });

/** Reads a call's arguments by name, falling back to the signature's defaults. */
export class ArgReader {
  constructor(
    readonly signature: Signature,
    private readonly given: ReadonlyMap<string, Value>,
  ) {}

  value(name: string): Value {
    const value = this.given.get(name) ?? this.signature.args.find((a) => a.name === name)?.default;
    if (!value)
      throw new Error(
        `internal: ${this.signature.name} reads argument '${name}', which it does not declare`,
      );
    return value;
  }

  int(name: string): number {
    return (this.value(name) as { value: number }).value;
  }

  float(name: string): number {
    return (this.value(name) as { value: number }).value;
  }

  bool(name: string): boolean {
    return (this.value(name) as { value: boolean }).value;
  }

  /** A string or a reference's name. */
  string(name: string): string {
    const value = this.value(name);
    return value.type === "string" ? value.value : (value as { name: string }).name;
  }

  /** A list argument's items: numbers, or symbol names in a shape. */
  /** A list of numbers (an `ints` or `floats` argument). */
  numbers(name: string): number[] {
    return this.items(name) as number[];
  }

  items(name: string): (number | string)[] {
    const value = this.value(name);
    return value.type === "list"
      ? value.items.map((v) => (v as { value: number | string }).value)
      : [];
  }
}
