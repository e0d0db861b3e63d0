/** select: a where cond is non-zero, else b, with broadcasting. */
import type { OpDef } from "../op-def.js";
import {
  alloc,
  broadcastResult,
  constantScalar,
  mapBroadcast,
  requireDType,
  requireSameDType,
  unbroadcast,
} from "./util.js";
import { call, int, select } from "../../kernel/ir.js";
import { lowerElementwise } from "../../kernel/lowering.js";

export const SELECT_OP: OpDef = {
  name: "select",
  summary: "cond != 0 ? a : b, elementwise with broadcasting",
  operands: ["cond", "a", "b"],
  attrs: {},
  regions: [],
  infer(args) {
    const [cond, a, b] = args.operands;
    requireDType("cond", cond, ["i32"]);
    requireSameDType(a, b, "a and b");
    return broadcastResult(a.dtype, args);
  },
  evaluate(args) {
    return [
      mapBroadcast(alloc(args.results[0], args), args.operands, (c, a, b) => (c !== 0 ? a : b)),
    ];
  },
  vjp({ b, op, grads: [g], wants }) {
    if (!g) return [];
    const [cond, a, bv] = op.operands;
    const zero = constantScalar(b, 0);
    return [
      undefined,
      wants[1] ? unbroadcast(b, b.op1("select", [cond, g, zero]), a.type.shape) : undefined,
      wants[2] ? unbroadcast(b, b.op1("select", [cond, zero, g]), bv.type.shape) : undefined,
    ];
  },
  lower: (ctx) => lowerElementwise(ctx, ([c, a, b]) => select(call("ne", c, int(0)), a, b)),
  fusion: "broadcast",
};
