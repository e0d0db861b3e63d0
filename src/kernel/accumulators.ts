/**
 * Accumulator splitting, a kernel-IR pass at -O2.
 *
 * A reduction loop `for k < K: acc = acc + E(k)` (or max, or min) carries one
 * dependency chain through every step, so it runs at the latency of an
 * addition rather than at the machine's throughput. Split `WAYS` ways it keeps
 * that many independent chains in flight:
 *
 *     let acc_1 = 0, acc_2 = 0, acc_3 = 0
 *     for k4 < K / 4: acc = acc + E(4 k4); acc_1 = acc_1 + E(4 k4 + 1); …
 *     for r < K % 4: acc = acc + E(K - K % 4 + r)    (when K % 4 may be nonzero)
 *     acc = (acc + acc_1) + (acc_2 + acc_3)
 *
 * With `lanes`, a loop that qualifies is marked `reassociate` instead, and a
 * backend that vectorises it keeps the four chains as the lanes of a vector.
 *
 * Only loops marked `reduction` qualify. The loop body may bind immutable scalars (fused producers) before its
 * accumulation; each copy binds its own. A loop qualifies when its other
 * statement is one such accumulation into a variable that no expression of
 * the body reads otherwise; a loop with several accumulators (a blocked
 * matmul's) has independent chains already and stays as it is. Sums are reassociated, which the
 * fusion rules allow within a kernel; max and min are exact in any order.
 */
import {
  call,
  div,
  int,
  lit,
  mod,
  mul,
  substitute,
  v,
  walkExpr,
  type KExpr,
  type KFn,
  type Kernel,
  type KStmt,
  type Program,
  type Step,
} from "./ir.js";

const WAYS = 4;
/** Loops with a literal extent below this stay as they are: the remainder would dominate. */
const MIN_EXTENT = 2 * WAYS;

/** Each combining function's identity, by type: max starts below every value, min above. */
export const IDENTITY: Partial<Record<KFn, Record<"f32" | "i32", number>>> = {
  add: { f32: 0, i32: 0 },
  max: { f32: -Infinity, i32: -2147483648 },
  min: { f32: Infinity, i32: 2147483647 },
};

export const SPLIT_ACCUMULATORS = {
  name: "split-accumulators",
  summary: "splits each single-accumulator reduction loop into four independent chains",
};

function reads(e: KExpr, names: ReadonlySet<string>): boolean {
  let found = false;
  walkExpr(e, (x) => (found ||= x.k === "var" && names.has(x.name)));
  return found;
}

export interface Accumulation {
  readonly acc: string;
  readonly fn: KFn;
  readonly type: KExpr["type"];
  /** The term added in, with the accumulator's own read removed. */
  readonly term: KExpr;
}

/**
 * A reduction loop's accumulations, when its body is immutable lets then
 * `acc = fn(acc, term)`s (fn add, max or min) into accumulators that nothing
 * else in the body reads.
 */
export function accumulationsOf(loop: Extract<KStmt, { k: "for" }>): Accumulation[] | undefined {
  if (loop.kind !== "reduction") return undefined;
  const found: Accumulation[] = [];
  for (const s of loop.body) {
    if (s.k === "let" && !s.mutable && found.length === 0) continue;
    if (s.k !== "assign" || s.value.k !== "call") return undefined;
    const [first, term] = s.value.args;
    if (IDENTITY[s.value.fn] === undefined || first.k !== "var" || first.name !== s.name)
      return undefined;
    found.push({ acc: s.name, fn: s.value.fn, type: s.value.type, term });
  }
  if (found.length === 0) return undefined;
  const accs = new Set(found.map((a) => a.acc));
  const lets = loop.body.filter((s) => s.k === "let");
  if (lets.some((s) => reads(s.value, accs)) || found.some((a) => reads(a.term, accs)))
    return undefined;
  return found;
}

class Splitter {
  private fresh = 0;

  constructor(private readonly lanes: boolean) {}

  stmts(body: readonly KStmt[]): KStmt[] {
    return body.flatMap((s) => this.stmt(s));
  }

