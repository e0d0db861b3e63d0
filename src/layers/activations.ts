/** Activation layers: elementwise functions and softmax over an axis. */
import { float, int, str, type Signature } from "../parser/signature.js";

const plain = (name: string, summary: string): Signature => ({
  name,
  summary,
  inputs: { min: 1, max: 1 },
  args: [],
});

const withAxis = (name: string, summary: string): Signature => ({
  name,
  summary,
  inputs: { min: 1, max: 1 },
  args: [
    { name: "axis", kind: "int", default: int(-1), doc: "the axis (negative counts from the end)" },
  ],
});

export const ACTIVATION_LAYERS: Signature[] = [
  plain("relu", "max(x, 0)"),
  plain("tanh", "hyperbolic tangent"),
  plain("sigmoid", "1 / (1 + e^-x)"),
  plain("silu", "x * sigmoid(x)"),
  {
    name: "leaky_relu",
    summary: "x if x > 0 else negative_slope * x",
    inputs: { min: 1, max: 1 },
    args: [{ name: "negative_slope", kind: "float", default: float(0.01), doc: "slope below 0" }],
  },
  {
    name: "gelu",
    summary: "x * Φ(x), exact (erf) or with PyTorch's tanh approximation",
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
  },
  withAxis("softmax", "e^x / sum(e^x) along an axis"),
  withAxis("log_softmax", "x - log(sum(e^x)) along an axis"),
];
