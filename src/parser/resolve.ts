/**
 * The resolver: from the surface tree of either syntax to the Spec AST.
 *
 * It checks what belongs to the spec itself and reports all of it, each at its
 * span, with suggestions for misspellings: unknown layer kinds, argument names
 * and values; names used before they are defined, defined twice, or never
 * defined; blocks that call themselves; outputs and losses that name nothing.
 *
 * Arguments are matched to the callee's signature: positional ones take the
 * names of the signature's positional arguments, bare words become enum
 * strings, block parameters or references as the argument's kind says, and
 * numbers take the declared type, so that `dense(x, 64)` and YAML's
 * `dense: {units: 64}` resolve alike. Only the arguments given are kept.
 */
import type {
  Arg,
  Block,
  BlockParam,
  Call,
  Input,
  Layer,
  Model,
  Name,
  Output,
  Ref,
  Spec,
  Train,
  TypeExpr,
  Value,
} from "../spec/ast.js";
import {
  collect,
  DiagnosticError,
  error,
  failAt as fail,
  SourceError,
  type Diagnostic,
  type SourceSpan,
} from "../core/diagnostics.js";
import type { ArgSpec, Signature } from "../core/signature.js";
import { closest, didYouMean } from "./suggest.js";
import type {
  SBlock,
  SCall,
  SExpr,
  SLayer,
  SName,
  SSpec,
  SStatement,
  STrain,
  SType,
} from "./surface.js";
import { LAYERS } from "../layers/index.js";
import { LOSSES, METRICS, OPTIMIZERS, SCHEDULES } from "../training/index.js";
import { DATA_SOURCES, TOKENIZERS, tokenizedInput } from "../training/data.js";
import { DTYPES, isDType, makeDim } from "../core/types.js";
import { LayerNamer } from "../spec/names.js";

const name = (n: SName): Name => ({ text: n.text, span: n.span });
const lineOf = (span: SourceSpan) => `line ${span.line}`;

/** Resolves a surface tree; throws a DiagnosticError listing every problem. */
export function resolveSpec(surface: SSpec, file: string): Spec {
  return new Resolver(surface, file).run();
}

interface BlockInfo {
  readonly syntax: SBlock;
  readonly signature: Signature;
}

class Resolver {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly blocks = new Map<string, BlockInfo>();

  constructor(
    private readonly surface: SSpec,
    private readonly file: string,
  ) {}

  /** Runs `fn`, turning what it finds wrong into a diagnostic; returns undefined then. */
  private attempt<T>(fn: () => T): T | undefined {
    return collect(this.diagnostics, fn, (e) => e instanceof SilentFailure);
  }

  run(): Spec {
    const { surface } = this;
    const [modelSyntax, ...extraModels] = surface.models;
    for (const extra of extraModels) {
      this.attempt(() =>
        fail(
          "spec-model",
          `a spec defines one model; '${extra.name.text}' is a second (the first, '${modelSyntax.name.text}', is at ${lineOf(modelSyntax.name.span)})`,
          extra.name.span,
        ),
      );
    }
    for (const b of surface.blocks) this.attempt(() => this.declareBlock(b));
    this.attempt(() => this.checkBlockCycles());
    const blocks = surface.blocks.flatMap((b) => this.attempt(() => this.block(b)) ?? []);
    const model = modelSyntax
      ? this.model(modelSyntax.name, modelSyntax.body, modelSyntax.span)
      : undefined;
    if (!modelSyntax) {
      this.diagnostics.push(
        error("spec-model", "the spec defines no model", { file: this.file, line: 1, col: 1 }),
      );
    }
    const [trainSyntax, ...extraTrains] = surface.trains;
    for (const extra of extraTrains) {
      this.attempt(() =>
        fail(
          "spec-train",
          `a spec has one train section; this is a second (the first is at ${lineOf(trainSyntax.span)})`,
          extra.span,
        ),
      );
    }
    const train =
      trainSyntax && model ? this.attempt(() => this.train(trainSyntax, model)) : undefined;
    if (this.diagnostics.length || !model) throw new DiagnosticError(sortBySpan(this.diagnostics));
    const { comments } = surface;
    return train ? { blocks, model, train, comments } : { blocks, model, comments };
  }

  // -------------------------------------------------------------------------
  // Blocks

