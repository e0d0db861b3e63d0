/**
 * `weft fmt`: a Spec AST printed as canonical `.weft` text.
 *
 * Canonical means: blocks, then the model, then the train section; two-space
 * indentation; arguments the signature marks positional written by position,
 * the rest by name, only those the spec gave; enum values as bare words.
 * Values get variable names: a value used only by the next layer flows
 * through a chain variable (`x`), any other is named after its layer, and a
 * layer whose result is a model output is written `output name = ...`.
 * Comments are kept, each before the statement that followed it.
 */
import { formatFloat } from "../ir/attributes.js";
import type {
  Arg,
  Block,
  Comment,
  Layer,
  Model,
  Ref,
  Spec,
  Train,
  TypeExpr,
  Value,
} from "../spec/ast.js";
import type { SourceSpan } from "../core/diagnostics.js";
import { layerNames } from "../spec/names.js";
import type { ArgSpec, Signature } from "../core/signature.js";
import { LAYERS } from "../layers/index.js";
import { LOSSES, OPTIMIZERS, SCHEDULES } from "../training/index.js";
import { DATA_SOURCES, TOKENIZERS } from "../training/data.js";

const WORD = /^[A-Za-z_]\w*$/;

/** Hands out comments in source order to the statements that follow them. */
export class CommentQueue {
  private readonly pending: Comment[];

  constructor(comments: readonly Comment[]) {
    this.pending = [...comments].sort(
      (a, b) => a.span.line - b.span.line || a.span.col - b.span.col,
    );
  }

  /** The comments on lines before `span`'s line. */
  before(span: SourceSpan | undefined): string[] {
    if (!span) return [];
    const taken: string[] = [];
    while (this.pending.length && this.pending[0].span.line < span.line)
      taken.push(this.pending.shift()!.text);
    return taken;
  }

  /** A comment after the node on its own line. */
  trailing(span: SourceSpan | undefined): string | undefined {
    if (!span || !this.pending.length) return undefined;
    const [next] = this.pending;
    return next.span.line === span.line && next.span.col > span.col
      ? this.pending.shift()!.text
      : undefined;
  }

  rest(): string[] {
    return this.pending.splice(0).map((c) => c.text);
  }
}

export function signatureOfBlock(block: Block): Signature {
  return {
    name: block.name.text,
    summary: `block ${block.name.text}`,
    inputs: { min: block.inputs.length, max: block.inputs.length },
    args: block.params.map((p) => ({
      name: p.name.text,
      kind: p.kind,
      default: p.default,
      doc: "",
    })),
    outputs: () => block.returns.length,
  };
}

/** The signature a layer kind resolves to in this spec. */
export function layerSignature(spec: Spec, kind: string): Signature {
  const block = spec.blocks.find((b) => b.name.text === kind);
  return block ? signatureOfBlock(block) : LAYERS.get(kind)!;
}

export function formatValue(value: Value, spec?: ArgSpec): string {
  switch (value.type) {
    case "int":
      return String(value.value);
    case "float":
      return formatFloat(value.value);
    case "bool":
      return String(value.value);
    case "string":
      // A word reads back as the same string where a string is expected, so it is written bare.
      return WORD.test(value.value) && (spec?.kind === "string" || spec?.kind === "shape")
        ? value.value
        : JSON.stringify(value.value);
    case "list":
      return `[${value.items.map((item) => formatValue(item, spec)).join(", ")}]`;
    case "param":
    case "ref":
      return value.name;
  }
}

/** A block parameter's default: a word-like string is written bare, as the parser reads it back. */
function formatDefault(value: Value): string {
  const bare =
    value.type === "string" &&
    WORD.test(value.value) &&
    !["int", "float", "bool", "string"].includes(value.value);
  return bare ? (value as { value: string }).value : formatValue(value);
}

export function formatType(type: TypeExpr): string {
  return `${type.dtype}[${type.shape.join(", ")}]`;
}

/**
 * Which model outputs can be written on the layer that makes them
 * (`output name = ...` / YAML `output: name`) without changing their order:
 * outputs go in declaration order, so inlining stops at the first output
 * that must be written after the layers. Returns layer index → output name.
 */
