/**
 * From a Spec AST to graph IR: each layer's builder declares its parameters
 * and emits its ops into the `forward` graph, typed op by op by the shape
 * rules (shape inference happens as the graph is built, with every symbolic
 * dim kept symbolic). Block calls are instantiated in place, their layers'
 * names nested under the instance's (`blocks.0.attn.q.weight`); `repeat N`
 * chains N instances named `name.0` ... `name.N-1`.
 *
 * Every op keeps the span of the spec layer it came from. A layer whose inputs
 * do not fit fails with a message that names it and where its inputs came
 * from; the layers downstream of a failed one are skipped, and the others
 * still checked, so one run reports every independent error.
 */
import { GraphBuilder, IRError, Module, type Value } from "../ir/graph.js";
import { formatType, isSymbolic, type DType } from "../core/types.js";
import { nameKey } from "../runtime/numerics.js";
import type { Block, Layer, Ref, Spec, Value as ArgValue } from "../spec/ast.js";
import {
  collect,
  DiagnosticError,
  error,
  failAt,
  SourceError,
  type Diagnostic,
  type SourceSpan,
} from "../core/diagnostics.js";
import { layerNames } from "../spec/names.js";
import { DEFAULT_LIMITS, overLimit, type Limits } from "../spec/limits.js";
import { elementsAt } from "../core/types.js";
import { ArgReader, type Signature } from "../core/signature.js";
import { LAYERS } from "./index.js";
import type { LayerContext, LayerDef } from "./layer-def.js";

export interface BuildOptions {
  /** Build for training: dropout is active, keyed by the `step` state variable. Default false. */
  readonly training?: boolean;
  /** Told of each layer as it is built, in order, blocks and repeats expanded (`weft export --pytorch`). */
  readonly onLayer?: (layer: BuiltLayer) => void;
  /** What the spec may ask for (default DEFAULT_LIMITS). */
  readonly limits?: Limits;
}

/** A layer as built: its kind, full name, arguments, and the values it read and made. */
export interface BuiltLayer {
  readonly def: LayerDef;
  readonly name: string;
  readonly args: ArgReader;
  readonly inputs: readonly Value[];
  readonly outputs: readonly Value[];
  /** The elements of the parameters it declared. */
  readonly params: number;
}

/** One row of `weft check`: a top-level layer (or block instance) of the model. */
export interface LayerSummary {
  readonly name: string;
  readonly kind: string;
  /** What it reads: inputs and layers by name (`lstm[1]` for one output of several). */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly params: number;
  readonly line: number;
}

export interface BuiltModel {
  readonly module: Module;
  readonly layers: readonly LayerSummary[];
}

/** Builds the model's `forward` graph; throws a DiagnosticError listing every shape error. */
export function buildModel(spec: Spec, options: BuildOptions = {}): BuiltModel {
  const builder = new ModelBuilder(spec, options, new Module(spec.model.name.text), "forward");
  const outputs = builder.build();
  for (const [name, value] of outputs) builder.graphBuilder.output(name, value);
  return { module: builder.module, layers: builder.summaries };
}

/** The step counter, an i32 state variable `step` counting the training steps done. */
export function stepCounter(b: GraphBuilder): Value {
  const module = b.graph.module!;
  if (!module.params.has("step"))
    module.declareParam("step", { dtype: "i32", shape: [] }, { kind: "zeros" }, undefined, false);
  return b.param("step");
}

/** Where a value came from, for messages: "'h1' at line 6", "input 'x' at line 2". */
type Origins = Map<Value, string>;

class Skip extends SourceError {
  constructor() {
    super("", "", { file: "", line: 0, col: 0 });
  }
}

/** Builds a spec's model into one graph of a module: the layers, and the model outputs' values. */
export class ModelBuilder {
  private readonly b: GraphBuilder;
  private readonly origins: Origins = new Map();
  private readonly diagnostics: Diagnostic[] = [];
  readonly summaries: LayerSummary[] = [];
  /** Each layer and block instance by its full name, where the spec makes it: a name made twice is an error. */
  private readonly made = new Map<string, SourceSpan>();
  readonly limits: Limits;
  /** Block instances open around the layer being built. */
  private depth = 0;
  /** f32 bytes of the parameters declared so far. */
  private paramBytes = 0;

