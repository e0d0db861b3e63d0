/** Elementwise binary ops with NumPy broadcasting: arithmetic and comparisons. */
import type { OpDef } from "../op-def.js";
import type { DType } from "../types.js";
import { alloc, broadcastResult, mapBroadcast, requireDType, requireSameDType } from "./util.js";

function binary(
  name: string,
  summary: string,
  fn: (a: number, b: number) => number,
  dtypes: readonly DType[],
  resultDType?: DType,
  i32Fn = fn,
): OpDef {
  return {
    name,
    summary,
    operands: ["a", "b"],
    attrs: {},
    regions: [],
    infer(args) {
      const [a, b] = args.operands;
      requireDType("operand a", a, dtypes);
      requireSameDType(a, b);
      return broadcastResult(resultDType ?? a.dtype, args);
    },
    evaluate(args) {
      const f = args.operands[0].dtype === "i32" ? i32Fn : fn;
      return [mapBroadcast(alloc(args.results[0], args), args.operands, f)];
    },
  };
}

const ANY: readonly DType[] = ["f32", "i32"];

/** Comparisons give i32 0 or 1, the form `select` takes and masks multiply with after a cast. */
function compare(name: string, symbol: string, fn: (a: number, b: number) => boolean): OpDef {
  return binary(name, `a ${symbol} b as i32 0 or 1`, (a, b) => (fn(a, b) ? 1 : 0), ANY, "i32");
}

export const BINARY_OPS: OpDef[] = [
  binary("add", "a + b", (a, b) => a + b, ANY),
  binary("sub", "a - b", (a, b) => a - b, ANY),
  binary("mul", "a * b (i32 wraps around)", (a, b) => a * b, ANY, undefined, Math.imul),
  binary("div", "a / b", (a, b) => a / b, ["f32"]),
  binary("pow", "a ^ b", Math.pow, ["f32"]),
  binary("max", "the larger of a and b; NaN if either is NaN", Math.max, ANY),
  binary("min", "the smaller of a and b; NaN if either is NaN", Math.min, ANY),
  compare("eq", "==", (a, b) => a === b),
  compare("ne", "!=", (a, b) => a !== b),
  compare("lt", "<", (a, b) => a < b),
  compare("le", "<=", (a, b) => a <= b),
  compare("gt", ">", (a, b) => a > b),
  compare("ge", ">=", (a, b) => a >= b),
];
