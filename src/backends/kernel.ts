/**
 * The kernel IR: the loop level below the graph IR, which every backend prints.
 *
 * A program is the schedule of one graph: a list of steps over numbered
 * buffers ("slots"), one per graph value. A step runs a kernel — nested loops
 * over an index space with scalar expressions, loads and stores at computed
 * offsets — or a loop of steps (a scan). Dims may be symbolic: a kernel reads
 * their runtime sizes as variables (`batch`), so one program serves every
 * batch size. The lowering (lower.ts) makes programs from graphs, each op by
 * the `lower` of its declaration; the fusion pass will group ops into fewer
 * kernels through the same interface.
 */
import type { Dim, DType } from "../ir/types.js";

/** Scalar functions a kernel may call; each backend maps them to its own. */
export type KFn =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "max"
  | "min"
  | "pow"
  | "lt"
  | "le"
  | "gt"
  | "ge"
  | "eq"
  | "ne"
  | "and"
  | "or"
  | "neg"
  | "abs"
  | "exp"
  | "log"
  | "sqrt"
  | "rsqrt"
  | "reciprocal"
  | "tanh"
  | "sigmoid"
  | "relu"
  | "erf"
  | "sin"
  | "cos"
  | "gelu_erf"
  | "gelu_tanh"
  /** i32 arithmetic: wrapping multiply, truncating division, remainder */
  | "imul"
  | "idiv"
  | "imod"
  /** f32 → i32 as the cast op defines it (truncate, saturate, NaN → 0) */
  | "to_i32"
  /** random_uniform's counter-based value from (seed, key, index) */
  | "random"
  /** rounding to float32, where a fused kernel keeps a value the unfused one would have stored */
  | "fround";

export type KExpr =
  | { readonly k: "lit"; readonly value: number }
  | { readonly k: "var"; readonly name: string }
  | { readonly k: "load"; readonly slot: number; readonly at: KExpr }
  | { readonly k: "call"; readonly fn: KFn; readonly args: readonly KExpr[] }
  | { readonly k: "select"; readonly cond: KExpr; readonly then: KExpr; readonly else: KExpr };

export type KStmt =
  | {
      readonly k: "for";
      readonly index: string;
      readonly extent: KExpr;
      readonly body: readonly KStmt[];
    }
  /** A scalar bound once, or a mutable one (`mutable`) for accumulators. */
  | { readonly k: "let"; readonly name: string; readonly value: KExpr; readonly mutable?: boolean }
  | { readonly k: "assign"; readonly name: string; readonly value: KExpr }
  | {
      readonly k: "store";
      readonly slot: number;
      readonly at: KExpr;
      readonly value: KExpr;
      readonly accumulate?: boolean;
    }
  | { readonly k: "if"; readonly cond: KExpr; readonly then: readonly KStmt[] };

export interface Kernel {
  readonly name: string;
  /** The graph ops it implements, for the one-line comment backends print. */
  readonly ops: readonly string[];
  readonly body: readonly KStmt[];
}

export type Step =
  | { readonly k: "kernel"; readonly kernel: Kernel }
  /** Runs `body` once per value of `index` from 0 to extent-1 (or down, with reverse). */
  | {
      readonly k: "loop";
      readonly index: string;
      readonly extent: KExpr;
      readonly reverse: boolean;
      readonly body: readonly Step[];
    };

export interface Slot {
  readonly id: number;
  readonly name: string;
  readonly dtype: DType;
  readonly shape: readonly Dim[];
}

export interface Program {
  readonly name: string;
  readonly slots: readonly Slot[];
  readonly steps: readonly Step[];
  readonly inputs: readonly { readonly name: string; readonly slot: number }[];
  readonly params: readonly { readonly name: string; readonly slot: number }[];
  readonly outputs: readonly { readonly name: string; readonly slot: number }[];
  readonly updates: readonly { readonly name: string; readonly slot: number }[];
  /** The symbolic dims, bound from the inputs at run time. */
  readonly symbols: readonly string[];
}

// ---------------------------------------------------------------------------
// Building expressions, with the obvious simplifications done as they are built

