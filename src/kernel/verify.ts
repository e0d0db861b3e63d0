/**
 * The kernel IR's verifier: what every program must satisfy before a backend
 * prints it, checked after lowering and (with `--verify-each`) after every
 * kernel pass.
 *
 * - Slots are numbered 0, 1, 2, … and every slot a statement or binding
 *   names exists; every variable read is bound (a symbol, a loop index, a
 *   `let`, a contraction's index or accumulator) and has the type it says.
 * - Types: i32 literals are 32-bit integers, bools 0 or 1; offsets, extents and indices are i32; a store's value has its
 *   slot's dtype; `if` and `select` conditions are bool; a call's operands
 *   are what its function takes; an assignment keeps its variable's type and
 *   writes only a mutable one; contractions read f32 slots.
 * - Loop kinds hold: a parallel loop assigns no variable bound outside it
 *   (that is a reduction) and accumulates into no slot (iterations could hit
 *   one element); `accumulate` sits only in serial loops; only a reduction
 *   loop is marked `reassociate`.
 */
import type { Diagnostic } from "../core/diagnostics.js";
import { error } from "../core/diagnostics.js";
import {
  checkCall,
  isStrided,
  type ContractOperand,
  exprsOf,
  type KExpr,
  type KStmt,
  type KType,
  type LoopKind,
  type Program,
  type Step,
} from "./ir.js";

interface Binding {
  readonly type: KType;
  readonly mutable: boolean;
  /** The depth of loops around the binding (for the parallel-assignment rule). */
  readonly depth: number;
}

/** The expressions of an operand that read the contraction's indices: a base, a computed value. */
const indexed = (o: ContractOperand): KExpr[] => (isStrided(o) ? [o.base] : [o.value]);

class Verifier {
  readonly problems: Diagnostic[] = [];
  private where = "";

  constructor(private readonly program: Program) {}

  private report(message: string): void {
    this.problems.push(error("kernel", `@${this.program.name}${this.where}: ${message}`));
  }

  private slot(id: number): KType | undefined {
    const slot = this.program.slots[id];
    if (!slot) this.report(`slot %${id} does not exist`);
    return slot?.dtype;
  }

  private expr(e: KExpr, scope: ReadonlyMap<string, Binding>): void {
    const typeIs = (x: KExpr, type: KType, what: string) => {
      if (x.type !== type) this.report(`${what} must be ${type}, found ${x.type}`);
    };
    switch (e.k) {
      case "lit":
        if (e.type !== "f32" && !(Number.isInteger(e.value) && (e.value | 0) === e.value))
          this.report(`${e.type} literal ${e.value} is not a 32-bit integer`);
        if (e.type === "bool" && e.value !== 0 && e.value !== 1)
          this.report(`bool literal ${e.value} is neither 0 nor 1`);
        return;
      case "var": {
        const bound = scope.get(e.name);
        if (!bound) return this.report(`'${e.name}' is not bound`);
        if (bound.type !== e.type)
          this.report(`'${e.name}' is ${bound.type} but is read as ${e.type}`);
        return;
      }
      case "load": {
        const dtype = this.slot(e.slot);
        if (dtype && dtype !== e.type)
          this.report(`a load of %${e.slot} (${dtype}) is typed ${e.type}`);
        typeIs(e.at, "i32", `the offset into %${e.slot}`);
        return this.expr(e.at, scope);
      }
      case "call": {
        const problem = checkCall(
          e.fn,
          e.args.map((a) => a.type),
        );
        if (problem) this.report(problem);
        return e.args.forEach((a) => this.expr(a, scope));
      }
      case "select":
        typeIs(e.cond, "bool", "a select's condition");
        if (e.then.type !== e.type || e.else.type !== e.type)
          this.report(`a select's branches must be ${e.type}`);
        return [e.cond, e.then, e.else].forEach((x) => this.expr(x, scope));
      case "cast":
        if (e.type === "bool") this.report("a cast to bool (compare with ne instead)");
        return this.expr(e.value, scope);
    }
  }

