/** Elementwise binary ops with NumPy broadcasting: arithmetic and comparisons. */
import type { GraphBuilder, Value } from "../graph.js";
import type { OpDef } from "../op-def.js";
import type { DType } from "../../core/types.js";
import {
  alloc,
  broadcastResult,
  constantScalar,
  mapBroadcast,
  masked,
  NO_GRADIENT,
  requireDType,
  requireSameDType,
  unbroadcast,
} from "./util.js";
import { call, type KFn } from "../../kernel/ir.js";
import { lowerElementwise } from "../../kernel/lowering.js";

/** The cotangents of a and b at the result's shape, before they are summed back to the operands' shapes. */
type BinaryRule = (
  b: GraphBuilder,
  a: Value,
  bv: Value,
  y: Value,
  g: Value,
) => [() => Value, () => Value];

/** Each binary op lowers to the kernel function of its name (comparisons give bools, stored as 0 or 1). */
function binary(
  name: KFn,
  summary: string,
  fn: (a: number, b: number) => number,
  rule: BinaryRule | undefined,
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
    vjp: rule
      ? ({ b, op, grads: [g], wants }) => {
          if (!g) return [];
          const [a, bv] = op.operands;
          const parts = rule(b, a, bv, op.results[0], g);
          return op.operands.map((v, i) =>
            wants[i] ? unbroadcast(b, parts[i](), v.type.shape) : undefined,
          );
        }
      : NO_GRADIENT,
    lower: (ctx) => lowerElementwise(ctx, ([a, bv]) => call(name, a, bv)),
    fusion: "broadcast",
  };
}

const ANY: readonly DType[] = ["f32", "i32"];

/** Comparisons give i32 0 or 1, the form `select` takes and masks multiply with after a cast. */
function compare(name: KFn, symbol: string, fn: (a: number, b: number) => boolean): OpDef {
  return binary(
    name,
    `a ${symbol} b as i32 0 or 1`,
    (a, b) => (fn(a, b) ? 1 : 0),
    undefined,
    ANY,
    "i32",
  );
}

const mul = (b: GraphBuilder, x: Value, y: Value) => b.op1("mul", [x, y]);

export const BINARY_OPS: OpDef[] = [
  binary(
    "add",
    "a + b",
    (a, b) => a + b,
    (_b, _a, _bv, _y, g) => [() => g, () => g],
    ANY,
  ),
  binary(
    "sub",
    "a - b",
    (a, b) => a - b,
    (b, _a, _bv, _y, g) => [() => g, () => b.op1("neg", [g])],
    ANY,
  ),
  binary(
    "mul",
    "a * b (i32 wraps around)",
    (a, b) => a * b,
    (b, a, bv, _y, g) => [() => mul(b, g, bv), () => mul(b, g, a)],
    ANY,
    undefined,
    Math.imul,
  ),
  binary(
    "div",
    "a / b",
    (a, b) => a / b,
    (b, _a, bv, y, g) => [
      () => b.op1("div", [g, bv]),
      () => b.op1("neg", [b.op1("div", [mul(b, g, y), bv])]),
    ],
    ["f32"],
  ),
  binary(
    "pow",
    "a ^ b",
    Math.pow,
    (b, a, bv, y, g) => [
      () => mul(b, mul(b, g, bv), b.op1("pow", [a, b.op1("sub", [bv, constantScalar(b, 1)])])),
      () => mul(b, mul(b, g, y), b.op1("log", [a])),
    ],
    ["f32"],
  ),
  // Ties send the whole cotangent to a.
  binary(
    "max",
    "the larger of a and b; NaN if either is NaN",
    Math.max,
    (b, a, bv, _y, g) => [
      () => masked(b, g, b.op1("ge", [a, bv])),
      () => masked(b, g, b.op1("lt", [a, bv])),
    ],
    ANY,
  ),
  binary(
    "min",
    "the smaller of a and b; NaN if either is NaN",
    Math.min,
    (b, a, bv, _y, g) => [
      () => masked(b, g, b.op1("le", [a, bv])),
      () => masked(b, g, b.op1("gt", [a, bv])),
    ],
    ANY,
  ),
  compare("eq", "==", (a, b) => a === b),
  compare("ne", "!=", (a, b) => a !== b),
  compare("lt", "<", (a, b) => a < b),
  compare("le", "<=", (a, b) => a <= b),
  compare("gt", ">", (a, b) => a > b),
  compare("ge", ">=", (a, b) => a >= b),
];
