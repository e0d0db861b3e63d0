/**
 * How a parameter's initial value is described in the IR: a kind with typed
 * attributes (fan-in, bounds, ...). The kinds cover PyTorch's default
 * initialisations. `initialValues` (src/runtime/numerics.ts, shared with the
 * generated packages) realises one from a seed.
 */
import type { AttrSchema } from "./attributes.js";
import type { Module } from "./graph.js";
import { Tensor, type Precision } from "./tensor.js";
import { initialValues } from "../runtime/numerics.js";
import { readTensors, writeSafetensors } from "../runtime/model.js";

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
      padding_row: {
        type: "int",
        default: -1,
        doc: "a row (along the first axis) left at 0, as an embedding's padding_idx; -1 for none",
      },
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

/** Every parameter of a module at its initial value, as `initialValues` realises it from `seed`. */
export function initialParams(
  module: Module,
  seed: number,
  precision: Precision = "f32",
): Record<string, Tensor> {
  const params: Record<string, Tensor> = {};
  for (const p of module.params.values()) {
    const shape = p.type.shape as number[];
    params[p.name] = Tensor.of(
      p.type.dtype,
      shape,
      initialValues(p.init.kind, p.init.attrs, shape, seed, p.name),
      precision,
    );
  }
  return params;
}

/**
 * A safetensors file checked against the module's trainable parameters: each
 * one there with its shape and dtype, nothing else (an Error names what is
 * wrong), as a package's createModel({ weights }) will read it.
 */
export function checkWeightsFile(module: Module, bytes: Uint8Array, what: string): void {
  const tensors = readTensors(bytes, what);
  const params = [...module.params.values()].filter((p) => p.trainable);
  const names = new Set(params.map((p) => p.name));
  const unknown = [...tensors.keys()].filter((n) => !names.has(n));
  if (unknown.length)
    throw new Error(
      `${what}: the model has no parameter ${unknown.map((n) => `'${n}'`).join(", ")}`,
    );
  for (const p of params) {
    const t = tensors.get(p.name);
    if (!t)
      throw new Error(`${what}: missing '${p.name}' (${p.type.dtype}[${p.type.shape.join(", ")}])`);
    if (t.dtype !== p.type.dtype || t.shape.join() !== p.type.shape.join())
      throw new Error(
        `${what}: '${p.name}' is ${t.dtype}[${t.shape.join(", ")}], but the model's is ${p.type.dtype}[${p.type.shape.join(", ")}]`,
      );
  }
}

/** The trainable parameters at their initial values from `seed`, as a safetensors file. */

export function initialWeightsFile(module: Module, seed: number): Uint8Array {
  const params = initialParams(module, seed);
  return writeSafetensors(
    [...module.params.values()]
      .filter((p) => p.trainable)
      .map((p) => ({
        name: p.name,
        dtype: p.type.dtype,
        shape: p.type.shape as number[],
        data: params[p.name].data as Float32Array,
      })),
  );
}