  private declareBlock(b: SBlock): void {
    const existing = this.blocks.get(b.name.text);
    if (existing)
      fail(
        "spec-duplicate",
        `block '${b.name.text}' is defined twice (first at ${lineOf(existing.syntax.name.span)})`,
        b.name.span,
      );
    if (LAYERS.has(b.name.text))
      fail(
        "spec-duplicate",
        `block '${b.name.text}' has the name of a built-in layer`,
        b.name.span,
      );
    const returns = b.body.find((s) => s.kind === "return");
    const args: ArgSpec[] = b.params.map((p) => {
      // `units: int` is required; `act: relu` takes its kind from its default.
      const fallback = p.default && this.literal(p.default);
      const kind = (p.type?.text ?? fallback!.type) as BlockParam["kind"];
      return {
        name: p.name.text,
        kind,
        default: fallback,
        doc: `parameter of block ${b.name.text}`,
      };
    });
    this.blocks.set(b.name.text, {
      syntax: b,
      signature: {
        name: b.name.text,
        summary: `block ${b.name.text}`,
        inputs: { min: b.inputs.length, max: b.inputs.length },
        args,
        outputs: () => (returns?.kind === "return" ? returns.values.length : 1),
      },
    });
  }

  /** A block parameter's default, typed by how it is written. */
  private literal(e: SExpr): Value {
    switch (e.kind) {
      case "number":
        return e.integer ? { type: "int", value: e.value } : { type: "float", value: e.value };
      case "bool":
        return { type: "bool", value: e.value };
      case "string":
        return { type: "string", value: e.value };
      case "name":
        return { type: "string", value: e.name };
      default:
        return fail(
          "spec-argument",
          "a block parameter's default must be a number, a bool or a string",
          e.span,
        );
    }
  }

  /** Depth-first over the calls between blocks; a block reached again while open is a cycle. */
  private checkBlockCycles(): void {
    const state = new Map<string, "open" | "done">();
    const visit = (blockName: string, path: string[]): void => {
      state.set(blockName, "open");
      for (const s of this.blocks.get(blockName)!.syntax.body) {
        if (s.kind !== "layer" || !this.blocks.has(s.call.callee.text)) continue;
        const callee = s.call.callee.text;
        if (state.get(callee) === "open") {
          const cycle = [...path.slice(path.indexOf(callee)), callee].join(" → ");
          fail("spec-cycle", `block '${callee}' calls itself: ${cycle}`, s.call.callee.span);
        }
        if (!state.has(callee)) visit(callee, [...path, callee]);
      }
      state.set(blockName, "done");
    };
    for (const blockName of this.blocks.keys())
      if (!state.has(blockName)) visit(blockName, [blockName]);
  }

  private block(b: SBlock): Block {
    const info = this.blocks.get(b.name.text)!;
    const seen = new Map<string, SName>();
    for (const n of [...b.inputs, ...b.params.map((p) => p.name)]) {
      const first = seen.get(n.text);
      if (first)
        fail(
          "spec-duplicate",
          `'${n.text}' is defined twice in block '${b.name.text}' (first at ${lineOf(first.span)})`,
          n.span,
        );
      seen.set(n.text, n);
    }
    const params = new Map(info.signature.args.map((a) => [a.name, a]));
    const body = new Body(this, b.body, {
      kind: "block",
      owner: b.name.text,
      inputs: b.inputs,
      params,
    });
    const returns = body.returns;
    if (!returns && body.sawReturn) throw new SilentFailure();
    if (!returns)
      fail(
        "spec-return",
        `block '${b.name.text}' returns nothing; end it with 'return'`,
        b.name.span,
      );
    return {
      name: name(b.name),
      inputs: b.inputs.map(name),
      params: b.params.map((p, i) => ({
        name: name(p.name),
        kind: info.signature.args[i].kind as BlockParam["kind"],
        ...(info.signature.args[i].default ? { default: info.signature.args[i].default } : {}),
        span: p.span,
      })),
      layers: body.layers,
      returns,
      span: b.span,
    };
  }

  // -------------------------------------------------------------------------
  // The model

  private model(modelName: SName, statements: readonly SStatement[], span: SourceSpan): Model {
    const body = new Body(this, statements, {
      kind: "model",
      owner: modelName.text,
      inputs: [],
      params: new Map(),
    });
    if (body.outputs.length === 0 && body.complete) {
      this.attempt(() =>
        fail(
          "spec-output",
          `model '${modelName.text}' has no outputs; mark one with 'output'`,
          modelName.span,
        ),
      );
    }
    return {
      name: name(modelName),
      inputs: body.inputs,
      layers: body.layers,
      outputs: body.outputs,
      span,
    };
  }

