/**
 * When nests of parallel loops may run in one invocation per element: the
 * analysis a backend that launches kernels as dispatches (WGSL) uses to run
 * several nests, of one kernel or of consecutive ones, in one dispatch with
 * no barrier between them.
 *
 * A nest's index space is flattened row-major: element g of loops with
 * extents e₀…eₙ₋₁ binds iₐ = (g / Πₐ₊₁ e) mod eₐ. An access whose index is
 * Σ iₐ·strideₐ + R, with the row-major strides and R free of the nest's
 * indices, touches element "g + R" of its slot; integer expressions are
 * compared as polynomials over the dims (div, mod and loads opaque), so
 * `i·64 + j` in a [batch, 64] nest and `i` in a [batch·64] one are the same
 * element. Two nests may share an invocation when their element counts are
 * equal and every slot one writes and the other touches is touched, in
 * both, only at one and the same element.
 */
import { exprsOf, isStrided, walkExpr, walkStmts, type KExpr, type KStmt } from "./ir.js";

/** A nest of parallel loops: the loops outermost first, the body inside them, and the scalars bound before it. */
export interface Nest {
  readonly loops: readonly { readonly index: string; readonly extent: KExpr }[];
  readonly body: readonly KStmt[];
  /** Top-level scalars of the kernel bound before the nest (from dims only), which it may read. */
  readonly prelude: readonly KStmt[];
}

/** The parallel loops a statement opens, as a nest. */
export function nestOf(s: KStmt, prelude: readonly KStmt[] = []): Nest {
  const loops: { index: string; extent: KExpr }[] = [];
  let body: readonly KStmt[] = [s];
  while (body.length === 1 && body[0].k === "for" && body[0].kind === "parallel") {
    loops.push({ index: body[0].index, extent: body[0].extent });
    body = body[0].body;
  }
  return { loops, body, prelude };
}

// ---------------------------------------------------------------------------
// Integer polynomials: monomial (atoms joined by '*', '' the constant) → coefficient

type Poly = Map<string, number>;

const constant = (c: number): Poly => new Map(c ? [["", c]] : []);

function addPoly(a: Poly, b: Poly, sign = 1): Poly {
  const out = new Map(a);
  for (const [m, c] of b) {
    const sum = (out.get(m) ?? 0) + sign * c;
    if (sum) out.set(m, sum);
    else out.delete(m);
  }
  return out;
}

function mulPoly(a: Poly, b: Poly): Poly {
  let out: Poly = new Map();
  for (const [ma, ca] of a)
    for (const [mb, cb] of b) {
      const m = [...(ma ? ma.split("*") : []), ...(mb ? mb.split("*") : [])].sort().join("*");
      out = addPoly(out, new Map([[m, ca * cb]]));
    }
  return out;
}

const keyOf = (p: Poly) =>
  [...p]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([m, c]) => `${c}${m ? `*${m}` : ""}`)
    .join(" + ") || "0";

/** An i32 expression as a polynomial; anything but + − × of literals and variables is an atom. */
function polyOf(e: KExpr): Poly {
  if (e.k === "lit") return constant(e.value);
  if (e.k === "var") return new Map([[`$${e.name}`, 1]]);
  if (e.k === "call" && e.type === "i32") {
    const [a, b] = e.args;
    if (e.fn === "add") return addPoly(polyOf(a), polyOf(b));
    if (e.fn === "sub") return addPoly(polyOf(a), polyOf(b), -1);
    if (e.fn === "mul") return mulPoly(polyOf(a), polyOf(b));
    if (e.fn === "neg") return addPoly(new Map(), polyOf(a), -1);
  }
  return new Map([[`#${JSON.stringify(atomOf(e))}`, 1]]);
}

/** An opaque subexpression with its operands in canonical form, so equal atoms print alike. */
function atomOf(e: KExpr): unknown {
  switch (e.k) {
    case "call":
      return {
        fn: e.fn,
        args: e.args.map((a) => (a.type === "i32" ? keyOf(polyOf(a)) : atomOf(a))),
      };
    case "load":
      return { load: e.slot, at: keyOf(polyOf(e.at)) };
    default:
      return e;
  }
}

