/**
 * The TypeScript backend: prints a kernel-IR program as a TypeScript module.
 * Each kernel becomes a plain function over typed-array views of the slots,
 * with a one-line comment naming the graph ops it implements; the program
 * becomes a driver that calls the kernels in order (and loops for scans).
 * Symbolic dims and program-level loop indices are read from `d`.
 *
 * Values follow the interpreter's float32 semantics: arithmetic in double,
 * rounded once when stored into a Float32Array.
 */
import {
  kernelsOf,
  type KExpr,
  type KFn,
  type Kernel,
  type KStmt,
  type KType,
  type Program,
  type Step,
} from "../../kernel/ir.js";

/**
 * JavaScript's operator precedences, as far as the kernels use them: an
 * operand is parenthesised only when its own operator binds less tightly
 * (or, as a right operand, equally: float addition is not associative, so
 * a + (b + c) keeps its parentheses).
 */
const ATOM = 20;
const UNARY = 15;
const MUL = 13;
const ADD = 12;
const REL = 10;
const EQ = 9;
const AND = 5;
const OR = 4;
const COND = 3;

interface Printed {
  readonly text: string;
  readonly prec: number;
}

type FnPrinter = (p: KernelPrinter, args: readonly KExpr[], type: KType) => Printed;

const infix =
  (op: string, prec: number): FnPrinter =>
  (p, [a, b]) => ({ text: `${p.expr(a, prec)} ${op} ${p.expr(b, prec + 1)}`, prec });
const math =
  (name: string): FnPrinter =>
  (p, args) => ({ text: `${name}(${args.map((x) => p.expr(x)).join(", ")})`, prec: ATOM });
/** A function of the package's copy of src/runtime/numerics.ts. */
const numerics =
  (name: string): FnPrinter =>
  (p, args) => {
    p.helpers.add(name);
    return math(name)(p, args, "f32");
  };

/**
 * How each kernel function prints. The table is total: a kernel function
 * without a TypeScript form fails to type-check.
 */
const FUNCTIONS: Record<KFn, FnPrinter> = {
  add: infix("+", ADD),
  sub: infix("-", ADD),
  // i32 products wrap, as Math.imul's do; in doubles they could exceed 2^53.
  mul: (p, args, type) =>
    type === "i32" ? math("Math.imul")(p, args, type) : infix("*", MUL)(p, args, type),
  div: (p, [a, b], type) =>
    type === "i32"
      ? { text: `Math.trunc(${p.expr(a, MUL)} / ${p.expr(b, MUL + 1)})`, prec: ATOM }
      : infix("/", MUL)(p, [a, b], type),
  mod: infix("%", MUL),
  max: math("Math.max"),
  min: math("Math.min"),
  pow: math("Math.pow"),
  lt: infix("<", REL),
  le: infix("<=", REL),
  gt: infix(">", REL),
  ge: infix(">=", REL),
  eq: infix("===", EQ),
  ne: infix("!==", EQ),
  and: infix("&&", AND),
  or: infix("||", OR),
  not: (p, [a]) => ({ text: `!${p.expr(a, UNARY)}`, prec: UNARY }),
  neg: (p, [a]) => {
    // Parenthesised when it starts with a minus, lest "- -x" print as "--x".
    const operand = p.expr(a, UNARY);
    return { text: operand.startsWith("-") ? `-(${operand})` : `-${operand}`, prec: UNARY };
  },
  abs: math("Math.abs"),
  relu: (p, [a]) => ({ text: `Math.max(${p.expr(a)}, 0)`, prec: ATOM }),
  exp: math("Math.exp"),
  log: math("Math.log"),
  sqrt: math("Math.sqrt"),
  rsqrt: (p, [a]) => ({ text: `1 / Math.sqrt(${p.expr(a)})`, prec: MUL }),
  reciprocal: (p, [a]) => ({ text: `1 / ${p.expr(a, MUL + 1)}`, prec: MUL }),
  tanh: math("Math.tanh"),
  sigmoid: numerics("sigmoid"),
  erf: numerics("erf"),
  sin: math("Math.sin"),
  cos: math("Math.cos"),
  gelu_erf: numerics("geluErf"),
  gelu_tanh: numerics("geluTanh"),
  fround: math("Math.fround"),
  random: numerics("randomUniformAt"),
};

function number(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  return Object.is(x, -0) ? "-0" : String(x);
}

class KernelPrinter {
  readonly helpers = new Set<string>();
  private locals = new Set<string>();

  expr(e: KExpr, min = 0): string {
    const p = this.printed(e);
    return p.prec >= min ? p.text : `(${p.text})`;
  }

