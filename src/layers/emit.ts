/** Op patterns several layers share: constants, linear maps, activations, softmax. */
import type { GraphBuilder, Value } from "../ir/graph.js";
import { ShapeError } from "../ir/op-def.js";
import { broadcastShapes } from "../ir/ops/util.js";
import type { LayerContext, OnnxContext } from "./layer-def.js";
import type { TensorType } from "../core/types.js";

export function scalar(b: GraphBuilder, value: number): Value {
  return b.op1("constant", [], { dtype: "f32", shape: [], value });
}

/** A negative axis counts from the end. */
export function normalizeAxis(ctx: LayerContext, axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank)
    ctx.fail(`expects an axis within its input's ${rank} dims, found ${axis}`);
  return a;
}

/**
 * x @ weightᵀ + bias over the last axis, with torch.nn.Linear's layout and
 * default initialisation: weight [out, in] and bias [out] uniform on
 * ±1/sqrt(in). `prefix` nests the parameters (`q.weight`).
 */
export function linear(
  ctx: LayerContext,
  x: Value,
  out: number,
  options: {
    bias?: boolean;
    prefix?: string;
    weightInit?: { kind: string; attrs?: Record<string, unknown> };
    zeroBias?: boolean;
  } = {},
): Value {
  const inFeatures = ctx.fixedDim(x, -1, "its input's last dim");
  const p = options.prefix ? `${options.prefix}.` : "";
  const bound = 1 / Math.sqrt(inFeatures);
  const weight = ctx.param(
    `${p}weight`,
    [out, inFeatures],
    options.weightInit ?? { kind: "kaiming_uniform", attrs: { fan_in: inFeatures } },
  );
  let y = ctx.b.op1("matmul", [x, weight], { transpose_b: true });
  if (options.bias ?? true) {
    const bias = ctx.param(
      `${p}bias`,
      [out],
      options.zeroBias
        ? { kind: "zeros" }
        : { kind: "uniform", attrs: { low: -bound, high: bound } },
    );
    y = ctx.b.op1("add", [y, bias]);
  }
  return y;
}

/** An activation by name, as `dense(activation: ...)` and the activation layers take them. */
export function activation(b: GraphBuilder, x: Value, name: string): Value {
  switch (name) {
    case "none":
      return x;
    case "gelu":
      return b.op1("gelu_erf", [x]);
    case "silu":
      return b.op1("mul", [x, b.op1("sigmoid", [x])]);
    default:
      return b.op1(name, [x]);
  }
}

/** An activation by name applied to a Python expression, as PyTorch writes it. */
export function torchActivation(name: string, x: string): string {
  const call: Record<string, string> = {
    none: x,
    relu: `F.relu(${x})`,
    gelu: `F.gelu(${x})`,
    gelu_tanh: `F.gelu(${x}, approximate="tanh")`,
    tanh: `torch.tanh(${x})`,
    sigmoid: `torch.sigmoid(${x})`,
    silu: `F.silu(${x})`,
  };
  return call[name];
}

/** log-sum-exp with the maximum subtracted first, so that large logits stay finite. */
export function logSoftmax(b: GraphBuilder, x: Value, axis: number): Value {
  const max = b.op1("reduce_max", [x], { axes: [axis], keepdims: true });
  const shifted = b.op1("sub", [x, max]);
  const sum = b.op1("reduce_sum", [b.op1("exp", [shifted])], { axes: [axis], keepdims: true });
  return b.op1("sub", [shifted, b.op1("log", [sum])]);
}

export function softmax(b: GraphBuilder, x: Value, axis: number): Value {
  const max = b.op1("reduce_max", [x], { axes: [axis], keepdims: true });
  const exps = b.op1("exp", [b.op1("sub", [x, max])]);
  const sum = b.op1("reduce_sum", [exps], { axes: [axis], keepdims: true });
  return b.op1("div", [exps, sum]);
}

/**
 * Inverted dropout: in training, zero each element with probability p and
 * scale the rest by 1/(1-p). A layer with several dropouts names each `site`,
 * so that their masks differ.
 */
