/**
 * Multi-head scaled dot-product attention over f32[batch, seq, dim]: self
 * attention on one input, cross attention on (query, context). Separate q, k,
 * v and o projections (`attn.q.weight` ...), initialised as
 * torch.nn.MultiheadAttention initialises its packed in_proj (xavier uniform
 * over [3·dim, dim]) and out_proj, with zero biases.
 */
import { bool, float } from "../core/signature.js";
import { py, pyFloat } from "../core/python.js";
import { dropout, linear, onnxLinear, onnxScalar, scalar, softmax } from "./emit.js";
import type { LayerDef } from "./layer-def.js";

const ATTENTION = `class Attention(nn.Module):
    """Weft's attention: nn.MultiheadAttention with q, k and v as separate nn.Linear maps."""

    def __init__(self, dim, heads, causal=False, bias=True, dropout=0.0):
        super().__init__()
        self.heads, self.causal, self.dropout = heads, causal, dropout
        self.q, self.k, self.v, self.o = (nn.Linear(dim, dim, bias=bias) for _ in range(4))
        # As nn.MultiheadAttention initialises its packed in_proj [3·dim, dim] and out_proj.
        bound = math.sqrt(6 / (dim + 3 * dim))
        for lin in (self.q, self.k, self.v):
            nn.init.uniform_(lin.weight, -bound, bound)
        for lin in (self.q, self.k, self.v, self.o):
            if bias:
                nn.init.zeros_(lin.bias)

    def forward(self, query, context=None):
        context = query if context is None else context
        (batch, n, dim), m, h = query.shape, context.shape[1], self.heads

        def split(t, length):
            return t.reshape(batch, length, h, dim // h).transpose(1, 2)

        q, k, v = split(self.q(query), n), split(self.k(context), m), split(self.v(context), m)
        scores = (q @ k.transpose(-1, -2)) * (1 / math.sqrt(dim // h))
        if self.causal:
            later = torch.ones(n, m, dtype=torch.bool, device=scores.device).triu(1)
            scores = scores.masked_fill(later, float("-inf"))
        weights = F.dropout(scores.softmax(-1), self.dropout, self.training)
        return self.o((weights @ v).transpose(1, 2).reshape(batch, n, dim))
`;

