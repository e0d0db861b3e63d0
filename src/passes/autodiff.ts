/**
 * Autodiff: reverse-mode differentiation as a pass over the IR.
 *
 * Algorithm: given cotangents for some values (for a scalar loss, the
 * constant 1) and the values whose cotangents are wanted:
 *   1. mark the values that depend on a wanted value (forward from `wrt`)
 *      and those the seeded values depend on (backward from the seeds); an op
 *      is differentiated only if it lies on such a path, so values the loss
 *      does not need get no backward ops;
 *   2. walk the graph's ops in reverse; for each op with a cotangent on some
 *      result, call the vector-Jacobian rule its registry declaration holds
 *      (`OpDef.vjp`), asking only for the f32 operands on a path;
 *   3. sum the cotangents that reach a value from several uses.
 * Rules emit ordinary IR ops into the same graph, after the forward ops, so
 * the backward graph is optimised like any other. A rule that differentiates
 * a region (scan's) calls back into `backprop` for the region's body.
 */
import { GraphBuilder, type Graph, type Op, type Value } from "../ir/graph.js";
import type { Autodiff } from "../ir/op-def.js";

export const AUTODIFF = {
  name: "autodiff",
  summary:
    "appends the backward ops that give the gradients of a scalar with respect to chosen values",
};

export const autodiff: Autodiff = { backprop };

export function backprop(
  b: GraphBuilder,
  seeds: ReadonlyMap<Value, Value>,
  wrt: readonly Value[],
): (Value | undefined)[] {
  const graph = b.graph;
  const ops = [...graph.ops];
  const fromWrt = reachableForward(ops, wrt);
  const toSeeds = reachableBackward(ops, [...seeds.keys()]);
  const onPath = (v: Value) => fromWrt.has(v) && toSeeds.has(v);
  const cotangents = new Map<Value, Value>(seeds);
  const span = b.span;
  const prefix = b.namePrefix;
  for (const op of [...ops].reverse()) {
    const grads = op.results.map((r) => cotangents.get(r));
    if (grads.every((g) => g === undefined)) continue;
    const wants = op.operands.map((v) => v.type.dtype === "f32" && onPath(v));
    if (!wants.some(Boolean)) continue;
    b.span = op.span;
    b.namePrefix = `d.${op.results[0].name}`;
    const operandGrads = op.def.vjp({ b, op, grads, wants, ad: autodiff });
    op.operands.forEach((v, i) => {
      const g = operandGrads[i];
      if (!g || !wants[i]) return;
      const existing = cotangents.get(v);
      cotangents.set(v, existing ? b.op1("add", [existing, g]) : g);
    });
  }
  b.span = span;
  b.namePrefix = prefix;
  return wrt.map((v) => cotangents.get(v));
}

/** The gradients of scalar `loss` with respect to `wrt`, appended to `loss`'s graph. */
export function gradients(graph: Graph, loss: Value, wrt: readonly Value[]): (Value | undefined)[] {
  const b = new GraphBuilder(graph);
  b.namePrefix = "d";
  const one = b.op1("constant", [], { dtype: loss.type.dtype, shape: loss.type.shape, value: 1 });
  return backprop(b, new Map([[loss, one]]), wrt);
}

function reachableForward(ops: readonly Op[], from: readonly Value[]): Set<Value> {
  const reached = new Set(from);
  for (const op of ops) {
    if (op.operands.some((v) => reached.has(v))) for (const r of op.results) reached.add(r);
  }
  return reached;
}

function reachableBackward(ops: readonly Op[], from: readonly Value[]): Set<Value> {
  const reached = new Set(from);
  for (const op of [...ops].reverse()) {
    if (op.results.some((r) => reached.has(r))) for (const v of op.operands) reached.add(v);
  }
  return reached;
}
