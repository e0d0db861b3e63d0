/**
 * Fusion, a graph pass: which ops run inside their consumer's kernel instead
 * of a kernel of their own. Its result, the grouping, is what the lowering
 * (lower.ts) follows; `weft ir -O2 --print-after fuse` prints it.
 *
 * Algorithm, over each graph and region, in op order, so that no element is
 * computed twice:
 * - a pointwise op (fusion class at most `broadcast`), or an injective op that
 *   reads one operand element per result element (OpDef.defersReads: gather,
 *   slice), used once, by a pointwise op of the same result shape (which
 *   reads it element for element) or by a reduction (which reads each element
 *   once), fuses into that consumer;
 * - a one-value constant, whatever its uses, fuses when every user reads it
 *   through the fusion interface: it becomes a literal, which costs nothing;
 * - then two kinds of producer fuse into a pointwise chain that ends in a
 *   kernel of its own (followed from the producer's one use through fused
 *   pointwise ops of the same shape; a reduction at its end would have to
 *   hold the producer's statements in its own loop, so it does not qualify):
 *   a matmul used once, not an output, becomes that kernel's contraction,
 *   with the chain (bias add, activation, residual add) as its epilogue; and
 *   a pointwise output used once more (an optimizer's new moment, written
 *   back and feeding the update) is computed and stored there, so the update
 *   of a parameter is one loop.
 *
 * - for a target that packs a contraction's operands, a pointwise op used
 *   once, by a matmul that reads it along its last dim as the contracted
 *   depth (A not transposed, B transposed), is computed as that operand's
 *   prologue: packing it then runs along its rows, as vectors where the
 *   target has them, and saves a store and a load of every element. Read
 *   across its rows, the pack would compute it one element at a time where
 *   a kernel of its own runs along them. A chain that a matmul takes as its
 *   epilogue (below: a dense layer's bias and activation) stays there, so a
 *   layer is one kernel; prologues are what follows a reduction (layer
 *   norm's scale and shift, softmax's division).
 *
 * The cost rule for matmuls: a kernel holds at most one contraction, so of
 * two matmuls feeding one chain the first fuses and the second keeps a
 * kernel of its own; and a matmul fuses only for a target whose contraction
 * schedule takes an epilogue (`contractionEpilogues`), since otherwise the
 * fused loop would compute dot products one element at a time, reading an
 * operand against its layout, where a kernel of its own runs blocked.
 */
import type { Graph, Module, Op } from "../ir/graph.js";
import { fusesAs } from "../ir/op-def.js";

export interface FusionOptions {
  /** The target's contraction schedule applies a fused epilogue (every target so far). */
  readonly contractionEpilogues?: boolean;
  /**
   * The target computes a contraction's computed operand once per element
   * (packing panels), so a pointwise producer of a matmul's operand can be
   * its prologue; a target that recomputes it for every product it feeds
   * (TypeScript's blocked loops) leaves this off.
   */
  readonly contractionPrologues?: boolean;
}

/** The ops that run inside their consumers' kernels, per graph (regions included). */
export type Fusion = ReadonlyMap<Graph, ReadonlySet<Op>>;

export const FUSE = {
  name: "fuse",
  summary: "groups ops into kernels: pointwise chains, reductions' producers, matmul epilogues",
};

const pointwise = (op: Op) => fusesAs(op.def.fusion, "broadcast");

/** A consumer that reads each operand element through operandAt/operandValue, so a fused producer can stand in. */
const readsFused = (op: Op) => fusesAs(op.def.fusion, "reduction") && op.def.fusion !== "injective";

/** Whether a matmul reads its operand `index` along the operand's last dim as the depth. */
const readAlongDepth = (matmul: Op, index: number) =>
  index === 0 ? !matmul.attrs.transpose_a : !!matmul.attrs.transpose_b;

/** A constant with one fill value: a literal, inlined wherever it is read. */
const isLiteral = (op: Op) => op.name === "constant" && !Array.isArray(op.attrs.value);

const sameShape = (producer: Op, consumer: Op) =>
  consumer.results[0].type.shape.join() === producer.results[0].type.shape.join();

