/**
 * The kernel IR's text form: `printPrograms` prints programs, `parsePrograms`
 * reads them back, and the two round-trip byte for byte (`weft ir SPEC
 * --kernel > a.kir && weft ir a.kir`). The parser checks the syntax and the
 * names (every variable bound, every slot declared) and types expressions as
 * the builders do; verify.ts checks the rest.
 *
 *     program @forward {
 *       symbols batch
 *       slot %0 "x": f32[batch, 3]
 *       input "x" = %0
 *       kernel k0_relu ["relu %y"] {
 *         for i0 < batch parallel {
 *           for i1 < 3 parallel {
 *             %1[add(mul(i0, 3), i1)] = relu(%0[add(mul(i0, 3), i1)])
 *           }
 *         }
 *       }
 *       output "y" = %1
 *     }
 *
 * Literals carry their type in their spelling: `3` is an i32, `3.0` (or
 * `1e-06`, `inf`, `nan`) an f32, `true`/`false` a bool. A variable has the
 * type of its binding: a `let` (`var` when mutable) states it, loop indices
 * and symbolic dims are i32, a contraction's accumulator f32. A
 * contraction's operand is `%slot[base] stride s step t` or, computed,
 * `(p, q): value`.
 */
import { createToken, Lexer, type IToken } from "chevrotain";
import { DiagnosticError, error } from "../core/diagnostics.js";
import { formatShape, isDType, makeDim, type Dim, type DType } from "../core/types.js";
import { tokenSpan } from "../core/syntax-errors.js";
import { STRING } from "../core/tokens.js";
import {
  call,
  cast,
  checkCall,
  isKFn,
  lit,
  load,
  select,
  isStrided,
  type Binding,
  type ContractOperand,
  type Contraction,
  type KExpr,
  type Kernel,
  type KStmt,
  type KType,
  type LoopKind,
  type Program,
  type Slot,
  type Step,
} from "./ir.js";

// ---------------------------------------------------------------------------
// Printing

