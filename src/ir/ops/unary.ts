/** Elementwise unary ops: one result of the operand's type. */
import type { GraphBuilder, Value } from "../graph.js";
import type { OpDef } from "../op-def.js";
import type { DType } from "../../core/types.js";
import { alloc, constantScalar, mapBroadcast, masked, requireDType } from "./util.js";
import { call, type KFn } from "../../kernel/ir.js";
import { lowerElementwise } from "../../kernel/lowering.js";
import { erf, geluErf, geluTanh, GELU_TANH_K, sigmoid } from "../../runtime/numerics.js";

/** dx from the operand x, the result y and the result's cotangent g. */
type UnaryRule = (b: GraphBuilder, x: Value, y: Value, g: Value) => Value;

/** Each unary op lowers to the kernel function of its name, so one lacking a kernel function fails to type-check. */
function unary(
  name: KFn,
  summary: string,
  fn: (x: number) => number,
  rule: UnaryRule,
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
    vjp({ b, op, grads: [g], wants: [wanted] }) {
      return wanted && g ? [rule(b, op.operands[0], op.results[0], g)] : [];
    },
    lower: (ctx) => lowerElementwise(ctx, ([x]) => call(name, x)),
    fusion: "elementwise",
  };
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

const mul = (b: GraphBuilder, ...xs: Value[]) =>
  xs.slice(1).reduce((acc, x) => b.op1("mul", [acc, x]), xs[0]);
const c = constantScalar;

/** d/dx x·Φ(x) = Φ(x) + x·φ(x), with Φ(x) = (1 + erf(x/√2))/2 and φ(x) = e^(-x²/2)/√(2π). */
const geluErfRule: UnaryRule = (b, x, _y, g) => {
  const cdf = mul(
    b,
    c(b, 0.5),
    b.op1("add", [c(b, 1), b.op1("erf", [mul(b, x, c(b, Math.SQRT1_2))])]),
  );
  const pdf = mul(b, c(b, 1 / Math.sqrt(2 * Math.PI)), b.op1("exp", [mul(b, x, x, c(b, -0.5))]));
  return mul(b, g, b.op1("add", [cdf, mul(b, x, pdf)]));
};

/** With t = tanh(√(2/π)(x + k x³)): d/dx = (1 + t)/2 + x (1 - t²) √(2/π) (1 + 3k x²) / 2. */
const geluTanhRule: UnaryRule = (b, x, _y, g) => {
  const x2 = mul(b, x, x);
  const u = mul(b, c(b, SQRT_2_OVER_PI), b.op1("add", [x, mul(b, c(b, GELU_TANH_K), x2, x)]));
  const t = b.op1("tanh", [u]);
  const left = mul(b, c(b, 0.5), b.op1("add", [c(b, 1), t]));
  const du = mul(
    b,
    c(b, SQRT_2_OVER_PI),
    b.op1("add", [c(b, 1), mul(b, c(b, 3 * GELU_TANH_K), x2)]),
  );
  const right = mul(b, c(b, 0.5), x, b.op1("sub", [c(b, 1), mul(b, t, t)]), du);
  return mul(b, g, b.op1("add", [left, right]));
};

export const UNARY_OPS: OpDef[] = [
  unary(
    "neg",
    "-x",
    (x) => -x,
    (b, _x, _y, g) => b.op1("neg", [g]),
    ["f32", "i32"],
  ),
  unary(
    "abs",
    "|x|",
    Math.abs,
    (b, x, _y, g) =>
      mul(
        b,
        g,
        b.op1("sub", [
          b.op1("cast", [b.op1("gt", [x, c(b, 0)])], { dtype: "f32" }),
          b.op1("cast", [b.op1("lt", [x, c(b, 0)])], { dtype: "f32" }),
        ]),
      ),
    ["f32", "i32"],
  ),
  unary("exp", "e^x", Math.exp, (b, _x, y, g) => mul(b, g, y)),
  unary("log", "natural logarithm", Math.log, (b, x, _y, g) => b.op1("div", [g, x])),
  unary("sqrt", "square root", Math.sqrt, (b, _x, y, g) => b.op1("div", [mul(b, g, c(b, 0.5)), y])),
  unary(
    "rsqrt",
    "1 / sqrt(x)",
    (x) => 1 / Math.sqrt(x),
    (b, _x, y, g) => mul(b, g, c(b, -0.5), y, y, y),
  ),
  unary(
    "reciprocal",
    "1 / x",
    (x) => 1 / x,
    (b, _x, y, g) => b.op1("neg", [mul(b, g, y, y)]),
  ),
  unary("tanh", "hyperbolic tangent", Math.tanh, (b, _x, y, g) =>
    mul(b, g, b.op1("sub", [c(b, 1), mul(b, y, y)])),
  ),
  unary("sigmoid", "1 / (1 + e^-x), computed without overflow", sigmoid, (b, _x, y, g) =>
    mul(b, g, y, b.op1("sub", [c(b, 1), y])),
  ),
  unary(
    "relu",
    "max(x, 0); NaN stays NaN",
    (x) => Math.max(x, 0),
    (b, x, _y, g) => masked(b, g, b.op1("gt", [x, c(b, 0)])),
    ["f32", "i32"],
  ),
  unary(
    "erf",
    "the error function, 2/sqrt(pi) * integral of e^(-t^2) from 0 to x",
    erf,
    (b, x, _y, g) =>
      mul(b, g, c(b, 2 / Math.sqrt(Math.PI)), b.op1("exp", [b.op1("neg", [mul(b, x, x)])])),
  ),
  unary("sin", "sine", Math.sin, (b, x, _y, g) => mul(b, g, b.op1("cos", [x]))),
  unary("cos", "cosine", Math.cos, (b, x, _y, g) => b.op1("neg", [mul(b, g, b.op1("sin", [x]))])),
  unary(
    "gelu_erf",
    "x/2 * (1 + erf(x / sqrt(2))), GELU as PyTorch's default",
    geluErf,
    geluErfRule,
  ),
  unary(
    "gelu_tanh",
    "x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))), GELU approximate='tanh'",
    geluTanh,
    geluTanhRule,
  ),
];