export function inlineOutputs(
  layers: readonly Layer[],
  outputs: readonly { name: string; ref: Ref }[],
  singleResultOnly: boolean,
): Map<number, string> {
  const inline = new Map<number, string>();
  let next = 0;
  layers.forEach((layer, i) => {
    const o = outputs[next];
    if (!o || o.ref.from !== "layer") return;
    if (o.ref.layer === i && o.ref.output === 0 && (!singleResultOnly || layer.outputs === 1)) {
      inline.set(i, o.name);
      next++;
    } else if (o.ref.layer <= i) next = outputs.length;
  });
  return inline;
}

/** `positional..., name: value, ...` as the signature says each argument is best written. */
export function formatArgs(args: readonly Arg[], signature: Signature): string[] {
  const parts: string[] = [];
  let positionalOpen = true;
  for (const spec of signature.args) {
    const arg = args.find((a) => a.name === spec.name);
    if (!arg) {
      if (spec.positional) positionalOpen = false;
      continue;
    }
    const text = formatValue(arg.value, spec);
    parts.push(spec.positional && positionalOpen ? text : `${spec.name}: ${text}`);
    if (!spec.positional) positionalOpen = false;
  }
  return parts;
}

class Printer {
  readonly lines: string[] = [];

  constructor(readonly comments: CommentQueue) {}

  line(indent: string, text: string, span?: SourceSpan): void {
    for (const c of this.comments.before(span)) this.lines.push(`${indent}// ${c}`.trimEnd());
    const trailing = this.comments.trailing(span);
    this.lines.push(
      trailing === undefined ? `${indent}${text}` : `${indent}${text} // ${trailing}`,
    );
  }

  blank(): void {
    if (this.lines.length && this.lines[this.lines.length - 1] !== "") this.lines.push("");
  }
}

export function formatWeft(spec: Spec): string {
  const p = new Printer(new CommentQueue(spec.comments));
  for (const block of spec.blocks) {
    const params = block.params.map(
      (q) => `${q.name.text}: ${q.default ? formatDefault(q.default) : q.kind}`,
    );
    p.line(
      "",
      `block ${block.name.text}(${[...block.inputs.map((i) => i.text), ...params].join(", ")}) {`,
      block.span,
    );
    const vars = printBody(
      p,
      spec,
      block.layers,
      block.inputs.map((i) => i.text),
      [],
    );
    p.line("  ", `return ${block.returns.map((r) => vars(r)).join(", ")}`);
    p.line("", "}");
    p.blank();
  }
  printModel(p, spec, spec.model);
  if (spec.train) {
    p.blank();
    printTrain(p, spec.train, spec.model);
  }
  for (const c of p.comments.rest()) p.line("", `// ${c}`);
  return p.lines.join("\n").trimEnd() + "\n";
}

function printModel(p: Printer, spec: Spec, model: Model): void {
  p.line("", `model ${model.name.text} {`, model.span);
  for (const input of model.inputs)
    p.line("  ", `input ${input.name.text}: ${formatType(input.type)}`, input.span);
  const outputs = model.outputs.map((o) => ({ name: o.name.text, ref: o.value }));
  const inline = inlineOutputs(model.layers, outputs, true);
  const vars = printBody(
    p,
    spec,
    model.layers,
    model.inputs.map((i) => i.name.text),
    outputs,
    inline,
  );
  const written = new Set(inline.values());
  for (const o of model.outputs) {
    if (written.has(o.name.text)) continue;
    const v = vars(o.value);
    p.line(
      "  ",
      v === o.name.text ? `output ${o.name.text}` : `output ${o.name.text} = ${v}`,
      o.span,
    );
  }
  p.line("", "}");
}

const refKey = (r: Ref) =>
  r.from === "input" ? `input:${r.name}` : `layer:${r.layer}:${r.output}`;

