/**
 * The graph IR: a module of named graphs over SSA values.
 *
 * A module declares parameters (name, type, initializer) and holds graphs
 * (functions such as `forward` and `train_step`). A graph has typed inputs,
 * reads parameters by name, runs ops in order, and ends in named outputs and
 * optional parameter updates. Every value knows the op that produced it (none
 * for inputs and parameter reads) and the ops that use it. An op may own
 * regions: nested graphs such as a scan body, closed over their own inputs.
 *
 * Graph's own methods build without checking, for the text parser and for
 * passes that rewrite; GraphBuilder checks every op against its shape rule as
 * it goes, for front ends. The verifier checks any graph after the fact.
 */
import { AttrError, completeAttrs, type Attrs } from "./attributes.js";
import { INITIALIZERS } from "./initializers.js";
import { ShapeError, type OpDef } from "./op-def.js";
import { findOp } from "./registry.js";
import { formatType, typeEquals, type TensorType } from "../core/types.js";
import type { SourceSpan } from "../core/diagnostics.js";

/** A malformed IR construct, found while building; carries the span of what caused it. */
export class IRError extends Error {
  constructor(
    message: string,
    readonly span?: SourceSpan,
  ) {
    super(message);
  }
}

export interface Use {
  readonly op: Op;
  readonly index: number;
}

export class Value {
  /** The ops that read this value, with the operand position. */
  readonly uses: Use[] = [];

  constructor(
    public name: string,
    public type: TensorType,
    readonly graph: Graph,
    /** The producing op; undefined for graph inputs and parameter reads. */
    readonly def?: Op,
    /** For a parameter read, the module parameter's name. */
    readonly param?: string,
  ) {}
}

export class Op {
  readonly operands: Value[] = [];
  readonly results: Value[] = [];

  constructor(
    readonly def: OpDef,
    readonly graph: Graph,
    public attrs: Attrs,
    readonly regions: readonly Graph[],
    public span?: SourceSpan,
  ) {}

  get name(): string {
    return this.def.name;
  }

  /** Appends or replaces operand i, keeping the use lists true. */
  setOperand(index: number, value: Value): void {
    const old = this.operands[index];
    if (old)
      old.uses.splice(
        old.uses.findIndex((u) => u.op === this && u.index === index),
        1,
      );
    this.operands[index] = value;
    value.uses.push({ op: this, index });
  }
}

export interface GraphOutput {
  /** Required for a module's graphs; a region's outputs are positional. */
  readonly name?: string;
  value: Value;
}

export interface ParamUpdate {
  readonly param: string;
  value: Value;
}

export class Graph {
  readonly inputs: Value[] = [];
  /** Parameter reads by parameter name, created on first use. */
  readonly params = new Map<string, Value>();
  readonly ops: Op[] = [];
  readonly outputs: GraphOutput[] = [];
  readonly updates: ParamUpdate[] = [];
  /** For a region, the op that owns it (set when that op is appended). */
  parentOp?: Op;
  /** Where the graph is defined, for a graph read from text: what diagnostics about the whole graph point at. */
  span?: SourceSpan;
  private readonly names = new Set<string>();
  private nextNumber = 0;

  constructor(
    public name: string,
    /** The module whose parameters a function graph reads; undefined for a region. */
    readonly module?: Module,
  ) {}

  get isRegion(): boolean {
    return this.module === undefined;
  }

  /**
   * `hint` if free, else `hint.1`, `hint.2`, ...; without a hint the next free
   * number. Characters the text form cannot spell become '_'.
   */
  uniqueName(hint?: string): string {
    const base = hint?.replace(/[^\w.]/g, "_");
    let name = base || String(this.nextNumber++);
    for (let k = 1; this.names.has(name); k++)
      name = base ? `${base}.${k}` : String(this.nextNumber++);
    this.names.add(name);
    return name;
  }

  hasName(name: string): boolean {
    return this.names.has(name);
  }