export const ATTENTION_LAYERS: LayerDef[] = [
  {
    name: "attention",
    summary: "multi-head scaled dot-product attention with q, k, v and output projections",
    torch: "nn.MultiheadAttention(dim, heads, bias, batch_first=True)",
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
    build(ctx, [query, context = query]) {
      const { b } = ctx;
      for (const v of [query, context]) {
        ctx.requireDType(v, "f32", "its inputs");
        ctx.requireRank(v, 3, "f32[batch, seq, dim]");
      }
      const dim = ctx.fixedDim(query, -1, "its input's last dim");
      const contextDim = ctx.fixedDim(context, -1, "its context's last dim");
      if (contextDim !== dim)
        ctx.fail(`expects its context's last dim to be ${dim}, found ${ctx.describe(context)}`);
      const heads = ctx.int("heads");
      if (heads < 1 || dim % heads !== 0)
        ctx.fail(
          `expects heads (${heads}) to divide its input's last dim, found ${ctx.describe(query)}`,
        );
      const headDim = dim / heads;
      const bias = ctx.bool("bias");
      const inProj = { kind: "xavier_uniform", attrs: { fan_in: dim, fan_out: 3 * dim } };
      const project = (x: typeof query, prefix: string) =>
        linear(ctx, x, dim, { bias, prefix, weightInit: inProj, zeroBias: true });
      const [batch, queryLen] = query.type.shape;
      const contextLen = context.type.shape[1];
      const splitHeads = (x: typeof query, len: typeof queryLen) =>
        b.op1("transpose", [b.op1("reshape", [x], { shape: [batch, len, heads, headDim] })], {
          perm: [0, 2, 1, 3],
        });
      const q = splitHeads(project(query, "q"), queryLen);
      const k = splitHeads(project(context, "k"), contextLen);
      const v = splitHeads(project(context, "v"), contextLen);
      let scores = b.op1("mul", [
        b.op1("matmul", [q, k], { transpose_b: true }),
        scalar(b, 1 / Math.sqrt(headDim)),
      ]);
      if (ctx.bool("causal")) {
        const rows = b.op1("iota", [], { shape: [queryLen, contextLen], axis: 0 });
        const cols = b.op1("iota", [], { shape: [queryLen, contextLen], axis: 1 });
        scores = b.op1("select", [b.op1("ge", [rows, cols]), scores, scalar(b, -Infinity)]);
      }
      const weights = dropout(ctx, softmax(b, scores, 3), ctx.float("dropout"));
      const merged = b.op1(
        "reshape",
        [b.op1("transpose", [b.op1("matmul", [weights, v])], { perm: [0, 2, 1, 3] })],
        {
          shape: [batch, queryLen, dim],
        },
      );
      return [linear(ctx, merged, dim, { bias, prefix: "o", zeroBias: true })];
    },
    pytorch: ({ args, inputs: [x] }) => ({
      module: `Attention(${x.shape.at(-1)}, ${args.int("heads")}, causal=${py(args.bool("causal"))}, bias=${py(args.bool("bias"))}, dropout=${pyFloat(args.float("dropout"))})`,
      helpers: { Attention: ATTENTION },
      forward: (inputs, m) => `${m}(${inputs.join(", ")})`,
    }),
    // Written out as PyTorch's Attention above exports: projections, heads split by
    // reshape and transpose, scaled scores, the causal mask by Where, softmax.
    onnx: (ctx, [query, context = query]) => {
      const [qType, cType = qType] = ctx.inputs;
      const [, n, dim] = qType.shape;
      const m = cType.shape[1];
      const heads = ctx.args.int("heads");
      const headDim = (dim as number) / heads;
      const bias = ctx.args.bool("bias");
      const split = (x: string, type: typeof qType, prefix: string) => {
        const projected = onnxLinear(ctx, x, type, { prefix, bias });
        const shape = ctx.shape(
          { value: projected, type },
          [type.shape[0], type.shape[1], heads, headDim],
          0,
        );
        return ctx.op("Reshape", [projected, shape]);
      };
      const q = ctx.op("Transpose", [split(query, qType, "q")], { perm: [0, 2, 1, 3] });
      const k = ctx.op("Transpose", [split(context, cType, "k")], { perm: [0, 2, 3, 1] });
      const v = ctx.op("Transpose", [split(context, cType, "v")], { perm: [0, 2, 1, 3] });
      let scores = ctx.op("Mul", [
        ctx.op("MatMul", [q, k]),
        onnxScalar(ctx, 1 / Math.sqrt(headDim)),
      ]);
      if (ctx.args.bool("causal")) {
        // A fixed length's mask is a constant; a symbolic one's is computed from the lengths.
        const i64 = (v: number, what: string) =>
          ctx.constant("i64", [], [v], `${ctx.name}.${what}`);
        const positions = (x: string, length: typeof n, axis: number) =>
          ctx.op("Unsqueeze", [
            typeof length === "number"
              ? ctx.constant(
                  "i64",
                  [length],
                  Array.from({ length }, (_, i) => i),
                  `${ctx.name}.positions`,
                )
              : ctx.op("Range", [
                  i64(0, "start"),
                  ctx.op("Gather", [ctx.op("Shape", [x]), i64(1, "axis")]),
                  i64(1, "delta"),
                ]),
            ctx.constant("i64", [1], [axis], `${ctx.name}.axes`),
          ]);
        const mask =
          typeof n === "number" && typeof m === "number"
            ? ctx.constant(
                "bool",
                [n, m],
                Array.from({ length: n * m }, (_, i) => (i % m > Math.floor(i / m) ? 1 : 0)),
                `${ctx.name}.mask`,
              )
            : ctx.op("Greater", [positions(context, m, 0), positions(query, n, 1)]);
        scores = ctx.op("Where", [mask, onnxScalar(ctx, -Infinity), scores]);
      }
      const weights = ctx.op("Softmax", [scores], { axis: -1 });
      const merged = ctx.op("Transpose", [ctx.op("MatMul", [weights, v])], { perm: [0, 2, 1, 3] });
      const mergedType = { dtype: "f32" as const, shape: [qType.shape[0], n, heads, headDim] };
      const flat = ctx.op("Reshape", [
        merged,
        ctx.shape({ value: merged, type: mergedType }, qType.shape, 0),
      ]);
      return [onnxLinear(ctx, flat, qType, { prefix: "o", bias })];
    },
  },
];