  private stmt(s: KStmt): KStmt[] {
    if (s.k === "if") return [{ ...s, then: this.stmts(s.then) }];
    if (s.k === "contract") return [{ ...s, epilogue: this.stmts(s.epilogue) }];
    if (s.k !== "for") return [s];
    const found = accumulationsOf(s);
    const short = s.extent.k === "lit" && s.extent.value < MIN_EXTENT;
    // One accumulator: a loop with several (a blocked matmul's) already has chains to overlap.
    if (found?.length !== 1 || short) return [{ ...s, body: this.stmts(s.body) }];
    return this.lanes ? [{ ...s, reassociate: true }] : this.split(s, found);
  }

  private split(loop: Extract<KStmt, { k: "for" }>, found: Accumulation[]): KStmt[] {
    const id = this.fresh++;
    const partial = (acc: string, way: number) => (way === 0 ? acc : `${acc}_${way}`);
    const lets = loop.body.filter((s): s is Extract<KStmt, { k: "let" }> => s.k === "let");
    /** The body for index `at`, its lets renamed for copy `way`, accumulating into copy `into`. */
    const copy = (at: KExpr, way: number, into: number): KStmt[] => {
      const by = new Map<string, KExpr>([[loop.index, at]]);
      const out: KStmt[] = [];
      for (const l of lets) {
        const name = `${l.name}_${id}_${way}`;
        out.push({ k: "let", name, value: substitute(l.value, by) });
        by.set(l.name, v(name, l.value.type));
      }
      for (const a of found) {
        const target = partial(a.acc, into);
        out.push({
          k: "assign",
          name: target,
          value: call(a.fn, v(target, a.type), substitute(a.term, by)),
        });
      }
      return out;
    };
    const outer = `${loop.index}_${WAYS}`;
    const base = mul(v(outer), int(WAYS));
    const quotient = div(loop.extent, int(WAYS));
    const remainder = mod(loop.extent, int(WAYS));
    const out: KStmt[] = [];
    for (const a of found)
      for (let way = 1; way < WAYS; way++)
        out.push({
          k: "let",
          name: partial(a.acc, way),
          value: lit(IDENTITY[a.fn]![a.type as "f32" | "i32"], a.type),
          mutable: true,
        });
    out.push({
      k: "for",
      index: outer,
      extent: quotient,
      kind: "reduction",
      body: Array.from({ length: WAYS }, (_, way) =>
        copy(way === 0 ? base : call("add", base, int(way)), way, way),
      ).flat(),
    });
    if (!(remainder.k === "lit" && remainder.value === 0)) {
      const r = `${loop.index}_r`;
      const start = mul(quotient, int(WAYS));
      out.push({
        k: "for",
        index: r,
        extent: remainder,
        kind: "reduction",
        body: copy(call("add", start, v(r)), 0, 0),
      });
    }
    // The partial results combine pairwise: ((acc + acc_1) + (acc_2 + acc_3)).
    const tree = (fn: KFn, xs: KExpr[]): KExpr =>
      xs.length === 1
        ? xs[0]
        : call(fn, tree(fn, xs.slice(0, xs.length >> 1)), tree(fn, xs.slice(xs.length >> 1)));
    for (const a of found) {
      const parts = Array.from({ length: WAYS }, (_, way) => v(partial(a.acc, way), a.type));
      out.push({ k: "assign", name: a.acc, value: tree(a.fn, parts) });
    }
    return out;
  }
}

function splitSteps(steps: readonly Step[], splitter: Splitter): Step[] {
  return steps.map((s) => {
    if (s.k === "loop") return { ...s, body: splitSteps(s.body, splitter) };
    const kernel: Kernel = { ...s.kernel, body: splitter.stmts(s.kernel.body) };
    return { k: "kernel", kernel };
  });
}

/** The program with every qualifying reduction loop split `WAYS` ways. */
export interface SplitOptions {
  /**
   * Mark the loops that qualify `reassociate` and leave them whole, for a
   * backend that runs the chains as the lanes of a vector (WebAssembly).
   */
  readonly lanes?: boolean;
}

export function splitAccumulators(program: Program, options: SplitOptions = {}): Program {
  return { ...program, steps: splitSteps(program.steps, new Splitter(options.lanes ?? false)) };
}
