/**
 * The kernel IR: the loop level below the graph IR, which every backend prints.
 *
 * A program is the schedule of one graph: a list of steps over numbered
 * buffers ("slots"), one per graph value. A step runs a kernel — nested loops
 * over an index space with typed scalar expressions, loads and stores at
 * computed offsets, or a structured contraction — or a loop of steps (a
 * scan). Dims may be symbolic: a kernel reads their runtime sizes as
 * variables (`batch`), so one program serves every batch size.
 *
 * Types. Every expression has a scalar type: `f32` (a float32 value; a
 * backend may compute in higher precision and round when it stores, and
 * `fround` marks where a fused kernel keeps a value the unfused one would
 * have stored), `i32` (wrapping 32-bit integers: `div` truncates, `mod` takes
 * the dividend's sign) or `bool` (comparisons, `and`/`or`/`not`, the
 * condition of `select` and `if`). Conversions are explicit (`cast`).
 *
 * Loops say how their iterations relate: `parallel` iterations write disjoint
 * elements and read nothing another iteration writes, so they may run in any
 * order or at once; `reduction` iterations fold into scalars of the enclosing
 * body (`assign acc = fn(acc, …)`); `serial` iterations run in order.
 * `accumulate` adds into an element, `slot[at] += value`: iterations of a
 * serial loop do so in order (scatter-add is serial, so training is
 * reproducible); the same element may not be accumulated into by two
 * iterations of one parallel loop.
 *
 * A `contract` is a (batched) matrix product with its prologue and epilogue:
 * for every batch index, row i < m and column j < n — in parallel — it binds
 * `acc` to Σ_k A(i, k) · B(k, j) (summed in any order) and runs the epilogue,
 * which stores the results. Each operand is read through strides,
 * A(i, k) = A[a.base + i·a.stride + k·a.step] and B(k, j) = B[b.base +
 * j·b.stride + k·b.step], so Aᵀ·B and A·Bᵀ are plain contractions; or it is
 * computed, element by element, by an expression of its indices (a fused
 * prologue: a mask or a scale applied to the operand). Each backend schedules
 * it its own way (a kernel pass rewrites it into blocked loops for
 * TypeScript; a backend that packs panels computes a prologue once per
 * element while packing).
 */
import type { Dim, DType } from "../core/types.js";

export type KType = DType | "bool";

/**
 * The scalar functions a kernel may call, each with its signature: how many
 * operands, which types they take (`number`: f32 or i32, all the same), and
 * the result's type (`operand`: the operands').
 */
export const FNS = {
  add: { arity: 2, operands: "number", result: "operand" },
  sub: { arity: 2, operands: "number", result: "operand" },
  mul: { arity: 2, operands: "number", result: "operand" },
  div: { arity: 2, operands: "number", result: "operand" },
  mod: { arity: 2, operands: "i32", result: "operand" },
  max: { arity: 2, operands: "number", result: "operand" },
  min: { arity: 2, operands: "number", result: "operand" },
  pow: { arity: 2, operands: "f32", result: "operand" },
  lt: { arity: 2, operands: "number", result: "bool" },
  le: { arity: 2, operands: "number", result: "bool" },
  gt: { arity: 2, operands: "number", result: "bool" },
  ge: { arity: 2, operands: "number", result: "bool" },
  eq: { arity: 2, operands: "number", result: "bool" },
  ne: { arity: 2, operands: "number", result: "bool" },
  and: { arity: 2, operands: "bool", result: "bool" },
  or: { arity: 2, operands: "bool", result: "bool" },
  not: { arity: 1, operands: "bool", result: "bool" },
  neg: { arity: 1, operands: "number", result: "operand" },
  abs: { arity: 1, operands: "number", result: "operand" },
  relu: { arity: 1, operands: "number", result: "operand" },
  exp: { arity: 1, operands: "f32", result: "operand" },
  log: { arity: 1, operands: "f32", result: "operand" },
  sqrt: { arity: 1, operands: "f32", result: "operand" },
  rsqrt: { arity: 1, operands: "f32", result: "operand" },
  reciprocal: { arity: 1, operands: "f32", result: "operand" },
  tanh: { arity: 1, operands: "f32", result: "operand" },
  sigmoid: { arity: 1, operands: "f32", result: "operand" },
  erf: { arity: 1, operands: "f32", result: "operand" },
  sin: { arity: 1, operands: "f32", result: "operand" },
  cos: { arity: 1, operands: "f32", result: "operand" },
  gelu_erf: { arity: 1, operands: "f32", result: "operand" },
  gelu_tanh: { arity: 1, operands: "f32", result: "operand" },
  /** Rounding to float32, where a fused kernel keeps a value the unfused one would have stored. */
  fround: { arity: 1, operands: "f32", result: "operand" },
  /** random_uniform's counter-based value in [0, 1) from (seed, key, index). */
  random: { arity: 3, operands: "i32", result: "f32" },
} as const satisfies Record<string, FnSignature>;