  constructor(
    private readonly spec: Spec,
    private readonly options: BuildOptions,
    readonly module: Module,
    graphName: string,
  ) {
    this.b = new GraphBuilder(module.addGraph(graphName));
    this.limits = options.limits ?? DEFAULT_LIMITS;
  }

  /** The graph's inputs and layers; returns each model output's value. Throws a DiagnosticError on shape errors. */
  build(): Map<string, Value> {
    const { model } = this.spec;
    const inputs = new Map<string, Value>();
    for (const input of model.inputs) {
      for (const d of input.type.shape)
        if (typeof d === "number" && !(d >= 1 && d <= this.limits.dim))
          this.diagnostics.push(
            error(
              "shape",
              d < 1
                ? `input '${input.name.text}' has a dim of ${d}; dims are at least 1`
                : `input '${input.name.text}' has a dim of ${d}, past ${overLimit("dim", this.limits)}`,
              input.type.span,
            ),
          );
      const value = this.b.input(input.name.text, {
        dtype: input.type.dtype,
        shape: input.type.shape,
      });
      this.origins.set(value, `input '${input.name.text}' at line ${input.span.line}`);
      inputs.set(input.name.text, value);
    }
    const values = this.body(model.layers, inputs, "", new Map(), true);
    if (this.diagnostics.length) throw new DiagnosticError(this.diagnostics);
    return new Map(model.outputs.map((o) => [o.name.text, values(o.value)!]));
  }

  private isBlock = (kind: string) => this.spec.blocks.some((b) => b.name.text === kind);

  /**
   * Builds a body's layers; returns how to find the value a reference names
   * (undefined where the layer that makes it failed).
   */
  private body(
    layers: readonly Layer[],
    inputs: ReadonlyMap<string, Value>,
    prefix: string,
    params: ReadonlyMap<string, ArgValue>,
    topLevel: boolean,
  ): (r: Ref) => Value | undefined {
    const names = layerNames(layers, this.isBlock);
    const results: (Value[] | undefined)[] = [];
    const valueOf = (r: Ref) =>
      r.from === "input" ? inputs.get(r.name) : results[r.layer]?.[r.output];
    /** What a reference reads, as a summary names it: an input, a layer (its last instance), an output of several. */
    const refName = (r: Ref) => {
      if (r.from === "input") return r.name;
      const layer = layers[r.layer];
      const name = layer.repeat ? `${names[r.layer]}.${layer.repeat - 1}` : names[r.layer];
      return layer.outputs > 1 ? `${name}[${r.output}]` : name;
    };
    layers.forEach((layer, i) => {
      const name = prefix ? `${prefix}.${names[i]}` : names[i];
      const args = (l: Layer) => new Map(l.args.map((a) => [a.name, substitute(a.value, params)]));
      // One summary row per instance: a repeat's too, each reading the one before.
      const instance = (instanceName: string, ins: Value[], from: string[]) => {
        const before = this.module.params.size;
        const outputs = this.layer(layer, instanceName, ins, args(layer));
        if (topLevel)
          this.summaries.push({
            name: instanceName,
            kind: layer.kind.text,
            inputs: from,
            outputs: outputs.map((v) => formatType(v.type)),
            params: this.paramsSince(before),
            line: layer.span.line,
          });
        return outputs;
      };
      results[i] = collect(
        this.diagnostics,
        () => {
          const ins = layer.inputs.map(valueOf);
          if (ins.some((v) => v === undefined)) throw new Skip();
          let from = layer.inputs.map(refName);
          const count = layer.repeat ?? 0;
          if (count > this.limits.repeat)
            failAt(
              "shape",
              `repeat ${count} is past ${overLimit("repeat", this.limits)}`,
              layer.span,
            );
          if (!count) return instance(name, ins as Value[], from);
          let chained = ins as Value[];
          for (let k = 0; k < count; k++) {
            chained = instance(`${name}.${k}`, chained, from);
            from =
              chained.length > 1 ? chained.map((_, j) => `${name}.${k}[${j}]`) : [`${name}.${k}`];
          }
          return chained;
        },
        (e) => e instanceof Skip,
      );
      results[i]?.forEach((v) => this.origins.set(v, `'${name}' at line ${layer.span.line}`));
    });
    return valueOf;
  }

