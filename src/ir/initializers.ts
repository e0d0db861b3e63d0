/**
 * How a parameter's initial value is described in the IR: a kind with typed
 * attributes (fan-in, bounds, ...). The kinds cover PyTorch's default
 * initialisations. `initialValues` realises one from a seed.
 */
import type { AttrSchema } from "./attributes.js";
import type { Initializer, Module } from "./graph.js";
import { Tensor, type Precision } from "./tensor.js";
import { randomUniformAt } from "./ops/create.js";

export interface InitializerKind {
  readonly summary: string;
  readonly attrs: AttrSchema;
}

export const INITIALIZERS: Readonly<Record<string, InitializerKind>> = {
  zeros: { summary: "all 0", attrs: {} },
  ones: { summary: "all 1", attrs: {} },
  constant: { summary: "all one value", attrs: { value: { type: "float", doc: "the value" } } },
  uniform: {
    summary: "uniform on [low, high)",
    attrs: {
      low: { type: "float", doc: "lower bound" },
      high: { type: "float", doc: "upper bound" },
    },
  },
  normal: {
    summary: "normal with the given mean and standard deviation",
    attrs: {
      mean: { type: "float", default: 0, doc: "mean" },
      std: { type: "float", default: 1, doc: "standard deviation" },
    },
  },
  kaiming_uniform: {
    summary:
      "uniform on ±gain·sqrt(3 / fan_in), gain = sqrt(2 / (1 + a²)); PyTorch's Linear default with a = √5",
    attrs: {
      fan_in: { type: "int", doc: "inputs per output unit" },
      a: {
        type: "float",
        default: Math.sqrt(5),
        doc: "negative slope of the following leaky ReLU",
      },
    },
  },
  xavier_uniform: {
    summary: "uniform on ±gain·sqrt(6 / (fan_in + fan_out))",
    attrs: {
      fan_in: { type: "int", doc: "inputs per output unit" },
      fan_out: { type: "int", doc: "outputs per input unit" },
      gain: { type: "float", default: 1, doc: "scale" },
    },
  },
};

/** FNV-1a over the characters of a name: the key of its parameter's random stream. */
export function nameKey(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * A parameter's initial values, the same on every backend: element i of
 * parameter `name` draws from the counter-based stream (seed, nameKey(name))
 * of random_uniform — uniform(i) at counter i, normal(i) by Box–Muller from
 * counters 2i and 2i+1 — so a parameter's values depend only on the seed and
 * its own name, not on the other layers.
 */
export function initialValues(
  init: Initializer,
  size: number,
  seed: number,
  name: string,
): Float64Array {
  const key = nameKey(name);
  const uniform = (i: number) => randomUniformAt(seed >>> 0, key, i);
  const normal = (i: number) => {
    const u1 = uniform(2 * i) + 2 ** -25; // in (0, 1): log is finite
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * uniform(2 * i + 1));
  };
  const a = init.attrs as Record<string, number>;
  const values = new Float64Array(size);
  const fill = (f: (i: number) => number) => values.forEach((_, i) => (values[i] = f(i)));
  const symmetric = (bound: number) => fill((i) => (2 * uniform(i) - 1) * bound);
  switch (init.kind) {
    case "zeros":
      break;
    case "ones":
      values.fill(1);
      break;
    case "constant":
      values.fill(a.value);
      break;
    case "uniform":
      fill((i) => a.low + (a.high - a.low) * uniform(i));
      break;
    case "normal":
      fill((i) => a.mean + a.std * normal(i));
      break;
    case "kaiming_uniform":
      symmetric(Math.sqrt(6 / ((1 + a.a * a.a) * a.fan_in)));
      break;
    case "xavier_uniform":
      symmetric(a.gain * Math.sqrt(6 / (a.fan_in + a.fan_out)));
      break;
    default:
      throw new Error(`unknown initializer '${init.kind}'`);
  }
  return values;
}

/** Every parameter of a module at its initial value, as `initialValues` realises it from `seed`. */
export function initialParams(
  module: Module,
  seed: number,
  precision: Precision = "f32",
): Record<string, Tensor> {
  const params: Record<string, Tensor> = {};
  for (const p of module.params.values()) {
    const shape = p.type.shape as number[];
    const size = shape.reduce((a, b) => a * b, 1);
    params[p.name] = Tensor.of(
      p.type.dtype,
      shape,
      initialValues(p.init, size, seed, p.name),
      precision,
    );
  }
  return params;
}
