/** Multi-head attention: self-attention on one input, cross-attention on (query, context). */
import { bool, float, type Signature } from "../parser/signature.js";

export const ATTENTION_LAYERS: Signature[] = [
  {
    name: "attention",
    summary: "multi-head scaled dot-product attention with q, k, v and output projections",
    inputs: { min: 1, max: 2 },
    args: [
      {
        name: "heads",
        kind: "int",
        positional: true,
        doc: "number of heads; must divide the model dim",
      },
      { name: "causal", kind: "bool", default: bool(false), doc: "mask out later positions" },
      { name: "bias", kind: "bool", default: bool(true), doc: "biases on the projections" },
      {
        name: "dropout",
        kind: "float",
        default: float(0),
        doc: "dropout on the attention weights while training",
      },
    ],
  },
];
