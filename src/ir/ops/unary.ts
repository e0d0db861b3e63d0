/** Elementwise unary ops: one result of the operand's type. */
import type { OpDef } from "../op-def.js";
import type { DType } from "../types.js";
import { alloc, mapBroadcast, requireDType } from "./util.js";

function unary(
  name: string,
  summary: string,
  fn: (x: number) => number,
  dtypes: readonly DType[] = ["f32"],
): OpDef {
  return {
    name,
    summary,
    operands: ["x"],
    attrs: {},
    regions: [],
    infer({ operands: [x] }) {
      requireDType("operand", x, dtypes);
      return [x];
    },
    evaluate(args) {
      return [mapBroadcast(alloc(args.results[0], args), args.operands, fn)];
    },
  };
}

/**
 * erf to double precision: erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n 2^n x^(2n+1) / (2n+1)!!,
 * whose terms are all positive (no cancellation); beyond |x| = 6, erf is +-1 in double.
 */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (Number.isNaN(x)) return NaN;
  if (ax >= 6) return Math.sign(x);
  let term = ax;
  let sum = ax;
  for (let n = 1; term > sum * 1e-17; n++) {
    term *= (2 * ax * ax) / (2 * n + 1);
    sum += term;
  }
  return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * Math.exp(-ax * ax) * sum;
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

export const UNARY_OPS: OpDef[] = [
  unary("neg", "-x", (x) => -x, ["f32", "i32"]),
  unary("abs", "|x|", Math.abs, ["f32", "i32"]),
  unary("exp", "e^x", Math.exp),
  unary("log", "natural logarithm", Math.log),
  unary("sqrt", "square root", Math.sqrt),
  unary("rsqrt", "1 / sqrt(x)", (x) => 1 / Math.sqrt(x)),
  unary("reciprocal", "1 / x", (x) => 1 / x),
  unary("tanh", "hyperbolic tangent", Math.tanh),
  unary("sigmoid", "1 / (1 + e^-x), computed without overflow", (x) =>
    x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)),
  ),
  unary("relu", "max(x, 0); NaN stays NaN", (x) => Math.max(x, 0), ["f32", "i32"]),
  unary("erf", "the error function, 2/sqrt(pi) * integral of e^(-t^2) from 0 to x", erf),
  unary("sin", "sine", Math.sin),
  unary("cos", "cosine", Math.cos),
  unary(
    "gelu_erf",
    "x/2 * (1 + erf(x / sqrt(2))), GELU as PyTorch's default",
    (x) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
  ),
  unary(
    "gelu_tanh",
    "x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))), GELU approximate='tanh'",
    (x) => 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x))),
  ),
];