  /** The elements of the parameters declared after the first `count`. */
  private paramsSince(count: number): number {
    return [...this.module.params.values()]
      .slice(count)
      .reduce((n, p) => n + p.type.shape.reduce<number>((a, d) => a * (d as number), 1), 0);
  }

  /**
   * Claims a full name for a layer or block instance. Names nest with dots,
   * so one written with dots can meet a made one (`b.fc` beside block
   * instance `b`'s `fc`, `h.0` beside `repeat`'s first instance): their
   * parameters would silently be one, so it is an error.
   */
  private claim(name: string, span: SourceSpan): void {
    const first = this.made.get(name);
    if (first)
      failAt(
        "name",
        `'${name}' names two layers: this one and the one at line ${first.line} (a block instance's or a repeat's layers are named '<instance>.<layer>'); rename one`,
        span,
      );
    this.made.set(name, span);
  }

  /** One layer or block instance named `name`. */
  private layer(layer: Layer, name: string, inputs: Value[], args: Map<string, ArgValue>): Value[] {
    this.claim(name, layer.name?.span ?? layer.kind.span);
    const block = this.spec.blocks.find((b) => b.name.text === layer.kind.text);
    if (block) return this.instance(block, name, inputs, args, layer.kind.span);
    const def = LAYERS.get(layer.kind.text)!;
    const ctx = new Context(this, def, name, layer.kind.span, args);
    this.b.span = layer.kind.span;
    this.b.namePrefix = name;
    const graph = this.b.graph;
    const first = graph.ops.length;
    const declared = this.module.params.size;
    try {
      const outputs = def.build(ctx, inputs);
      for (const op of graph.ops.slice(first))
        for (const v of op.results)
          if (elementsAt(v.type.shape, {}) > this.limits.elements)
            ctx.fail(
              `would make a value ${formatType(v.type)} of ${elementsAt(v.type.shape, {}).toLocaleString("en-US")} elements at batch 1, past ${overLimit("elements", this.limits)}`,
            );
      // A layer's results go by its name; values it passes through keep theirs.
      const made = new Set(graph.ops.slice(first));
      outputs.forEach((v, k) => {
        if (v.def && made.has(v.def)) graph.rename(v, outputs.length === 1 ? name : `${name}.${k}`);
      });
      this.options.onLayer?.({
        def,
        name,
        args: new ArgReader(def, args),
        inputs,
        outputs,
        params: this.paramsSince(declared),
      });
      return outputs;
    } catch (e) {
      if (e instanceof IRError)
        failAt("shape", `${def.name} '${name}': ${e.message}`, layer.kind.span);
      throw e;
    }
  }

  private instance(
    block: Block,
    name: string,
    inputs: Value[],
    args: Map<string, ArgValue>,
    span: SourceSpan,
  ): Value[] {
    if (this.depth >= this.limits.nesting)
      failAt(
        "shape",
        `block instance '${name}' is nested ${this.depth + 1} deep, past ${overLimit("nesting", this.limits)}`,
        span,
      );
    const params = new Map<string, ArgValue>();
    for (const p of block.params) {
      const value = args.get(p.name.text) ?? p.default;
      if (!value)
        failAt("shape", `block ${block.name.text} '${name}' needs argument '${p.name.text}'`, span);
      params.set(p.name.text, value);
    }
    this.depth++;
    let values;
    try {
      values = this.body(
        block.layers,
        new Map(block.inputs.map((n, k) => [n.text, inputs[k]])),
        name,
        params,
        false,
      );
    } finally {
      this.depth--;
    }
    const outs = block.returns.map(values);
    if (outs.some((v) => v === undefined)) throw new Skip();
    return outs as Value[];
  }

  describe(value: Value): string {
    const origin = this.origins.get(value);
    return `${formatType(value.type)}${origin ? ` (from ${origin})` : ""}`;
  }

  get graphBuilder(): GraphBuilder {
    return this.b;
  }

  get training(): boolean {
    return this.options.training ?? false;
  }