/** The grouping of every graph of a module and of their regions. */
export function fuseModule(module: Module, options: FusionOptions = {}): Map<Graph, Set<Op>> {
  const out = new Map<Graph, Set<Op>>();
  const visit = (graph: Graph) => {
    out.set(graph, fusedOps(graph, options));
    for (const op of graph.ops) op.regions.forEach(visit);
  };
  for (const graph of module.graphs.values()) visit(graph);
  return out;
}

function fusedOps(graph: Graph, options: FusionOptions): Set<Op> {
  const fused = new Set<Op>();
  for (const op of graph.ops) {
    const [result] = op.results;
    if (op.results.length !== 1 || graph.isOutput(result) || result.uses.length === 0) continue;
    if (isLiteral(op)) {
      if (result.uses.every((use) => readsFused(use.op))) fused.add(op);
      continue;
    }
    if (!(pointwise(op) || op.def.defersReads) || result.uses.length !== 1) continue;
    const [{ op: consumer, index }] = result.uses;
    const prologue =
      consumer.def.fusion === "matmul" &&
      options.contractionPrologues &&
      pointwise(op) &&
      readAlongDepth(consumer, index) &&
      !(options.contractionEpilogues && feedsFromMatmul(op, fused, graph));
    if (
      (pointwise(consumer) && sameShape(op, consumer)) ||
      consumer.def.fusion === "reduction" ||
      prologue
    )
      fused.add(op);
  }
  // The kernels that already hold a contraction.
  const contracting = new Set<Op>();
  for (const op of graph.ops) {
    const [result] = op.results;
    if (op.results.length !== 1 || result.uses.length !== 1 || fused.has(op)) continue;
    const matmul =
      op.def.fusion === "matmul" && !graph.isOutput(result) && options.contractionEpilogues;
    const forwarded = pointwise(op) && graph.isOutput(result);
    if (!matmul && !forwarded) continue;
    const end = chainEnd(op, fused);
    if (!end || (matmul && contracting.has(end))) continue;
    if (matmul) contracting.add(end);
    fused.add(op);
  }
  return fused;
}

/**
 * Whether a matmul used once feeds a pointwise op through the pointwise ops
 * fused into it, all of its shape: the chain is then that matmul's epilogue,
 * which computes it once per element as a prologue would.
 */
function feedsFromMatmul(op: Op, fused: ReadonlySet<Op>, graph: Graph): boolean {
  return op.operands.some((value) => {
    const producer = value.def;
    if (!producer || value.uses.length !== 1 || graph.isOutput(value) || !sameShape(producer, op))
      return false;
    if (producer.def.fusion === "matmul") return true;
    return fused.has(producer) && pointwise(producer) && feedsFromMatmul(producer, fused, graph);
  });
}

/** The op whose kernel a producer's one use leads to through fused pointwise ops of its shape, if any. */
function chainEnd(producer: Op, fused: ReadonlySet<Op>): Op | undefined {
  let op = producer;
  for (;;) {
    const consumer = op.results[0].uses[0].op;
    if (!pointwise(consumer) || !sameShape(op, consumer)) return undefined;
    if (!fused.has(consumer)) return consumer;
    op = consumer;
    if (op.results[0].uses.length !== 1) return undefined;
  }
}

/**
 * The grouping as text: per graph (or only graph `only`), one line per
 * kernel-owning op naming the ops fused into it (transitively), regions
 * indented under their op.
 */
export function printFusion(module: Module, fusion: Fusion, only?: string): string {
  const label = (op: Op) => `${op.name} %${op.results[0]?.name}`;
  const lines = (graph: Graph, indent: string): string[] => {
    const fused = fusion.get(graph) ?? new Set<Op>();
    const into = new Map<Op, string[]>();
    const members = (op: Op): string[] => [
      ...op.operands.flatMap((v) => (v.def && fused.has(v.def) ? members(v.def) : [])),
      label(op),
    ];
    const out: string[] = [];
    for (const op of graph.ops) {
      if (fused.has(op)) continue;
      into.set(op, members(op));
      out.push(`${indent}${into.get(op)!.join(", ")}`);
      op.regions.forEach((r, i) =>
        out.push(`${indent}  region ${i}:`, ...lines(r, indent + "    ")),
      );
    }
    return out;
  };
  return [...module.graphs.values()]
    .filter((g) => only === undefined || g.name === only)
    .map((g) => [`@${g.name}:`, ...lines(g, "  ")].join("\n"))
    .join("\n\n");
}
