/** Activation layers: elementwise functions and softmax over an axis. */
import { float, int, str } from "../core/signature.js";
import { pyFloat } from "../core/python.js";
import {
  activation,
  logSoftmax,
  normalizeAxis,
  onnxActivation,
  scalar,
  softmax,
  torchActivation,
} from "./emit.js";
import type { LayerDef } from "./layer-def.js";

const plain = (name: string, summary: string, torch: string): LayerDef => ({
  name,
  summary,
  torch,
  inputs: { min: 1, max: 1 },
  args: [],
  build: (ctx, [x]) => {
    ctx.requireDType(x, "f32", "its input");
    return [activation(ctx.b, x, name)];
  },
  pytorch: () => ({ forward: ([x]) => torchActivation(name, x) }),
  onnx: (ctx, [x]) => [onnxActivation(ctx, x, name)],
});

const withAxis = (
  name: string,
  summary: string,
  torch: string,
  fn: typeof softmax,
  torchFn: string,
  onnxOp: string,
): LayerDef => ({
  name,
  summary,
  torch,
  inputs: { min: 1, max: 1 },
  args: [
    { name: "axis", kind: "int", default: int(-1), doc: "the axis (negative counts from the end)" },
  ],
  build: (ctx, [x]) => {
    ctx.requireDType(x, "f32", "its input");
    return [fn(ctx.b, x, normalizeAxis(ctx, ctx.int("axis"), x.type.shape.length))];
  },
  pytorch: ({ args }) => ({ forward: ([x]) => `${torchFn}(${x}, dim=${args.int("axis")})` }),
  onnx: (ctx, [x]) => [ctx.op(onnxOp, [x], { axis: ctx.args.int("axis") })],
});

export const ACTIVATION_LAYERS: LayerDef[] = [
  plain("relu", "max(x, 0)", "nn.ReLU()"),
  plain("tanh", "hyperbolic tangent", "nn.Tanh()"),
  plain("sigmoid", "1 / (1 + e^-x)", "nn.Sigmoid()"),
  plain("silu", "x * sigmoid(x)", "nn.SiLU()"),
  {
    name: "leaky_relu",
    summary: "x if x > 0 else negative_slope * x",
    torch: "nn.LeakyReLU(negative_slope)",
    inputs: { min: 1, max: 1 },
    args: [{ name: "negative_slope", kind: "float", default: float(0.01), doc: "slope below 0" }],
    build(ctx, [x]) {
      const { b } = ctx;
      ctx.requireDType(x, "f32", "its input");
      const scaled = b.op1("mul", [x, scalar(b, ctx.float("negative_slope"))]);
      return [b.op1("select", [b.op1("gt", [x, scalar(b, 0)]), x, scaled])];
    },
    pytorch: ({ args }) => ({
      forward: ([x]) => `F.leaky_relu(${x}, ${pyFloat(args.float("negative_slope"))})`,
    }),
    onnx: (ctx, [x]) => [
      ctx.op("LeakyRelu", [x], { alpha: { f: ctx.args.float("negative_slope") } }),
    ],
  },
  {
    name: "gelu",
    summary: "x * Φ(x), exact (erf) or with PyTorch's tanh approximation",
    torch: "nn.GELU(approximate)",
    inputs: { min: 1, max: 1 },
    args: [
      {
        name: "approximate",
        kind: "string",
        values: ["none", "tanh"],
        default: str("none"),
        doc: "as torch's",
      },
    ],
    build(ctx, [x]) {
      ctx.requireDType(x, "f32", "its input");
      return [ctx.b.op1(ctx.string("approximate") === "tanh" ? "gelu_tanh" : "gelu_erf", [x])];
    },
    pytorch: ({ args }) => ({
      forward: ([x]) =>
        torchActivation(args.string("approximate") === "tanh" ? "gelu_tanh" : "gelu", x),
    }),
    onnx: (ctx, [x]) => [
      onnxActivation(ctx, x, ctx.args.string("approximate") === "tanh" ? "gelu_tanh" : "gelu"),
    ],
  },
  withAxis(
    "softmax",
    "e^x / sum(e^x) along an axis",
    "nn.Softmax(dim=axis)",
    softmax,
    "F.softmax",
    "Softmax",
  ),
  withAxis(
    "log_softmax",
    "x - log(sum(e^x)) along an axis",
    "nn.LogSoftmax(dim=axis)",
    logSoftmax,
    "F.log_softmax",
    "LogSoftmax",
  ),
];