export interface FnSignature {
  readonly arity: number;
  readonly operands: "number" | KType;
  readonly result: "operand" | KType;
}

export type KFn = keyof typeof FNS;

export const isKFn = (name: string): name is KFn => Object.hasOwn(FNS, name);

export type KExpr =
  | { readonly k: "lit"; readonly value: number; readonly type: KType }
  | { readonly k: "var"; readonly name: string; readonly type: KType }
  | { readonly k: "load"; readonly slot: number; readonly at: KExpr; readonly type: DType }
  | {
      readonly k: "call";
      readonly fn: KFn;
      readonly args: readonly KExpr[];
      readonly type: KType;
    }
  | {
      readonly k: "select";
      readonly cond: KExpr;
      readonly then: KExpr;
      readonly else: KExpr;
      readonly type: KType;
    }
  /**
   * A conversion: f32 → i32 truncates toward zero, saturates and takes NaN to
   * 0 (the graph IR's cast); i32 → f32 rounds to nearest; bool → a number is 0 or 1.
   */
  | { readonly k: "cast"; readonly value: KExpr; readonly type: KType };

export type LoopKind = "parallel" | "serial" | "reduction";

/** A contraction's operand read from a slot: its element (p, k) at base + p·stride + k·step. */
export interface StridedOperand {
  readonly slot: number;
  /** The offset of the first element, with the batch indices bound. */
  readonly base: KExpr;
  /** Along A's rows or B's columns. */
  readonly stride: KExpr;
  /** Along the contracted depth. */
  readonly step: KExpr;
}

/** A contraction's operand computed: its element (p, k) is `value` with index = [p, k] (and the batch indices) bound. */
export interface ComputedOperand {
  readonly index: readonly [string, string];
  readonly value: KExpr;
}

export type ContractOperand = StridedOperand | ComputedOperand;

export const isStrided = (o: ContractOperand): o is StridedOperand => "slot" in o;

export interface Contraction {
  readonly k: "contract";
  /** The extents of the batch dims, then m, n and the contracted depth. */
  readonly batch: readonly KExpr[];
  readonly m: KExpr;
  readonly n: KExpr;
  readonly depth: KExpr;
  /** A(i, k): p is the row i. */
  readonly a: ContractOperand;
  /** B(k, j): p is the column j. */
  readonly b: ContractOperand;
  /** The index variables the operands and the epilogue read: the batch indices, then i and j. */
  readonly index: readonly string[];
  /** The f32 variable the epilogue reads the dot product from. */
  readonly acc: string;
  readonly epilogue: readonly KStmt[];
}

export type KStmt =
  | {
      readonly k: "for";
      readonly index: string;
      readonly extent: KExpr;
      readonly kind: LoopKind;
      readonly body: readonly KStmt[];
      /**
       * A reduction whose terms a backend may combine in any order (split-accumulators marks
       * it where a backend runs the chains as vector lanes); otherwise they combine in order.
       */
      readonly reassociate?: boolean;
    }
  /** A scalar bound once, or a mutable one (`mutable`) for accumulators. */
  | { readonly k: "let"; readonly name: string; readonly value: KExpr; readonly mutable?: boolean }
  | { readonly k: "assign"; readonly name: string; readonly value: KExpr }
  | { readonly k: "store"; readonly slot: number; readonly at: KExpr; readonly value: KExpr }
  | { readonly k: "accumulate"; readonly slot: number; readonly at: KExpr; readonly value: KExpr }
  | { readonly k: "if"; readonly cond: KExpr; readonly then: readonly KStmt[] }
  | Contraction;

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

export interface Binding {
  readonly name: string;
  readonly slot: number;
}

export interface Program {
  readonly name: string;
  readonly slots: readonly Slot[];
  readonly steps: readonly Step[];
  readonly inputs: readonly Binding[];
  readonly params: readonly Binding[];
  readonly outputs: readonly Binding[];
  readonly updates: readonly Binding[];
  /** The symbolic dims, bound from the inputs at run time. */
  readonly symbols: readonly string[];
}

// ---------------------------------------------------------------------------
// Building expressions, typed as they are built, with the obvious
// simplifications of index arithmetic done on the way