  /** Gives `to` the name of `from` (a value it replaces), and `from` a fresh number. */
  takeName(from: Value, to: Value): void {
    const name = from.name;
    this.rename(from, String(this.nextNumber++));
    this.rename(to, name);
  }

  /** Gives a value of this graph a new name (made unique as `uniqueName` does). */
  rename(value: Value, hint: string): void {
    this.names.delete(value.name);
    value.name = this.uniqueName(hint);
  }

  addInput(name: string, type: TensorType): Value {
    const value = new Value(this.uniqueName(name), type, this);
    this.inputs.push(value);
    return value;
  }

  /** The value of module parameter `name` in this graph. */
  readParam(name: string): Value {
    const existing = this.params.get(name);
    if (existing) return existing;
    if (!this.module)
      throw new IRError(`a region cannot read parameter @${name}; pass it in as an operand`);
    const decl = this.module.params.get(name);
    if (!decl) throw new IRError(`unknown parameter @${name}`);
    const value = new Value(name, decl.type, this, undefined, name);
    this.params.set(name, value);
    return value;
  }

  /** Appends an op as given, without checks: the text parser and rewriting passes use it. */
  appendOp(
    def: OpDef,
    operands: readonly Value[],
    attrs: Attrs,
    regions: readonly Graph[],
    results: readonly { type: TensorType; name?: string }[],
    span?: SourceSpan,
  ): Op {
    const op = new Op(def, this, attrs, regions, span);
    operands.forEach((v, i) => op.setOperand(i, v));
    for (const r of results) op.results.push(new Value(this.uniqueName(r.name), r.type, this, op));
    for (const region of regions) region.parentOp = op;
    this.ops.push(op);
    return op;
  }

  /** Removes an op whose results are unused. */
  eraseOp(op: Op): void {
    const used = op.results.find((r) => r.uses.length > 0 || this.isOutput(r));
    if (used) throw new IRError(`cannot erase ${op.name}: its result %${used.name} is still used`);
    op.operands.forEach((v, i) =>
      v.uses.splice(
        v.uses.findIndex((u) => u.op === op && u.index === i),
        1,
      ),
    );
    this.ops.splice(this.ops.indexOf(op), 1);
  }

  /** Removes the ops whose results nothing uses, last first so that chains go at once; whether any went. */
  eraseUnusedOps(): boolean {
    let erased = false;
    for (const op of [...this.ops].reverse())
      if (op.results.every((r) => r.uses.length === 0 && !this.isOutput(r))) {
        this.eraseOp(op);
        erased = true;
      }
    return erased;
  }

  /** Points every use of `from` (ops, outputs, updates) at `to`. */
  replaceAllUses(from: Value, to: Value): void {
    for (const { op, index } of [...from.uses]) op.setOperand(index, to);
    for (const out of [...this.outputs, ...this.updates]) if (out.value === from) out.value = to;
  }

  isOutput(value: Value): boolean {
    return [...this.outputs, ...this.updates].some((o) => o.value === value);
  }
}

export interface Initializer {
  readonly kind: string;
  readonly attrs: Attrs;
}

export interface ParamDecl {
  readonly name: string;
  readonly type: TensorType;
  readonly init: Initializer;
  /** False for optimizer state and counters (`state` in the text form): kept across steps, never trained. */
  readonly trainable: boolean;
  readonly span?: SourceSpan;
}

export class Module {
  readonly params = new Map<string, ParamDecl>();
  readonly graphs = new Map<string, Graph>();

  constructor(public name: string) {}

