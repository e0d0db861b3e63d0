/**
 * The IR's text form, printed. One statement per line, a type on every value,
 * symbolic dims by name, attributes left out when they hold their default:
 *
 *   module @mlp
 *
 *   param @fc.weight: f32[2, 4] = kaiming_uniform(fan_in: 4)
 *
 *   graph @forward {
 *     input %x: f32[batch, 4]
 *     %y: f32[batch, 2] = matmul(%x, @fc.weight) {transpose_b: true}
 *     output y = %y
 *   }
 *
 * parser.ts reads exactly this back; docs/ir.md describes it.
 */
import { formatAttrDict } from "./attributes.js";
import type { Graph, Module, Op, Value } from "./graph.js";
import { INITIALIZERS } from "./initializers.js";
import { formatType } from "../core/types.js";

const INDENT = "  ";
const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function printModule(module: Module): string {
  const blocks = [`module @${module.name}`];
  if (module.params.size) {
    blocks.push(
      [...module.params.values()]
        .map((p) => {
          const attrs = formatAttrDict(INITIALIZERS[p.init.kind].attrs, p.init.attrs);
          const keyword = p.trainable ? "param" : "state";
          return `${keyword} @${p.name}: ${formatType(p.type)} = ${p.init.kind}(${attrs.slice(1, -1)})`;
        })
        .join("\n"),
    );
  }
  for (const graph of module.graphs.values()) blocks.push(printGraph(graph));
  return blocks.join("\n\n") + "\n";
}

export function printGraph(graph: Graph): string {
  return [`graph @${graph.name} {`, ...printBody(graph, INDENT), "}"].join("\n");
}

function ref(value: Value): string {
  return value.param !== undefined ? `@${value.param}` : `%${value.name}`;
}

function typed(value: Value): string {
  return `%${value.name}: ${formatType(value.type)}`;
}

function printBody(graph: Graph, indent: string): string[] {
  const lines: string[] = [];
  if (!graph.isRegion) for (const v of graph.inputs) lines.push(`${indent}input ${typed(v)}`);
  for (const op of graph.ops) lines.push(...printOp(op, indent));
  if (graph.isRegion) {
    lines.push(`${indent}yield ${graph.outputs.map((o) => ref(o.value)).join(", ")}`);
  } else {
    for (const { name = "", value } of graph.outputs) {
      lines.push(
        `${indent}output ${BARE_NAME.test(name) ? name : JSON.stringify(name)} = ${ref(value)}`,
      );
    }
  }
  for (const u of graph.updates) lines.push(`${indent}update @${u.param} = ${ref(u.value)}`);
  return lines;
}

function printOp(op: Op, indent: string): string[] {
  const attrs = formatAttrDict(op.def.attrs, op.attrs);
  let head = `${indent}${op.results.map(typed).join(", ")} = ${op.name}(${op.operands.map(ref).join(", ")})`;
  if (attrs) head += ` ${attrs}`;
  if (op.regions.length === 0) return [head];
  const lines: string[] = [];
  op.regions.forEach((region, i) => {
    head += ` ${op.def.regions[i]}(${region.inputs.map(typed).join(", ")}) {`;
    lines.push(head, ...printBody(region, indent + INDENT));
    head = `${indent}}`;
  });
  lines.push(head);
  return lines;
}
