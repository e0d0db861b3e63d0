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
  type Program,
  type Step,
} from "../kernel.js";
/** Scalar functions the kernels call from the package's copy of src/runtime/numerics.ts. */
const NUMERICS: Partial<Record<KFn, string>> = {
  sigmoid: "sigmoid",
  erf: "erf",
  gelu_erf: "geluErf",
  gelu_tanh: "geluTanh",
  to_i32: "toI32",
  random: "randomUniformAt",
};

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
const COND = 3;

interface Printed {
  readonly text: string;
  readonly prec: number;
}

const INFIX: Partial<Record<KFn, [string, number]>> = {
  add: ["+", ADD],
  sub: ["-", ADD],
  mul: ["*", MUL],
  div: ["/", MUL],
};
const COMPARE: Partial<Record<KFn, [string, number]>> = {
  lt: ["<", REL],
  le: ["<=", REL],
  gt: [">", REL],
  ge: [">=", REL],
  eq: ["===", EQ],
  ne: ["!==", EQ],
};
const MATH: Partial<Record<KFn, string>> = {
  max: "Math.max",
  min: "Math.min",
  pow: "Math.pow",
  abs: "Math.abs",
  exp: "Math.exp",
  log: "Math.log",
  sqrt: "Math.sqrt",
  tanh: "Math.tanh",
  sin: "Math.sin",
  cos: "Math.cos",
  imul: "Math.imul",
  fround: "Math.fround",
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
          text: `${this.expr(e.cond, EQ + 1)} !== 0 ? ${this.expr(e.then, COND)} : ${this.expr(e.else, COND)}`,
          prec: COND,
        };
      case "call":
        return this.call(e.fn, e.args);
    }
  }

  private call(fn: KFn, args: readonly KExpr[]): Printed {
    const [a, b] = args;
    const infix = INFIX[fn];
    if (infix) {
      const [op, prec] = infix;
      return { text: `${this.expr(a, prec)} ${op} ${this.expr(b, prec + 1)}`, prec };
    }
    const compare = COMPARE[fn];
    if (compare) {
      const [op, prec] = compare;
      return {
        text: `${this.expr(a, prec + 1)} ${op} ${this.expr(b, prec + 1)} ? 1 : 0`,
        prec: COND,
      };
    }
    const list = () => args.map((x) => this.expr(x)).join(", ");
    if (MATH[fn]) return { text: `${MATH[fn]}(${list()})`, prec: ATOM };
    switch (fn) {
      case "neg": {
        // Parenthesised when it starts with a minus, lest "- -x" print as "--x".
        const operand = this.expr(a, UNARY);
        return { text: operand.startsWith("-") ? `-(${operand})` : `-${operand}`, prec: UNARY };
      }
      case "and":
        return {
          text: `${this.expr(a, EQ + 1)} !== 0 && ${this.expr(b, EQ + 1)} !== 0 ? 1 : 0`,
          prec: COND,
        };
      case "or":
        return {
          text: `${this.expr(a, EQ + 1)} !== 0 || ${this.expr(b, EQ + 1)} !== 0 ? 1 : 0`,
          prec: COND,
        };
      case "relu":
        return { text: `Math.max(${this.expr(a)}, 0)`, prec: ATOM };
      case "rsqrt":
        return { text: `1 / Math.sqrt(${this.expr(a)})`, prec: MUL };
      case "reciprocal":
        return { text: `1 / ${this.expr(a, MUL + 1)}`, prec: MUL };
      case "idiv":
        return { text: `Math.trunc(${this.expr(a, MUL)} / ${this.expr(b, MUL + 1)})`, prec: ATOM };
      case "imod":
        return { text: `${this.expr(a, MUL)} % ${this.expr(b, MUL + 1)}`, prec: MUL };
      default: {
        const helper = NUMERICS[fn]!;
        this.helpers.add(helper);
        return { text: `${helper}(${list()})`, prec: ATOM };
      }
    }
  }

  stmts(body: readonly KStmt[], indent: string): string[] {
    return body.flatMap((s) => this.stmt(s, indent));
  }

  private stmt(s: KStmt, indent: string): string[] {
    switch (s.k) {
      case "for": {
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
        return [
          `${indent}s${s.slot}[${this.expr(s.at)}] ${s.accumulate ? "+=" : "="} ${this.expr(s.value)};`,
        ];
      case "if":
        return [
          `${indent}if (${this.expr(s.cond, EQ + 1)} !== 0) {`,
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
export function printPrograms(programs: readonly Program[], numerics = "./numerics.js"): string {
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
    ...(helpers.length
      ? [`import { ${helpers.join(", ")} } from ${JSON.stringify(numerics)};`]
      : []),
    "",
    "export type Slots = (Float32Array | Int32Array)[];",
    "export type Dims = Record<string, number>;",
    "",
    ...parts,
  ].join("\n");
}
