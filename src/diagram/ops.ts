/**
 * The op-level and kernel-level diagrams. Ops: a graph of the IR as some pass
 * left it, each op with its result types, parameters as their own nodes, and
 * where fusion has run, each fused group (the ops that run inside one
 * kernel) coloured as one. Kernels: a program's schedule in order, a loop's
 * kernels grouped, an edge from the kernel that last wrote a slot to each
 * kernel that reads it, and each kernel with the slots it writes and their
 * bytes.
 */
import type { Graph, Op, Value } from "../ir/graph.js";
import { elementsAt, formatType, type Dim } from "../core/types.js";
import type { Fusion } from "../passes/fuse.js";
import type { MemoryPlan } from "../kernel/memory.js";
import { slotsOf, walkStmts, writesTo, type Program, type Step } from "../kernel/ir.js";
import type { Diagram, DiagramEdge, DiagramGroup, DiagramNode } from "./diagram.js";

/** Fill colours for fused groups, light enough for black text. */
const PALETTE = ["#ffe0b2", "#c8e6c9", "#bbdefb", "#f8bbd0", "#d1c4e9", "#fff9c4", "#b2dfdb"];

export function opDiagram(graph: Graph, title: string, fusion?: Fusion): Diagram {
  const fused = fusion?.get(graph) ?? new Set<Op>();
  // A fused op runs in the kernel of the op that reads it, followed to one that is not fused.
  const rootOf = (op: Op): Op => {
    let at = op;
    while (fused.has(at)) {
      const user = at.results.flatMap((r) => r.uses.map((u) => u.op))[0];
      if (!user) break;
      at = user;
    }
    return at;
  };
  const kernelOf = new Map(graph.ops.map((op) => [op, rootOf(op)]));
  const sizes = new Map<Op, number>();
  for (const root of kernelOf.values()) sizes.set(root, (sizes.get(root) ?? 0) + 1);
  const colour = new Map<Op, string>();
  for (const [root, n] of sizes) if (n > 1) colour.set(root, PALETTE[colour.size % PALETTE.length]);

  const nodes: DiagramNode[] = [];
  const producer = new Map<Value, string>();
  graph.inputs.forEach((v) => {
    nodes.push({ id: `input:${v.name}`, lines: [v.name, formatType(v.type)], style: "input" });
    producer.set(v, `input:${v.name}`);
  });
  for (const [name, v] of graph.params) {
    nodes.push({ id: `param:${name}`, lines: [`@${name}`, formatType(v.type)], style: "param" });
    producer.set(v, `param:${name}`);
  }
  const edges: DiagramEdge[] = [];
  graph.ops.forEach((op, i) => {
    const id = `op:${i}`;
    const fill = colour.get(kernelOf.get(op)!);
    nodes.push({
      id,
      lines: [op.name, ...op.results.map((r) => `%${r.name}: ${formatType(r.type)}`)],
      style: "op",
      ...(fill ? { fill } : {}),
    });
    for (const v of op.operands) {
      const from = producer.get(v);
      if (from) edges.push({ from, to: id });
    }
    for (const r of op.results) producer.set(r, id);
  });
  for (const o of graph.outputs) {
    const id = `output:${o.name}`;
    nodes.push({ id, lines: [o.name!, formatType(o.value.type)], style: "output" });
    edges.push({ from: producer.get(o.value)!, to: id });
  }
  for (const u of graph.updates) {
    const id = `update:${u.param}`;
    nodes.push({ id, lines: [`@${u.param} ←`, formatType(u.value.type)], style: "output" });
    edges.push({ from: producer.get(u.value)!, to: id });
  }
  return { title, nodes, groups: [], edges };
}

/** Bytes of a slot's shape with its symbolic dims at `dims` (1 where it names none). */
const bytes = (dtype: string, shape: readonly Dim[], dims: Readonly<Record<string, number>>) =>
  elementsAt(shape, dims) * (dtype === "f64" ? 8 : 4);

export function kernelDiagram(
  program: Program,
  plan: MemoryPlan,
  title: string,
  dims: Readonly<Record<string, number>>,
): Diagram {
  const nodes: DiagramNode[] = [];
  const groups: DiagramGroup[] = [];
  const edges: DiagramEdge[] = [];
  const writer = new Map<number, string>();
  const slot = (id: number) => program.slots[id];
  for (const b of program.inputs) {
    const id = `input:${b.name}`;
    const s = slot(b.slot);
    nodes.push({ id, lines: [b.name, `${s.dtype}[${s.shape.join(", ")}]`], style: "input" });
    writer.set(b.slot, id);
  }
  const seen = new Set<string>();
  let count = 0;
  let loops = 0;
  const visit = (steps: readonly Step[], group: string | undefined) => {
    for (const step of steps) {
      if (step.k === "loop") {
        const id = `loop:${loops++}`;
        groups.push({
          id,
          label: `loop over ${step.index}${step.reverse ? " (reversed)" : ""}`,
          ...(group ? { parent: group } : {}),
        });
        visit(step.body, id);
        continue;
      }
      const k = step.kernel;
      const id = `kernel:${count++}`;
      const written = new Set<number>();
      walkStmts(k.body, (s) => {
        const w = writesTo(s);
        if (w !== undefined) written.add(w);
      });
      const lines = [...written].map((w) => {
        const s = slot(w);
        const buffer = plan.slotBuffer[w];
        const where = buffer >= 0 ? `buffer ${buffer}` : "parameter";
        return `→ ${s.name} ${s.dtype}[${s.shape.join(", ")}], ${bytes(s.dtype, s.shape, dims).toLocaleString("en-US")} B, ${where}`;
      });
      nodes.push({
        id,
        lines: [
          k.name,
          `${k.ops.length} op${k.ops.length === 1 ? "" : "s"}: ${k.ops.slice(0, 4).join(", ")}${k.ops.length > 4 ? ", …" : ""}`,
          ...lines,
        ],
        style: "op",
        ...(group ? { group } : {}),
      });
      for (const s of slotsOf(k.body)) {
        const from = writer.get(s);
        const key = `${from}\n${id}`;
        if (from && from !== id && !written.has(s) && !seen.has(key)) {
          seen.add(key);
          edges.push({ from, to: id });
        }
      }
      for (const w of written) writer.set(w, id);
    }
  };
  visit(program.steps, undefined);
  for (const b of [...program.outputs, ...program.updates]) {
    const id = `output:${b.name}`;
    const s = slot(b.slot);
    nodes.push({ id, lines: [b.name, `${s.dtype}[${s.shape.join(", ")}]`], style: "output" });
    const from = writer.get(b.slot);
    if (from) edges.push({ from, to: id });
  }
  const total = plan.buffers;
  return {
    title: `${title} (${total} buffers; bytes at ${Object.entries(dims)
      .map(([k, v]) => `${k} = ${v}`)
      .join(", ")})`,
    nodes,
    groups,
    edges,
  };
}