  /**
   * Declares a parameter (or, with `trainable: false`, a state variable such
   * as an optimizer moment); the initializer's kind and attributes are checked.
   */
  declareParam(
    name: string,
    type: TensorType,
    init: { kind: string; attrs?: Record<string, unknown> },
    span?: SourceSpan,
    trainable = true,
  ): ParamDecl {
    if (this.params.has(name)) throw new IRError(`parameter @${name} is declared twice`, span);
    const kind = INITIALIZERS[init.kind];
    if (!kind) {
      throw new IRError(
        `unknown initializer '${init.kind}' (expected one of: ${Object.keys(INITIALIZERS).join(", ")})`,
        span,
      );
    }
    const attrs = withOpName(`initializer ${init.kind}`, span, () =>
      completeAttrs(kind.attrs, init.attrs ?? {}),
    );
    const decl: ParamDecl = { name, type, init: { kind: init.kind, attrs }, trainable, span };
    this.params.set(name, decl);
    return decl;
  }

  addGraph(name: string): Graph {
    if (this.graphs.has(name)) throw new IRError(`graph @${name} is defined twice`);
    const graph = new Graph(name, this);
    this.graphs.set(name, graph);
    return graph;
  }

  graph(name: string): Graph {
    const graph = this.graphs.get(name);
    if (!graph) {
      throw new IRError(
        `no graph @${name} in module @${this.name} (it has: ${[...this.graphs.keys()].map((g) => "@" + g).join(", ")})`,
      );
    }
    return graph;
  }
}

function withOpName<T>(label: string, span: SourceSpan | undefined, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ShapeError || e instanceof AttrError)
      throw new IRError(`${label}: ${e.message}`, span);
    throw e;
  }
}

export function lookupOp(name: string, span?: SourceSpan): OpDef {
  const def = findOp(name);
  if (!def) throw new IRError(`unknown op '${name}'`, span);
  return def;
}

/**
 * The one type check of an op, shared by the builder and the verifier: operand
 * count, attributes against the schema (defaults filled in), region count, and
 * the shape rule. Returns the completed attributes and the result types.
 */
export function checkOp(
  def: OpDef,
  operands: readonly TensorType[],
  attrs: Readonly<Record<string, unknown>>,
  regions: readonly Graph[],
  span?: SourceSpan,
): { attrs: Attrs; types: TensorType[] } {
  return withOpName(def.name, span, () => {
    const fixed = def.variadic ? def.operands.length - 1 : def.operands.length;
    const arityOk = def.variadic ? operands.length > fixed : operands.length === fixed;
    if (!arityOk) {
      const least = def.variadic ? fixed + 1 : fixed;
      const want = def.variadic ? `at least ${least}` : String(least);
      throw new ShapeError(
        `takes ${want} operand${least === 1 ? "" : "s"} (${def.operands.join(", ")}${def.variadic ? "..." : ""}), ` +
          `found ${operands.length}: (${operands.map(formatType).join(", ")})`,
      );
    }
    if (regions.length !== def.regions.length) {
      throw new ShapeError(`takes ${def.regions.length} region(s), found ${regions.length}`);
    }
    const complete = completeAttrs(def.attrs, attrs);
    return { attrs: complete, types: def.infer({ operands, attrs: complete, regions }) };
  });
}

/** `checkOp` on an op as it stands: its operands' current types, attributes and regions. */
export function recheck(op: Op): { attrs: Attrs; types: TensorType[] } {
  return checkOp(
    op.def,
    op.operands.map((v) => v.type),
    op.attrs,
    op.regions,
    op.span,
  );
}

/**
 * Builds a graph op by op, checking each against its shape rule; errors are
 * IRErrors naming the op and carrying `span`, which front ends set to the spec
 * node being lowered.
 */
export class GraphBuilder {
  span?: SourceSpan;
  /** Unnamed results are named `${namePrefix}.${op}` (`dense_1.matmul`); else numbered. */
  namePrefix?: string;

  constructor(readonly graph: Graph) {}

  input(name: string, type: TensorType): Value {
    return this.graph.addInput(name, type);
  }

  param(name: string): Value {
    try {
      return this.graph.readParam(name);
    } catch (e) {
      throw e instanceof IRError ? new IRError(e.message, this.span) : e;
    }
  }

