/** select: a where cond is non-zero, else b, with broadcasting. */
import type { OpDef } from "../op-def.js";
import { alloc, broadcastResult, mapBroadcast, requireDType, requireSameDType } from "./util.js";

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
};