export const lit = (value: number, type: KType): KExpr => ({ k: "lit", value, type });
/** An i32 literal: offsets, extents, indices. */
export const int = (value: number): KExpr => lit(value, "i32");
export const f32 = (value: number): KExpr => lit(value, "f32");
export const TRUE: KExpr = lit(1, "bool");
/** A variable: an index or a symbolic dim (i32) unless said otherwise. */
export const v = (name: string, type: KType = "i32"): KExpr => ({ k: "var", name, type });
export const load = (slot: number, at: KExpr, type: DType): KExpr => ({
  k: "load",
  slot,
  at,
  type,
});
export const cast = (value: KExpr, type: KType): KExpr =>
  value.type === type ? value : { k: "cast", value, type };

/** A call, its result typed by the function's signature; throws on operands it does not take. */
export function call(fn: KFn, ...args: KExpr[]): KExpr {
  const sig: FnSignature = FNS[fn];
  const problem = checkCall(
    fn,
    args.map((a) => a.type),
  );
  if (problem) throw new Error(`internal: ${problem}`);
  const type = sig.result === "operand" ? args[0].type : sig.result;
  return { k: "call", fn, args, type };
}

/** What is wrong with calling `fn` on operands of these types, if anything. */
export function checkCall(fn: KFn, types: readonly KType[]): string | undefined {
  const sig: FnSignature = FNS[fn];
  if (types.length !== sig.arity)
    return `${fn} takes ${sig.arity} operand(s), given ${types.length}`;
  const ok =
    sig.operands === "number"
      ? types.every((t) => t === types[0] && t !== "bool")
      : types.every((t) => t === sig.operands);
  return ok
    ? undefined
    : `${fn} takes ${sig.operands === "number" ? "f32 or i32 operands of one type" : sig.operands}, given ${types.join(", ")}`;
}

export function select(cond: KExpr, then: KExpr, otherwise: KExpr): KExpr {
  if (cond.type !== "bool" || then.type !== otherwise.type)
    throw new Error(`internal: select(${cond.type}, ${then.type}, ${otherwise.type})`);
  return { k: "select", cond, then, else: otherwise, type: then.type };
}

const isLit = (e: KExpr, value: number) => e.k === "lit" && e.value === value;

export function add(a: KExpr, b: KExpr): KExpr {
  if (a.type === "i32") {
    if (isLit(a, 0)) return b;
    if (isLit(b, 0)) return a;
    if (a.k === "lit" && b.k === "lit") return int((a.value + b.value) | 0);
  }
  return call("add", a, b);
}

export function mul(a: KExpr, b: KExpr): KExpr {
  if (a.type === "i32") {
    if (isLit(a, 0) || isLit(b, 0)) return int(0);
    if (isLit(a, 1)) return b;
    if (isLit(b, 1)) return a;
    if (a.k === "lit" && b.k === "lit") return int(Math.imul(a.value, b.value));
  }
  return call("mul", a, b);
}

/** i32 a / b, truncating; folded for literals. */
export function div(a: KExpr, b: KExpr): KExpr {
  if (a.type === "i32" && isLit(b, 1)) return a;
  // (x·c)/c, as index arithmetic writes a count of blocks back: offsets never overflow.
  if (
    a.type === "i32" &&
    a.k === "call" &&
    a.fn === "mul" &&
    b.k === "lit" &&
    isLit(a.args[1], b.value)
  )
    return a.args[0];
  if (a.k === "lit" && b.k === "lit" && a.type === "i32") return int(Math.trunc(a.value / b.value));
  return call("div", a, b);
}

/** i32 a % b; folded for literals. */
export function mod(a: KExpr, b: KExpr): KExpr {
  if (isLit(b, 1)) return int(0);
  if (a.k === "lit" && b.k === "lit") return int(a.value % b.value);
  return call("mod", a, b);
}

/** A dim as an expression: a number, or the product of its symbols' runtime values. */
export function dimExpr(dim: Dim): KExpr {
  if (typeof dim === "number") return int(dim);
  return dim
    .split("*")
    .map((f) => (/^\d+$/.test(f) ? int(Number(f)) : v(f)))
    .reduce(mul);
}

export function productExpr(shape: readonly Dim[]): KExpr {
  return shape.map(dimExpr).reduce(mul, int(1));
}

// ---------------------------------------------------------------------------
// Queries

/** The number of kernels a schedule runs, counting those in loop bodies once. */
export function kernelCount(steps: readonly Step[]): number {
  return steps.reduce((n, s) => n + (s.k === "kernel" ? 1 : kernelCount(s.body)), 0);
}