  /** Appends op `name` and returns its results; `names` are hints for the result values. */
  op(
    name: string,
    operands: readonly Value[],
    attrs: Readonly<Record<string, unknown>> = {},
    options: { names?: readonly string[]; regions?: readonly Graph[] } = {},
  ): Value[] {
    const def = lookupOp(name, this.span);
    const foreign = operands.find((v) => v.graph !== this.graph);
    if (foreign) {
      throw new IRError(
        `${name}: operand %${foreign.name} belongs to graph @${foreign.graph.name}, not @${this.graph.name}`,
        this.span,
      );
    }
    const regions = options.regions ?? [];
    const checked = checkOp(
      def,
      operands.map((v) => v.type),
      attrs,
      regions,
      this.span,
    );
    const hint = this.namePrefix === undefined ? undefined : `${this.namePrefix}.${name}`;
    const results = checked.types.map((type, i) => ({ type, name: options.names?.[i] ?? hint }));
    return this.graph.appendOp(def, operands, checked.attrs, regions, results, this.span).results;
  }

  /** `op` for ops with exactly one result. */
  op1(
    name: string,
    operands: readonly Value[],
    attrs: Readonly<Record<string, unknown>> = {},
    resultName?: string,
  ): Value {
    const results = this.op(name, operands, attrs, { names: resultName ? [resultName] : [] });
    if (results.length !== 1)
      throw new IRError(`${name} has ${results.length} results, not 1`, this.span);
    return results[0];
  }

  /** A region (such as a scan body) with the given arguments, built by `body`, which returns its outputs. */
  region(
    args: readonly { name: string; type: TensorType }[],
    body: (builder: GraphBuilder, args: Value[]) => Value[],
  ): Graph {
    const region = new Graph("body");
    const builder = new GraphBuilder(region);
    builder.span = this.span;
    builder.namePrefix = this.namePrefix;
    const values = args.map((a) => region.addInput(a.name, a.type));
    for (const value of body(builder, values)) region.outputs.push({ value });
    return region;
  }

  /** Emits a copy of a region's ops on `args` (its inputs' stand-ins) and returns its outputs' copies. */
  inline(region: Graph, args: readonly Value[]): Value[] {
    const copies = this.inlineCopies(region, args);
    return region.outputs.map((o) => copies.get(o.value)!);
  }

  /** `inline`, returning the copy of every value of the region (its inputs' are `args`). */
  inlineCopies(region: Graph, args: readonly Value[]): Map<Value, Value> {
    const copies = new Map<Value, Value>(region.inputs.map((v, i) => [v, args[i]]));
    for (const op of region.ops) {
      const operands = op.operands.map((v) => copies.get(v)!);
      const results = this.op(op.name, operands, op.attrs, {
        regions: op.regions.map(cloneRegion),
      });
      op.results.forEach((r, i) => copies.set(r, results[i]));
    }
    return copies;
  }

  output(name: string, value: Value): void {
    if (this.graph.outputs.some((o) => o.name === name))
      throw new IRError(`output '${name}' is defined twice`, this.span);
    this.graph.outputs.push({ name, value });
  }

  update(param: string, value: Value): void {
    const decl = this.graph.module?.params.get(param);
    if (!decl) throw new IRError(`update of unknown parameter @${param}`, this.span);
    if (!typeEquals(decl.type, value.type)) {
      throw new IRError(
        `update of @${param}: ${formatType(decl.type)} expected, found ${formatType(value.type)}`,
        this.span,
      );
    }
    this.graph.updates.push({ param, value });
  }
}

/** A deep copy of a region: the same inputs, ops (their own regions copied too) and outputs. */
export function cloneRegion(region: Graph): Graph {
  const builder = new GraphBuilder(new Graph(region.name));
  const args = region.inputs.map((v) => builder.graph.addInput(v.name, v.type));
  for (const value of builder.inline(region, args)) builder.graph.outputs.push({ value });
  return builder.graph;
}