/** Prints a body's layers, `inline` outputs with theirs, and returns how to name any value of it. */
function printBody(
  p: Printer,
  spec: Spec,
  layers: readonly Layer[],
  inputs: readonly string[],
  outputs: readonly { name: string; ref: Ref }[],
  inline: ReadonlyMap<number, string> = new Map(),
): (r: Ref) => string {
  const isBlock = (kind: string) => spec.blocks.some((b) => b.name.text === kind);
  const names = layerNames(layers, isBlock);
  const uses = new Map<string, number[]>();
  layers.forEach((l, i) =>
    l.inputs.forEach((r) => uses.set(refKey(r), [...(uses.get(refKey(r)) ?? []), i])),
  );
  const external = new Set(outputs.map((o) => refKey(o.ref)));
  const chain =
    ["x", "h", "y", "z", "v"].find((c) => !inputs.includes(c) && !names.includes(c)) ?? "x_";
  const taken = new Set<string>([...inputs, chain]);
  const varOf = new Map<string, string>(inputs.map((n) => [`input:${n}`, n]));
  const fresh = (base: string) => {
    let name = base.replace(/\W/g, "_");
    for (let k = 1; taken.has(name); k++) name = `${base.replace(/\W/g, "_")}_${k}`;
    taken.add(name);
    return name;
  };
  const vars = (r: Ref) => varOf.get(refKey(r))!;
  layers.forEach((layer, i) => {
    const signature = layerSignature(spec, layer.kind.text);
    const key0 = `layer:${i}:0`;
    const asOutput = inline.get(i);
    let targets: string[];
    if (asOutput) {
      targets = [asOutput];
      taken.add(asOutput);
    } else if (
      layer.outputs === 1 &&
      !external.has(key0) &&
      (uses.get(key0) ?? []).every((u) => u === i + 1) &&
      uses.get(key0)?.length
    ) {
      targets = [chain];
    } else {
      targets = Array.from({ length: layer.outputs }, (_, k) =>
        fresh(k === 0 ? names[i] : `${names[i]}_${k}`),
      );
    }
    const args = [...layer.inputs.map(vars), ...formatArgs(layer.args, signature)];
    if (layer.name) args.push(`name: ${JSON.stringify(layer.name.text)}`);
    const call = `${layer.repeat ? `repeat ${layer.repeat} ` : ""}${layer.kind.text}(${args.join(", ")})`;
    p.line("  ", `${asOutput ? "output " : ""}${targets.join(", ")} = ${call}`, layer.span);
    targets.forEach((t, k) => varOf.set(`layer:${i}:${k}`, t));
  });
  return vars;
}

function printTrain(p: Printer, train: Train, model: Model): void {
  p.line("", `train ${model.name.text} {`, train.span);
  for (const t of train.targets) p.line("  ", `${t.name.text}: ${formatType(t.type)}`, t.span);
  const call = (
    key: string,
    c: Train["loss"] | undefined,
    table: ReadonlyMap<string, Signature>,
  ) => {
    if (c)
      p.line(
        "  ",
        `${key}: ${c.kind.text}(${formatArgs(c.args, table.get(c.kind.text)!).join(", ")})`,
        c.span,
      );
  };
  call("loss", train.loss, LOSSES);
  call("optimizer", train.optimizer, OPTIMIZERS);
  call("schedule", train.schedule, SCHEDULES);
  if (train.clipGradNorm !== undefined)
    p.line("  ", `clip_grad_norm: ${formatFloat(train.clipGradNorm)}`);
  if (train.batchSize !== undefined) p.line("  ", `batch_size: ${train.batchSize}`);
  if (train.epochs !== undefined) p.line("  ", `epochs: ${train.epochs}`);
  if (train.seed !== undefined) p.line("  ", `seed: ${train.seed}`);
  if (train.metrics.length)
    p.line("  ", `metrics: [${train.metrics.map((m) => m.text).join(", ")}]`);
  call("data", train.data, DATA_SOURCES);
  call("tokenizer", train.tokenizer, TOKENIZERS);
  if (train.split) p.line("  ", `split: [${train.split.map(formatFloat).join(", ")}]`);
  p.line("", "}");
}
