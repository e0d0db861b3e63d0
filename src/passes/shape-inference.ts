/**
 * Shape inference: types every value of a module from its graph inputs and
 * parameter declarations.
 *
 * Algorithm: for each graph, walk the ops in order (SSA order is dependency
 * order) and set each op's result types to what its registry shape rule
 * gives for its operands' types, symbolic dims kept symbolic. A region is
 * typed before the op that owns it: its arguments take the types the op's
 * declaration says it passes them (`regionInputs`: a scan body gets the
 * carries, the sequences less their leading axis, and the constants), then
 * its ops are inferred in turn. A rule that fails is reported
 * at the op's span and leaves the declared types in place, so inference goes
 * on and reports every independent error.
 *
 * Front ends type values as they build them (GraphBuilder); this pass is what
 * re-types a graph after a rewrite changes an input or an op.
 */
import { IRError, recheck, type Graph, type Module } from "../ir/graph.js";
import { error, type Diagnostic } from "../core/diagnostics.js";

export const SHAPE_INFERENCE = {
  name: "shape-inference",
  summary: "types every value from the graph inputs through the ops' shape rules",
};

export function inferShapes(module: Module): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const graph of module.graphs.values()) inferGraph(graph, diagnostics);
  return diagnostics;
}

function inferGraph(graph: Graph, diagnostics: Diagnostic[]): void {
  for (const [name, value] of graph.params) {
    const decl = graph.module?.params.get(name);
    if (decl) value.type = decl.type;
  }
  for (const op of graph.ops) {
    const regionTypes =
      op.def.regionInputs?.({ operands: op.operands.map((v) => v.type), attrs: op.attrs }) ?? [];
    op.regions.forEach((region, k) => {
      region.inputs.forEach((arg, i) => {
        if (regionTypes[k]?.[i]) arg.type = regionTypes[k][i];
      });
      inferGraph(region, diagnostics);
    });
    try {
      recheck(op).types.forEach((type, i) => {
        if (op.results[i]) op.results[i].type = type;
      });
    } catch (e) {
      if (!(e instanceof IRError)) throw e;
      const where = op.span ? "" : `@${graph.name}: `;
      diagnostics.push(error("shape", `${where}${e.message}`, op.span));
    }
  }
}
