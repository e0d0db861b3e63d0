/**
 * Loops as SIMD: the WebAssembly backend's schedule for elementwise kernels
 * (activations, the optimizer updates, the parts of softmax and the losses
 * that are elementwise) and for reductions along a row (printVectorReduction).
 *
 * A loop qualifies when every element its body reads or writes that
 * depends on the loop's index lies at consecutive addresses (the index's
 * coefficient in the address is 1), its float values are f32, and the
 * integers that depend on the index only compute addresses. The body may
 * hold loops whose extent does not depend on the index, such as a
 * reduction per iteration (a mean over a sequence for each embedding
 * dimension, a bias gradient's sum over the batch for each column): their
 * accumulators become one per lane. The outermost loop that qualifies is
 * the one vectorised. Four iterations then run at once: values that depend
 * on the index are f32x4 vectors (conditions are lane masks), values that
 * do not are computed once per group as scalars and splat, addresses are
 * computed for the first lane. The iterations left over run as the scalar
 * loop. Functions WebAssembly has no instruction for are the module's own
 * f32x4 versions (math.ts).
 *
 * Lanes compute in float32; the scalar code computes in double precision
 * and rounds where the kernel says (`fround`) and where it stores. Where
 * every operation is rounded the two agree exactly (double rounding is
 * harmless for +, −, ×, ÷ and √); elsewhere they differ by float32 rounding.
 */
import type Binaryen from "binaryen";
import { call, load, walkExpr, type KExpr, type KFn, type KStmt } from "../../kernel/ir.js";
import type { Scope } from "./contract.js";
import { accumulationsOf, IDENTITY } from "../../kernel/accumulators.js";
import { isVectorMath, type VectorMath } from "./math.js";

type Ref = Binaryen.ExpressionRef;
type M = Binaryen.Module;
type ForStmt = Extract<KStmt, { k: "for" }>;

const LANES = 4;

/** How a name bound in the loop relates to its index: an address term (its coefficient) or a vector. */
type Binding = { readonly affine: number } | { readonly vector: true };

const splat1 = (m: M) => m.f32x4.splat(m.f32.const(1));

/** Elementwise functions with an f32x4 (or mask) instruction. */
const VECTOR: Partial<Record<KFn, (m: M, args: Ref[]) => Ref>> = {
  add: (m, [a, b]) => m.f32x4.add(a, b),
  sub: (m, [a, b]) => m.f32x4.sub(a, b),
  mul: (m, [a, b]) => m.f32x4.mul(a, b),
  div: (m, [a, b]) => m.f32x4.div(a, b),
  // As f64.min and f64.max: NaN if either operand is, and -0 below 0.
  min: (m, [a, b]) => m.f32x4.min(a, b),
  max: (m, [a, b]) => m.f32x4.max(a, b),
  neg: (m, [a]) => m.f32x4.neg(a),
  abs: (m, [a]) => m.f32x4.abs(a),
  sqrt: (m, [a]) => m.f32x4.sqrt(a),
  // pmax is one instruction where max is several; it keeps a NaN (NaN < 0 is false) and turns
  // −0 into −0, which adding +0 makes +0, as f64.max(−0, 0) gives.
  relu: (m, [a]) =>
    m.f32x4.add(m.f32x4.pmax(a, m.f32x4.splat(m.f32.const(0))), m.f32x4.splat(m.f32.const(0))),
  rsqrt: (m, [a]) => m.f32x4.div(splat1(m), m.f32x4.sqrt(a)),
  reciprocal: (m, [a]) => m.f32x4.div(splat1(m), a),
  fround: (_, [a]) => a,
  lt: (m, [a, b]) => m.f32x4.lt(a, b),
  le: (m, [a, b]) => m.f32x4.le(a, b),
  gt: (m, [a, b]) => m.f32x4.gt(a, b),
  ge: (m, [a, b]) => m.f32x4.ge(a, b),
  eq: (m, [a, b]) => m.f32x4.eq(a, b),
  ne: (m, [a, b]) => m.f32x4.ne(a, b),
  and: (m, [a, b]) => m.v128.and(a, b),
  or: (m, [a, b]) => m.v128.or(a, b),
  not: (m, [a]) => m.v128.not(a),
};