export const lit = (value: number): KExpr => ({ k: "lit", value });
export const v = (name: string): KExpr => ({ k: "var", name });
export const load = (slot: number, at: KExpr): KExpr => ({ k: "load", slot, at });
export const call = (fn: KFn, ...args: KExpr[]): KExpr => ({ k: "call", fn, args });
export const select = (cond: KExpr, then: KExpr, otherwise: KExpr): KExpr => ({
  k: "select",
  cond,
  then,
  else: otherwise,
});

export function add(a: KExpr, b: KExpr): KExpr {
  if (a.k === "lit" && a.value === 0) return b;
  if (b.k === "lit" && b.value === 0) return a;
  if (a.k === "lit" && b.k === "lit") return lit(a.value + b.value);
  return call("add", a, b);
}

export function mul(a: KExpr, b: KExpr): KExpr {
  if ((a.k === "lit" && a.value === 0) || (b.k === "lit" && b.value === 0)) return lit(0);
  if (a.k === "lit" && a.value === 1) return b;
  if (b.k === "lit" && b.value === 1) return a;
  if (a.k === "lit" && b.k === "lit") return lit(a.value * b.value);
  return call("mul", a, b);
}

/** A dim as an expression: a number, or the product of its symbols' runtime values. */
export function dimExpr(dim: Dim): KExpr {
  if (typeof dim === "number") return lit(dim);
  return dim
    .split("*")
    .map((f) => (/^\d+$/.test(f) ? lit(Number(f)) : v(f)))
    .reduce(mul);
}

export function productExpr(shape: readonly Dim[]): KExpr {
  return shape.map(dimExpr).reduce(mul, lit(1));
}

/** The number of kernels a schedule runs, counting those in loop bodies once. */
export function kernelCount(steps: readonly Step[]): number {
  return steps.reduce((n, s) => n + (s.k === "kernel" ? 1 : kernelCount(s.body)), 0);
}

/** The kernel grouping of a program as text: one line per kernel naming its ops, loops indented. */
export function printSchedule(program: Program): string {
  const lines = (steps: readonly Step[], indent: string): string[] =>
    steps.flatMap((s) =>
      s.k === "kernel"
        ? [`${indent}${s.kernel.name}: ${s.kernel.ops.join(", ")}`]
        : [
            `${indent}loop ${s.index}${s.reverse ? " reversed" : ""}:`,
            ...lines(s.body, `${indent}  `),
          ],
    );
  return [
    `@${program.name}: ${kernelCount(program.steps)} kernels`,
    ...lines(program.steps, "  "),
  ].join("\n");
}

/** Every kernel of a schedule, loop bodies included, in order. */
export function kernelsOf(steps: readonly Step[]): Kernel[] {
  return steps.flatMap((s) => (s.k === "kernel" ? [s.kernel] : kernelsOf(s.body)));
}

/** The slots the kernels of some steps read or write, loop bodies included. */
export function slotsOfSteps(steps: readonly Step[]): Set<number> {
  return new Set(
    steps.flatMap((s) => [...(s.k === "kernel" ? slotsOf(s.kernel.body) : slotsOfSteps(s.body))]),
  );
}

/** The slots a kernel body reads or writes. */
export function slotsOf(body: readonly KStmt[]): Set<number> {
  const out = new Set<number>();
  const expr = (e: KExpr): void => {
    if (e.k === "load") {
      out.add(e.slot);
      expr(e.at);
    } else if (e.k === "call") e.args.forEach(expr);
    else if (e.k === "select") [e.cond, e.then, e.else].forEach(expr);
  };
  const stmt = (s: KStmt): void => {
    switch (s.k) {
      case "for":
        expr(s.extent);
        s.body.forEach(stmt);
        return;
      case "let":
      case "assign":
        return expr(s.value);
      case "store":
        out.add(s.slot);
        expr(s.at);
        return expr(s.value);
      case "if":
        expr(s.cond);
        return s.then.forEach(stmt);
    }
  };
  body.forEach(stmt);
  return out;
}
