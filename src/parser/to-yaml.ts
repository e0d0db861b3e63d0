/**
 * A Spec AST printed as YAML (`weft convert`, and `weft fmt` on a YAML file):
 * the YAML form of docs/spec-language.md, with argument maps and lists in flow
 * style, enum values and names as plain scalars, other strings quoted, and
 * comments carried along before the entries that followed them.
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from "yaml";
import type { Arg, Layer, Ref, Spec, Value } from "../spec/ast.js";
import { CommentQueue, formatType, inlineOutputs, layerSignature } from "./format.js";
import { layerNames } from "../spec/names.js";
import type { ArgSpec, Signature } from "../core/signature.js";
import type { SourceSpan } from "../core/diagnostics.js";
import { LOSSES, OPTIMIZERS, SCHEDULES } from "../training/index.js";
import { DATA_SOURCES, TOKENIZERS } from "../training/data.js";

const WORD = /^[A-Za-z_]\w*$/;

function scalar(value: string | number | boolean, style?: "quoted" | "float"): Scalar {
  const node = new Scalar(value);
  if (style === "quoted") node.type = Scalar.QUOTE_DOUBLE;
  if (style === "float") node.minFractionDigits = Number.isInteger(value) ? 1 : 0;
  return node;
}

function map(entries: [string, Node][], flow = false): YAMLMap {
  const node = new YAMLMap();
  node.flow = flow;
  for (const [key, value] of entries) node.items.push(new Pair(new Scalar(key), value));
  return node;
}

function seq(items: Node[], flow = false): YAMLSeq {
  const node = new YAMLSeq();
  node.flow = flow;
  node.items.push(...items);
  return node;
}

function valueNode(value: Value, spec?: ArgSpec): Node {
  switch (value.type) {
    case "int":
    case "bool":
      return scalar(value.value);
    case "float":
      return scalar(value.value, "float");
    case "string": {
      const bare = WORD.test(value.value) && (spec?.kind === "string" || spec?.kind === "shape");
      return scalar(value.value, bare ? undefined : "quoted");
    }
    case "list":
      return seq(
        value.items.map((item) => valueNode(item, spec)),
        true,
      );
    case "param":
    case "ref":
      return scalar(value.name);
  }
}

function argsNode(args: readonly Arg[], signature: Signature): Node {
  return map(
    args.map((a) => [
      a.name,
      valueNode(
        a.value,
        signature.args.find((s) => s.name === a.name),
      ),
    ]),
    true,
  );
}

class YamlPrinter {
  readonly comments: CommentQueue;

  constructor(private readonly spec: Spec) {
    this.comments = new CommentQueue(spec.comments);
  }

  /** Attaches the comments that came before `span` to `node`. */
  private note<T extends Node | Scalar>(node: T, span: SourceSpan | undefined): T {
    const before = this.comments.before(span);
    const trailing = this.comments.trailing(span);
    if (before.length) node.commentBefore = before.map((c) => ` ${c}`).join("\n");
    if (trailing !== undefined) node.comment = ` ${trailing}`;
    return node;
  }

  document(): string {
    const { spec } = this;
    const root = new YAMLMap();
    if (spec.blocks.length) {
      const blocks = map([]);
      const blocksKey = this.note(new Scalar("blocks"), spec.blocks[0].span);
      for (const block of spec.blocks) {
        const key = this.note(new Scalar(block.name.text), block.span);
        key.spaceBefore = blocks.items.length > 0;
        const entries: [string, Node][] = [
          [
            "inputs",
            seq(
              block.inputs.map((i) => scalar(i.text)),
              true,
            ),
          ],
        ];
        if (block.params.length) {
          entries.push([
            "params",
            map(
              block.params.map((q) => [
                q.name.text,
                q.default
                  ? valueNode(q.default, { name: q.name.text, kind: q.kind, doc: "" })
                  : scalar(q.kind),
              ]),
              true,
            ),
          ]);
        }
        const names = layerNames(block.layers, (kind) => this.isBlock(kind));
        entries.push([
          "layers",
          this.layers(
            block.layers,
            block.inputs.map((i) => i.text),
            names,
          ),
        ]);
        entries.push([
          "return",
          seq(
            block.returns.map((r) => scalar(this.refName(r, names))),
            true,
          ),
        ]);
        blocks.items.push(new Pair(key, map(entries)));
      }
      root.items.push(new Pair(blocksKey, blocks));
    }
    const model = spec.model;
    const names = layerNames(model.layers, (kind) => this.isBlock(kind));
    const modelKey = this.note(new Scalar("model"), model.span);
    modelKey.spaceBefore = spec.blocks.length > 0;
    const inputs = map(model.inputs.map((i) => [i.name.text, scalar(formatType(i.type))]));
    inputs.items.forEach((pair, k) => this.note(pair.key as Scalar, model.inputs[k].span));
    const outputs = model.outputs.map((o) => ({ name: o.name.text, ref: o.value }));
    const inline = inlineOutputs(model.layers, outputs, false);
    const layers = this.layers(
      model.layers,
      model.inputs.map((i) => i.name.text),
      names,
      inline,
    );
    const entries: [string, Node][] = [
      ["name", scalar(model.name.text)],
      ["inputs", inputs],
      ["layers", layers],
    ];
    const written = new Set(inline.values());
    const rest = model.outputs.filter((o) => !written.has(o.name.text));
    if (rest.length) {
      const plain = rest.every((o) => this.refName(o.value, names) === o.name.text);
      entries.push([
        "outputs",
        plain
          ? seq(
              rest.map((o) => scalar(o.name.text)),
              true,
            )
          : map(rest.map((o) => [o.name.text, scalar(this.refName(o.value, names))])),
      ]);
    }
    root.items.push(new Pair(modelKey, map(entries)));
    if (spec.train) {
      const key = this.note(new Scalar("train"), spec.train.span);
      key.spaceBefore = true;
      root.items.push(new Pair(key, this.train()));
    }
    const trailing = this.comments.rest();
    const doc = new Document();
    doc.contents = root;
    if (trailing.length) doc.comment = trailing.map((c) => ` ${c}`).join("\n");
    return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  }

  private isBlock(kind: string): boolean {
    return this.spec.blocks.some((b) => b.name.text === kind);
  }

  private refName(r: Ref, names: readonly string[]): string {
    if (r.from === "input") return r.name;
    return r.output === 0 ? names[r.layer] : `${names[r.layer]}.${r.output}`;
  }

  private layers(
    layers: readonly Layer[],
    inputs: readonly string[],
    names: readonly string[],
    inline: ReadonlyMap<number, string> = new Map(),
  ): YAMLSeq {
    return seq(
      layers.map((layer, i) => {
        const signature = layerSignature(this.spec, layer.kind.text);
        const [first] = layer.inputs;
        const implicit =
          layer.inputs.length === 1 &&
          (i === 0
            ? first.from === "input" && inputs.length === 1
            : first.from === "layer" && first.layer === i - 1 && first.output === 0);
        const output = inline.get(i);
        const bare = implicit && !layer.args.length && !layer.name && !output && !layer.repeat;
        if (bare) return this.note(scalar(layer.kind.text), layer.span);
        const entries: [string, Node][] = [[layer.kind.text, argsNode(layer.args, signature)]];
        if (layer.name) entries.push(["name", scalar(layer.name.text)]);
        if (!implicit)
          entries.push([
            "inputs",
            seq(
              layer.inputs.map((r) => scalar(this.refName(r, names))),
              true,
            ),
          ]);
        if (output) entries.push(["output", scalar(output)]);
        if (layer.repeat) entries.push(["repeat", scalar(layer.repeat)]);
        return this.note(map(entries), layer.span);
      }),
    );
  }

  private train(): YAMLMap {
    const train = this.spec.train!;
    const entries: [string, Node][] = [];
    if (train.targets.length) {
      const targets = map(train.targets.map((t) => [t.name.text, scalar(formatType(t.type))]));
      targets.items.forEach((pair, k) => this.note(pair.key as Scalar, train.targets[k].span));
      entries.push(["targets", targets]);
    }
    const call = (
      key: string,
      c: typeof train.loss | undefined,
      table: ReadonlyMap<string, Signature>,
    ) => {
      if (c)
        entries.push([key, map([[c.kind.text, argsNode(c.args, table.get(c.kind.text)!)]], true)]);
    };
    call("loss", train.loss, LOSSES);
    call("optimizer", train.optimizer, OPTIMIZERS);
    call("schedule", train.schedule, SCHEDULES);
    if (train.clipGradNorm !== undefined)
      entries.push(["clip_grad_norm", scalar(train.clipGradNorm, "float")]);
    if (train.batchSize !== undefined) entries.push(["batch_size", scalar(train.batchSize)]);
    if (train.epochs !== undefined) entries.push(["epochs", scalar(train.epochs)]);
    if (train.seed !== undefined) entries.push(["seed", scalar(train.seed)]);
    if (train.metrics.length)
      entries.push([
        "metrics",
        seq(
          train.metrics.map((m) => scalar(m.text)),
          true,
        ),
      ]);
    call("data", train.data, DATA_SOURCES);
    call("tokenizer", train.tokenizer, TOKENIZERS);
    if (train.split)
      entries.push([
        "split",
        seq(
          train.split.map((f) => scalar(f, "float")),
          true,
        ),
      ]);
    return map(entries);
  }
}

export function formatYaml(spec: Spec): string {
  return new YamlPrinter(spec).document();
}
