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
import { evalDim, formatShape, formatType, symbolsOf, type TensorType } from "../core/types.js";

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
export function interpret(
  module: Module,
  graphName: string,
  feeds: Feeds,
  options: RunOptions = {},
): RunResult {
  const graph = module.graph(graphName);
  const precision = options.precision ?? "f32";

  const inputs = feeds.inputs ?? {};
  const expected = graph.inputs.map((v) => v.name);
  for (const name of Object.keys(inputs)) {
    if (!expected.includes(name)) {
      throw new Error(
        `unknown input '${name}' (graph @${graph.name} takes: ${expected.join(", ") || "no inputs"})`,
      );
    }
  }
  const params = feeds.params ?? {};
  for (const name of Object.keys(params)) {
    if (!module.params.has(name))
      throw new Error(
        `unknown parameter '${name}' (module @${module.name} declares no such parameter)`,
      );
  }
  const fed: Fed[] = [];
  for (const v of graph.inputs) {
    const tensor = inputs[v.name];
    if (!tensor) throw new Error(`missing input '${v.name}' (${formatType(v.type)})`);
    fed.push({ what: `input '${v.name}'`, value: v, type: v.type, tensor });
  }
  for (const [name, v] of graph.params) {
    const tensor = params[name];
    if (!tensor) throw new Error(`missing parameter '${name}' (${formatType(v.type)})`);
    fed.push({ what: `parameter '${name}'`, value: v, type: v.type, tensor });
  }
  const bindings = bindSymbols(fed);
  const env = new Map<unknown, Tensor>(
    fed.map((f) => [f.value, f.tensor.withPrecision(precision)]),
  );

  const run = new Run(precision, bindings);
  run.execute(graph, env);
  const outputs: Record<string, Tensor> = {};
  for (const o of graph.outputs) outputs[o.name ?? ""] = env.get(o.value)!;
  const updates: Record<string, Tensor> = {};
  for (const u of graph.updates) updates[u.param] = env.get(u.value)!;
  return { outputs, updates };
}

export interface Fed {
  readonly what: string;
  readonly value: unknown;
  readonly type: TensorType;
  readonly tensor: Tensor;
}

/**
 * Checks every fed tensor against its declared type and binds the symbolic
 * dims: plain symbols first (batch = 3), then products with one unknown
 * symbol left (batch*seq = 12 gives seq = 4), then every dim is checked.
 */
export function bindSymbols(fed: readonly Fed[]): Map<string, number> {
  const bindings = new Map<string, number>();
  const mismatch = ({ what, type, tensor }: Fed, why: string) =>
    new Error(
      `${what}: expected ${formatType(type)}, got ${tensor.dtype}${formatShape(tensor.shape)} (${why})`,
    );
  for (const f of fed) {
    if (f.tensor.dtype !== f.type.dtype)
      throw mismatch(f, `dtype ${f.tensor.dtype} is not ${f.type.dtype}`);
    if (f.tensor.shape.length !== f.type.shape.length) {
      throw mismatch(f, `rank ${f.tensor.shape.length} is not ${f.type.shape.length}`);
    }
    f.type.shape.forEach((dim, i) => {
      if (typeof dim !== "string" || dim.includes("*")) return;
      const bound = bindings.get(dim);
      if (bound === undefined) bindings.set(dim, f.tensor.shape[i]);
      else if (bound !== f.tensor.shape[i])
        throw mismatch(f, `dim ${i} is ${f.tensor.shape[i]} but ${dim} = ${bound} elsewhere`);
    });
  }
  for (let progress = true; progress;) {
    progress = false;
    for (const f of fed) {
      f.type.shape.forEach((dim, i) => {
        const unbound = symbolsOf([dim]).filter((s) => !bindings.has(s));
        if (unbound.length !== 1) return;
        const known = evalDim(dim, new Map([...bindings, [unbound[0], 1]]));
        if (f.tensor.shape[i] % known !== 0) return;
        bindings.set(unbound[0], f.tensor.shape[i] / known);
        progress = true;
      });
    }
  }
  for (const f of fed) {
    f.type.shape.forEach((dim, i) => {
      const unbound = symbolsOf([dim]).filter((s) => !bindings.has(s));
      if (unbound.length)
        throw mismatch(f, `cannot solve ${dim} = ${f.tensor.shape[i]} for ${unbound.join(", ")}`);
      const want = evalDim(dim, bindings);
      if (want !== f.tensor.shape[i])
        throw mismatch(f, `dim ${i} is ${f.tensor.shape[i]}, expected ${want}`);
    });
  }
  return bindings;
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
      const outs = this.evaluate(
        graph,
        op,
        op.operands.map((v) => env.get(v)!),
        results,
      );
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
      outs = op.def.evaluate({
        operands,
        attrs: op.attrs,
        results,
        regions: op.regions,
        ctx: this,
      });
    } catch (e) {
      if (e instanceof Error && !e.message.startsWith("@")) e.message = `${where}: ${e.message}`;
      throw e;
    }
    outs.forEach((t, i) => {
      const want = results[i];
      if (t.dtype !== want.dtype || formatShape(t.shape) !== formatShape(want.shape)) {
        throw new Error(
          `internal error: ${where} produced ${t.dtype}${formatShape(t.shape)} for ${formatType(want)}`,
        );
      }
    });
    return outs;
  }
}
