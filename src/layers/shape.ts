/** Layers that rearrange: reshape, flatten, transpose. */
import { dimDiv, dimProduct, makeDim, type Dim } from "../core/types.js";
import { int } from "../core/signature.js";
import { normalizeAxis } from "./emit.js";
import type { LayerDef, OnnxContext } from "./layer-def.js";

export const SHAPE_LAYERS: LayerDef[] = [
  {
    name: "reshape",
    summary: "the same elements under a new shape (symbolic dims by name, -1 for one inferred dim)",
    torch: "x.reshape(shape)",
    inputs: { min: 1, max: 1 },
    args: [{ name: "shape", kind: "shape", positional: true, doc: "the new shape" }],
    build(ctx, [x]) {
      const requested = ctx.shape("shape");
      const total = dimProduct(x.type.shape);
      const known: Dim[] = requested.filter((d) => d !== -1).map((d) => makeDim([d]));
      const inferred = requested.filter((d) => d === -1).length;
      const rest = inferred === 1 ? dimDiv(total, dimProduct(known)) : undefined;
      const shape = requested.map((d) => (d === -1 ? rest! : makeDim([d])));
      if (
        inferred > 1 ||
        (inferred === 1 && rest === undefined) ||
        (inferred === 0 && dimProduct(shape) !== total)
      ) {
        ctx.fail(
          `expects a shape with as many elements as its input, ${ctx.describe(x)}, found [${requested.join(", ")}]`,
        );
      }
      return [ctx.b.op1("reshape", [x], { shape })];
    },
    pytorch: ({ inputs: [from], outputs: [to] }) => ({
      // A symbolic dim is read off the input where it has one; the one left is -1.
      forward: ([x]) => {
        const dims = to.shape.map((d) => {
          if (typeof d === "number") return String(d);
          const at = from.shape.indexOf(d);
          return at >= 0 ? `${x}.shape[${at}]` : "-1";
        });
        return `${x}.reshape(${dims.join(", ")})`;
      },
    }),
    onnx: reshapeOnnx,
  },
  {
    name: "flatten",
    summary: "merges the axes from start_axis on into one",
    torch: "torch.flatten(x, start_dim)",
    inputs: { min: 1, max: 1 },
    args: [{ name: "start_axis", kind: "int", default: int(1), doc: "the first axis merged" }],
    build(ctx, [x]) {
      const axis = normalizeAxis(ctx, ctx.int("start_axis"), x.type.shape.length);
      const shape = [...x.type.shape.slice(0, axis), dimProduct(x.type.shape.slice(axis))];
      return [ctx.b.op1("reshape", [x], { shape })];
    },
    pytorch: ({ args }) => ({
      forward: ([x]) => `torch.flatten(${x}, ${args.int("start_axis")})`,
    }),
    onnx: reshapeOnnx,
  },
  {
    name: "transpose",
    summary: "permutes the axes",
    torch: "x.permute(perm)",
    inputs: { min: 1, max: 1 },
    args: [
      { name: "perm", kind: "ints", positional: true, doc: "result axis i is input axis perm[i]" },
    ],
    build(ctx, [x]) {
      const perm = ctx.ints("perm");
      const rank = x.type.shape.length;
      if ([...perm].sort((a, b) => a - b).join() !== [...Array(rank).keys()].join()) {
        ctx.fail(
          `expects a permutation of its input's ${rank} axes, found [${perm.join(", ")}] for ${ctx.describe(x)}`,
        );
      }
      return [ctx.b.op1("transpose", [x], { perm })];
    },
    pytorch: ({ args }) => ({
      forward: ([x]) => `${x}.permute(${(args.items("perm") as number[]).join(", ")})`,
    }),
    onnx: (ctx, [x]) => [ctx.op("Transpose", [x], { perm: ctx.args.numbers("perm") })],
  },
];

/** A Reshape to the layer's output shape, symbolic dims kept by ONNX's 0 where they stay in place. */
function reshapeOnnx(ctx: OnnxContext, [x]: readonly string[]): string[] {
  const to = ctx.outputs[0].shape;
  return [ctx.op("Reshape", [x, ctx.shape({ value: x, type: ctx.inputs[0] }, to, 0)])];
}
