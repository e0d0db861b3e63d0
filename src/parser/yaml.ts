/**
 * The YAML syntax of a spec, read with the `yaml` package and its line
 * counter so that every error points at a line and column. Duplicate keys and
 * unknown keys are errors (with a suggestion). Plain scalars that are words
 * read like the bare words of `.weft` (enum values, names, block parameters);
 * quoted scalars are strings. docs/spec-language.md shows the mapping.
 */
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
} from "yaml";
import type { Comment } from "../spec/ast.js";
import {
  collect,
  DiagnosticError,
  error,
  failAt,
  type Diagnostic,
  type SourceSpan,
} from "../core/diagnostics.js";
import { didYouMean } from "./suggest.js";
import { TRAIN_SETTINGS } from "./resolve.js";
import { DEFAULT_LIMITS, overLimit, type Limits } from "../spec/limits.js";
import type {
  SArg,
  SBlock,
  SBlockParam,
  SCall,
  SExpr,
  SModel,
  SName,
  SSpec,
  SStatement,
  STrain,
  SType,
} from "./surface.js";

const WORD = /^[A-Za-z_]\w*$/;
/** A value by name: an input, a layer, or a layer's further result (`lstm.1`). */
const REF = /^[A-Za-z_]\w*(\.\d+)?$/;
const LAYER_KEYS = ["name", "inputs", "output", "repeat"];

/** Parses YAML spec text into the surface tree; throws a DiagnosticError with every problem found. */
/**
 * The deepest nesting of YAML's flow brackets in `text` ([ and { outside
 * quotes and comments), and where it is first reached: the yaml library
 * runs out of memory on tens of thousands of levels, so they are counted
 * before it parses.
 */
function flowDepth(text: string): { depth: number; at: number } {
  let depth = 0;
  let deepest = { depth: 0, at: 0 };
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "[" || c === "{") {
      depth++;
      if (depth > deepest.depth) deepest = { depth, at: i };
    } else if (c === "]" || c === "}") depth--;
  }
  return deepest;
}

/** The deepest nesting of the document's collections, walked without recursion. */
function nodeDepth(root: unknown): { depth: number; node?: { range?: number[] } } {
  let deepest: { depth: number; node?: { range?: number[] } } = { depth: 0 };
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > deepest.depth) deepest = { depth, node: node as { range?: number[] } };
    for (const item of node.items as unknown[])
      stack.push([isPair(item) ? (item as Pair).value : item, depth + 1]);
  }
  return deepest;
}

export function parseYamlSurface(
  text: string,
  file: string,
  limits: Limits = DEFAULT_LIMITS,
): SSpec {
  const lines = new LineCounter();
  const flow = flowDepth(text);
  if (flow.depth > limits.nesting) {
    const { line, col } = (() => {
      const before = text.slice(0, flow.at).split("\n");
      return { line: before.length, col: before.at(-1)!.length + 1 };
    })();
    throw new DiagnosticError([
      error(
        "yaml-syntax",
        `brackets nested ${flow.depth} deep, past ${overLimit("nesting", limits)}`,
        {
          file,
          line,
          col,
        },
      ),
    ]);
  }
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number, end?: number): SourceSpan => {
    const start = lines.linePos(offset);
    const last = end !== undefined && end > offset ? lines.linePos(end - 1) : undefined;
    return {
      file,
      line: start.line,
      col: start.col,
      ...(last ? { endLine: last.line, endCol: last.col } : {}),
    };
  };
  const syntax = doc.errors.map((e) =>
    error(
      e.code === "DUPLICATE_KEY" ? "yaml-duplicate-key" : "yaml-syntax",
      e.code === "DUPLICATE_KEY"
        ? `key '${/^[^\s:,{}[\]]*/.exec(text.slice(e.pos[0]))![0]}' is given twice`
        : e.message.split("\n")[0],
      at(e.pos[0], e.pos[1]),
    ),
  );
  if (syntax.length) throw new DiagnosticError(syntax);
  const nested = nodeDepth(doc.contents);
  if (nested.depth > limits.nesting)
    throw new DiagnosticError([
      error(
        "yaml-syntax",
        `collections nested ${nested.depth} deep, past ${overLimit("nesting", limits)}`,
        at(nested.node?.range?.[0] ?? 0),
      ),
    ]);
  return { ...new YamlReader(text, at).spec(doc.contents), comments: yamlComments(text, file) };
}

