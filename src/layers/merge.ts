/** Layers that join values: elementwise sums and products, concatenation. */
import { int } from "../core/signature.js";
import { normalizeAxis, requireBroadcast } from "./emit.js";
import type { LayerDef } from "./layer-def.js";

const MANY = { min: 2, max: Infinity };

const elementwise = (
  name: string,
  op: string,
  summary: string,
  torch: string,
  operator: string,
  onnxOp: string,
): LayerDef => ({
  name,
  summary,
  torch,
  inputs: MANY,
  args: [],
  build(ctx, inputs) {
    requireBroadcast(ctx, inputs);
    return [inputs.slice(1).reduce((acc, v) => ctx.b.op1(op, [acc, v]), inputs[0])];
  },
  pytorch: () => ({ forward: (inputs) => inputs.join(` ${operator} `) }),
  onnx: (ctx, inputs) => [inputs.slice(1).reduce((acc, v) => ctx.op(onnxOp, [acc, v]), inputs[0])],
});

export const MERGE_LAYERS: LayerDef[] = [
  elementwise(
    "add",
    "add",
    "the elementwise sum of its inputs (residual connections)",
    "a + b",
    "+",
    "Add",
  ),
  elementwise("mul", "mul", "the elementwise product of its inputs (gating)", "a * b", "*", "Mul"),
  {
    name: "concat",
    summary: "joins its inputs along an axis",
    torch: "torch.cat(inputs, dim=axis)",
    inputs: MANY,
    args: [
      {
        name: "axis",
        kind: "int",
        default: int(-1),
        doc: "the axis (negative counts from the end)",
      },
    ],
    build(ctx, inputs) {
      const rank = inputs[0].type.shape.length;
      const axis = normalizeAxis(ctx, ctx.int("axis"), rank);
      const off = (v: (typeof inputs)[number]) => v.type.shape.filter((_, i) => i !== axis).join();
      const odd = inputs.find(
        (v) =>
          v.type.shape.length !== rank ||
          off(v) !== off(inputs[0]) ||
          v.type.dtype !== inputs[0].type.dtype,
      );
      if (odd) {
        ctx.fail(
          `expects inputs that differ only along axis ${axis}, found ${ctx.describe(inputs[0])} and ${ctx.describe(odd)}`,
        );
      }
      return [ctx.b.op1("concat", inputs, { axis })];
    },
    pytorch: ({ args }) => ({
      forward: (inputs) => `torch.cat([${inputs.join(", ")}], dim=${args.int("axis")})`,
    }),
    onnx: (ctx, inputs) => [ctx.op("Concat", inputs, { axis: ctx.args.int("axis") })],
  },
];