  signatureOf(callee: SName): Signature {
    const signature = LAYERS.get(callee.text) ?? this.blocks.get(callee.text)?.signature;
    if (!signature) {
      fail(
        "spec-unknown-layer",
        `unknown layer kind '${callee.text}'${didYouMean(callee.text, [...LAYERS.keys(), ...this.blocks.keys()])}`,
        callee.span,
      );
    }
    return signature;
  }

  isBlock(kind: string): boolean {
    return this.blocks.has(kind);
  }

  report<T>(fn: () => T): T | undefined {
    return this.attempt(fn);
  }

  // -------------------------------------------------------------------------
  // Training

  private train(t: STrain, model: Model): Train {
    if (t.model && t.model.text !== model.name.text) {
      fail(
        "spec-train",
        `train names model '${t.model.text}', but the spec's model is '${model.name.text}'`,
        t.model.span,
      );
    }
    const targets: Input[] = [];
    const taken = new Map<string, SourceSpan>();
    for (const target of t.targets) {
      this.attempt(() => {
        const first = taken.get(target.name.text);
        if (first)
          fail(
            "spec-duplicate",
            `target '${target.name.text}' is defined twice (first at ${lineOf(first)})`,
            target.name.span,
          );
        taken.set(target.name.text, target.name.span);
        targets.push({ name: name(target.name), type: tensorType(target.type), span: target.span });
      });
    }
    const refs: RefNames = {
      output: model.outputs.map((o) => o.name.text),
      target: targets.map((x) => x.name.text),
      modelName: model.name.text,
    };
    const settings = new Map<string, { key: SName; value: SExpr; span: SourceSpan }>();
    for (const s of t.settings) {
      this.attempt(() => {
        if (!Object.hasOwn(TRAIN_SETTINGS, s.key.text)) {
          fail(
            "spec-unknown-key",
            `unknown training setting '${s.key.text}'${didYouMean(s.key.text, Object.keys(TRAIN_SETTINGS))}`,
            s.key.span,
          );
        }
        const first = settings.get(s.key.text);
        if (first)
          fail(
            "spec-duplicate",
            `'${s.key.text}' is given twice (first at ${lineOf(first.key.span)})`,
            s.key.span,
          );
        settings.set(s.key.text, s);
      });
    }
    const call = (
      key: string,
      table: ReadonlyMap<string, Signature>,
      what: string,
    ): Call | undefined => {
      const s = settings.get(key);
      if (!s) return undefined;
      return this.attempt(() => {
        const c: SCall =
          s.value.kind === "call"
            ? s.value.call
            : s.value.kind === "name"
              ? { callee: { text: s.value.name, span: s.value.span }, args: [], span: s.value.span }
              : fail(
                  "spec-argument",
                  `'${key}' must be a call such as ${TRAIN_SETTINGS[key]}`,
                  s.value.span,
                );
        const signature =
          table.get(c.callee.text) ??
          fail(
            "spec-unknown-kind",
            `unknown ${what} '${c.callee.text}'${didYouMean(c.callee.text, table.keys())}`,
            c.callee.span,
          );
        const args = resolveArgs(c.args, signature, c.callee, { refs });
        return { kind: name(c.callee), args, span: c.span };
      });
    };
    const loss = call("loss", LOSSES, "loss");
    const optimizer = call("optimizer", OPTIMIZERS, "optimizer");
    const schedule = call("schedule", SCHEDULES, "schedule");
    const data = call("data", DATA_SOURCES, "data source");
    const tokenizer = call("tokenizer", TOKENIZERS, "tokenizer");
    if (tokenizer) this.attempt(() => tokenizedInput(tokenizer, model));
    const splitSetting = settings.get("split");
    const split =
      splitSetting &&
      this.attempt(() => {
        const v = splitSetting.value;
        const items = v.kind === "list" ? v.items : [];
        const fractions = items.map((x) => (x.kind === "number" ? x.value : NaN));
        const sum = fractions.reduce((a, b) => a + b, 0);
        if (
          fractions.length !== 3 ||
          fractions.some((f) => !(f >= 0 && f <= 1)) ||
          Math.abs(sum - 1) > 1e-9 ||
          !(fractions[0] > 0)
        )
          fail(
            "spec-argument",
            `'split' must be three fractions [train, validation, test] from 0 to 1 that add up to 1, such as ${TRAIN_SETTINGS.split}`,
            v.span,
          );
        return fractions;
      });
    const number = (key: string, integer: boolean, min: number): number | undefined => {
      const s = settings.get(key);
      if (!s) return undefined;
      return this.attempt(() => {
        const ok =
          s.value.kind === "number" && (!integer || s.value.integer) && s.value.value >= min;
        if (!ok)
          fail(
            "spec-argument",
            `'${key}' must be ${integer ? "an integer" : "a number"} of at least ${min}, found ${describe(s.value)}`,
            s.value.span,
          );
        return (s.value as { value: number }).value;
      });
    };
    const metrics = settings.get("metrics");
    const metricNames =
      metrics &&
      this.attempt(() => {
        const items =
          metrics.value.kind === "list"
            ? metrics.value.items
            : fail(
                "spec-argument",
                `'metrics' must be a list such as [accuracy]`,
                metrics.value.span,
              );
        return items.map((item) => {
          const text =
            item.kind === "name"
              ? item.name
              : item.kind === "string"
                ? item.value
                : fail(
                    "spec-argument",
                    `a metric is a name such as accuracy, found ${describe(item)}`,
                    item.span,
                  );
          if (!(METRICS as readonly string[]).includes(text))
            fail(
              "spec-unknown-kind",
              `unknown metric '${text}' (metrics: ${METRICS.join(", ")})${didYouMean(text, METRICS)}`,
              item.span,
            );
          return { text, span: item.span };
        });
      });
    // A misspelt setting was reported already; its missing twin is not reported again.
    const misspelt = t.settings
      .map((x) => x.key.text)
      .filter((k) => !Object.hasOwn(TRAIN_SETTINGS, k));
    for (const required of ["loss", "optimizer"]) {
      if (settings.has(required) || misspelt.some((k) => closest(k, [required]))) continue;
      this.attempt(() =>
        fail(
          "spec-missing",
          `the train section needs '${required}', such as ${TRAIN_SETTINGS[required]}`,
          t.span,
        ),
      );
    }
    const clip = number("clip_grad_norm", false, 0);
    const batchSize = number("batch_size", true, 1);
    const epochs = number("epochs", true, 1);
    const seed = number("seed", true, 0);
    return {
      model: model.name,
      targets,
      loss: loss!,
      optimizer: optimizer!,
      ...(schedule ? { schedule } : {}),
      ...(clip !== undefined ? { clipGradNorm: clip } : {}),
      ...(batchSize !== undefined ? { batchSize } : {}),
      ...(epochs !== undefined ? { epochs } : {}),
      ...(seed !== undefined ? { seed } : {}),
      metrics: metricNames ?? [],
      ...(data ? { data } : {}),
      ...(tokenizer ? { tokenizer } : {}),
      ...(split ? { split } : {}),
      span: t.span,
    };
  }
}

