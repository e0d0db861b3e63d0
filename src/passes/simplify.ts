/**
 * Simplification: the rewrites that leave a graph computing the same with
 * fewer ops. The autodiff output is its main customer (gradient rules
 * multiply by ones, add zeros and reshape back and forth).
 *
 * Algorithm: repeat until nothing changes, over every graph and region:
 *   1. identities — x*1, 1*x, x+0, 0+x, x-0, x/1, --x, a reshape or broadcast
 *      to the value's own shape, a reshape of a reshape, a transpose of a
 *      transpose — where the result has the operand's exact type (a
 *      broadcasting `x * ones` is not an identity);
 *   2. zero-padded sums — `add` of concatenations whose non-zero pieces
 *      do not overlap (a slice's gradient pads with zeros, so the gradient
 *      of a split is such a sum) is one concatenation of those pieces;
 *   3. constant folding — an op whose operands are all constants and whose
 *      result is small and of fixed shape is evaluated (with its reference
 *      semantics, in float32) and replaced by a constant;
 *   4. common-subexpression elimination — an op with the same name,
 *      operands and attributes as an earlier one (and no regions) is
 *      replaced by it;
 *   5. dead-code elimination — ops whose results nothing uses are removed.
 */
import { attrEquals } from "../ir/attributes.js";
import { GraphBuilder, type Graph, type Module, type Op, type Value } from "../ir/graph.js";
import { Tensor } from "../ir/tensor.js";
import { typeEquals } from "../core/types.js";

export const SIMPLIFY = {
  name: "simplify",
  summary: "identities, constant folding, common subexpressions, dead code",
};

/** The largest result constant folding computes. */
const FOLD_LIMIT = 256;

export interface SimplifyStats {
  readonly opsBefore: number;
  readonly opsAfter: number;
}

export function simplify(module: Module): SimplifyStats {
  const count = () => [...module.graphs.values()].reduce((n, g) => n + opsIn(g), 0);
  const opsBefore = count();
  for (const graph of module.graphs.values()) simplifyGraph(graph);
  return { opsBefore, opsAfter: count() };
}

function opsIn(graph: Graph): number {
  return graph.ops.reduce((n, op) => n + 1 + op.regions.reduce((m, r) => m + opsIn(r), 0), 0);
}

function simplifyGraph(graph: Graph): void {
  for (let changed = true; changed;) {
    changed = false;
    for (const op of [...graph.ops]) {
      if (!graph.ops.includes(op)) continue;
      for (const region of op.regions) simplifyGraph(region);
      const replacement = identity(op) ?? fold(graph, op);
      if (replacement) {
        graph.replaceAllUses(op.results[0], replacement);
        changed = true;
      }
    }
    changed = eliminateCommon(graph) || changed;
    changed = graph.eraseUnusedOps() || changed;
  }
}

const constantOf = (v: Value): number | readonly number[] | undefined =>
  v.def?.name === "constant" ? (v.def.attrs.value as number | number[]) : undefined;

/** The value an op computes when it is an identity on one of its operands, else undefined. */
function identity(op: Op): Value | undefined {
  const [a, b] = op.operands;
  const result = op.results[0];
  const same = (v: Value | undefined) => (v && typeEquals(v.type, result.type) ? v : undefined);
  switch (op.name) {
    case "mul":
      return (constantOf(b) === 1 && same(a)) || (constantOf(a) === 1 && same(b)) || undefined;
    case "add":
      return (constantOf(b) === 0 && same(a)) || (constantOf(a) === 0 && same(b)) || undefined;
    case "sub":
      return constantOf(b) === 0 ? same(a) : undefined;
    case "div":
      return constantOf(b) === 1 ? same(a) : undefined;
    case "neg":
      return a.def?.name === "neg" ? same(a.def.operands[0]) : undefined;
    case "reshape":
    case "broadcast_to":
      return same(a);
    default:
      return undefined;
  }
}

/**
 * Rewrites that build a new op: a reshape of a reshape reads the original,
 * a transpose of a transpose composes the two; and constant folding.
 */