/** The `#` comments of YAML text: a '#' at a line's start or after a space, outside quotes. */
function yamlComments(text: string, file: string): Comment[] {
  const comments: Comment[] = [];
  text.split("\n").forEach((line, i) => {
    let quote = "";
    for (let k = 0; k < line.length; k++) {
      const ch = line[k];
      if (quote) {
        if (ch === quote) quote = "";
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === "#" && (k === 0 || /\s/.test(line[k - 1]))) {
        comments.push({
          text: line
            .slice(k + 1)
            .replace(/^ /, "")
            .trimEnd(),
          span: { file, line: i + 1, col: k + 1 },
        });
        break;
      }
    }
  });
  return comments;
}

class YamlReader {
  private readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly text: string,
    private readonly at: (offset: number, end?: number) => SourceSpan,
  ) {}

  private span(node: Node | null | undefined): SourceSpan {
    const range = node?.range ?? [0, 0, 0];
    return this.at(range[0], range[1]);
  }

  private fail(node: Node | null | undefined, message: string, code = "yaml-structure"): never {
    failAt(code, message, this.span(node));
  }

  private attempt<T>(fn: () => T): T | undefined {
    return collect(this.diagnostics, fn);
  }

  /** The pairs of a map, after checking its keys against `known`. */
  private pairs(
    node: Node | null | undefined,
    what: string,
    known?: readonly string[],
  ): Pair<Scalar, Node | null>[] {
    if (!isMap(node)) this.fail(node, `${what} must be a map`);
    const pairs = (node as YAMLMap<Scalar, Node | null>).items;
    if (known) {
      for (const p of pairs) {
        const key = String(p.key?.value);
        if (!known.includes(key)) {
          this.attempt(() =>
            this.fail(
              p.key,
              `unknown key '${key}' in ${what}${didYouMean(key, known)}` +
                (didYouMean(key, known) ? "" : ` (keys: ${known.join(", ")})`),
              "yaml-unknown-key",
            ),
          );
        }
      }
    }
    return pairs;
  }

  private get(
    pairs: Pair<Scalar, Node | null>[],
    key: string,
  ): Pair<Scalar, Node | null> | undefined {
    return pairs.find((p) => p.key?.value === key);
  }

  private sname(node: Node | null | undefined, what: string, pattern = WORD): SName {
    if (!isScalar(node) || typeof node.value !== "string" || !pattern.test(node.value))
      this.fail(node, `${what} must be a name`);
    return { text: node.value as string, span: this.span(node) };
  }

  private names(node: Node | null | undefined, what: string, pattern = WORD): SName[] {
    if (isScalar(node)) return [this.sname(node, what, pattern)];
    if (!isSeq(node)) this.fail(node, `${what} must be a name or a list of names`);
    return node.items.map((item) => this.sname(item as Node, what, pattern));
  }

  spec(root: Node | null): Omit<SSpec, "comments"> {
    if (root === null) {
      const empty = { file: this.at(0).file, line: 1, col: 1 };
      throw new DiagnosticError([
        error("yaml-structure", "the spec is empty; it needs a 'model'", empty),
      ]);
    }
    const pairs = this.attempt(() => this.pairs(root, "the spec", ["model", "blocks", "train"]));
    if (!pairs) throw new DiagnosticError(this.diagnostics);
    const model = this.get(pairs, "model");
    const blocks = this.get(pairs, "blocks");
    const train = this.get(pairs, "train");
    const spec = {
      models: model ? (this.attempt(() => [this.model(model.value)]) ?? []) : [],
      blocks: blocks
        ? (this.attempt(() =>
            this.pairs(blocks.value, "blocks").flatMap(
              (p) => this.attempt(() => this.block(p)) ?? [],
            ),
          ) ?? [])
        : [],
      trains: train ? (this.attempt(() => [this.train(train.value, train.key)]) ?? []) : [],
    };
    if (this.diagnostics.length) throw new DiagnosticError(this.diagnostics);
    return spec;
  }

  private model(node: Node | null): SModel {
    const pairs = this.pairs(node, "the model", ["name", "inputs", "layers", "outputs"]);
    const nameNode = this.get(pairs, "name") ?? this.fail(node, "the model needs a 'name'");
    const body: SStatement[] = [];
    const inputs = this.get(pairs, "inputs");
    if (inputs) {
      for (const p of this.pairs(inputs.value, "inputs")) {
        this.attempt(() =>
          body.push({
            kind: "input",
            name: this.sname(p.key, "an input's name"),
            type: this.type(p.value),
            span: this.span(p.key),
          }),
        );
      }
    }
    body.push(...this.layers(this.get(pairs, "layers")?.value));
    const outputs = this.get(pairs, "outputs");
    if (isMap(outputs?.value)) {
      // outputs: {name: value, ...} gives an output a name of its own.
      for (const p of this.pairs(outputs!.value, "outputs")) {
        this.attempt(() =>
          body.push({
            kind: "output",
            name: this.sname(p.key, "an output's name"),
            value: this.sname(p.value, "an output's value", REF),
            span: this.span(p.key),
          }),
        );
      }
    } else if (outputs) {
      for (const n of this.names(outputs.value, "outputs", REF))
        body.push({ kind: "output", name: n, span: n.span });
    }
    return { name: this.sname(nameNode.value, "the model's name"), body, span: this.span(node) };
  }

  private block(p: Pair<Scalar, Node | null>): SBlock {
    const pairs = this.pairs(p.value, `block '${p.key?.value}'`, [
      "inputs",
      "params",
      "layers",
      "return",
    ]);
    const inputs = this.get(pairs, "inputs");
    const params: SBlockParam[] = [];
    const paramsPair = this.get(pairs, "params");
    if (paramsPair) {
      for (const q of this.pairs(paramsPair.value, "params")) {
        this.attempt(() => {
          const value = this.expr(q.value);
          const typeWord =
            value.kind === "name" && ["int", "float", "bool", "string"].includes(value.name);
          params.push({
            name: this.sname(q.key, "a parameter's name"),
            ...(typeWord
              ? { type: { text: (value as { name: string }).name, span: value.span } }
              : { default: value }),
            span: this.span(q.key),
          });
        });
      }
    }
    const body = this.layers(this.get(pairs, "layers")?.value);
    const returns = this.get(pairs, "return");
    if (returns)
      body.push({
        kind: "return",
        values: this.names(returns.value, "return", REF),
        span: this.span(returns.key),
      });
    return {
      name: this.sname(p.key, "a block's name"),
      inputs: inputs ? this.names(inputs.value, "inputs") : [],
      params,
      body,
      span: this.span(p.key),
    };
  }

  private layers(node: Node | null | undefined): SStatement[] {
    if (node === undefined) return [];
    if (!isSeq(node)) this.fail(node, "layers must be a list");
    return node.items.flatMap((item) => this.attempt(() => this.layer(item as Node)) ?? []);
  }

  /** A layer item: `- relu`, or a map with one kind key (its arguments) and optional name, inputs, output, repeat. */
  private layer(item: Node): SStatement {
    const span = this.span(item);
    if (isScalar(item)) {
      const kind = this.sname(item, "a layer");
      return {
        kind: "layer",
        targets: [],
        call: { callee: kind, args: [], span },
        yaml: true,
        span,
      };
    }
    const pairs = this.pairs(item, "a layer");
    const kinds = pairs.filter((p) => !LAYER_KEYS.includes(String(p.key?.value)));
    if (kinds.length !== 1) {
      const misspelt = kinds.find((p) => didYouMean(String(p.key?.value), LAYER_KEYS));
      if (misspelt)
        this.fail(
          misspelt.key,
          `unknown key '${misspelt.key?.value}' in a layer${didYouMean(String(misspelt.key?.value), LAYER_KEYS)}`,
          "yaml-unknown-key",
        );
      this.fail(
        item,
        kinds.length
          ? `a layer names one kind; found ${kinds.map((p) => `'${p.key?.value}'`).join(" and ")}`
          : "a layer needs a kind, such as 'dense: {units: 64}'",
      );
    }
    const [kind] = kinds;
    const callee = this.sname(kind.key, "a layer kind");
    const name = this.get(pairs, "name");
    const inputs = this.get(pairs, "inputs");
    const output = this.get(pairs, "output");
    const repeat = this.get(pairs, "repeat");
    const repeatValue = repeat && this.expr(repeat.value);
    if (repeatValue && (repeatValue.kind !== "number" || !repeatValue.integer))
      this.fail(repeat!.value, "repeat must be an integer");
    return {
      kind: "layer",
      targets: [],
      call: { callee, args: this.args(kind.value), span: this.span(kind.key) },
      yaml: true,
      ...(name ? { name: this.sname(name.value, "a layer's name") } : {}),
      ...(inputs ? { inputs: this.names(inputs.value, "inputs", REF) } : {}),
      ...(output ? { output: this.sname(output.value, "output") } : {}),
      ...(repeatValue
        ? { repeat: { value: (repeatValue as { value: number }).value, span: repeatValue.span } }
        : {}),
      span,
    };
  }

  /** Arguments: a map (by name), a list (by position), one scalar (the first positional), or nothing. */
  private args(node: Node | null): SArg[] {
    if (node === null || (isScalar(node) && node.value === null)) return [];
    if (isMap(node)) {
      return (node as YAMLMap<Scalar, Node | null>).items.map((p) => ({
        name: this.sname(p.key, "an argument's name"),
        value: this.expr(p.value),
        span: this.span(p.key),
      }));
    }
    if (isSeq(node))
      return node.items.map((item) => ({
        value: this.expr(item as Node),
        span: this.span(item as Node),
      }));
    return [{ value: this.expr(node), span: this.span(node) }];
  }

  private expr(node: Node | null): SExpr {
    const span = this.span(node);
    if (isSeq(node))
      return { kind: "list", items: node.items.map((item) => this.expr(item as Node)), span };
    if (isMap(node)) {
      const [call, ...rest] = (node as YAMLMap<Scalar, Node | null>).items;
      if (!call || rest.length)
        this.fail(node, "a call is a map with one key: the kind, e.g. {adam: {lr: 0.001}}");
      const callee = this.sname(call.key, "a kind");
      const sc: SCall = { callee, args: this.args(call.value), span };
      return { kind: "call", call: sc, span };
    }
    if (!isScalar(node) || node.value === null) this.fail(node, "a value is missing here");
    const value = node.value;
    if (typeof value === "number") {
      const source = this.text.slice(node.range![0], node.range![1]);
      return { kind: "number", value, integer: /^[-+]?\d+$/.test(source), span };
    }
    if (typeof value === "boolean") return { kind: "bool", value, span };
    if (typeof value !== "string") this.fail(node, `unexpected value ${String(value)}`);
    if (node.type === "PLAIN" && WORD.test(value)) return { kind: "name", name: value, span };
    return { kind: "string", value, span };
  }

  /** A type written as a string, such as `i32[batch, 64]`; spans point inside the string. */
  private type(node: Node | null): SType {
    if (!isScalar(node) || typeof node.value !== "string")
      this.fail(node, "a type is written like i32[batch, 64]");
    const source = String(node.value);
    const match = /^([A-Za-z_]\w*)\[([^\]]*)\]$/.exec(source.replace(/\s+/g, ""));
    if (!match)
      this.fail(node, `'${source}' is not a type; write it like i32[batch, 64]`, "yaml-type");
    const start = node.range![0] + (node.type === "PLAIN" ? 0 : 1);
    const dims =
      match[2] === ""
        ? []
        : match[2].split(",").map((dim) =>
            dim.split("*").map((f) => {
              if (/^\d+$/.test(f)) return Number(f);
              if (WORD.test(f)) return f;
              if (f === "") return this.fail(node, `'${source}' has an empty dim`, "yaml-type");
              return this.fail(
                node,
                `'${f}' is not a dim; a dim is an integer or a name`,
                "yaml-type",
              );
            }),
          );
    return {
      dtype: { text: match[1], span: this.at(start, start + match[1].length) },
      dims,
      span: this.span(node),
    };
  }

  private train(node: Node | null, key: Node | null): STrain {
    const settings = ["model", "targets", ...Object.keys(TRAIN_SETTINGS)];
    const pairs = this.pairs(node, "train", settings);
    const model = this.get(pairs, "model");
    const targetsPair = this.get(pairs, "targets");
    const targets = targetsPair
      ? this.pairs(targetsPair.value, "targets").flatMap(
          (p) =>
            this.attempt(() => ({
              name: this.sname(p.key, "a target's name"),
              type: this.type(p.value),
              span: this.span(p.key),
            })) ?? [],
        )
      : [];
    const rest = pairs.filter(
      (p) =>
        settings.includes(String(p.key?.value)) &&
        !["model", "targets"].includes(String(p.key?.value)),
    );
    return {
      ...(model ? { model: this.sname(model.value, "model") } : {}),
      targets,
      settings: rest.flatMap(
        (p) =>
          this.attempt(() => ({
            key: this.sname(p.key, "a setting"),
            value: this.expr(p.value),
            span: this.span(p.key),
          })) ?? [],
      ),
      span: this.span(key),
    };
  }
}