function number(value: number, type: KType): string {
  if (type === "bool") return value ? "true" : "false";
  if (type === "i32") return String(value);
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  const text = Object.is(value, -0) ? "-0" : String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

export function printExpr(e: KExpr): string {
  switch (e.k) {
    case "lit":
      return number(e.value, e.type);
    case "var":
      return e.name;
    case "load":
      return `%${e.slot}[${printExpr(e.at)}]`;
    case "call":
      return `${e.fn}(${e.args.map(printExpr).join(", ")})`;
    case "select":
      return `select(${printExpr(e.cond)}, ${printExpr(e.then)}, ${printExpr(e.else)})`;
    case "cast":
      return `cast<${e.type}>(${printExpr(e.value)})`;
  }
}

function printStmts(body: readonly KStmt[], indent: string): string[] {
  return body.flatMap((s) => printStmt(s, indent));
}

function printStmt(s: KStmt, indent: string): string[] {
  const block = (head: string, inner: readonly KStmt[]) => [
    `${indent}${head} {`,
    ...printStmts(inner, indent + "  "),
    `${indent}}`,
  ];
  switch (s.k) {
    case "for":
      return block(
        `for ${s.index} < ${printExpr(s.extent)} ${s.kind}${s.reassociate ? " reassociate" : ""}`,
        s.body,
      );
    case "let":
      return [
        `${indent}${s.mutable ? "var" : "let"} ${s.name}: ${s.value.type} = ${printExpr(s.value)}`,
      ];
    case "assign":
      return [`${indent}${s.name} = ${printExpr(s.value)}`];
    case "store":
      return [`${indent}%${s.slot}[${printExpr(s.at)}] = ${printExpr(s.value)}`];
    case "accumulate":
      return [`${indent}%${s.slot}[${printExpr(s.at)}] += ${printExpr(s.value)}`];
    case "if":
      return block(`if ${printExpr(s.cond)}`, s.then);
    case "contract": {
      const nb = s.batch.length;
      const e = printExpr;
      const batch = s.batch.map((x, d) => `${s.index[d]} < ${e(x)}`).join(", ");
      const [i, j] = s.index.slice(nb);
      const operand = (o: ContractOperand) =>
        isStrided(o)
          ? `%${o.slot}[${e(o.base)}] stride ${e(o.stride)} step ${e(o.step)}`
          : `(${o.index.join(", ")}): ${e(o.value)}`;
      return block(
        `contract [${batch}] ${i} < ${e(s.m)}, ${j} < ${e(s.n)}, depth ${e(s.depth)}, ` +
          `a ${operand(s.a)}, b ${operand(s.b)}, acc ${s.acc}`,
        s.epilogue,
      );
    }
  }
}

function printSteps(steps: readonly Step[], indent: string): string[] {
  return steps.flatMap((s) =>
    s.k === "kernel"
      ? [
          `${indent}kernel ${s.kernel.name} [${s.kernel.ops.map((o) => JSON.stringify(o)).join(", ")}] {`,
          ...printStmts(s.kernel.body, indent + "  "),
          `${indent}}`,
        ]
      : [
          `${indent}loop ${s.index} < ${printExpr(s.extent)}${s.reverse ? " reversed" : ""} {`,
          ...printSteps(s.body, indent + "  "),
          `${indent}}`,
        ],
  );
}

export function printProgram(p: Program): string {
  const bindings = (kind: string, list: readonly Binding[]) =>
    list.map((b) => `  ${kind} ${JSON.stringify(b.name)} = %${b.slot}`);
  return [
    `program @${p.name} {`,
    ...(p.symbols.length ? [`  symbols ${p.symbols.join(", ")}`] : []),
    ...p.slots.map(
      (s) => `  slot %${s.id} ${JSON.stringify(s.name)}: ${s.dtype}${formatShape(s.shape)}`,
    ),
    ...bindings("input", p.inputs),
    ...bindings("param", p.params),
    ...printSteps(p.steps, "  "),
    ...bindings("output", p.outputs),
    ...bindings("update", p.updates),
    "}",
  ].join("\n");
}

/** Programs as text, separated by blank lines, ending in a newline. */
export function printPrograms(programs: readonly Program[]): string {
  return programs.map(printProgram).join("\n\n") + "\n";
}

// ---------------------------------------------------------------------------
// Parsing

const Name = createToken({ name: "Name", pattern: /[A-Za-z_][\w.]*/ });
const TOKENS = [
  createToken({ name: "WhiteSpace", pattern: /\s+/, group: Lexer.SKIPPED }),
  createToken({ name: "Comment", pattern: /\/\/[^\n]*/, group: Lexer.SKIPPED }),
  createToken({ name: "Number", pattern: /-?(?:\d+(?:\.\d*)?(?:e[+-]?\d+)?|inf|nan)(?![\w.])/ }),
  Name,
  createToken({ name: "Program", pattern: /@[\w.]+/ }),
  createToken({ name: "Slot", pattern: /%\d+/ }),
  createToken({ name: "String", pattern: STRING }),
  createToken({ name: "Punct", pattern: /\+=|[{}()[\]<>:,=*]/ }),
];
const lexer = new Lexer(TOKENS, { positionTracking: "full", ensureOptimizations: false });

class Fail extends Error {
  constructor(
    readonly token: IToken | undefined,
    message: string,
  ) {
    super(message);
  }
}

class KirParser {
  private at = 0;
  private slots: Slot[] = [];
  /** The types of the variables in scope, innermost last. */
  private scopes: Map<string, KType>[] = [];

  constructor(private readonly tokens: IToken[]) {}

  private peek(offset = 0): IToken | undefined {
    return this.tokens[this.at + offset];
  }

  private fail(message: string, token = this.peek()): never {
    throw new Fail(
      token,
      token ? `${message} but found '${token.image}'` : `${message} but found the end of the file`,
    );
  }

  private is(image: string, offset = 0): boolean {
    return this.peek(offset)?.image === image;
  }

  private expect(image: string): IToken {
    if (!this.is(image)) this.fail(`expected '${image}'`);
    return this.tokens[this.at++];
  }

  private take(kind: string, what: string): IToken {
    const token = this.peek();
    if (token?.tokenType.name !== kind) this.fail(`expected ${what}`);
    this.at++;
    return token;
  }

  private slotRef(): number {
    const token = this.take("Slot", "a %slot");
    const id = Number(token.image.slice(1));
    if (!this.slots[id]) throw new Fail(token, `slot %${id} is not declared`);
    return id;
  }

  /** `%slot[offset]`. */
  private element(): { slot: number; at: KExpr } {
    const slot = this.slotRef();
    this.expect("[");
    const at = this.expr();
    this.expect("]");
    return { slot, at };
  }

  private string(): string {
    return JSON.parse(this.take("String", "a string").image) as string;
  }

  private list<T>(close: string, item: () => T): T[] {
    const out: T[] = [];
    while (!this.is(close)) {
      out.push(item());
      if (!this.is(close)) this.expect(",");
    }
    this.expect(close);
    return out;
  }

  private varType(token: IToken): KType {
    for (let s = this.scopes.length - 1; s >= 0; s--) {
      const type = this.scopes[s].get(token.image);
      if (type) return type;
    }
    throw new Fail(token, `'${token.image}' is not bound here`);
  }

  private bind(name: string, type: KType): void {
    this.scopes[this.scopes.length - 1].set(name, type);
  }

  private scoped<T>(bindings: readonly [string, KType][], fn: () => T): T {
    this.scopes.push(new Map(bindings));
    try {
      return fn();
    } finally {
      this.scopes.pop();
    }
  }

  private ktype(): KType {
    const token = this.take("Name", "a type");
    if (token.image !== "bool" && !isDType(token.image))
      throw new Fail(token, `expected a type (f32, i32, bool) but found '${token.image}'`);
    return token.image as KType;
  }

  expr(): KExpr {
    const token = this.peek();
    if (!token) this.fail("expected an expression");
    const kind = token.tokenType.name;
    if (kind === "Number") {
      this.at++;
      const text = token.image;
      const float = /[.e]|inf|nan/.test(text);
      const value = text.endsWith("nan")
        ? NaN
        : text.endsWith("inf")
          ? text.startsWith("-")
            ? -Infinity
            : Infinity
          : Number(text);
      return lit(value, float ? "f32" : "i32");
    }
    if (kind === "Slot") {
      const { slot, at } = this.element();
      return load(slot, at, this.slots[slot].dtype);
    }
    if (kind !== "Name") this.fail("expected an expression");
    this.at++;
    if (token.image === "true" || token.image === "false")
      return lit(token.image === "true" ? 1 : 0, "bool");
    if (!this.is("(") && !this.is("<"))
      return { k: "var", name: token.image, type: this.varType(token) };
    if (token.image === "cast") {
      this.expect("<");
      const type = this.ktype();
      this.expect(">");
      this.expect("(");
      const value = this.expr();
      this.expect(")");
      return cast(value, type);
    }
    this.expect("(");
    const args = this.list(")", () => this.expr());
    try {
      if (token.image === "select") {
        if (args.length !== 3) throw new Error(`select takes 3 operands, given ${args.length}`);
        return select(args[0], args[1], args[2]);
      }
      if (!isKFn(token.image)) throw new Error(`no kernel function '${token.image}'`);
      const problem = checkCall(
        token.image,
        args.map((a) => a.type),
      );
      if (problem) throw new Error(problem);
      return call(token.image, ...args);
    } catch (e) {
      throw new Fail(token, (e as Error).message.replace(/^internal: /, ""));
    }
  }

  private body(): KStmt[] {
    this.expect("{");
    const out: KStmt[] = [];
    this.scoped([], () => {
      while (!this.is("}")) out.push(this.stmt());
    });
    this.expect("}");
    return out;
  }

  private stmt(): KStmt {
    const token = this.peek();
    if (token?.tokenType.name === "Slot") {
      const { slot, at } = this.element();
      const accumulate = this.is("+=");
      this.expect(accumulate ? "+=" : "=");
      const value = this.expr();
      return { k: accumulate ? "accumulate" : "store", slot, at, value };
    }
    const word = this.take("Name", "a statement").image;
    switch (word) {
      case "for": {
        const index = this.take("Name", "a loop index").image;
        this.expect("<");
        const extent = this.expr();
        const kind = this.take("Name", "a loop kind").image;
        if (!["parallel", "serial", "reduction"].includes(kind))
          this.fail("expected parallel, serial or reduction", this.tokens[this.at - 1]);
        const reassociate = this.is("reassociate");
        if (reassociate) this.expect("reassociate");
        const body = this.scoped([[index, "i32"]], () => this.body());
        return {
          k: "for",
          index,
          extent,
          kind: kind as LoopKind,
          body,
          ...(reassociate ? { reassociate } : {}),
        };
      }
      case "let":
      case "var": {
        const name = this.take("Name", "a name").image;
        this.expect(":");
        const typeToken = this.peek();
        const type = this.ktype();
        this.expect("=");
        const value = this.expr();
        if (value.type !== type)
          throw new Fail(typeToken, `${name} is declared ${type} but its value is ${value.type}`);
        this.bind(name, type);
        return { k: "let", name, value, ...(word === "var" ? { mutable: true } : {}) };
      }
      case "if": {
        const cond = this.expr();
        return { k: "if", cond, then: this.body() };
      }
      case "contract":
        return this.contraction();
      default: {
        const nameToken = this.tokens[this.at - 1];
        this.varType(nameToken);
        this.expect("=");
        return { k: "assign", name: word, value: this.expr() };
      }
    }
  }

  private contraction(): Contraction {
    const extent = (): [string, KExpr] => {
      const name = this.take("Name", "an index").image;
      this.expect("<");
      return [name, this.expr()];
    };
    this.expect("[");
    const batch = this.list("]", extent);
    const names = batch.map(([n]) => n);
    return this.scoped(
      names.map((n) => [n, "i32"]),
      () => {
        const [i, m] = extent();
        this.expect(",");
        const [j, n] = extent();
        this.expect(",");
        this.keyword("depth");
        const depth = this.expr();
        this.expect(",");
        this.keyword("a");
        const a = this.operand();
        this.expect(",");
        this.keyword("b");
        const b = this.operand();
        this.expect(",");
        this.keyword("acc");
        const acc = this.take("Name", "a name").image;
        const epilogue = this.scoped(
          [
            [i, "i32"],
            [j, "i32"],
            [acc, "f32"],
          ],
          () => this.body(),
        );
        return {
          k: "contract",
          batch: batch.map(([, e]) => e),
          m,
          n,
          depth,
          a,
          b,
          index: [...names, i, j],
          acc,
          epilogue,
        };
      },
    );
  }

  /** A contraction's operand: `%slot[base] stride e step e`, or `(p, q): value`. */
  private operand(): ContractOperand {
    if (this.is("(")) {
      this.at++;
      const p = this.take("Name", "an index").image;
      this.expect(",");
      const q = this.take("Name", "an index").image;
      this.expect(")");
      this.expect(":");
      const value = this.scoped(
        [
          [p, "i32"],
          [q, "i32"],
        ],
        () => this.expr(),
      );
      return { index: [p, q], value };
    }
    const { slot, at: base } = this.element();
    this.keyword("stride");
    const stride = this.expr();
    this.keyword("step");
    return { slot, base, stride, step: this.expr() };
  }

  private keyword(word: string): void {
    if (!this.is(word)) this.fail(`expected '${word}'`);
    this.at++;
  }

  private steps(): Step[] {
    const out: Step[] = [];
    while (this.is("kernel") || this.is("loop")) {
      if (this.is("kernel")) {
        this.at++;
        const name = this.take("Name", "a kernel name").image;
        this.expect("[");
        const ops = this.list("]", () => this.string());
        const kernel: Kernel = { name, ops, body: this.body() };
        out.push({ k: "kernel", kernel });
      } else {
        this.at++;
        const index = this.take("Name", "a loop index").image;
        this.expect("<");
        const extent = this.expr();
        const reverse = this.is("reversed");
        if (reverse) this.at++;
        this.expect("{");
        const body = this.scoped([[index, "i32"]], () => this.steps());
        this.expect("}");
        out.push({ k: "loop", index, extent, reverse, body });
      }
    }
    return out;
  }

  private dim(): Dim {
    const factors: (number | string)[] = [];
    for (;;) {
      const t = this.peek();
      if (t?.tokenType.name === "Number" && /^\d+$/.test(t.image)) factors.push(Number(t.image));
      else if (t?.tokenType.name === "Name") factors.push(t.image);
      else this.fail("expected a dim");
      this.at++;
      if (!this.is("*")) return makeDim(factors);
      this.at++;
    }
  }

  program(): Program {
    this.keyword("program");
    const name = this.take("Program", "a @name").image.slice(1);
    this.expect("{");
    this.slots = [];
    const symbols: string[] = [];
    if (this.is("symbols")) {
      this.at++;
      do symbols.push(this.take("Name", "a symbol").image);
      while (this.is(",") && this.at++);
    }
    while (this.is("slot")) {
      this.at++;
      const token = this.take("Slot", "a %slot");
      const id = Number(token.image.slice(1));
      if (id !== this.slots.length)
        throw new Fail(token, `slots are numbered in order: expected %${this.slots.length}`);
      const slotName = this.string();
      this.expect(":");
      const dtypeToken = this.take("Name", "a dtype");
      if (!isDType(dtypeToken.image)) throw new Fail(dtypeToken, `no dtype '${dtypeToken.image}'`);
      this.expect("[");
      const shape = this.list("]", () => this.dim());
      this.slots.push({ id, name: slotName, dtype: dtypeToken.image as DType, shape });
    }
    const bindings = (kind: string): Binding[] => {
      const out: Binding[] = [];
      while (this.is(kind)) {
        this.at++;
        const bound = this.string();
        this.expect("=");
        out.push({ name: bound, slot: this.slotRef() });
      }
      return out;
    };
    const inputs = bindings("input");
    const params = bindings("param");
    const steps = this.scoped(
      symbols.map((s) => [s, "i32"]),
      () => this.steps(),
    );
    const outputs = bindings("output");
    const updates = bindings("update");
    this.expect("}");
    return { name, slots: this.slots, steps, inputs, params, outputs, updates, symbols };
  }

  programs(): Program[] {
    const out: Program[] = [];
    while (this.peek()) out.push(this.program());
    return out;
  }
}

/** Parses kernel-IR text; throws a DiagnosticError at the first syntax or name error. */
export function parsePrograms(text: string, file = "<kir>"): Program[] {
  const lexed = lexer.tokenize(text);
  if (lexed.errors.length) {
    const e = lexed.errors[0];
    throw new DiagnosticError([
      error("syntax", `unexpected character '${text[e.offset]}'`, {
        file,
        line: e.line ?? 1,
        col: e.column ?? 1,
      }),
    ]);
  }
  try {
    return new KirParser(lexed.tokens).programs();
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    const last = lexed.tokens[lexed.tokens.length - 1];
    const span = e.token
      ? tokenSpan(file, e.token)
      : { file, line: last?.endLine ?? 1, col: (last?.endColumn ?? 0) + 1 };
    throw new DiagnosticError([error("syntax", e.message, span)]);
  }
}