function fold(graph: Graph, op: Op): Value | undefined {
  const b = new GraphBuilder(graph);
  b.span = op.span;
  const [x] = op.operands;
  // The new op goes where the old one was, and takes its result's name.
  const insertBefore = (make: () => Value): Value => {
    const value = make();
    graph.ops.splice(graph.ops.indexOf(value.def!), 1);
    graph.ops.splice(graph.ops.indexOf(op), 0, value.def!);
    graph.takeName(op.results[0], value);
    return value;
  };
  if (op.name === "reshape" && x.def?.name === "reshape") {
    return insertBefore(() =>
      b.op1("reshape", [x.def!.operands[0]], { shape: op.results[0].type.shape }),
    );
  }
  if (op.name === "transpose" && x.def?.name === "transpose") {
    const inner = x.def.attrs.perm as number[];
    const perm = (op.attrs.perm as number[]).map((p) => inner[p]);
    const source = x.def.operands[0];
    return perm.every((p, i) => p === i)
      ? source
      : insertBefore(() => b.op1("transpose", [source], { perm }));
  }
  const joined = op.name === "add" ? paddedSum(op) : undefined;
  if (joined) {
    // The new ops (the zeros between pieces, the concatenation) go where the add was.
    const before = graph.ops.length;
    const pieces = joined.pieces.map((p) =>
      "value" in p
        ? p.value
        : b.op1("constant", [], {
            dtype: op.results[0].type.dtype,
            shape: op.results[0].type.shape.map((d, i) => (i === joined.axis ? p.size : d)),
            value: 0,
          }),
    );
    const value = pieces.length === 1 ? pieces[0] : b.op1("concat", pieces, { axis: joined.axis });
    const fresh = graph.ops.splice(before);
    graph.ops.splice(graph.ops.indexOf(op), 0, ...fresh);
    if (fresh.length) graph.takeName(op.results[0], value);
    return value;
  }
  const shape = op.results[0]?.type.shape;
  const foldable =
    op.regions.length === 0 &&
    op.results.length === 1 &&
    op.name !== "constant" &&
    op.operands.every((v) => constantOf(v) !== undefined) &&
    shape.every((d) => typeof d === "number") &&
    shape.reduce<number>((n, d) => n * (d as number), 1) <= FOLD_LIMIT &&
    op.operands.every((v) => v.type.shape.every((d) => typeof d === "number"));
  if (!foldable) return undefined;
  const operands = op.operands.map((v) =>
    Tensor.of(v.type.dtype, v.type.shape as number[], constantOf(v)!),
  );
  const [value] = op.def.evaluate({
    operands,
    attrs: op.attrs,
    results: [{ dtype: op.results[0].type.dtype, shape: shape as number[] }],
    regions: [],
    ctx: { precision: "f32", runRegion: () => [] },
  });
  const data = value.toArray();
  const splat = data.every((v) => Object.is(v, data[0]));
  return insertBefore(() =>
    b.op1("constant", [], {
      dtype: value.dtype,
      shape,
      value: splat && data.length ? data[0] : data,
    }),
  );
}

type Piece = { readonly size: number } | { readonly size: number; readonly value: Value };

/** A value along an axis as pieces, zeros (no value) or values; undefined where a size is symbolic. */
function piecesOf(v: Value, axis: number): Piece[] | undefined {
  const parts = v.def?.name === "concat" && v.def.attrs.axis === axis ? v.def.operands : [v];
  const pieces = parts.map((p): Piece | undefined => {
    const size = p.type.shape[axis];
    if (typeof size !== "number") return undefined;
    return constantOf(p) === 0 ? { size } : { size, value: p };
  });
  return pieces.every((p) => p !== undefined) ? pieces : undefined;
}

/**
 * `add(a, b)` as one concatenation, when a and b (of the result's type) are
 * concatenations or zeros along one axis whose non-zero pieces do not
 * overlap: those pieces in order, zeros between them.
 */
function paddedSum(op: Op): { axis: number; pieces: Piece[] } | undefined {
  const [a, b] = op.operands;
  const type = op.results[0].type;
  if (!typeEquals(a.type, type) || !typeEquals(b.type, type)) return undefined;
  const concat = [a, b].find((v) => v.def?.name === "concat");
  if (!concat) return undefined;
  const axis = concat.def!.attrs.axis as number;
  const spans = (v: Value) => {
    const pieces = piecesOf(v, axis);
    if (!pieces) return undefined;
    let at = 0;
    return pieces.flatMap((p) => {
      const start = at;
      at += p.size;
      return "value" in p ? [{ start, end: at, value: p.value }] : [];
    });
  };
  const [x, y] = [spans(a), spans(b)];
  if (!x || !y) return undefined;
  if (x.some((p) => y.some((q) => p.start < q.end && q.start < p.end))) return undefined;
  const total = type.shape[axis] as number;
  const pieces: Piece[] = [];
  let at = 0;
  for (const p of [...x, ...y].sort((m, n) => m.start - n.start)) {
    if (p.start > at) pieces.push({ size: p.start - at });
    pieces.push({ size: p.end - p.start, value: p.value });
    at = p.end;
  }
  if (at < total) pieces.push({ size: total - at });
  return { axis, pieces };
}

/** Replaces each op that repeats an earlier one (same name, operands, attributes; no regions). */
function eliminateCommon(graph: Graph): boolean {
  // Ops by name and operands; the attributes are compared against each earlier op of the key.
  const seen = new Map<string, Op[]>();
  const ids = new Map<Value, number>();
  const id = (v: Value) => {
    if (!ids.has(v)) ids.set(v, ids.size);
    return ids.get(v)!;
  };
  const sameAttrs = (a: Op, b: Op) =>
    Object.keys(a.attrs).every((k) => attrEquals(a.attrs[k], b.attrs[k]));
  let changed = false;
  for (const op of [...graph.ops]) {
    if (op.regions.length) continue;
    const key = `${op.name}(${op.operands.map(id).join(",")})`;
    const earlier = seen.get(key) ?? [];
    const twin = earlier.find((e) => sameAttrs(op, e));
    if (!twin) seen.set(key, [...earlier, op]);
    else {
      op.results.forEach((r, i) => graph.replaceAllUses(r, twin.results[i]));
      changed = true;
    }
  }
  return changed;
}
