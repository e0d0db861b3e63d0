/**
 * A diagram of a model — nodes in nested groups, and edges — and its
 * printers: Mermaid (which GitHub renders as it is), Graphviz DOT, and SVG,
 * which Graphviz (the @viz-js/viz build) lays out from the DOT. Each level
 * (layers, ops, kernels) builds one of these; the printers know nothing of
 * models.
 */

export type NodeStyle = "input" | "output" | "layer" | "param" | "op";

export interface DiagramNode {
  readonly id: string;
  /** The first line is the title, drawn bold; the rest as they are. */
  readonly lines: readonly string[];
  readonly style: NodeStyle;
  /** The group it is drawn in, if any. */
  readonly group?: string;
  /** A fill colour (#rrggbb) instead of its style's, to mark it (fused ops). */
  readonly fill?: string;
}

export interface DiagramGroup {
  readonly id: string;
  readonly label: string;
  readonly parent?: string;
  readonly fill?: string;
}

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
}

export interface Diagram {
  readonly title: string;
  readonly nodes: readonly DiagramNode[];
  readonly groups: readonly DiagramGroup[];
  readonly edges: readonly DiagramEdge[];
}

const FILL: Record<NodeStyle, string> = {
  input: "#e8f5e9",
  output: "#fff3e0",
  layer: "#e8eef9",
  param: "#f3f3f3",
  op: "#e8eef9",
};

const SHAPE: Record<NodeStyle, { mermaid: [string, string]; dot: string }> = {
  input: { mermaid: ['[/"', '"/]'], dot: "parallelogram" },
  output: { mermaid: ['(["', '"])'], dot: "box" },
  layer: { mermaid: ['["', '"]'], dot: "box" },
  param: { mermaid: ['[("', '")]'], dot: "cylinder" },
  op: { mermaid: ['["', '"]'], dot: "box" },
};

/** Short ids that Mermaid and DOT both take unquoted: n1, n2, … for nodes, g1, … for groups. */
function shortIds(d: Diagram): (id: string, group?: boolean) => string {
  const ids = new Map<string, string>();
  d.nodes.forEach((n, i) => ids.set(`n:${n.id}`, `n${i + 1}`));
  d.groups.forEach((g, i) => ids.set(`g:${g.id}`, `g${i + 1}`));
  return (id, group = false) => ids.get(`${group ? "g" : "n"}:${id}`)!;
}

const children = <T extends { group?: string; parent?: string }>(
  items: readonly T[],
  group: string | undefined,
  of: (item: T) => string | undefined,
) => items.filter((i) => of(i) === group);

export function toMermaid(d: Diagram): string {
  const id = shortIds(d);
  // A Mermaid node is one line: line breaks in names become spaces.
  const text = (s: string) =>
    s
      .replace(/[\r\n\u2028\u2029]/g, " ")
      .replace(/"/g, "#quot;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;");
  const out = ["---", `title: ${JSON.stringify(d.title)}`, "---", "flowchart TB"];
  const write = (group: string | undefined, indent: string) => {
    for (const n of children(d.nodes, group, (x) => x.group)) {
      const [open, close] = SHAPE[n.style].mermaid;
      const [title, ...rest] = n.lines.map(text);
      const label = `<b>${title}</b>${rest.map((l) => `<br/>${l}`).join("")}`;
      out.push(`${indent}${id(n.id)}${open}${label}${close}:::${n.style}`);
    }
    for (const g of children(d.groups, group, (x) => x.parent)) {
      out.push(`${indent}subgraph ${id(g.id, true)}["${text(g.label)}"]`);
      write(g.id, `${indent}  `);
      out.push(`${indent}end`);
    }
  };
  write(undefined, "  ");
  for (const e of d.edges) out.push(`  ${id(e.from)} --> ${id(e.to)}`);
  const used = new Set(d.nodes.map((n) => n.style));
  for (const style of Object.keys(FILL) as NodeStyle[])
    if (used.has(style)) out.push(`  classDef ${style} fill:${FILL[style]},stroke:#607080`);
  for (const n of d.nodes) if (n.fill) out.push(`  style ${id(n.id)} fill:${n.fill}`);
  for (const g of d.groups) if (g.fill) out.push(`  style ${id(g.id, true)} fill:${g.fill}`);
  return [...out, ""].join("\n");
}

export function toDot(d: Diagram): string {
  const id = shortIds(d);
  const html = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const quoted = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  const out = [
    `digraph ${quoted(d.title)} {`,
    `  label=${quoted(d.title)}; labelloc=t; fontname="Helvetica"; fontsize=14;`,
    '  node [shape=box, style="rounded,filled", color="#607080", fontname="Helvetica", fontsize=10];',
    '  edge [color="#607080", arrowsize=0.7];',
  ];
  const write = (group: string | undefined, indent: string) => {
    for (const n of children(d.nodes, group, (x) => x.group)) {
      const [title, ...rest] = n.lines.map(html);
      const label = `<<b>${title}</b>${rest.map((l) => `<br/>${l}`).join("")}>`;
      out.push(
        `${indent}${id(n.id)} [label=${label}, shape=${SHAPE[n.style].dot}, fillcolor="${n.fill ?? FILL[n.style]}"];`,
      );
    }
    for (const g of children(d.groups, group, (x) => x.parent)) {
      out.push(`${indent}subgraph cluster_${id(g.id, true)} {`);
      out.push(
        `${indent}  label=${quoted(g.label)}; style="rounded${g.fill ? ",filled" : ""}"; color="#9aa8b8"; fillcolor="${g.fill ?? "#ffffff"}"; fontsize=11;`,
      );
      write(g.id, `${indent}  `);
      out.push(`${indent}}`);
    }
  };
  write(undefined, "  ");
  for (const e of d.edges) out.push(`  ${id(e.from)} -> ${id(e.to)};`);
  return [...out, "}", ""].join("\n");
}

/** The diagram laid out by Graphviz, as a standalone SVG document. */
export async function toSvg(d: Diagram): Promise<string> {
  const { instance } = await import("@viz-js/viz");
  const viz = await instance();
  return viz.renderString(toDot(d), { format: "svg", engine: "dot" });
}