/** The training settings, each with an example for messages. */
export const TRAIN_SETTINGS: Readonly<Record<string, string>> = {
  loss: "cross_entropy(logits, label)",
  optimizer: "adam(lr: 0.001)",
  schedule: "cosine(total_steps: 1000)",
  clip_grad_norm: "1.0",
  batch_size: "32",
  epochs: "10",
  seed: "0",
  metrics: "[accuracy]",
  data: 'jsonl("data.jsonl")',
  tokenizer: "words(10000)",
  split: "[0.8, 0.1, 0.1]",
};

interface RefNames {
  readonly output: readonly string[];
  readonly target: readonly string[];
  readonly modelName: string;
}

function sortBySpan(diagnostics: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => (d.span ? d.span.line * 1e6 + d.span.col : 0);
  return [...diagnostics].sort((a, b) => key(a) - key(b));
}

function describe(e: SExpr): string {
  switch (e.kind) {
    case "number":
      return String(e.value);
    case "string":
      return JSON.stringify(e.value);
    case "bool":
      return String(e.value);
    case "name":
      return `'${e.name}'`;
    case "list":
      return "a list";
    case "call":
      return `a call of '${e.call.callee.text}'`;
  }
}

export function tensorType(t: SType): TypeExpr {
  if (!isDType(t.dtype.text)) {
    fail(
      "spec-type",
      `unknown dtype '${t.dtype.text}' (expected ${DTYPES.join(" or ")})${didYouMean(t.dtype.text, DTYPES)}`,
      t.dtype.span,
    );
  }
  const shape = t.dims.map((factors) => {
    if (factors.some((f) => typeof f === "number" && (!Number.isInteger(f) || f < 0))) {
      fail(
        "spec-type",
        `a dim must be a non-negative integer or a name, found ${factors.join("*")}`,
        t.span,
      );
    }
    return makeDim(factors);
  });
  return { dtype: t.dtype.text, shape, span: t.span };
}

