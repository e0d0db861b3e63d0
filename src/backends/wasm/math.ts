/**
 * Math functions on f32x4 lanes, built into the module for the vector loops:
 * exp, log, tanh, sigmoid, erf, both GELUs, sin, cos and pow, which
 * WebAssembly has no instruction for (the scalar code calls the runtime's
 * double-precision functions instead). Each is printed inline where a
 * kernel uses it, so a package carries only the ones its model needs.
 *
 * The methods are the classic float32 ones (Cody–Waite range reduction and
 * minimax polynomials as in Cephes, erfc by Numerical Recipes' Chebyshev
 * fit): exp as p(r)·2ⁿ with r = x − n·ln 2 split in two parts, 2ⁿ applied as
 * two powers so results down to the subnormals and up to the overflow to
 * infinity stay exact in range; log from the mantissa in [√½, √2) and the
 * exponent, subnormals scaled first; tanh by a polynomial below 0.625 and
 * 1 − 2/(e^{2|x|} + 1) above; sigmoid as 1/(1 + e^{−x}); erf by its Taylor
 * series below 0.5 and 1 − erfc above; GELU (erf) as ½x·erfc(−x/√2) and
 * GELU (tanh) as x·sigmoid(2u), so neither cancels for negative x; sin and
 * cos by Cephes's reduction and polynomials, pow as exp(y·ln x); where
 * those do not hold (|x| past 8192; for pow x ≤ 0, non-finite operands or
 * a large y·ln x), a group of four takes the scalar function lane by lane. NaN, ±0
 * and ±∞ give what the scalar functions give. test/backends/wasm-math.test.ts
 * sweeps each over its range and states the largest error in float32 ulps.
 */
import type Binaryen from "binaryen";
import type { KFn } from "../../kernel/ir.js";
import { GELU_TANH_K } from "../../runtime/numerics.js";
import { ERFC_POLY, ERF_POLY, TANH_POLY } from "../../kernel/approximations.js";

type Ref = Binaryen.ExpressionRef;
type M = Binaryen.Module;

export type VectorMathFn =
  "exp" | "log" | "tanh" | "sigmoid" | "erf" | "gelu_erf" | "gelu_tanh" | "sin" | "cos" | "pow";

const FNS: readonly VectorMathFn[] = [
  "exp",
  "log",
  "tanh",
  "sigmoid",
  "erf",
  "gelu_erf",
  "gelu_tanh",
  "sin",
  "cos",
  "pow",
];

export const isVectorMath = (fn: KFn): fn is VectorMathFn =>
  (FNS as readonly string[]).includes(fn);

/** Where a function's locals come from: the function being printed. */
export type Temp = (type: Binaryen.Type) => number;

/** The vector math functions, printed where kernels use them. */
export class VectorMath {
  constructor(
    private readonly m: M,
    private readonly types: { readonly v128: Binaryen.Type; readonly f64: Binaryen.Type },
  ) {}

  /**
   * fn of the operands, as an expression inline in the function whose locals
   * `temp` allocates. A call would cost more: V8 keeps no v128 register
   * across one, so the caller's vectors would be saved and restored around
   * every group of four.
   */
  call(fn: VectorMathFn | "erfc", args: readonly Ref[], temp: Temp): Ref {
    return BODIES[fn](new Body(this.m, this.types, this, args, temp));
  }
}

/** A function body printed inline: its operands held in locals, more added as needed. */
class Body {
  private readonly v128: Binaryen.Type;
  private readonly f64: Binaryen.Type;
  private readonly operands: number[];
  private readonly sets: Ref[];

  constructor(
    readonly m: M,
    types: { readonly v128: Binaryen.Type; readonly f64: Binaryen.Type },
    private readonly math: VectorMath,
    args: readonly Ref[],
    private readonly temp: Temp,
  ) {
    this.v128 = types.v128;
    this.f64 = types.f64;
    this.operands = args.map(() => temp(this.v128));
    this.sets = args.map((a, i) => m.local.set(this.operands[i], a));
  }

  /** The (first) operand. */
  x(): Ref {
    return this.m.local.get(this.operands[0], this.v128);
  }

  /** The second operand. */
  y(): Ref {
    return this.m.local.get(this.operands[1], this.v128);
  }

  /** Another of the functions, inline here. */
  call(fn: VectorMathFn | "erfc", ...args: Ref[]): Ref {
    return this.math.call(fn, args, this.temp);
  }