  private printed(e: KExpr): Printed {
    switch (e.k) {
      case "lit":
        if (e.type === "bool") return { text: e.value ? "true" : "false", prec: ATOM };
        return {
          text: e.value < 0 || Object.is(e.value, -0) ? `(${number(e.value)})` : number(e.value),
          prec: ATOM,
        };
      case "var":
        return { text: this.locals.has(e.name) ? e.name : `d.${e.name}`, prec: ATOM };
      case "load":
        return { text: `s${e.slot}[${this.expr(e.at)}]`, prec: ATOM };
      case "select":
        return {
          text: `${this.expr(e.cond, OR)} ? ${this.expr(e.then, COND)} : ${this.expr(e.else, COND)}`,
          prec: COND,
        };
      case "call":
        return FUNCTIONS[e.fn](this, e.args, e.type);
      case "cast":
        if (e.value.type === "bool")
          return { text: `${this.expr(e.value, OR)} ? 1 : 0`, prec: COND };
        if (e.type === "i32") {
          this.helpers.add("toI32");
          return { text: `toI32(${this.expr(e.value)})`, prec: ATOM };
        }
        // i32 to f32: a double holds every i32; a store or fround rounds it.
        return this.printed(e.value);
    }
  }

  stmts(body: readonly KStmt[], indent: string): string[] {
    return body.flatMap((s) => this.stmt(s, indent));
  }

  private stmt(s: KStmt, indent: string): string[] {
    switch (s.k) {
      case "for": {
        // The loop's kind (parallel, serial, reduction) needs nothing here: JavaScript runs it in order.
        this.locals.add(s.index);
        const head = `${indent}for (let ${s.index} = 0; ${s.index} < ${this.expr(s.extent, REL + 1)}; ${s.index}++) {`;
        return [head, ...this.stmts(s.body, indent + "  "), `${indent}}`];
      }
      case "let":
        this.locals.add(s.name);
        return [`${indent}${s.mutable ? "let" : "const"} ${s.name} = ${this.expr(s.value)};`];
      case "assign":
        return [`${indent}${s.name} = ${this.expr(s.value)};`];
      case "store":
        return [`${indent}s${s.slot}[${this.expr(s.at)}] = ${this.expr(s.value)};`];
      case "accumulate":
        return [`${indent}s${s.slot}[${this.expr(s.at)}] += ${this.expr(s.value)};`];
      case "contract":
        throw new Error(
          "internal: the TypeScript backend prints contractions blocked (block-contractions) first",
        );
      case "if":
        return [
          `${indent}if (${this.expr(s.cond)}) {`,
          ...this.stmts(s.then, indent + "  "),
          `${indent}}`,
        ];
    }
  }

  kernel(k: Kernel, prefix: string): string {
    this.locals = new Set();
    const body = this.stmts(k.body, "  ");
    const slots = [
      ...new Set([...body.join("\n").matchAll(/\bs(\d+)\[/g)].map((m) => Number(m[1]))),
    ].sort((a, b) => a - b);
    return [
      `/** ${k.ops.join(", ")} */`,
      `function ${prefix}_${k.name}(s: Slots, d: Dims): void {`,
      ...slots.map((n) => `  const s${n} = s[${n}];`),
      ...body,
      "}",
    ].join("\n");
  }
}

/**
 * A TypeScript module exporting, for each program, `run_<name>(slots, dims)`
 * that runs it: a driver calling its kernels in order, then the kernels.
 */
export function printPrograms(programs: readonly Program[]): string {
  const printer = new KernelPrinter();
  const parts = programs.map((program) => {
    const kernels = kernelsOf(program.steps).map((k) => printer.kernel(k, program.name));
    const driver = (steps: readonly Step[], indent: string): string[] =>
      steps.flatMap((s) => {
        if (s.k === "kernel") return [`${indent}${program.name}_${s.kernel.name}(s, d);`];
        const extent = printer.expr(s.extent, ADD + 1);
        const i = `d.${s.index}`;
        const head = s.reverse
          ? `for (${i} = ${extent} - 1; ${i} >= 0; ${i}--) {`
          : `for (${i} = 0; ${i} < ${extent}; ${i}++) {`;
        return [`${indent}${head}`, ...driver(s.body, indent + "  "), `${indent}}`];
      });
    return [
      `/** Runs @${program.name} over the slots, with the symbolic dims in d. */`,
      `export function run_${program.name}(s: Slots, d: Dims): void {`,
      ...driver(program.steps, "  "),
      "}",
      "",
      ...kernels.flatMap((k) => [k, ""]),
    ].join("\n");
  });
  const helpers = [...printer.helpers].sort();
  return [
    `// Generated by weft. Do not edit.`,
    ...(helpers.length ? [`import { ${helpers.join(", ")} } from "./runtime/numerics.js";`] : []),
    "",
    "export type Slots = (Float32Array | Int32Array)[];",
    "export type Dims = Record<string, number>;",
    "",
    "/** The model keeps its tensors in ArrayBuffers of its own: these kernels need no memory of theirs. */",
    "export const memory = undefined;",
    "",
    ...parts,
  ].join("\n");
}