// ---------------------------------------------------------------------------
// Arguments

interface ArgContext {
  /** Inside a block: its parameters, which bare words may name. */
  readonly params?: ReadonlyMap<string, ArgSpec>;
  /** In a loss: the outputs and targets that references may name. */
  readonly refs?: RefNames;
}

/**
 * Matches arguments to a signature: positional ones first, in the order of the
 * signature's positional arguments, then named ones; each value checked and
 * typed. Returns the arguments given, in signature order.
 */
export function resolveArgs(
  args: readonly { name?: SName; value: SExpr; span: SourceSpan }[],
  signature: Signature,
  callee: SName,
  context: ArgContext,
): Arg[] {
  const given = new Map<string, Arg>();
  const positional = signature.args.filter((a) => a.positional);
  let position = 0;
  for (const arg of args) {
    let spec: ArgSpec | undefined;
    if (arg.name) {
      spec = signature.args.find((a) => a.name === arg.name!.text);
      if (!spec) {
        const known = signature.args.map((a) => a.name);
        fail(
          "spec-argument",
          `${signature.name} has no argument '${arg.name.text}'${didYouMean(arg.name.text, known)}` +
            (didYouMean(arg.name.text, known)
              ? ""
              : ` (its arguments: ${known.join(", ") || "none"})`),
          arg.name.span,
        );
      }
    } else {
      spec = positional[position++];
      if (!spec) {
        fail(
          "spec-argument",
          `${signature.name} takes ${positional.length} positional argument${positional.length === 1 ? "" : "s"}` +
            (positional.length ? ` (${positional.map((a) => a.name).join(", ")})` : "") +
            `; name the others`,
          arg.span,
        );
      }
    }
    if (given.has(spec.name))
      fail(
        "spec-argument",
        `argument '${spec.name}' of ${signature.name} is given twice`,
        arg.span,
      );
    given.set(spec.name, {
      name: spec.name,
      value: resolveValue(arg.value, spec, signature, context),
      span: arg.span,
    });
  }
  const missing = signature.args.filter((a) => a.default === undefined && !given.has(a.name));
  if (missing.length) {
    fail(
      "spec-argument",
      `${signature.name} needs argument${missing.length > 1 ? "s" : ""} ${missing.map((a) => `'${a.name}'`).join(", ")}`,
      callee.span,
    );
  }
  return signature.args.flatMap((a) => given.get(a.name) ?? []);
}