  /** A value computed once: the setting is kept for `done`, the getter returned. */
  let(value: Ref): () => Ref {
    const index = this.temp(this.v128);
    this.sets.push(this.m.local.set(index, value));
    return () => this.m.local.get(index, this.v128);
  }

  /** The body: every `let` in order, then the result. */
  done(result: Ref): Ref {
    return this.m.block(null, [...this.sets, result], this.v128);
  }

  f(c: number): Ref {
    return this.m.f32x4.splat(this.m.f32.const(c));
  }

  i(c: number): Ref {
    return this.m.i32x4.splat(this.m.i32.const(c));
  }

  add = (a: Ref, b: Ref) => this.m.f32x4.add(a, b);
  sub = (a: Ref, b: Ref) => this.m.f32x4.sub(a, b);
  mul = (a: Ref, b: Ref) => this.m.f32x4.mul(a, b);
  div = (a: Ref, b: Ref) => this.m.f32x4.div(a, b);

  /** c₀·xⁿ + c₁·xⁿ⁻¹ + … + cₙ by Horner's rule. */
  poly(x: () => Ref, coefficients: readonly number[]): Ref {
    let acc = this.f(coefficients[0]);
    for (const c of coefficients.slice(1)) acc = this.add(this.mul(acc, x()), this.f(c));
    return acc;
  }

  /** a where the mask is set, else b. */
  pick(mask: Ref, a: Ref, b: Ref): Ref {
    return this.m.v128.bitselect(a, b, mask);
  }

  /**
   * The runtime's double-precision function (the scalar code's) applied to
   * each lane of the parameters: the exact result where the fast path does
   * not hold.
   */
  byLane(fn: "sin" | "cos" | "pow"): Ref {
    const { m, f64 } = this;
    const lane = (l: number) =>
      m.f32.demote(
        m.call(
          `math.${fn}`,
          this.operands.map((p) =>
            m.f64.promote(m.f32x4.extract_lane(m.local.get(p, this.v128), l as unknown as Ref)),
          ),
          f64,
        ),
      );
    let out = m.f32x4.splat(lane(0));
    for (let l = 1; l < 4; l++) out = m.f32x4.replace_lane(out, l as unknown as Ref, lane(l));
    return out;
  }

  /** `fast` unless a lane of `mask` is set, then `byLane(fn)` for all four. */
  unless(mask: Ref, fn: "sin" | "cos" | "pow", fast: Ref): Ref {
    return this.m.if(this.m.v128.any_true(mask), this.byLane(fn), fast);
  }

  /** |value| with the sign of `sign`. */
  withSign(value: Ref, sign: Ref): Ref {
    return this.m.v128.bitselect(sign, value, this.i(0x80000000 | 0));
  }
}

const LOG2E = 1.4426950408889634;
/** 1.5·2²³: a float32 in [2²³, 2²⁴) has no fraction bits, so adding it rounds to an integer. */
const ROUNDER = 12582912;
/** ROUNDER's bits: a rounded sum's bits less these are the integer (|n| < 2²²). */
const ROUNDER_BITS = 0x4b400000;
const LN2_HI = 0.693359375;
const LN2_LO = -2.1219444e-4;
const SQRT_HALF = 0.7071067811865476;

const EXP_POLY = [
  1.98756915e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1,
  5.0000001201e-1,
];
const LOG_POLY = [
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1,
  -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
];
/** π/4 in three parts, the first two with few enough bits that j·part is exact for j < 2¹³ (Cephes). */
const PIO4 = [0.78515625, 2.4187564849853515625e-4, 3.77489497744594108e-8];
/** Beyond this |x| the three parts no longer reduce exactly; those lanes take the scalar function. */
const TRIG_LIMIT = 8192;
const SIN_POLY = [-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1];
const COS_POLY = [2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2];
/**
 * pow as exp(y·ln x) holds where x is positive and finite and |y·ln x| ≤
 * this: float32 rounding of y·ln x grows the error with it (about
 * |y·ln x|·1.2e-7 relative); other lanes take the scalar function.
 */
const POW_LIMIT = 16;

/**
 * sin or cos of |x| reduced to r in [−π/4, π/4] about the even multiple j of
 * π/4 nearest |x|·4/π (rounded up): sin(r) or cos(r) by Cephes's
 * polynomials, chosen and signed by j's bits 1 and 2.
 */
