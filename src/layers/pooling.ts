/** Reductions over a sequence axis: mean, max, the last step, and a mean that skips padding. */
import { int } from "../core/signature.js";
import { normalizeAxis, onnxScalar, scalar } from "./emit.js";
import type { LayerDef } from "./layer-def.js";

const axisArg = {
  name: "axis",
  kind: "int",
  default: int(1),
  doc: "the axis to pool (negative counts from the end)",
} as const;

const reduce = (
  name: string,
  op: string,
  summary: string,
  torch: string,
  torchMethod: string,
  onnxOp: string,
): LayerDef => ({
  name,
  summary,
  torch,
  inputs: { min: 1, max: 1 },
  args: [axisArg],
  build: (ctx, [x]) => [
    ctx.b.op1(op, [x], { axes: [normalizeAxis(ctx, ctx.int("axis"), x.type.shape.length)] }),
  ],
  pytorch: ({ args }) => ({ forward: ([x]) => `${x}.${torchMethod}(dim=${args.int("axis")})` }),
  onnx: (ctx, [x]) => [ctx.op(onnxOp, [x], { axes: [ctx.args.int("axis")], keepdims: 0 })],
});

const MASKED_MEAN = `def masked_mean(x, mask, axis):
    """The mean along axis over the positions where mask is 1: Weft's masked_mean."""
    m = mask.to(x.dtype).unsqueeze(-1)
    return (x * m).sum(axis) / m.sum(axis).clamp(min=1)
`;

export const POOLING_LAYERS: LayerDef[] = [
  reduce("mean", "reduce_mean", "the mean along an axis", "x.mean(dim=axis)", "mean", "ReduceMean"),
  reduce("max", "reduce_max", "the maximum along an axis", "x.amax(dim=axis)", "amax", "ReduceMax"),
  {
    name: "last",
    summary: "the last element along an axis",
    torch: "x.select(axis, -1)",
    inputs: { min: 1, max: 1 },
    args: [axisArg],
    build(ctx, [x]) {
      // The axis may be symbolic, so the last index is found as the largest iota rather than sliced.
      const { b } = ctx;
      const axis = normalizeAxis(ctx, ctx.int("axis"), x.type.shape.length);
      const index = b.op1("iota", [], { shape: x.type.shape, axis });
      const last = b.op1("reduce_max", [index], { axes: [axis], keepdims: true });
      const mask = b.op1("cast", [b.op1("eq", [index, last])], { dtype: x.type.dtype });
      return [b.op1("reduce_sum", [b.op1("mul", [x, mask])], { axes: [axis] })];
    },
    pytorch: ({ args }) => ({ forward: ([x]) => `${x}.select(${args.int("axis")}, -1)` }),
    onnx: (ctx, [x]) => [
      ctx.op("Gather", [x, ctx.constant("i64", [], [-1], `${ctx.name}.index`)], {
        axis: ctx.args.int("axis"),
      }),
    ],
  },
  {
    name: "masked_mean",
    summary:
      "the mean along an axis over the positions where the mask (second input, 1 or 0, x's shape less its last dim) is 1",
    torch: "(x * mask[..., None]).sum(axis) / mask.sum(axis, keepdim=True).clamp(min=1)",
    inputs: { min: 2, max: 2 },
    args: [axisArg],
    build(ctx, [x, mask]) {
      const { b } = ctx;
      const rank = x.type.shape.length;
      const axis = normalizeAxis(ctx, ctx.int("axis"), rank);
      const want = x.type.shape.slice(0, -1);
      if (axis === rank - 1 || mask.type.shape.join() !== want.join()) {
        ctx.fail(
          `expects a mask of shape [${want.join(", ")}] over an axis before the last, found ${ctx.describe(mask)}`,
        );
      }
      const m = b.op1("reshape", [b.op1("cast", [mask], { dtype: "f32" })], {
        shape: [...want, 1],
      });
      const total = b.op1("reduce_sum", [b.op1("mul", [x, m])], { axes: [axis] });
      const count = b.op1("max", [b.op1("reduce_sum", [m], { axes: [axis] }), scalar(b, 1)]);
      return [b.op1("div", [total, count])];
    },
    pytorch: ({ args }) => ({
      helpers: { masked_mean: MASKED_MEAN },
      forward: ([x, mask]) => `masked_mean(${x}, ${mask}, ${args.int("axis")})`,
    }),
    onnx: (ctx, [x, mask]) => {
      const axes = ctx.constant("i64", [1], [ctx.args.int("axis")], `${ctx.name}.axes`);
      const last = ctx.constant("i64", [1], [-1], `${ctx.name}.axes`);
      const m = ctx.op("Unsqueeze", [ctx.op("Cast", [mask], { to: 1 }), last]);
      const total = ctx.op("ReduceSum", [ctx.op("Mul", [x, m]), axes], { keepdims: 0 });
      const count = ctx.op("Max", [
        ctx.op("ReduceSum", [m, axes], { keepdims: 0 }),
        onnxScalar(ctx, 1),
      ]);
      return [ctx.op("Div", [total, count])];
    },
  },
];