function resolveValue(e: SExpr, spec: ArgSpec, signature: Signature, context: ArgContext): Value {
  const what = `argument '${spec.name}' of ${signature.name}`;
  const mismatch = (expected: string): never =>
    fail("spec-argument", `${what} must be ${expected}, found ${describe(e)}`, e.span);
  if (
    e.kind === "name" &&
    context.params?.has(e.name) &&
    spec.kind !== "output" &&
    spec.kind !== "target"
  ) {
    const param = context.params.get(e.name)!;
    const fits = param.kind === spec.kind || (spec.kind === "float" && param.kind === "int");
    if (!fits)
      fail(
        "spec-argument",
        `${what} must be ${KIND_TEXT[spec.kind]}, but block parameter '${e.name}' is ${KIND_TEXT[param.kind]}`,
        e.span,
      );
    return { type: "param", name: e.name };
  }
  switch (spec.kind) {
    case "int":
      return e.kind === "number" && e.integer
        ? { type: "int", value: e.value }
        : mismatch("an integer");
    case "float":
      return e.kind === "number" ? { type: "float", value: e.value } : mismatch("a number");
    case "bool":
      return e.kind === "bool" ? { type: "bool", value: e.value } : mismatch("true or false");
    case "string": {
      // A bare word is a string here: an enum value, or a word a block passes on.
      const text =
        e.kind === "string"
          ? e.value
          : e.kind === "name"
            ? e.name
            : mismatch(spec.values ? `one of ${spec.values.join(", ")}` : "a string");
      if (spec.values && !spec.values.includes(text)) {
        fail(
          "spec-argument",
          `${what} must be one of ${spec.values.join(", ")}; found '${text}'${didYouMean(text, spec.values)}`,
          e.span,
        );
      }
      return { type: "string", value: text };
    }
    case "ints":
    case "floats":
    case "shape": {
      if (e.kind !== "list") return mismatch(KIND_TEXT[spec.kind]);
      return {
        type: "list",
        items: e.items.map((item) => {
          if (item.kind === "number" && (spec.kind === "floats" || item.integer)) {
            return spec.kind === "floats"
              ? { type: "float", value: item.value }
              : { type: "int", value: item.value };
          }
          if (spec.kind === "shape" && item.kind === "name")
            return { type: "string", value: item.name };
          return fail(
            "spec-argument",
            `${what} must be ${KIND_TEXT[spec.kind]}, found ${describe(item)} in it`,
            item.span,
          );
        }),
      };
    }
    case "output":
    case "target": {
      const refs = context.refs!;
      const text =
        e.kind === "name"
          ? e.name
          : e.kind === "string"
            ? e.value
            : mismatch(`the name of a ${spec.kind}`);
      const known = refs[spec.kind];
      if (!known.includes(text)) {
        const where =
          spec.kind === "output"
            ? `an output of model '${refs.modelName}'`
            : "a target of the train section";
        fail(
          "spec-reference",
          `${signature.name} reads '${text}', which is not ${where} (${spec.kind}s: ${known.join(", ") || "none"})${didYouMean(text, known)}`,
          e.span,
        );
      }
      return { type: "ref", name: text };
    }
  }
}

const KIND_TEXT: Record<ArgSpec["kind"], string> = {
  int: "an integer",
  float: "a number",
  bool: "true or false",
  string: "a string",
  ints: "a list of integers",
  floats: "a list of numbers",
  shape: "a list of dims (integers or names)",
  output: "a model output",
  target: "a training target",
};

// ---------------------------------------------------------------------------
// Bodies: the statements of a model or a block

interface BodyContext {
  readonly kind: "model" | "block";
  readonly owner: string;
  /** A block's value inputs, from its header. */
  readonly inputs: readonly SName[];
  readonly params: ReadonlyMap<string, ArgSpec>;
}

class Body {
  readonly inputs: Input[] = [];
  readonly layers: Layer[] = [];
  readonly outputs: Output[] = [];
  returns?: Ref[];
  /** False when a statement failed, so that "no outputs" is not reported on top. */
  complete = true;
  /** A `return` was written, whether or not it resolved. */
  sawReturn = false;
  /** The statement being resolved used a value whose definition failed. */
  private poisoned = false;
  private readonly scope = new Map<string, Ref>();
  /** Every name some statement defines, with the first place it does, for "used before it is defined". */
  private readonly definedAnywhere = new Map<string, SourceSpan>();
  private readonly layerNames = new Map<string, SourceSpan>();
  private readonly namer: LayerNamer;
  private readonly failed = new Set<string>();

  constructor(
    private readonly resolver: Resolver,
    statements: readonly SStatement[],
    private readonly context: BodyContext,
  ) {
    for (const input of context.inputs)
      this.scope.set(input.text, { from: "input", name: input.text, span: input.span });
    for (const s of statements)
      for (const n of this.definedBy(s))
        if (!this.definedAnywhere.has(n.text)) this.definedAnywhere.set(n.text, n.span);
    // Explicit names are taken first, so that derived names step around them.
    for (const s of statements)
      if (s.kind === "layer" && s.name && !this.layerNames.has(s.name.text))
        this.layerNames.set(s.name.text, s.name.span);
    this.namer = new LayerNamer(new Set(this.layerNames.keys()), (kind) =>
      this.resolver.isBlock(kind),
    );
    for (const s of statements) {
      const ok = this.resolver.report(() => this.statement(s));
      if (ok === undefined) {
        this.complete = false;
        for (const n of this.definedBy(s)) this.failed.add(n.text);
      }
    }
  }

  private definedBy(s: SStatement): SName[] {
    if (s.kind === "input") return [s.name];
    if (s.kind === "layer") return s.yaml ? (s.name ? [s.name] : []) : [...s.targets];
    return [];
  }

