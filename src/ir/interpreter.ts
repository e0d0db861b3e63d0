/**
 * The reference interpreter: runs any graph of a module on tensors, op by op,
 * through each op's declared semantics. It is the oracle every pass and
 * backend is tested against, so it favours clarity over speed. In float64
 * mode f32 values are held in Float64Arrays, for gradient checks.
 *
 * Symbolic dims are bound from the shapes of the inputs fed (batch = 3), and
 * every result shape is resolved from its declared type under those bindings.
 */
import type { Graph, Module, Op } from "./graph.js";
import type { ConcreteType, EvalContext } from "./op-def.js";
import { Tensor, type Precision } from "./tensor.js";
import { evalDim, formatShape, formatType, type TensorType } from "./types.js";

export interface Feeds {
  readonly inputs?: Readonly<Record<string, Tensor>>;
  readonly params?: Readonly<Record<string, Tensor>>;
}

export interface RunResult {
  readonly outputs: Record<string, Tensor>;
  readonly updates: Record<string, Tensor>;
}

export interface RunOptions {
  readonly precision?: Precision;
}

/** Runs graph `graphName` of `module`; throws an Error naming any input that does not fit. */
export function interpret(module: Module, graphName: string, feeds: Feeds, options: RunOptions = {}): RunResult {
  const graph = module.graph(graphName);
  const precision = options.precision ?? "f32";
  const bindings = new Map<string, number>();
  const env = new Map<unknown, Tensor>();

  const inputs = feeds.inputs ?? {};
  const expected = graph.inputs.map((v) => v.name);
  for (const name of Object.keys(inputs)) {
    if (!expected.includes(name)) {
      throw new Error(`unknown input '${name}' (graph @${graph.name} takes: ${expected.join(", ") || "no inputs"})`);
    }
  }
  for (const v of graph.inputs) {
    const fed = inputs[v.name];
    if (!fed) throw new Error(`missing input '${v.name}' (${formatType(v.type)})`);
    env.set(v, bind(`input '${v.name}'`, v.type, fed, bindings).withPrecision(precision));
  }
  const params = feeds.params ?? {};
  for (const name of Object.keys(params)) {
    if (!module.params.has(name)) throw new Error(`unknown parameter '${name}' (module @${module.name} declares no such parameter)`);
  }
  for (const [name, v] of graph.params) {
    const fed = params[name];
    if (!fed) throw new Error(`missing parameter '${name}' (${formatType(v.type)})`);
    env.set(v, bind(`parameter '${name}'`, v.type, fed, bindings).withPrecision(precision));
  }

  const run = new Run(precision, bindings);
  run.execute(graph, env);
  const outputs: Record<string, Tensor> = {};
  for (const o of graph.outputs) outputs[o.name ?? ""] = env.get(o.value)!;
  const updates: Record<string, Tensor> = {};
  for (const u of graph.updates) updates[u.param] = env.get(u.value)!;
  return { outputs, updates };
}

/** Checks a fed tensor against its declared type, binding symbolic dims on first sight. */
function bind(what: string, type: TensorType, fed: Tensor, bindings: Map<string, number>): Tensor {
  const mismatch = (why: string) =>
    new Error(`${what}: expected ${formatType(type)}, got ${fed.dtype}${formatShape(fed.shape)} (${why})`);
  if (fed.dtype !== type.dtype) throw mismatch(`dtype ${fed.dtype} is not ${type.dtype}`);
  if (fed.shape.length !== type.shape.length) throw mismatch(`rank ${fed.shape.length} is not ${type.shape.length}`);
  // Plain symbols bind first; products of symbols are then checked against them.
  type.shape.forEach((dim, i) => {
    if (typeof dim !== "string" || dim.includes("*")) return;
    const bound = bindings.get(dim);
    if (bound === undefined) bindings.set(dim, fed.shape[i]);
    else if (bound !== fed.shape[i]) throw mismatch(`dim ${i} is ${fed.shape[i]} but ${dim} = ${bound} elsewhere`);
  });
  type.shape.forEach((dim, i) => {
    const want = evalDim(dim, bindings);
    if (want !== fed.shape[i]) throw mismatch(`dim ${i} is ${fed.shape[i]}, expected ${want}`);
  });
  return fed;
}

class Run implements EvalContext {
  constructor(
    readonly precision: Precision,
    private readonly bindings: ReadonlyMap<string, number>,
  ) {}

  runRegion(region: Graph, args: readonly Tensor[]): Tensor[] {
    const env = new Map<unknown, Tensor>(region.inputs.map((v, i) => [v, args[i]]));
    this.execute(region, env);
    return region.outputs.map((o) => env.get(o.value)!);
  }

  execute(graph: Graph, env: Map<unknown, Tensor>): void {
    for (const op of graph.ops) {
      const results = op.results.map((r) => this.resolve(r.type));
      const outs = this.evaluate(graph, op, op.operands.map((v) => env.get(v)!), results);
      op.results.forEach((r, i) => env.set(r, outs[i]));
    }
  }

  private resolve(type: TensorType): ConcreteType {
    return { dtype: type.dtype, shape: type.shape.map((d) => evalDim(d, this.bindings)) };
  }

  private evaluate(graph: Graph, op: Op, operands: Tensor[], results: ConcreteType[]): Tensor[] {
    const where = `@${graph.name}: ${op.name} %${op.results[0]?.name}`;
    let outs: Tensor[];
    try {
      outs = op.def.evaluate({ operands, attrs: op.attrs, results, regions: op.regions, ctx: this });
    } catch (e) {
      if (e instanceof Error && !e.message.startsWith("@")) e.message = `${where}: ${e.message}`;
      throw e;
    }
    outs.forEach((t, i) => {
      const want = results[i];
      if (t.dtype !== want.dtype || formatShape(t.shape) !== formatShape(want.shape)) {
        throw new Error(`internal error: ${where} produced ${t.dtype}${formatShape(t.shape)} for ${formatType(want)}`);
      }
    });
    return outs;
  }
}