/** Every kernel of a schedule, loop bodies included, in order. */
export function kernelsOf(steps: readonly Step[]): Kernel[] {
  return steps.flatMap((s) => (s.k === "kernel" ? [s.kernel] : kernelsOf(s.body)));
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

/** The slots the kernels of some steps read or write, loop bodies included. */
export function slotsOfSteps(steps: readonly Step[]): Set<number> {
  return new Set(
    steps.flatMap((s) => [...(s.k === "kernel" ? slotsOf(s.kernel.body) : slotsOfSteps(s.body))]),
  );
}

/** The expressions a statement holds itself (not those of nested statements). */
export function exprsOf(s: KStmt): KExpr[] {
  switch (s.k) {
    case "for":
      return [s.extent];
    case "let":
    case "assign":
      return [s.value];
    case "store":
    case "accumulate":
      return [s.at, s.value];
    case "if":
      return [s.cond];
    case "contract":
      return [...s.batch, s.m, s.n, s.depth, ...operandExprs(s.a), ...operandExprs(s.b)];
  }
}

/** An operand's expressions: a strided one's base and strides, a computed one's value. */
export const operandExprs = (o: ContractOperand): KExpr[] =>
  isStrided(o) ? [o.base, o.stride, o.step] : [o.value];

/** The statements nested in a statement. */
export function bodyOf(s: KStmt): readonly KStmt[] {
  return s.k === "for" ? s.body : s.k === "if" ? s.then : s.k === "contract" ? s.epilogue : [];
}

/** Calls `visit` on an expression and each of its subexpressions. */
export function walkExpr(e: KExpr, visit: (e: KExpr) => void): void {
  visit(e);
  switch (e.k) {
    case "load":
      return walkExpr(e.at, visit);
    case "call":
      return e.args.forEach((a) => walkExpr(a, visit));
    case "select":
      return [e.cond, e.then, e.else].forEach((x) => walkExpr(x, visit));
    case "cast":
      return walkExpr(e.value, visit);
  }
}

/** Calls `visit` on each statement of a body, nested ones included. */
export function walkStmts(body: readonly KStmt[], visit: (s: KStmt) => void): void {
  for (const s of body) {
    visit(s);
    walkStmts(bodyOf(s), visit);
  }
}

/** The slots a statement writes: stores, accumulations, and a contraction's epilogue's. */
export const writesTo = (s: KStmt): number | undefined =>
  s.k === "store" || s.k === "accumulate" ? s.slot : undefined;

/** The slots a kernel body reads or writes. */
export function slotsOf(body: readonly KStmt[]): Set<number> {
  const out = new Set<number>();
  walkStmts(body, (s) => {
    const written = writesTo(s);
    if (written !== undefined) out.add(written);
    if (s.k === "contract") for (const o of [s.a, s.b]) if (isStrided(o)) out.add(o.slot);
    for (const e of exprsOf(s)) walkExpr(e, (x) => x.k === "load" && out.add(x.slot));
  });
  return out;
}

/** Replaces variables by expressions. */
export function substitute(e: KExpr, by: ReadonlyMap<string, KExpr>): KExpr {
  switch (e.k) {
    case "lit":
      return e;
    case "var":
      return by.get(e.name) ?? e;
    case "load":
      return { ...e, at: substitute(e.at, by) };
    case "call":
      return { ...e, args: e.args.map((a) => substitute(a, by)) };
    case "select":
      return {
        ...e,
        cond: substitute(e.cond, by),
        then: substitute(e.then, by),
        else: substitute(e.else, by),
      };
    case "cast":
      return { ...e, value: substitute(e.value, by) };
  }
}

/**
 * A copy of statements with variables replaced (`by`) and every name they
 * bind (lets, loop indices) renamed with `suffix`, so several copies can sit
 * in one body.
 */
export function copyStmts(
  body: readonly KStmt[],
  by: ReadonlyMap<string, KExpr>,
  suffix: string,
): KStmt[] {
  const scope = new Map(by);
  const expr = (e: KExpr) => substitute(e, scope);
  const bind = (name: string, type: KType) => {
    const renamed = `${name}${suffix}`;
    scope.set(name, v(renamed, type));
    return renamed;
  };
  return body.map((s): KStmt => {
    switch (s.k) {
      case "for": {
        const extent = expr(s.extent);
        const index = bind(s.index, "i32");
        return { ...s, index, extent, body: copyStmts(s.body, scope, suffix) };
      }
      case "let": {
        const value = expr(s.value);
        return { ...s, name: bind(s.name, value.type), value };
      }
      case "assign": {
        const target = scope.get(s.name);
        return { ...s, name: target?.k === "var" ? target.name : s.name, value: expr(s.value) };
      }
      case "store":
      case "accumulate":
        return { ...s, at: expr(s.at), value: expr(s.value) };
      case "if":
        return { ...s, cond: expr(s.cond), then: copyStmts(s.then, scope, suffix) };
      case "contract":
        throw new Error("internal: a contraction nested in a copied body");
    }
  });
}