  private statement(s: SStatement): true {
    switch (s.kind) {
      case "input":
        this.input(s.name, s.type, s.span);
        break;
      case "layer":
        this.layer(s);
        break;
      case "output":
        this.output(s.name, this.lookup(s.value ?? s.name), s.span);
        break;
      case "return":
        if (this.context.kind === "model")
          fail(
            "spec-return",
            "'return' ends a block; a model marks its results with 'output'",
            s.span,
          );
        if (this.returns) fail("spec-return", "a block returns once", s.span);
        this.sawReturn = true;
        this.returns = s.values.map((v) => this.lookup(v));
        break;
    }
    return true;
  }

  private input(n: SName, type: SType, span: SourceSpan): void {
    if (this.context.kind === "block")
      fail(
        "spec-input",
        `a block takes its inputs in its header: block ${this.context.owner}(${n.text}, ...)`,
        span,
      );
    const first = this.inputs.find((i) => i.name.text === n.text);
    if (first)
      fail(
        "spec-duplicate",
        `input '${n.text}' is defined twice (first at ${lineOf(first.name.span)})`,
        n.span,
      );
    this.inputs.push({ name: name(n), type: tensorType(type), span });
    this.scope.set(n.text, { from: "input", name: n.text, span: n.span });
  }

  private output(n: SName, value: Ref, span: SourceSpan): void {
    if (this.context.kind === "block")
      fail("spec-output", "a block returns its values with 'return'", span);
    const first = this.outputs.find((o) => o.name.text === n.text);
    if (first)
      fail(
        "spec-duplicate",
        `output '${n.text}' is defined twice (first at ${lineOf(first.name.span)})`,
        n.span,
      );
    this.outputs.push({ name: name(n), value, span });
  }

  /**
   * The value a name refers to here, or an error that says why there is none.
   * A name whose definition failed (already reported) ends the statement
   * silently; `tolerant` lets the statement go on to check its arguments first.
   */
  private lookup(n: SName, tolerant = false): Ref {
    const ref = this.scope.get(n.text);
    if (ref) return { ...ref, span: n.span };
    if (this.failed.has(n.text)) {
      if (!tolerant) throw new SilentFailure();
      this.poisoned = true;
      return { from: "input", name: n.text, span: n.span };
    }
    const later = this.definedAnywhere.get(n.text);
    if (later)
      fail("spec-order", `'${n.text}' is used before it is defined (at ${lineOf(later)})`, n.span);
    fail(
      "spec-undefined",
      `'${n.text}' is not defined${didYouMean(n.text, this.scope.keys())}`,
      n.span,
    );
  }

  private layer(s: SLayer): void {
    const signature = this.resolver.signatureOf(s.call.callee);
    const args = [...s.call.args];
    const explicit = s.name;
    const badName = args.find((a) => a.name?.text === "name");
    if (badName) fail("spec-argument", "a layer's name must be a string", badName.value.span);
    this.poisoned = false;
    const inputs = s.yaml
      ? this.yamlInputs(s, signature)
      : this.takeInputs(args, signature, s.call.callee);
    const resolved = resolveArgs(args, signature, s.call.callee, { params: this.context.params });
    if (this.poisoned) throw new SilentFailure();
    const outputs = signature.outputs?.(new Map(resolved.map((a) => [a.name, a.value]))) ?? 1;
    if (!s.yaml && s.targets.length !== outputs) {
      fail(
        "spec-targets",
        `${signature.name} gives ${outputs} value${outputs === 1 ? "" : "s"} here, but ${s.targets.length} name${s.targets.length === 1 ? " is" : "s are"} assigned`,
        s.span,
      );
    }
    if (s.repeat && (s.repeat.value < 1 || !Number.isInteger(s.repeat.value)))
      fail(
        "spec-repeat",
        `repeat needs a count of at least 1, found ${s.repeat.value}`,
        s.repeat.span,
      );
    if (s.repeat && (inputs.length !== 1 || outputs !== 1)) {
      fail(
        "spec-repeat",
        `repeat chains instances, so ${signature.name} must take one value and give one (it takes ${inputs.length} and gives ${outputs})`,
        s.repeat.span,
      );
    }
    if (explicit) {
      const first = this.layerNames.get(explicit.text);
      if (first && first !== explicit.span)
        fail(
          "spec-duplicate",
          `layer name '${explicit.text}' is used twice (first at ${lineOf(first)})`,
          explicit.span,
        );
      this.layerNames.set(explicit.text, explicit.span);
    }
    const index = this.layers.length;
    this.layers.push({
      kind: name(s.call.callee),
      ...(explicit ? { name: name(explicit) } : {}),
      ...(s.repeat ? { repeat: s.repeat.value } : {}),
      inputs,
      args: resolved,
      outputs,
      span: s.span,
    });
    const refAt = (output: number, span: SourceSpan): Ref => ({
      from: "layer",
      layer: index,
      output,
      span,
    });
    if (s.yaml) {
      // A YAML layer is known by its name, explicit or derived; its further results as name.1, name.2, ...
      const known = explicit?.text ?? this.namer.next(signature.name);
      this.scope.set(known, refAt(0, s.span));
      for (let k = 0; k < outputs; k++) this.scope.set(`${known}.${k}`, refAt(k, s.span));
    } else {
      s.targets.forEach((t, k) => this.scope.set(t.text, refAt(k, t.span)));
    }
    if (s.output) this.output(s.output, refAt(0, s.output.span), s.span);
  }