function trig(f: Body, which: "sin" | "cos"): Ref {
  const { m } = f;
  const ax = f.let(m.f32x4.abs(f.x()));
  const j = f.let(
    m.v128.and(
      m.i32x4.add(m.i32x4.trunc_sat_f32x4_s(f.mul(ax(), f.f(4 / Math.PI))), f.i(1)),
      f.i(~1),
    ),
  );
  const y = f.let(m.f32x4.convert_i32x4_s(j()));
  const r = f.let(
    f.sub(
      f.sub(f.sub(ax(), f.mul(y(), f.f(PIO4[0]))), f.mul(y(), f.f(PIO4[1]))),
      f.mul(y(), f.f(PIO4[2])),
    ),
  );
  const z = f.let(f.mul(r(), r()));
  const sinR = f.add(f.mul(f.mul(f.poly(z, SIN_POLY), z()), r()), r());
  const cosR = f.add(
    f.sub(f.mul(f.mul(f.poly(z, COS_POLY), z()), z()), f.mul(z(), f.f(0.5))),
    f.f(1),
  );
  // j's bit 1: the other polynomial; the sign flips with bit 2 (and, for cos, bit 1 too; for sin, x's).
  const bit = (b: number) => m.i32x4.ne(m.v128.and(j(), f.i(b)), f.i(0));
  const other = f.let(bit(2));
  const value = which === "sin" ? f.pick(other(), cosR, sinR) : f.pick(other(), sinR, cosR);
  const flip = which === "sin" ? bit(4) : m.v128.xor(bit(4), other());
  let sign = m.v128.and(flip, f.i(0x80000000 | 0));
  if (which === "sin") sign = m.v128.xor(sign, m.v128.and(f.x(), f.i(0x80000000 | 0)));
  const fast = m.v128.xor(value, sign);
  return f.done(f.unless(m.f32x4.gt(ax(), f.f(TRIG_LIMIT)), which, fast));
}

/** 2^k for integer lanes k in [−126, 127], as floats. */
const pow2 = (f: Body, k: Ref) => f.m.i32x4.shl(f.m.i32x4.add(k, f.i(127)), f.m.i32.const(23));

