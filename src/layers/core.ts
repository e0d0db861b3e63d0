/** Embedding, dense, dropout, layer norm, learned positions. */
import { bool, float, int, str } from "../core/signature.js";
import { py, pyFloat } from "../core/python.js";
import {
  activation,
  dropout,
  linear,
  onnxActivation,
  onnxLinear,
  scalar,
  torchActivation,
} from "./emit.js";
import type { LayerDef } from "./layer-def.js";

export const ACTIVATIONS = [
  "none",
  "relu",
  "gelu",
  "gelu_tanh",
  "tanh",
  "sigmoid",
  "silu",
] as const;

const POSITIONAL_EMBEDDING = `class PositionalEmbedding(nn.Module):
    """x + a learned vector per position: Weft's positional_embedding."""

    def __init__(self, max_len, dim):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(max_len, dim))
        nn.init.normal_(self.weight)

    def forward(self, x):
        return x + self.weight[: x.shape[1]]
`;

export const CORE_LAYERS: LayerDef[] = [
  {
    name: "embedding",
    summary: "a learned vector per token id, like torch.nn.Embedding: i32[..] → f32[.., dim]",
    torch: "nn.Embedding(vocab, dim)",
    inputs: { min: 1, max: 1 },
    args: [
      { name: "vocab", kind: "int", doc: "number of token ids (num_embeddings)" },
      { name: "dim", kind: "int", doc: "vector size (embedding_dim)" },
      {
        name: "padding_idx",
        kind: "int",
        default: int(-1),
        doc: "a token id whose row starts at 0 and gets no gradient; -1 for none (PyTorch's padding_idx = -k is vocab - k here)",
      },
    ],
    build(ctx, [tokens]) {
      ctx.requireDType(tokens, "i32", "token ids");
      const vocab = ctx.int("vocab");
      const padding = ctx.int("padding_idx");
      if (padding < -1 || padding >= vocab)
        ctx.fail(`expects padding_idx in [0, ${vocab}) or -1 for none, found ${padding}`);
      const weight = ctx.param("weight", [vocab, ctx.int("dim")], {
        kind: "normal",
        attrs: padding >= 0 ? { padding_row: padding } : {},
      });
      return [ctx.b.op1("gather", [weight, tokens], padding >= 0 ? { padding_idx: padding } : {})];
    },
    pytorch: ({ args }) => {
      const padding = args.int("padding_idx");
      const pad = padding >= 0 ? `, padding_idx=${padding}` : "";
      return {
        module: `nn.Embedding(${args.int("vocab")}, ${args.int("dim")}${pad})`,
        forward: ([tokens], m) => `${m}(${tokens}.long())`,
      };
    },
    onnx: (ctx, [tokens]) => {
      const w = ctx.weight("weight");
      return [
        ctx.op("Gather", [ctx.constant("f32", w.shape, w.data, `${ctx.name}.weight`), tokens]),
      ];
    },
  },
  {
    name: "dense",
    summary:
      "x @ weightᵀ + bias over the last axis, like torch.nn.Linear, with an optional activation",
    torch: "nn.Linear(in, units, bias)",
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
    build(ctx, [x]) {
      ctx.requireDType(x, "f32", "its input");
      const y = linear(ctx, x, ctx.int("units"), { bias: ctx.bool("bias") });
      return [activation(ctx.b, y, ctx.string("activation"))];
    },
    pytorch: ({ args, inputs: [x] }) => ({
      module: `nn.Linear(${x.shape.at(-1)}, ${args.int("units")}, bias=${py(args.bool("bias"))})`,
      forward: ([x], m) => torchActivation(args.string("activation"), `${m}(${x})`),
    }),
    onnx: (ctx, [x]) => [
      onnxActivation(
        ctx,
        onnxLinear(ctx, x, ctx.inputs[0], { bias: ctx.args.bool("bias") }),
        ctx.args.string("activation"),
      ),
    ],
  },
  {
    name: "dropout",
    summary: "zeroes each element with probability p while training and scales the rest by 1/(1-p)",
    torch: "nn.Dropout(p)",
    inputs: { min: 1, max: 1 },
    args: [
      { name: "p", kind: "float", positional: true, default: float(0.5), doc: "drop probability" },
    ],
    build(ctx, [x]) {
      const p = ctx.float("p");
      if (!(p >= 0 && p < 1)) ctx.fail(`expects a probability p in [0, 1), found ${p}`);
      return [dropout(ctx, x, p)];
    },
    pytorch: ({ args }) => ({
      forward: ([x]) => `F.dropout(${x}, ${pyFloat(args.float("p"))}, self.training)`,
    }),
    // The exported graph is the model in eval mode.
    onnx: (_ctx, [x]) => [x],
  },
  {
    name: "layer_norm",
    summary: "normalises over the last axis, like torch.nn.LayerNorm",
    torch: "nn.LayerNorm(dim, eps, elementwise_affine)",
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
    build(ctx, [x]) {
      const { b } = ctx;
      ctx.requireDType(x, "f32", "its input");
      const dim = ctx.fixedDim(x, -1, "its input's last dim");
      const axis = x.type.shape.length - 1;
      const mean = b.op1("reduce_mean", [x], { axes: [axis], keepdims: true });
      const centered = b.op1("sub", [x, mean]);
      const variance = b.op1("reduce_mean", [b.op1("mul", [centered, centered])], {
        axes: [axis],
        keepdims: true,
      });
      const inv = b.op1("rsqrt", [b.op1("add", [variance, scalar(b, ctx.float("eps"))])]);
      let y = b.op1("mul", [centered, inv]);
      if (ctx.bool("affine")) {
        y = b.op1("mul", [y, ctx.param("weight", [dim], { kind: "ones" })]);
        y = b.op1("add", [y, ctx.param("bias", [dim], { kind: "zeros" })]);
      }
      return [y];
    },
    pytorch: ({ args, inputs: [x] }) => ({
      module: `nn.LayerNorm(${x.shape.at(-1)}, eps=${pyFloat(args.float("eps"))}, elementwise_affine=${py(args.bool("affine"))})`,
      forward: ([x], m) => `${m}(${x})`,
    }),
    onnx: (ctx, [x]) => {
      const dim = ctx.inputs[0].shape.at(-1) as number;
      const affine = ctx.args.bool("affine");
      const [scale, bias] = (["weight", "bias"] as const).map((local, k) =>
        affine
          ? ctx.constant("f32", [dim], ctx.weight(local).data, `${ctx.name}.${local}`)
          : ctx.literal("f32", [dim], new Float32Array(dim).fill(1 - k)),
      );
      return [
        ctx.op("LayerNormalization", [x, scale, bias], {
          axis: -1,
          epsilon: { f: ctx.args.float("eps") },
        }),
      ];
    },
  },
  {
    name: "positional_embedding",
    summary: "adds a learned vector per position to f32[batch, seq, dim]",
    torch: "x + nn.Embedding(max_len, dim)(arange(seq))",
    inputs: { min: 1, max: 1 },
    args: [{ name: "max_len", kind: "int", doc: "the longest sequence" }],
    build(ctx, [x]) {
      const { b } = ctx;
      ctx.requireRank(x, 3, "f32[batch, seq, dim]");
      const maxLen = ctx.int("max_len");
      const seq = x.type.shape[1];
      if (typeof seq === "number" && seq > maxLen)
        ctx.fail(`expects at most max_len = ${maxLen} positions, found ${ctx.describe(x)}`);
      const dim = ctx.fixedDim(x, -1, "its input's last dim");
      const weight = ctx.param("weight", [maxLen, dim], { kind: "normal" });
      const positions = b.op1("iota", [], { shape: [seq], axis: 0 });
      return [b.op1("add", [x, b.op1("gather", [weight, positions])])];
    },
    pytorch: ({ args, inputs: [x] }) => ({
      module: `PositionalEmbedding(${args.int("max_len")}, ${x.shape.at(-1)})`,
      helpers: { PositionalEmbedding: POSITIONAL_EMBEDDING },
      forward: ([x], m) => `${m}(${x})`,
    }),
    // As PyTorch writes x + embedding(arange(seq)): a gather of the first seq rows.
    onnx: (ctx, [x]) => {
      const w = ctx.weight("weight");
      const seq = ctx.inputs[0].shape[1];
      const positions =
        typeof seq === "number"
          ? ctx.constant(
              "i64",
              [seq],
              Array.from({ length: seq }, (_, i) => i),
              `${ctx.name}.positions`,
            )
          : ctx.op("Range", [
              ctx.constant("i64", [], [0], `${ctx.name}.start`),
              ctx.op("Gather", [
                ctx.op("Shape", [x]),
                ctx.constant("i64", [], [1], `${ctx.name}.axis`),
              ]),
              ctx.constant("i64", [], [1], `${ctx.name}.delta`),
            ]);
      const table = ctx.constant("f32", w.shape, w.data, `${ctx.name}.weight`);
      return [ctx.op("Add", [x, ctx.op("Gather", [table, positions])])];
    },
  },
];
