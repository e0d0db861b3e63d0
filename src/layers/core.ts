/** Embedding, dense, dropout, layer norm, learned positions. */
import { bool, float, str, type Signature } from "../parser/signature.js";

export const ACTIVATIONS = [
  "none",
  "relu",
  "gelu",
  "gelu_tanh",
  "tanh",
  "sigmoid",
  "silu",
] as const;

export const CORE_LAYERS: Signature[] = [
  {
    name: "embedding",
    summary: "a learned vector per token id, like torch.nn.Embedding: i32[..] → f32[.., dim]",
    inputs: { min: 1, max: 1 },
    args: [
      { name: "vocab", kind: "int", doc: "number of token ids (num_embeddings)" },
      { name: "dim", kind: "int", doc: "vector size (embedding_dim)" },
    ],
  },
  {
    name: "dense",
    summary:
      "x @ weightᵀ + bias over the last axis, like torch.nn.Linear, with an optional activation",
    inputs: { min: 1, max: 1 },
    args: [
      { name: "units", kind: "int", positional: true, doc: "output features (out_features)" },
      {
        name: "activation",
        kind: "string",
        values: ACTIVATIONS,
        default: str("none"),
        doc: "applied to the result",
      },
      { name: "bias", kind: "bool", default: bool(true), doc: "add a learned bias" },
    ],
  },
  {
    name: "dropout",
    summary: "zeroes each element with probability p while training and scales the rest by 1/(1-p)",
    inputs: { min: 1, max: 1 },
    args: [
      { name: "p", kind: "float", positional: true, default: float(0.5), doc: "drop probability" },
    ],
  },
  {
    name: "layer_norm",
    summary: "normalises over the last axis, like torch.nn.LayerNorm",
    inputs: { min: 1, max: 1 },
    args: [
      { name: "eps", kind: "float", default: float(1e-5), doc: "added to the variance" },
      {
        name: "affine",
        kind: "bool",
        default: bool(true),
        doc: "learned weight and bias (elementwise_affine)",
      },
    ],
  },
  {
    name: "positional_embedding",
    summary: "adds a learned vector per position to f32[batch, seq, dim]",
    inputs: { min: 1, max: 1 },
    args: [{ name: "max_len", kind: "int", doc: "the longest sequence" }],
  },
];
