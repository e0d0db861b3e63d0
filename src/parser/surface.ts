/**
 * The surface tree: what a spec says, as either syntax says it, before names
 * and arguments are resolved. The DSL and YAML front ends each build one; the
 * resolver (resolve.ts) turns it into the Spec AST and reports the semantic
 * errors, so both syntaxes get the same checks and the same messages.
 */
import type { Comment } from "../spec/ast.js";
import type { SourceSpan } from "../core/diagnostics.js";

export interface SName {
  readonly text: string;
  readonly span: SourceSpan;
}

export type SExpr =
  | {
      readonly kind: "number";
      readonly value: number;
      readonly integer: boolean;
      readonly span: SourceSpan;
    }
  | { readonly kind: "string"; readonly value: string; readonly span: SourceSpan }
  | { readonly kind: "bool"; readonly value: boolean; readonly span: SourceSpan }
  /** A bare word: a value, a block parameter, an enum value or a symbol, as its context decides. */
  | { readonly kind: "name"; readonly name: string; readonly span: SourceSpan }
  | { readonly kind: "list"; readonly items: readonly SExpr[]; readonly span: SourceSpan }
  | { readonly kind: "call"; readonly call: SCall; readonly span: SourceSpan };

export interface SArg {
  readonly name?: SName;
  readonly value: SExpr;
  readonly span: SourceSpan;
}

export interface SCall {
  readonly callee: SName;
  readonly args: readonly SArg[];
  readonly span: SourceSpan;
}

export interface SType {
  readonly dtype: SName;
  /** Each dim is its factors: integers and symbol names, multiplied. */
  readonly dims: readonly (readonly (number | string)[])[];
  readonly span: SourceSpan;
}

export interface SLayer {
  readonly kind: "layer";
  /** `.weft`: the variables the results are assigned to. */
  readonly targets: readonly SName[];
  readonly call: SCall;
  readonly repeat?: { readonly value: number; readonly span: SourceSpan };
  /** The layer's `name:` (an argument in `.weft`, a key in YAML); in YAML it also names its output. */
  readonly name?: SName;
  /** YAML: the layer's `inputs:`; absent, the previous layer's output. */
  readonly inputs?: readonly SName[];
  /** YAML style: the layer takes its inputs from `inputs` (or the previous layer), not from call arguments. */
  readonly yaml: boolean;
  /** Marks the first result as a model output of this name. */
  readonly output?: SName;
  readonly span: SourceSpan;
}

export type SStatement =
  | {
      readonly kind: "input";
      readonly name: SName;
      readonly type: SType;
      readonly span: SourceSpan;
    }
  | SLayer
  /** A model output: `value` names what it is (absent: the value called `name`). */
  | {
      readonly kind: "output";
      readonly name: SName;
      readonly value?: SName;
      readonly span: SourceSpan;
    }
  | { readonly kind: "return"; readonly values: readonly SName[]; readonly span: SourceSpan };

export interface SBlockParam {
  readonly name: SName;
  /** `units: int`: a required parameter of this type. */
  readonly type?: SName;
  readonly default?: SExpr;
  readonly span: SourceSpan;
}

export interface SBlock {
  readonly name: SName;
  readonly inputs: readonly SName[];
  readonly params: readonly SBlockParam[];
  readonly body: readonly SStatement[];
  readonly span: SourceSpan;
}

export interface SModel {
  readonly name: SName;
  readonly body: readonly SStatement[];
  readonly span: SourceSpan;
}

export interface STrain {
  readonly model?: SName;
  readonly targets: readonly {
    readonly name: SName;
    readonly type: SType;
    readonly span: SourceSpan;
  }[];
  readonly settings: readonly {
    readonly key: SName;
    readonly value: SExpr;
    readonly span: SourceSpan;
  }[];
  readonly span: SourceSpan;
}

export interface SSpec {
  readonly comments: readonly Comment[];
  readonly blocks: readonly SBlock[];
  readonly models: readonly SModel[];
  readonly trains: readonly STrain[];
}