  declare(
    fullName: string,
    shape: number[],
    init: { kind: string; attrs?: Record<string, unknown> },
    span: SourceSpan,
  ): Value {
    // A second graph of the module (train_step after forward) reads the parameters the first declared.
    if (!this.module.params.has(fullName)) {
      this.paramBytes += 4 * shape.reduce((n, d) => n * d, 1);
      if (this.paramBytes > this.limits.paramBytes)
        failAt(
          "shape",
          `the parameters reach ${this.paramBytes.toLocaleString("en-US")} bytes here, past ${overLimit("paramBytes", this.limits)}`,
          span,
        );
      this.module.declareParam(fullName, { dtype: "f32", shape }, init, span);
    }
    return this.b.param(fullName);
  }

  /** The key of a training step's random streams: the step counter. */
  randomKey(): Value {
    return stepCounter(this.b);
  }
}

/** A block parameter's reference replaced by the value the instance was given. */
function substitute(value: ArgValue, params: ReadonlyMap<string, ArgValue>): ArgValue {
  if (value.type === "param") return params.get(value.name)!;
  if (value.type === "list")
    return { type: "list", items: value.items.map((v) => substitute(v, params)) };
  return value;
}

class Context implements LayerContext {
  constructor(
    private readonly builder: ModelBuilder,
    private readonly def: Signature,
    readonly name: string,
    private readonly span: SourceSpan,
    given: ReadonlyMap<string, ArgValue>,
  ) {
    this.args = new ArgReader(def, given);
  }

  private readonly args: ArgReader;

  get kind(): string {
    return this.def.name;
  }

  get b(): GraphBuilder {
    return this.builder.graphBuilder;
  }

  get training(): boolean {
    return this.builder.training;
  }

  int(name: string): number {
    return this.args.int(name);
  }

  float(name: string): number {
    return this.args.float(name);
  }

  bool(name: string): boolean {
    return this.args.bool(name);
  }

  string(name: string): string {
    const value = this.args.string(name);
    const spec = this.def.args.find((a) => a.name === name);
    if (spec?.values && !spec.values.includes(value)) {
      this.fail(`expects ${name} to be one of ${spec.values.join(", ")}, found '${value}'`);
    }
    return value;
  }

  ints(name: string): number[] {
    return this.args.items(name) as number[];
  }

  shape(name: string): (number | string)[] {
    return this.args.items(name);
  }

  floats(name: string): number[] {
    return this.args.items(name) as number[];
  }

  param(
    local: string,
    shape: number[],
    init: { kind: string; attrs?: Record<string, unknown> },
  ): Value {
    const { limits } = this.builder;
    const bad = shape.find((d) => !(Number.isInteger(d) && d >= 1));
    if (bad !== undefined)
      this.fail(
        `would have a parameter '${local}' of shape [${shape.join(", ")}]; dims are integers of at least 1`,
      );
    if (shape.some((d) => d > limits.dim))
      this.fail(
        `would have a parameter '${local}' of shape [${shape.join(", ")}], a dim past ${overLimit("dim", limits)}`,
      );
    const elements = shape.reduce((n, d) => n * d, 1);
    if (elements > limits.elements)
      this.fail(
        `would have a parameter '${local}' of ${elements.toLocaleString("en-US")} elements, past ${overLimit("elements", limits)}`,
      );
    return this.builder.declare(
      local ? `${this.name}.${local}` : this.name,
      shape,
      init,
      this.span,
    );
  }

  fail(message: string): never {
    failAt("shape", `${this.kind} '${this.name}' ${message}`, this.span);
  }

  describe(value: Value): string {
    return this.builder.describe(value);
  }

  fixedDim(value: Value, axis: number, what: string): number {
    const shape = value.type.shape;
    const dim = shape[axis < 0 ? shape.length + axis : axis];
    if (dim === undefined || isSymbolic(dim))
      this.fail(`expects ${what} to be a fixed size, found ${this.describe(value)}`);
    return dim;
  }

  randomKey(): Value {
    return this.builder.randomKey();
  }

  randomSeed(site?: string): number {
    return nameKey(site === undefined ? this.name : `${this.name}/${site}`);
  }

  requireDType(value: Value, dtype: DType, what: string): void {
    if (value.type.dtype !== dtype)
      this.fail(`expects ${what} to be ${dtype}, found ${this.describe(value)}`);
  }

  requireRank(value: Value, rank: number, what: string): void {
    if (value.type.shape.length !== rank)
      this.fail(`expects ${what}, found ${this.describe(value)}`);
  }
}