  /** `.weft`: the leading positional arguments that are values are the layer's inputs. */
  private takeInputs(
    args: { name?: SName; value: SExpr; span: SourceSpan }[],
    signature: Signature,
    callee: SName,
  ): Ref[] {
    const inputs: Ref[] = [];
    while (inputs.length < signature.inputs.max && args.length && !args[0].name) {
      const value = args[0].value;
      const required = inputs.length < signature.inputs.min;
      // A bare word is a value if one goes by that name, or if no positional argument could take it.
      const takesWords = signature.args.some(
        (a) => a.positional && ["string", "shape"].includes(a.kind),
      );
      const isValue =
        value.kind === "name" &&
        (this.scope.has(value.name) ||
          this.definedAnywhere.has(value.name) ||
          this.failed.has(value.name) ||
          (!this.context.params.has(value.name) &&
            !takesWords &&
            !signature.args.some((a) => a.positional)));
      if (!required && !isValue) break;
      if (value.kind !== "name") {
        fail(
          "spec-input",
          `${signature.name} takes ${inputRange(signature)} first, found ${describe(value)}`,
          value.span,
        );
      }
      inputs.push(this.lookup({ text: value.name, span: value.span }, true));
      args.shift();
    }
    if (inputs.length < signature.inputs.min) {
      fail(
        "spec-input",
        `${signature.name} takes ${inputRange(signature)}, found ${inputs.length}`,
        callee.span,
      );
    }
    return inputs;
  }

  /** YAML: `inputs:` by name, or else the previous layer's result (the model's only input for the first). */
  private yamlInputs(s: SLayer, signature: Signature): Ref[] {
    let inputs: Ref[];
    if (s.inputs) inputs = s.inputs.map((n) => this.lookup(n, true));
    else if (this.layers.length)
      inputs = [{ from: "layer", layer: this.layers.length - 1, output: 0, span: s.span }];
    else {
      const sources =
        this.context.kind === "model" ? this.inputs.map((i) => i.name) : this.context.inputs;
      if (sources.length === 0)
        fail(
          "spec-input",
          `the ${this.context.kind} has no inputs to take; declare them under 'inputs:'`,
          s.span,
        );
      if (sources.length !== 1)
        fail(
          "spec-input",
          `the first layer has ${sources.length} candidate inputs; list the ones it takes under 'inputs:'`,
          s.span,
        );
      inputs = [{ from: "input", name: sources[0].text, span: s.span }];
    }
    const { min, max } = signature.inputs;
    if (inputs.length < min || inputs.length > max) {
      fail(
        "spec-input",
        `${signature.name} takes ${inputRange(signature)}, found ${inputs.length}${s.inputs ? "" : " (the previous layer's result); list them under 'inputs:'"}`,
        s.call.callee.span,
      );
    }
    return inputs;
  }
}

/** Thrown when a name's definition already failed and was reported: no second message. */
class SilentFailure extends SourceError {
  constructor() {
    super("", "", { file: "", line: 0, col: 0 });
  }
}

function inputRange({ inputs: { min, max } }: Signature): string {
  const count =
    min === max ? String(min) : max === Infinity ? `${min} or more` : `${min} to ${max}`;
  return `${count} input value${min === 1 && max === 1 ? "" : "s"}`;
}