const BODIES: Record<VectorMathFn | "erfc", (f: Body) => Ref> = {
  sin: (f) => trig(f, "sin"),
  cos: (f) => trig(f, "cos"),
  pow(f) {
    const { m } = f;
    const t = f.let(f.mul(f.y(), f.call("log", f.x())));
    // Lanes off the fast path: x not positive and finite (NaN included), |y·ln x| past the limit.
    const off = m.v128.or(
      m.v128.not(m.v128.and(m.f32x4.gt(f.x(), f.f(0)), m.f32x4.lt(f.x(), f.f(Infinity)))),
      m.v128.not(m.f32x4.le(m.f32x4.abs(t()), f.f(POW_LIMIT))),
    );
    return f.done(f.unless(off, "pow", f.call("exp", t())));
  },
  exp(f) {
    const { m } = f;
    // pmin and pmax are one instruction each where min and max, with their NaN and −0 rules,
    // are several; a NaN passes through them (pmin(NaN, c) is NaN) and comes out NaN.
    const x = f.let(m.f32x4.pmax(m.f32x4.pmin(f.x(), f.f(89)), f.f(-104)));
    // n = x·log2(e) rounded to the nearest integer by adding 1.5·2²³, whose low bits are then n:
    // two additions where nearest and a saturating conversion cost more.
    const shifted = f.let(f.add(f.mul(x(), f.f(LOG2E)), f.f(ROUNDER)));
    const n = f.let(f.sub(shifted(), f.f(ROUNDER)));
    const r = f.let(f.sub(f.sub(x(), f.mul(n(), f.f(LN2_HI))), f.mul(n(), f.f(LN2_LO))));
    const p = f.add(f.add(f.mul(f.poly(r, EXP_POLY), f.mul(r(), r())), r()), f.f(1));
    const k = f.let(m.i32x4.sub(shifted(), f.i(ROUNDER_BITS)));
    const half = f.let(m.i32x4.shr_s(k(), m.i32.const(1)));
    return f.done(f.mul(f.mul(p, pow2(f, half())), pow2(f, m.i32x4.sub(k(), half()))));
  },
  log(f) {
    const { m } = f;
    // Subnormals scaled by 2²³ first, their exponent lowered to match.
    const subnormal = f.let(m.f32x4.lt(f.x(), f.f(1.17549435e-38)));
    const bits = f.let(f.pick(subnormal(), f.mul(f.x(), f.f(8388608)), f.x()));
    const lowered = m.v128.and(subnormal(), f.i(23));
    // x = mantissa · 2^e with the mantissa in [0.5, 1), then moved to [√½, √2).
    const e0 = m.i32x4.sub(m.i32x4.sub(m.i32x4.shr_u(bits(), m.i32.const(23)), f.i(126)), lowered);
    const mantissa = f.let(m.v128.or(m.v128.and(bits(), f.i(0x007fffff)), f.i(0x3f000000)));
    const below = f.let(m.f32x4.lt(mantissa(), f.f(SQRT_HALF)));
    const e = f.let(m.f32x4.convert_i32x4_s(m.i32x4.add(e0, below())));
    const z = f.let(f.sub(f.pick(below(), f.add(mantissa(), mantissa()), mantissa()), f.f(1)));
    const z2 = f.let(f.mul(z(), z()));
    let y = f.mul(f.mul(f.poly(z, LOG_POLY), z()), z2());
    y = f.add(y, f.mul(e(), f.f(LN2_LO)));
    y = f.sub(y, f.mul(z2(), f.f(0.5)));
    let r = f.add(f.add(z(), y), f.mul(e(), f.f(LN2_HI)));
    r = f.pick(m.f32x4.eq(f.x(), f.f(0)), f.f(-Infinity), r);
    r = f.pick(m.f32x4.eq(f.x(), f.f(Infinity)), f.f(Infinity), r);
    // Negative numbers and NaN give NaN.
    return f.done(f.pick(m.v128.not(m.f32x4.ge(f.x(), f.f(0))), f.f(NaN), r));
  },
  tanh(f) {
    const { m } = f;
    const ax = f.let(m.f32x4.abs(f.x()));
    const e = f.call("exp", f.add(ax(), ax()));
    const large = f.withSign(f.sub(f.f(1), f.div(f.f(2), f.add(e, f.f(1)))), f.x());
    const z = f.let(f.mul(f.x(), f.x()));
    const small = f.add(f.mul(f.mul(f.poly(z, TANH_POLY), z()), f.x()), f.x());
    return f.done(f.pick(m.f32x4.lt(ax(), f.f(0.625)), small, large));
  },
  sigmoid(f) {
    const e = f.call("exp", f.m.f32x4.neg(f.x()));
    return f.done(f.div(f.f(1), f.add(f.f(1), e)));
  },
  /** erfc for any argument: the fit for |u|, 2 − that for negative u. */
  erfc(f) {
    const { m } = f;
    const a = f.let(m.f32x4.abs(f.x()));
    const t = f.let(f.div(f.f(1), f.add(f.f(1), f.mul(a(), f.f(0.5)))));
    const exponent = f.sub(f.poly(t, ERFC_POLY), f.mul(a(), a()));
    const y = f.let(f.mul(t(), f.call("exp", exponent)));
    return f.done(f.pick(m.f32x4.lt(f.x(), f.f(0)), f.sub(f.f(2), y()), y()));
  },
  erf(f) {
    const { m } = f;
    const ax = f.let(m.f32x4.abs(f.x()));
    const z = f.let(f.mul(f.x(), f.x()));
    const small = f.mul(f.poly(z, ERF_POLY), f.x());
    const large = f.withSign(f.sub(f.f(1), f.call("erfc", ax())), f.x());
    return f.done(f.pick(m.f32x4.lt(ax(), f.f(0.5)), small, large));
  },
  gelu_erf(f) {
    const erfc = f.call("erfc", f.mul(f.x(), f.f(-Math.SQRT1_2)));
    return f.done(f.mul(f.mul(f.x(), f.f(0.5)), erfc));
  },
  gelu_tanh(f) {
    // ½x(1 + tanh u) = x·sigmoid(2u), u = √(2/π)(x + k·x³).
    const cube = f.mul(f.mul(f.x(), f.x()), f.x());
    const u = f.mul(f.add(f.x(), f.mul(cube, f.f(GELU_TANH_K))), f.f(2 * Math.sqrt(2 / Math.PI)));
    return f.done(f.mul(f.x(), f.call("sigmoid", u)));
  },
};