  /** Checks a body; `loops` are the kinds of the loops around it, innermost last. */
  private stmts(body: readonly KStmt[], outer: ReadonlyMap<string, Binding>, loops: LoopKind[]) {
    const scope = new Map(outer);
    for (const s of body) {
      // A contraction's operands read its batch indices: checked with them bound, below.
      const operands = s.k === "contract" ? [s.a, s.b].flatMap(indexed) : [];
      for (const e of exprsOf(s)) if (!operands.includes(e)) this.expr(e, scope);
      switch (s.k) {
        case "for":
          if (s.extent.type !== "i32") this.report(`the extent of loop ${s.index} must be i32`);
          if (s.reassociate && s.kind !== "reduction")
            this.report(`loop ${s.index} is ${s.kind}; only a reduction reassociates`);
          this.stmts(
            s.body,
            new Map([
              ...scope,
              [s.index, { type: "i32", mutable: false, depth: loops.length + 1 }],
            ]),
            [...loops, s.kind],
          );
          break;
        case "let":
          scope.set(s.name, {
            type: s.value.type,
            mutable: s.mutable ?? false,
            depth: loops.length,
          });
          break;
        case "assign": {
          const bound = scope.get(s.name);
          if (!bound) {
            this.report(`assignment to '${s.name}', which is not bound`);
            break;
          }
          if (!bound.mutable) this.report(`assignment to '${s.name}', which is not mutable`);
          if (bound.type !== s.value.type)
            this.report(`'${s.name}' is ${bound.type} but is assigned ${s.value.type}`);
          const crossed = loops.slice(bound.depth);
          if (crossed.includes("parallel"))
            this.report(`a parallel loop assigns '${s.name}', bound outside it (a reduction)`);
          break;
        }
        case "store":
        case "accumulate": {
          const dtype = this.slot(s.slot);
          if (dtype && s.value.type !== dtype)
            this.report(`a ${s.value.type} value stored into %${s.slot} (${dtype})`);
          if (s.at.type !== "i32") this.report(`the offset into %${s.slot} must be i32`);
          if (s.k === "accumulate" && loops.some((kind) => kind !== "serial"))
            this.report(
              `an accumulation into %${s.slot} inside a ${loops.find((k) => k !== "serial")} loop`,
            );
          break;
        }
        case "if":
          if (s.cond.type !== "bool")
            this.report(`an if's condition must be bool, found ${s.cond.type}`);
          this.stmts(s.then, scope, loops);
          break;
        case "contract": {
          for (const o of [s.a, s.b]) {
            if (isStrided(o) && this.slot(o.slot) !== undefined && this.slot(o.slot) !== "f32")
              this.report(`a contraction reads %${o.slot}, which is not f32`);
            if (!isStrided(o) && o.value.type !== "f32")
              this.report(`a contraction's computed operand is ${o.value.type}, not f32`);
          }
          if (s.index.length !== s.batch.length + 2)
            this.report(
              `a contraction over ${s.batch.length} batch dims names ${s.index.length} indices`,
            );
          const inner = new Map(scope);
          const depth = loops.length + 1;
          for (const name of s.index) inner.set(name, { type: "i32", mutable: false, depth });
          // The bases are read with the batch indices bound, a computed operand with its own too.
          for (const o of [s.a, s.b]) {
            if (isStrided(o)) this.expr(o.base, inner);
            else {
              const own = new Map(inner);
              for (const name of o.index) own.set(name, { type: "i32", mutable: false, depth });
              this.expr(o.value, own);
            }
          }
          inner.set(s.acc, { type: "f32", mutable: false, depth });
          this.stmts(s.epilogue, inner, [...loops, "parallel"]);
          break;
        }
      }
    }
  }

  private steps(steps: readonly Step[], scope: ReadonlyMap<string, Binding>): void {
    for (const step of steps) {
      if (step.k === "kernel") {
        this.where = ` kernel ${step.kernel.name}`;
        this.stmts(step.kernel.body, scope, []);
      } else {
        this.where = ` loop ${step.index}`;
        this.expr(step.extent, scope);
        this.steps(
          step.body,
          new Map([...scope, [step.index, { type: "i32", mutable: false, depth: 0 }]]),
        );
      }
    }
    this.where = "";
  }

  run(): Diagnostic[] {
    const p = this.program;
    p.slots.forEach((s, i) => {
      if (s.id !== i) this.report(`slot ${i} is numbered %${s.id}`);
    });
    for (const b of [...p.inputs, ...p.params, ...p.outputs, ...p.updates]) this.slot(b.slot);
    this.steps(
      p.steps,
      new Map(p.symbols.map((s) => [s, { type: "i32" as const, mutable: false, depth: 0 }])),
    );
    return this.problems;
  }
}

/** Every problem of a program, as diagnostics (no span: kernel IR is made by the compiler). */
export function verifyProgram(program: Program): Diagnostic[] {
  return new Verifier(program).run();
}
