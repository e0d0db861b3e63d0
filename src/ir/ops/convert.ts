/** Conversions between dtypes and encodings: cast and one_hot. */
import type { OpDef } from "../op-def.js";
import { alloc, mapBroadcast, NO_GRADIENT, requireDType } from "./util.js";
import { add, call, int, lit, mul, v } from "../../kernel/ir.js";
import { fillKernel, loadFrom, loopNest, lowerElementwise, offset } from "../../kernel/lowering.js";
import { toI32 } from "../../runtime/numerics.js";

export const CAST_OP: OpDef = {
  name: "cast",
  summary:
    "converts to another dtype; f32 to i32 truncates toward zero, saturates, and maps NaN to 0",
  operands: ["x"],
  attrs: { dtype: { type: "dtype", doc: "the result dtype" } },
  regions: [],
  infer({ operands: [x], attrs }) {
    return [{ dtype: attrs.dtype as "f32" | "i32", shape: x.shape }];
  },
  evaluate(args) {
    const toInt = args.results[0].dtype === "i32";
    const convert = toInt ? toI32 : (v: number) => v;
    return [mapBroadcast(alloc(args.results[0], args), args.operands, convert)];
  },
  // Only a cast from f32 to f32 passes a gradient; integers have none.
  vjp({ op, grads: [g], wants: [wanted] }) {
    return wanted && g && op.results[0].type.dtype === "f32" ? [g] : [];
  },
  // The kernel IR's cast converts as this op does; lowerElementwise casts to the result's dtype.
  lower: (ctx) => lowerElementwise(ctx, ([x]) => x),
  fusion: "elementwise",
};

export const ONE_HOT_OP: OpDef = {
  name: "one_hot",
  summary:
    "a new last axis of size depth with 1 at each index and 0 elsewhere (all 0 for an index out of range)",
  operands: ["indices"],
  attrs: {
    depth: { type: "int", doc: "the number of classes" },
    dtype: { type: "dtype", default: "f32", doc: "the result dtype" },
  },
  regions: [],
  infer({ operands: [indices], attrs }) {
    requireDType("indices", indices, ["i32"]);
    return [
      { dtype: attrs.dtype as "f32" | "i32", shape: [...indices.shape, attrs.depth as number] },
    ];
  },
  evaluate(args) {
    const [indices] = args.operands;
    const depth = args.attrs.depth as number;
    const out = alloc(args.results[0], args);
    for (let i = 0; i < indices.size; i++) {
      const k = indices.data[i];
      if (k >= 0 && k < depth) out.data[i * depth + k] = 1;
    }
    return [out];
  },
  vjp: NO_GRADIENT,
  lower(ctx) {
    const indices = ctx.operand(0);
    const out = ctx.result(0);
    const depth = int(ctx.op.attrs.depth as number);
    const one = lit(1, out.dtype);
    const k = ctx.fresh("k");
    ctx.kernel([
      ...fillKernel(ctx, out, lit(0, out.dtype)),
      ...loopNest(ctx, indices.shape, (index) => {
        const at = offset(index, indices.shape);
        return [
          { k: "let", name: k, value: loadFrom(indices, at) },
          {
            k: "if",
            cond: call("and", call("ge", v(k), int(0)), call("lt", v(k), depth)),
            then: [{ k: "store", slot: out.slot, at: add(mul(at, depth), v(k)), value: one }],
          },
        ];
      }),
    ]);
  },
  fusion: "injective",
};