export interface VectorScope extends Scope {
  /** The module's f32x4 math functions. */
  readonly math: VectorMath;
  /** A kernel function on scalars as the scalar code computes it (f32 operands as f64). */
  scalarCall(fn: KFn, args: Ref[]): Ref;
}

class LoopVectorizer {
  private readonly bound = new Map<string, Binding>();
  /** The names bound to a vector (one value per lane), and their v128 locals once printed. */
  private readonly vectors = new Set<string>();
  private readonly locals = new Map<string, number>();

  constructor(
    private readonly s: VectorScope,
    private readonly index: string,
  ) {}

  private vector(name: string): number {
    let local = this.locals.get(name);
    if (local === undefined) this.locals.set(name, (local = this.s.temp(this.s.types.v128)));
    return local;
  }

  private depends(e: KExpr): boolean {
    switch (e.k) {
      case "lit":
        return false;
      case "var":
        return e.name === this.index || this.bound.has(e.name);
      case "load":
        return this.depends(e.at);
      case "call":
        return e.args.some((a) => this.depends(a));
      case "select":
        return this.depends(e.cond) || this.depends(e.then) || this.depends(e.else);
      case "cast":
        return this.depends(e.value);
    }
  }

  /** The index's coefficient in an i32 expression, or undefined where it is not affine in it. */
  private coefficient(e: KExpr): number | undefined {
    if (!this.depends(e)) return 0;
    if (e.k === "var") {
      if (e.name === this.index) return 1;
      const b = this.bound.get(e.name);
      return b && "affine" in b ? b.affine : undefined;
    }
    if (e.k !== "call") return undefined;
    const [a, b] = e.args.map((x) => this.coefficient(x));
    switch (e.fn) {
      case "add":
        return a !== undefined && b !== undefined ? a + b : undefined;
      case "sub":
        return a !== undefined && b !== undefined ? a - b : undefined;
      case "neg":
        return a === undefined ? undefined : -a;
      case "mul": {
        const [x, y] = e.args;
        if (a !== undefined && y.k === "lit") return a * y.value;
        if (b !== undefined && x.k === "lit") return b * x.value;
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** Whether an expression that depends on the index has a vector form. */
  vectorizable(e: KExpr): boolean {
    if (!this.depends(e)) return e.type !== "i32";
    switch (e.k) {
      case "var":
        return this.vectors.has(e.name);
      case "load":
        return e.type === "f32" && this.coefficient(e.at) === 1;
      case "call": {
        if (e.args[0].type === "i32") return false;
        if (!VECTOR[e.fn] && !isVectorMath(e.fn)) return false;
        return e.args.every((a) => this.vectorizable(a));
      }
      case "select":
        return [e.cond, e.then, e.else].every((x) => this.vectorizable(x));
      case "cast":
        return e.type === "f32" && e.value.type === "bool" && this.vectorizable(e.value);
      default:
        return false;
    }
  }

  /** Whether the body qualifies; binds its names as it goes. */
  analyse(body: readonly KStmt[]): boolean {
    for (const st of body) {
      switch (st.k) {
        case "let": {
          if (st.mutable) {
            // An accumulator: one per lane.
            if (st.value.type !== "f32" || !this.vectorizable(st.value)) return false;
            this.bound.set(st.name, { vector: true });
            this.vectors.add(st.name);
            break;
          }
          if (!this.depends(st.value)) break;
          if (st.value.type === "i32") {
            const affine = this.coefficient(st.value);
            if (affine === undefined) return false;
            this.bound.set(st.name, { affine });
          } else {
            if (!this.vectorizable(st.value)) return false;
            this.bound.set(st.name, { vector: true });
            this.vectors.add(st.name);
          }
          break;
        }
        case "assign":
          if (!this.vectors.has(st.name) || !this.vectorizable(st.value)) return false;
          break;
        case "store":
        case "accumulate":
          if (st.value.type !== "f32" || this.coefficient(st.at) !== 1) return false;
          if (!this.vectorizable(st.value)) return false;
          break;
        case "for":
          // A loop inside (a reduction per lane): the same for every lane, so its index is a scalar.
          if (this.depends(st.extent) || !this.analyse(st.body)) return false;
          break;
        default:
          return false;
      }
    }
    return true;
  }

  /** An expression's vector form: its values for four iterations. */
  vexpr(e: KExpr): Ref {
    const { m } = this.s;
    const { v128 } = this.s.types;
    if (!this.depends(e))
      return e.type === "f32"
        ? m.f32x4.splat(m.f32.demote(this.s.expr(e)))
        : m.i32x4.splat(m.i32.sub(m.i32.const(0), this.s.expr(e)));
    switch (e.k) {
      case "var":
        return m.local.get(this.vector(e.name), v128);
      case "load":
        return m.v128.load(0, 4, this.s.address(e.slot, e.at));
      case "call": {
        const args = e.args.map((a) => this.vexpr(a));
        const vector = VECTOR[e.fn];
        if (vector) return vector(m, args);
        if (isVectorMath(e.fn)) return this.s.math.call(e.fn, args, (t) => this.s.temp(t));
        throw new Error(`internal: no vector form for ${e.fn}`);
      }
      case "select":
        return m.v128.bitselect(this.vexpr(e.then), this.vexpr(e.else), this.vexpr(e.cond));
      case "cast":
        return m.v128.and(this.vexpr(e.value), splat1(m));
      default:
        throw new Error(`internal: no vector form for ${e.k}`);
    }
  }

  body(body: readonly KStmt[]): Ref[] {
    const { m } = this.s;
    return body.flatMap((st): Ref[] => {
      switch (st.k) {
        case "let":
        case "assign": {
          return this.vectors.has(st.name)
            ? [m.local.set(this.vector(st.name), this.vexpr(st.value))]
            : this.s.stmts([st]);
        }
        case "for":
          return [
            this.s.loop(
              this.s.local(st.index, this.s.types.i32),
              this.s.expr(st.extent),
              this.body(st.body),
            ),
          ];
        case "store":
          return [m.v128.store(0, 4, this.s.address(st.slot, st.at), this.vexpr(st.value))];
        case "accumulate": {
          const at = this.s.temp(this.s.types.i32);
          const get = () => m.local.get(at, this.s.types.i32);
          return [
            m.local.set(at, this.s.address(st.slot, st.at)),
            m.v128.store(0, 4, get(), m.f32x4.add(m.v128.load(0, 4, get()), this.vexpr(st.value))),
          ];
        }
        default:
          throw new Error(`internal: no vector form for ${st.k}`);
      }
    });
  }
}

/** The functions a vector reduction combines its lanes' terms with. */
const COMBINING: ReadonlySet<KFn> = new Set<KFn>(["add", "max", "min"]);

/**
 * A reduction loop marked `reassociate` (by split-accumulators at -O2) whose
 * terms read consecutive elements (a row's sum, max or sum of squares:
 * softmax, layer norm, the losses), four iterations at a time into an f32x4
 * of partial results per accumulator, which combine pairwise, ((l0 ∘ l1) ∘ (l2 ∘ l3)), into the accumulator before the
 * iterations left over run one at a time. The sum is reassociated as
 * accumulator splitting would (the TypeScript backend's -O2), in float32.
 */
function printVectorReduction(s: VectorScope, loop: ForStmt): Ref | undefined {
  if (!loop.reassociate) return undefined;
  const found = accumulationsOf(loop);
  if (!found || found.some((a) => a.type !== "f32" || !COMBINING.has(a.fn))) return undefined;
  const vectorizer = new LoopVectorizer(s, loop.index);
  const lets = loop.body.filter((st) => st.k === "let");
  if (!vectorizer.analyse(lets) || !found.every((a) => vectorizer.vectorizable(a.term)))
    return undefined;
  const { m } = s;
  const { i32, f64, v128 } = s.types;
  const index = s.local(loop.index, i32);
  const extent = s.temp(i32);
  const end = () => m.local.get(extent, i32);
  const partials = found.map(() => s.temp(v128));
  const get = (x: number) => m.local.get(x, v128);
  const lane = (x: number, l: number) =>
    m.f64.promote(m.f32x4.extract_lane(get(x), l as unknown as Ref));
  return m.block(null, [
    m.local.set(extent, s.expr(loop.extent)),
    ...found.map((a, x) =>
      m.local.set(partials[x], m.f32x4.splat(m.f32.const(IDENTITY[a.fn]!.f32))),
    ),
    s.loop(
      index,
      end(),
      [
        ...vectorizer.body(lets),
        ...found.map((a, x) =>
          m.local.set(partials[x], VECTOR[a.fn]!(m, [get(partials[x]), vectorizer.vexpr(a.term)])),
        ),
      ],
      { step: LANES },
    ),
    ...found.map((a, x) => {
      const acc = s.local(a.acc, f64);
      const pair = (l: number) =>
        s.scalarCall(a.fn, [lane(partials[x], l), lane(partials[x], l + 1)]);
      const lanes = s.scalarCall(a.fn, [pair(0), pair(2)]);
      return m.local.set(acc, s.scalarCall(a.fn, [m.local.get(acc, f64), lanes]));
    }),
    s.loop(index, end(), s.stmts(loop.body), { from: m.local.get(index, i32) }),
  ]);
}

/** The coefficient of `name` in an i32 expression affine in it; undefined where it is not. */
function coefficientIn(e: KExpr, name: string): number | undefined {
  switch (e.k) {
    case "lit":
      return 0;
    case "var":
      return e.name === name ? 1 : 0;
    case "call": {
      const [a, b] = e.args.map((x) => coefficientIn(x, name));
      if (e.fn === "add" && a !== undefined && b !== undefined) return a + b;
      if (e.fn === "sub" && a !== undefined && b !== undefined) return a - b;
      if (e.fn === "mul" && a !== undefined && e.args[1].k === "lit") return a * e.args[1].value;
      if (e.fn === "mul" && b !== undefined && e.args[0].k === "lit") return b * e.args[0].value;
      return a === 0 && (b ?? 0) === 0 ? 0 : undefined;
    }
    default: {
      let reads = false;
      walkExpr(e, (x) => (reads ||= x.k === "var" && x.name === name));
      return reads ? undefined : 0;
    }
  }
}

/** Floats between rows past which a column sum is turned (a cache line: each row read once). */
const TURN_FROM = 16;

/** The slots an expression or statements load from. */
function slotsRead(body: readonly KStmt[]): Set<number> {
  const slots = new Set<number>();
  const visit = (e: KExpr) => walkExpr(e, (x) => x.k === "load" && slots.add(x.slot));
  const walk = (sts: readonly KStmt[]) => {
    for (const st of sts) {
      if (st.k === "for") walk(st.body);
      else if (st.k === "let" || st.k === "assign") visit(st.value);
      else if (st.k === "store" || st.k === "accumulate") (visit(st.at), visit(st.value));
    }
  };
  walk(body);
  return slots;
}

/**
 * A column sum turned inside out: `for j parallel { var acc = init; for r… {
 * acc = fn(acc, term(r, j)) }; %out[at(j)] = g(acc) }` — a bias gradient,
 * the sum over a sequence of each embedding dimension — as `for j: %out[at]
 * = init; for r… serial { for j parallel: %out[at] = fn(%out[at], term) };
 * for j: %out[at] = g(%out[at])`. Vectorised across j, the first form reads
 * 16 bytes of a row and moves to the next row, a whole row further
 * (4096 × 512: 3.6 ms); the second reads each row once, in order (0.38 ms).
 * Each column's terms combine in the same order; its partial sums are held
 * in the output as float32, as the lanes hold them. Undefined where the
 * loop is not of that form, or the output is read inside it.
 */
function turnColumnSum(loop: ForStmt): KStmt[] | undefined {
  const [acc, nest, store, ...rest] = loop.body;
  if (rest.length || acc?.k !== "let" || !acc.mutable || acc.value.type !== "f32") return undefined;
  if (nest?.k !== "for" || nest.kind !== "reduction" || store?.k !== "store") return undefined;
  // The nest: reduction loops down to a body of lets and one `acc = fn(acc, term)`.
  const indices: ForStmt[] = [];
  let inner: ForStmt = nest;
  for (;;) {
    indices.push(inner);
    if (inner.body.length === 1 && inner.body[0].k === "for" && inner.body[0].kind === "reduction")
      inner = inner.body[0];
    else break;
  }
  const found = accumulationsOf(inner);
  if (!found || found.length !== 1 || found[0].acc !== acc.name) return undefined;
  const { fn, term } = found[0];
  // Only rows a line apart or more, reached by arithmetic: a gathered row (an embedding's,
  // short) is read as fast down its column, with the sum in a register.
  const strides: (number | undefined)[] = [];
  const visit = (e: KExpr) =>
    walkExpr(e, (x) => x.k === "load" && strides.push(coefficientIn(x.at, inner.index)));
  for (const st of inner.body) if (st.k === "let" || st.k === "assign") visit(st.value);
  if (
    !strides.some((c) => c !== 0) ||
    strides.some((c) => c === undefined || (c !== 0 && Math.abs(c) < TURN_FROM))
  )
    return undefined;
  const out = store.slot;
  if (slotsRead([acc, nest]).has(out)) return undefined;
  const held = load(out, store.at, "f32");
  const j = loop.index;
  const parallel = (body: KStmt[]): ForStmt => ({ ...loop, index: j, body });
  let swapped: KStmt = parallel([
    ...inner.body.filter((st) => st.k === "let"),
    { k: "store", slot: out, at: store.at, value: call(fn, held, term) },
  ]);
  for (const r of indices.reverse())
    swapped = { k: "for", index: r.index, extent: r.extent, kind: "serial", body: [swapped] };
  const keep = store.value.k === "var" && store.value.name === acc.name;
  return [
    parallel([{ k: "store", slot: out, at: store.at, value: acc.value }]),
    swapped,
    ...(keep
      ? []
      : [
          parallel([
            { k: "let", name: acc.name, value: held },
            { k: "store", slot: out, at: store.at, value: store.value },
          ]),
        ]),
  ];
}

/**
 * A parallel loop four iterations at a time, or a reduction loop four terms at a time, then the
 * rest one at a time; undefined where it does not qualify.
 */
export function printVectorLoop(s: VectorScope, loop: ForStmt): Ref | undefined {
  if (loop.kind === "reduction") return printVectorReduction(s, loop);
  if (loop.kind !== "parallel") return undefined;
  const turned = turnColumnSum(loop);
  if (turned) {
    // Vectorised as the loops it became, where they qualify (the column sum itself must).
    const check = new LoopVectorizer(s, loop.index);
    if (check.analyse(loop.body)) return s.m.block(null, s.stmts(turned));
  }
  const vectorizer = new LoopVectorizer(s, loop.index);
  if (!vectorizer.analyse(loop.body)) return undefined;
  const { m } = s;
  const { i32 } = s.types;
  const index = s.local(loop.index, i32);
  const extent = s.temp(i32);
  const end = () => m.local.get(extent, i32);
  return m.block(null, [
    m.local.set(extent, s.expr(loop.extent)),
    s.loop(index, end(), vectorizer.body(loop.body), { step: LANES }),
    s.loop(index, end(), s.stmts(loop.body), { from: m.local.get(index, i32) }),
  ]);
}
