/**
 * The layer-level diagram: each layer with its kind, output shapes and
 * parameter count, an edge for every input it reads (so residuals and
 * concatenations show), the model's inputs and outputs, and block instances
 * and `repeat`s as groups — or, collapsed, each block instance as one node.
 * It is drawn from the model as the layer library builds it, names and all.
 */
import type { Value } from "../ir/graph.js";
import type { Layer, Spec } from "../spec/ast.js";
import { formatType } from "../core/types.js";
import { layerNames } from "../spec/names.js";
import { buildModel, type BuiltLayer } from "../layers/build.js";
import type { Diagram, DiagramEdge, DiagramGroup, DiagramNode } from "./diagram.js";

export interface LayerDiagramOptions {
  /** Each block instance as one node (its kind, the shapes it returns, its parameters). */
  readonly collapse?: boolean;
}

interface Group extends DiagramGroup {
  /** A block instance, as opposed to the group of a repeat's instances. */
  readonly instance: boolean;
}

/** The groups of a spec: each repeat and each block instance, by the names the builder gives. */
function groupsOf(spec: Spec): Group[] {
  const groups: Group[] = [];
  const isBlock = (kind: string) => spec.blocks.some((b) => b.name.text === kind);
  const walk = (layers: readonly Layer[], prefix: string, parent: string | undefined) => {
    const names = layerNames(layers, isBlock);
    layers.forEach((layer, i) => {
      const name = prefix ? `${prefix}.${names[i]}` : names[i];
      const kind = layer.kind.text;
      const block = spec.blocks.find((b) => b.name.text === kind);
      let within = parent;
      if (layer.repeat) {
        groups.push({
          id: name,
          label: `${name}: ${kind} ×${layer.repeat}`,
          parent,
          instance: false,
        });
        within = name;
      }
      const instances = layer.repeat
        ? Array.from({ length: layer.repeat }, (_, k) => `${name}.${k}`)
        : [name];
      if (block)
        for (const id of instances) {
          groups.push({ id, label: `${id}: ${kind}`, parent: within, instance: true });
          walk(block.layers, id, id);
        }
    });
  };
  walk(spec.model.layers, "", undefined);
  return groups;
}

const paramLine = (n: number) => (n ? [`${n.toLocaleString("en-US")} params`] : []);

export function layerDiagram(spec: Spec, options: LayerDiagramOptions = {}): Diagram {
  const layers: BuiltLayer[] = [];
  const { module } = buildModel(spec, { training: true, onLayer: (l) => layers.push(l) });
  const forward = module.graph("forward");
  const groups = groupsOf(spec);
  const byId = new Map(groups.map((g) => [g.id, g]));
  /** The innermost group a layer is drawn in: the longest group name its name starts with. */
  const groupOf = (name: string): Group | undefined => {
    const parts = name.split(".");
    for (let k = parts.length - 1; k > 0; k--) {
      const g = byId.get(parts.slice(0, k).join("."));
      if (g) return g;
    }
    return undefined;
  };
  /** Collapsed, the outermost block instance holding a layer stands for it. */
  const standIn = (name: string): Group | undefined => {
    let outer: Group | undefined;
    for (let g = groupOf(name); g; g = g.parent ? byId.get(g.parent) : undefined)
      if (g.instance) outer = g;
    return outer;
  };

  const nodes: DiagramNode[] = [];
  const producer = new Map<Value, string>();
  spec.model.inputs.forEach((input, i) => {
    const id = `input:${input.name.text}`;
    nodes.push({
      id,
      lines: [input.name.text, formatType(forward.inputs[i].type)],
      style: "input",
    });
    producer.set(forward.inputs[i], id);
  });
  const collapsed = new Map<string, { params: number; made: Set<Value> }>();
  const members = new Map<string, string>();
  for (const layer of layers) {
    const instance = options.collapse ? standIn(layer.name) : undefined;
    const id = instance ? `layer:${instance.id}` : `layer:${layer.name}`;
    members.set(layer.name, id);
    for (const v of layer.outputs) producer.set(v, id);
    if (!instance) {
      nodes.push({
        id,
        lines: [
          layer.name,
          layer.def.name,
          ...layer.outputs.map((v) => formatType(v.type)),
          ...paramLine(layer.params),
        ],
        style: "layer",
        group: groupOf(layer.name)?.id,
      });
      continue;
    }
    const entry = collapsed.get(id) ?? { params: 0, made: new Set<Value>() };
    entry.params += layer.params;
    for (const v of layer.outputs) entry.made.add(v);
    collapsed.set(id, entry);
  }

  const edges: DiagramEdge[] = [];
  const seen = new Set<string>();
  const edge = (from: string, to: string) => {
    const key = `${from}\n${to}`;
    if (from === to || seen.has(key)) return;
    seen.add(key);
    edges.push({ from, to });
  };
  /** Per collapsed instance, the values it makes that something outside it reads. */
  const leaving = new Map<string, Value[]>();
  const read = (v: Value, by: string) => {
    const from = producer.get(v);
    if (!from) return;
    edge(from, by);
    if (collapsed.has(from) && from !== by && !leaving.get(from)?.includes(v))
      leaving.set(from, [...(leaving.get(from) ?? []), v]);
  };
  for (const layer of layers) for (const v of layer.inputs) read(v, members.get(layer.name)!);
  for (const o of spec.model.outputs) {
    const value = forward.outputs.find((f) => f.name === o.name.text)!.value;
    const id = `output:${o.name.text}`;
    nodes.push({ id, lines: [o.name.text, formatType(value.type)], style: "output" });
    read(value, id);
  }
  for (const [id, { params }] of collapsed) {
    const group = byId.get(id.slice("layer:".length))!;
    const [name, kind] = group.label.split(": ");
    nodes.push({
      id,
      lines: [
        name,
        kind,
        ...(leaving.get(id) ?? []).map((v) => formatType(v.type)),
        ...paramLine(params),
      ],
      style: "layer",
      group: group.parent,
    });
  }
  const drawn = options.collapse
    ? groups.filter((g) => !g.instance && !standIn(`${g.id}.x`))
    : groups;
  return {
    title: `${spec.model.name.text}: layers`,
    nodes,
    groups: drawn.map(({ id, label, parent }) => ({ id, label, parent })),
    edges,
  };
}