/** The element an index touches in a nest's flattened space ("g + R"), or undefined if it is not of that form. */
function elementOf(at: KExpr, nest: Nest, inner: ReadonlySet<string>): string | undefined {
  let rest = polyOf(at);
  let stride: Poly = constant(1);
  for (let d = nest.loops.length - 1; d >= 0; d--) {
    const v = `$${nest.loops[d].index}`;
    const mine: Poly = new Map([...rest].filter(([m]) => m.split("*").includes(v)));
    if (keyOf(mine) !== keyOf(mulPoly(new Map([[v, 1]]), stride))) return undefined;
    rest = addPoly(rest, mine, -1);
    stride = mulPoly(stride, polyOf(nest.loops[d].extent));
  }
  // R may read dims and scan indices, never the nest's indices or what its body binds.
  const bound = [...nest.loops.map((l) => l.index), ...inner];
  const mentions = (m: string) =>
    bound.some((n) => new RegExp(`\\$${n.replace(/[^\w]/g, "\\$&")}(?![\\w.])`).test(m));
  return [...rest.keys()].some(mentions) ? undefined : `g + ${keyOf(rest)}`;
}

/** The nest's element count as a canonical polynomial. */
const sizeKey = (n: Nest): string =>
  keyOf(n.loops.reduce<Poly>((p, l) => mulPoly(p, polyOf(l.extent)), constant(1)));

interface Access {
  writes: boolean;
  /** The elements touched; undefined for one that is not a single element per invocation. */
  at: Set<string | undefined>;
}

/** Every access of a nest's body to each slot, by the element of the flattened index it touches. */
function accessesOf(n: Nest): Map<number, Access> {
  const inner = new Set<string>();
  walkStmts(n.body, (s) => {
    if (s.k === "for") inner.add(s.index);
    if (s.k === "let") inner.add(s.name);
    if (s.k === "contract") s.index.forEach((i) => inner.add(i));
  });
  const out = new Map<number, Access>();
  const note = (slot: number, at: KExpr | undefined, writes: boolean) => {
    const a = out.get(slot) ?? { writes: false, at: new Set<string | undefined>() };
    a.writes ||= writes;
    let local = at === undefined;
    if (at) walkExpr(at, (x) => x.k === "var" && inner.has(x.name) && (local = true));
    a.at.add(local || !at ? undefined : elementOf(at, n, inner));
    out.set(slot, a);
  };
  walkStmts(n.body, (s) => {
    if (s.k === "store" || s.k === "accumulate") note(s.slot, s.at, true);
    if (s.k === "contract")
      for (const o of [s.a, s.b]) if (isStrided(o)) note(o.slot, undefined, false);
    for (const e of exprsOf(s)) walkExpr(e, (x) => x.k === "load" && note(x.slot, x.at, false));
  });
  for (const s of n.prelude)
    for (const e of exprsOf(s))
      walkExpr(e, (x) => x.k === "load" && note(x.slot, undefined, false));
  return out;
}

/** Whether `next` may run in the invocations that run `nests`, after them (see the note above). */
export function fitsWith(nests: readonly Nest[], next: Nest): boolean {
  if (!next.loops.length || nests.some((n) => sizeKey(n) !== sizeKey(next))) return false;
  const theirs = accessesOf(next);
  for (const n of nests) {
    for (const [slot, a] of accessesOf(n)) {
      const b = theirs.get(slot);
      if (!b || (!a.writes && !b.writes)) continue;
      const all = new Set([...a.at, ...b.at]);
      if (all.size !== 1 || all.has(undefined)) return false;
    }
  }
  return true;
}

/** Whether a top-level statement is a scalar bound from dims alone (a nest's prelude). */
export function isPureLet(s: KStmt): boolean {
  if (s.k !== "let" || s.mutable) return false;
  let pure = true;
  walkExpr(s.value, (x) => x.k === "load" && (pure = false));
  return pure;
}

/**
 * A kernel body as nests that share an invocation per element, if it is
 * that: pure scalars and nests of parallel loops only, each fitting with
 * those before it.
 */
export function sharedNests(body: readonly KStmt[]): Nest[] | undefined {
  const nests: Nest[] = [];
  const prelude: KStmt[] = [];
  for (const s of body) {
    if (isPureLet(s)) prelude.push(s);
    else if (s.k === "for" && s.kind === "parallel") {
      const nest = nestOf(s, [...prelude]);
      if (nests.length && !fitsWith(nests, nest)) return undefined;
      nests.push(nest);
    } else return undefined;
  }
  return nests.length ? nests : undefined;
}

/** Whether `at` is `index + R` with R free of `index` (compared as polynomials). */
export function isOffsetOf(at: KExpr, index: string): boolean {
  const rest = addPoly(polyOf(at), new Map([[`$${index}`, 1]]), -1);
  const mentions = new RegExp(`\\$${index.replace(/[^\w]/g, "\\$&")}(?![\\w.])`);
  return ![...rest.keys()].some((m) => mentions.test(m));
}

/** Whether two i32 expressions are equal as polynomials (div, mod and loads opaque). */
export const sameIndex = (a: KExpr, b: KExpr): boolean => keyOf(polyOf(a)) === keyOf(polyOf(b));