export function dropout(ctx: LayerContext, x: Value, p: number, site?: string): Value {
  if (!ctx.training || p === 0) return x;
  const { b } = ctx;
  const u = b.op1("random_uniform", [ctx.randomKey()], {
    seed: ctx.randomSeed(site),
    shape: x.type.shape,
  });
  const keep = b.op1("cast", [b.op1("ge", [u, scalar(b, p)])], { dtype: "f32" });
  return b.op1("mul", [b.op1("mul", [x, keep]), scalar(b, 1 / (1 - p))]);
}

/**
 * x @ weightᵀ + bias as torch.onnx.export writes nn.Linear: Gemm (transB) on a
 * matrix, MatMul by the transposed weight and Add on more dims.
 */
export function onnxLinear(
  ctx: OnnxContext,
  x: string,
  xType: TensorType,
  options: { prefix?: string; bias: boolean },
): string {
  const p = options.prefix ? `${options.prefix}.` : "";
  const full = `${ctx.name}.${p}`;
  const w = ctx.weight(`${p}weight`);
  const [out, inF] = w.shape;
  const bias = options.bias
    ? ctx.constant("f32", [out], ctx.weight(`${p}bias`).data, `${full}bias`)
    : undefined;
  if (xType.shape.length === 2) {
    const weight = ctx.constant("f32", [out, inF], w.data, `${full}weight`);
    return ctx.op("Gemm", [x, weight, ...(bias ? [bias] : [])], { transB: 1 }, options.prefix);
  }
  const transposed = new Float32Array(out * inF);
  for (let o = 0; o < out; o++)
    for (let i = 0; i < inF; i++) transposed[i * out + o] = w.data[o * inF + i];
  const weight = ctx.constant("f32", [inF, out], transposed, `${full}weight.T`);
  const y = ctx.op("MatMul", [x, weight], {}, options.prefix);
  return bias ? ctx.op("Add", [bias, y], {}, options.prefix) : y;
}

/** An activation as ONNX nodes; GELU in the decompositions torch.onnx.export writes at opset 17. */
export function onnxActivation(ctx: OnnxContext, x: string, name: string): string {
  const k = (v: number) => onnxScalar(ctx, v);
  switch (name) {
    case "none":
      return x;
    case "relu":
      return ctx.op("Relu", [x]);
    case "tanh":
      return ctx.op("Tanh", [x]);
    case "sigmoid":
      return ctx.op("Sigmoid", [x]);
    case "silu":
      return ctx.op("Mul", [x, ctx.op("Sigmoid", [x])]);
    case "gelu": {
      const erf = ctx.op("Erf", [ctx.op("Div", [x, k(Math.SQRT2)])]);
      return ctx.op("Mul", [ctx.op("Mul", [x, ctx.op("Add", [erf, k(1)])]), k(0.5)]);
    }
    case "gelu_tanh": {
      const cube = ctx.op("Mul", [x, ctx.op("Mul", [x, x])]);
      const inner = ctx.op("Add", [x, ctx.op("Mul", [k(0.044715), cube])]);
      const t = ctx.op("Tanh", [ctx.op("Mul", [k(Math.sqrt(2 / Math.PI)), inner])]);
      return ctx.op("Mul", [k(0.5), ctx.op("Mul", [x, ctx.op("Add", [k(1), t])])]);
    }
    default:
      throw new Error(`internal: no ONNX form for activation ${name}`);
  }
}

/** A scalar f32 constant. */
export function onnxScalar(ctx: OnnxContext, value: number): string {
  return ctx.constant("f32", [], [value], `${ctx.name}.const`);
}

/** The layer's inputs must broadcast together, NumPy style; a ShapeError becomes the layer's own. */
export function requireBroadcast(ctx: LayerContext, inputs: readonly Value[]): void {
  try {
    broadcastShapes(inputs.map((v) => v.type));
  } catch (e) {
    if (!(e instanceof ShapeError)) throw e;
    ctx.fail(
      `expects inputs of one shape (or shapes that broadcast), found ${inputs.map((v) => ctx.describe(v)).join(" and ")}`,
    );
  }
}
