/**
 * The WGSL backend's printer: each kernel of a program as one WGSL shader
 * module, and each program as data (the dispatches in order, with the grid
 * each takes) that src/runtime/webgpu.ts encodes into one command buffer.
 *
 * Memory. The model's tensors lie in two storage buffers, the parameters'
 * (`P`) and the arena (`A`), as `array<u32>`: an f32 or i32 element is the
 * bitcast of its word, so one binding serves both types and a kernel binds
 * at most two storage buffers whatever it touches. A slot's first word, the
 * symbolic dims and the scan indices are runtime values: the first two in
 * a uniform array (`u`, written before each run), the indices in a second
 * uniform bound at a dynamic offset, one entry per step of the loops.
 *
 * Kernels. A kernel body is cut into phases, each an entry point and a
 * dispatch: a contraction is tiled in workgroup memory (64×64 outputs per
 * workgroup of 16×16 invocations, each computing 4×4, depth in steps of
 * 16, the epilogue run per output); a nest of parallel loops runs an
 * invocation per element of its flattened index space over a 2-D grid, so
 * dispatches stay within maxComputeWorkgroupsPerDimension; a nest joins an
 * earlier nests' entry point when they have as many elements and every slot
 * one writes and another touches is touched at one element
 * (kernel/elementwise.ts), and nothing between them touches what it
 * touches; a row of a
 * reduction marked `reassociate` is folded by a workgroup (a strided share
 * per invocation, then a tree in workgroup memory); anything else (a serial
 * loop: scatter-add, so training is reproducible) runs in one invocation.
 * Values are f32 throughout (no wider intermediates), so results agree with
 * the TypeScript backend to float32 rounding, not bit for bit.
 */
import {
  add,
  isStrided,
  mul,
  v,
  walkExpr,
  walkStmts,
  substitute,
  exprsOf,
  type ContractOperand,
  type Contraction,
  type KExpr,
  type KFn,
  type Kernel,
  type KStmt,
  type KType,
  type Program,
  type Step,
} from "../../kernel/ir.js";
import { fitsWith, isPureLet, nestOf, type Nest } from "../../kernel/elementwise.js";
import { ERFC_POLY, ERF_POLY, TANH_POLY } from "../../kernel/approximations.js";
import { GELU_TANH_K } from "../../runtime/numerics.js";
import {
  BINDINGS,
  type Grid,
  type GpuProgram,
  type GpuStep,
  type IndexExpr,
  type Shader,
} from "../../runtime/webgpu.js";

/** Invocations per workgroup of an elementwise phase, and of a workgroup reduction. */
export const THREADS = 64;
/** A contraction's tile: outputs per workgroup along m and n, the depth step, outputs per invocation. */
const TILE = 64;
const DEPTH_STEP = 16;
const PER = 4;
const SIDE = TILE / PER;

const fmt = (x: number) => {
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
};

/** An f32 literal WGSL accepts (finite, in range, rounded to f32 first). */
function f32Literal(x: number, p: ShaderPrinter): string {
  const r = Math.fround(x);
  if (Number.isNaN(r)) return p.helper("w_nan") && "w_nan()";
  if (r === Infinity) return p.helper("w_inf") && "w_inf()";
  if (r === -Infinity) return p.helper("w_inf") && "(-w_inf())";
  if (Object.is(r, -0)) return "(-0.0f)";
  return r < 0 ? `(${fmt(r)}f)` : `${fmt(r)}f`;
}

function i32Literal(x: number): string {
  if (x === -2147483648) return "(-2147483647i - 1i)";
  return x < 0 ? `(${x}i)` : `${x}i`;
}

const WGSL_TYPE: Record<KType, string> = { f32: "f32", i32: "i32", bool: "bool" };

/**
 * The fraction of 2/π as 32-bit words, from π computed to 512 bits (Machin's
 * formula in integers), after two words of zeros (the bits before the
 * point), enough for any f32 argument's reduction.
 */
const TWO_OVER_PI: readonly number[] = (() => {
  const bits = 512n;
  const one = 1n << bits;
  const atanInv = (n: bigint) => {
    let sum = 0n;
    let term = one / n;
    for (let k = 1n; term !== 0n; k += 2n) {
      sum += (k & 2n ? -term : term) / k;
      term /= n * n;
    }
    return sum;
  };
  const pi = 16n * atanInv(5n) - 4n * atanInv(239n);
  const fraction = (2n * one * one) / pi; // 2/π · 2^512
  const words = [0, 0];
  for (let w = 1; w <= 12; w++)
    words.push(Number((fraction >> (bits - 32n * BigInt(w))) & 0xffffffffn));
  return words;
})();

/**
 * Helper functions a shader may call, each printed once into the modules
 * that use it. Where WGSL leaves a case to the implementation (NaN through
 * max and min, the range of sin, exp's overflow, float-to-int conversion),
 * they give what the TypeScript backend gives.
 */
const HELPERS: Record<string, { code: string; needs?: string[] }> = {
  w_inf: { code: "fn w_inf() -> f32 { return bitcast<f32>(0x7f800000u + u32(u[0].x & 0)); }" },
  w_nan: { code: "fn w_nan() -> f32 { return bitcast<f32>(0x7fc00000u + u32(u[0].x & 0)); }" },
  w_isnan: {
    code: "fn w_isnan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }",
  },
  w_max: {
    code: "fn w_max(a: f32, b: f32) -> f32 { if (w_isnan(a) || w_isnan(b)) { return a + b; } return select(b, a, a > b || (a == b && bitcast<u32>(a) == 0u)); }",
    needs: ["w_isnan"],
  },
  w_min: {
    code: "fn w_min(a: f32, b: f32) -> f32 { if (w_isnan(a) || w_isnan(b)) { return a + b; } return select(b, a, a < b || (a == b && bitcast<u32>(a) == 0x80000000u)); }",
    needs: ["w_isnan"],
  },
  w_relu: {
    code: "fn w_relu(x: f32) -> f32 { return select(x, 0.0, x < 0.0); }",
  },
  w_exp: {
    // exp overflows to infinity and underflows to zero, as in IEEE arithmetic, where WGSL leaves it open.
    code: "fn w_exp(x: f32) -> f32 { if (x > 88.72284f) { return w_inf(); } if (x < -103.97208f) { return 0.0; } return exp(x); }",
    needs: ["w_inf"],
  },
  w_log: {
    code: "fn w_log(x: f32) -> f32 { if (x == 0.0) { return -w_inf(); } if (x < 0.0) { return w_nan(); } if (x == w_inf()) { return x; } return log(x); }",
    needs: ["w_inf", "w_nan"],
  },
  w_sqrt: {
    code: "fn w_sqrt(x: f32) -> f32 { if (x < 0.0) { return w_nan(); } return sqrt(x); }",
    needs: ["w_nan"],
  },
  w_rsqrt: {
    code: "fn w_rsqrt(x: f32) -> f32 { if (x == 0.0) { return select(w_inf(), -w_inf(), bitcast<u32>(x) != 0u); } if (x < 0.0) { return w_nan(); } if (x == w_inf()) { return 0.0; } return inverseSqrt(x); }",
    needs: ["w_inf", "w_nan"],
  },
  w_tanh: {
    code: [
      "fn w_tanh(x: f32) -> f32 {",
      "  let a = abs(x);",
      "  if (a < 0.625) { let z = x * x; return x + x * z * " + poly("z", TANH_POLY) + "; }",
      "  if (a > 9.1f) { return sign(x); }",
      "  return sign(x) * (1.0 - 2.0 / (exp(a + a) + 1.0));",
      "}",
    ].join("\n"),
  },
  w_sigmoid: {
    code: "fn w_sigmoid(x: f32) -> f32 { return 1.0 / (1.0 + w_exp(-x)); }",
    needs: ["w_exp"],
  },
  w_erfc: {
    // Numerical Recipes' erfcc fit for |u|, 2 − that for negative u.
    code: [
      "fn w_erfc(x: f32) -> f32 {",
      "  let a = abs(x);",
      "  let t = 1.0 / (1.0 + 0.5 * a);",
      `  let y = t * w_exp(${poly("t", ERFC_POLY)} - a * a);`,
      "  return select(y, 2.0 - y, x < 0.0);",
      "}",
    ].join("\n"),
    needs: ["w_exp"],
  },
  w_erf: {
    code: [
      "fn w_erf(x: f32) -> f32 {",
      `  if (abs(x) < 0.5) { let z = x * x; return x * ${poly("z", ERF_POLY)}; }`,
      "  return sign(x) * (1.0 - w_erfc(abs(x)));",
      "}",
    ].join("\n"),
    needs: ["w_erfc"],
  },
  w_gelu_erf: {
    code: `fn w_gelu_erf(x: f32) -> f32 { return 0.5 * x * w_erfc(x * ${fmt(-Math.SQRT1_2)}f); }`,
    needs: ["w_erfc"],
  },
  w_gelu_tanh: {
    code: `fn w_gelu_tanh(x: f32) -> f32 { let u = (x + ${fmt(GELU_TANH_K)}f * x * x * x) * ${fmt(2 * Math.sqrt(2 / Math.PI))}f; return x * w_sigmoid(u); }`,
    needs: ["w_sigmoid"],
  },
  w_reduce: {
    // sin and cos are accurate on [-π, π] only: reduce by 2π in two parts first (exact below 8192).
    code: "fn w_reduce(x: f32) -> f32 { let n = round(x * 0.15915494f); return (x - n * 6.28125f) - n * 0.0019353072f; }",
  },
  w_mul64: {
    // The 64-bit product of two u32s as (high, low) words.
    code: [
      "fn w_mul64(a: u32, b: u32) -> vec2<u32> {",
      "  let al = a & 0xffffu; let ah = a >> 16u; let bl = b & 0xffffu; let bh = b >> 16u;",
      "  let ll = al * bl; let lh = al * bh; let hl = ah * bl;",
      "  let mid = (ll >> 16u) + (lh & 0xffffu) + (hl & 0xffffu);",
      "  return vec2<u32>(ah * bh + (lh >> 16u) + (hl >> 16u) + (mid >> 16u), (ll & 0xffffu) | (mid << 16u));",
      "}",
    ].join("\n"),
  },
  w_pio2_bits: {
    code: [
      `const W_2_OVER_PI = array<u32, ${TWO_OVER_PI.length}>(${TWO_OVER_PI.map((w) => `0x${w.toString(16)}u`).join(", ")});`,
      "// 32 bits of 2/π's fraction from bit j (0 the first after the point; before it, zeros).",
      "fn w_pio2_bits(j: i32) -> u32 {",
      "  let w = (j >> 5) + 2; let s = u32(j & 31);",
      "  let hi = W_2_OVER_PI[w] << s;",
      "  return select(hi | (W_2_OVER_PI[w + 1] >> (32u - s)), hi, s == 0u);",
      "}",
    ].join("\n"),
  },
  w_quadrant: {
    // Payne–Hanek: |x|·2/π mod 4 from the bits of 2/π its exponent selects, in exact integer
    // arithmetic; the quadrant in the integer part, the reduced angle in [-π/4, π/4] in the fraction.
    code: [
      "fn w_quadrant(x: f32) -> vec2<f32> {",
      "  let bits = bitcast<u32>(abs(x));",
      "  let m = (bits & 0x7fffffu) | 0x800000u;",
      "  let j = i32(bits >> 23u) - 150 - 2;",
      "  let p0 = w_mul64(m, w_pio2_bits(j)); let p1 = w_mul64(m, w_pio2_bits(j + 32)); let p2 = w_mul64(m, w_pio2_bits(j + 64));",
      "  let r1 = p1.y + p2.x; let carry = select(0u, 1u, r1 < p1.y);",
      "  let r0 = p0.y + p1.x + carry;",
      "  var q = r0 >> 30u;",
      "  var f = (f32(r0 & 0x3fffffffu) + f32(r1) * 2.3283064e-10f) * 9.313226e-10f;",
      "  if (f > 0.5) { f = f - 1.0; q = q + 1u; }",
      "  return vec2<f32>(f32(q & 3u), f * 1.5707964f);",
      "}",
    ].join("\n"),
    needs: ["w_mul64", "w_pio2_bits"],
  },
  w_sin: {
    code: [
      "fn w_sin(x: f32) -> f32 {",
      "  if (abs(x) <= 8192.0) { return sin(w_reduce(x)); }",
      "  if (w_isnan(x) || abs(x) == w_inf()) { return w_nan(); }",
      "  let r = w_quadrant(x); let q = i32(r.x);",
      "  let v = array<f32, 4>(sin(r.y), cos(r.y), -sin(r.y), -cos(r.y))[q];",
      "  return select(v, -v, x < 0.0);",
      "}",
    ].join("\n"),
    needs: ["w_reduce", "w_quadrant", "w_isnan", "w_inf", "w_nan"],
  },
  w_cos: {
    code: [
      "fn w_cos(x: f32) -> f32 {",
      "  if (abs(x) <= 8192.0) { return cos(w_reduce(x)); }",
      "  if (w_isnan(x) || abs(x) == w_inf()) { return w_nan(); }",
      "  let r = w_quadrant(x); let q = i32(r.x);",
      "  return array<f32, 4>(cos(r.y), -sin(r.y), -cos(r.y), sin(r.y))[q];",
      "}",
    ].join("\n"),
    needs: ["w_reduce", "w_quadrant", "w_isnan", "w_inf", "w_nan"],
  },
  w_eq: {
    // NaN equals nothing, whatever the compiler assumes of floats.
    code: "fn w_eq(a: f32, b: f32) -> bool { return a == b && !w_isnan(a) && !w_isnan(b); }",
    needs: ["w_isnan"],
  },
  w_ne: {
    code: "fn w_ne(a: f32, b: f32) -> bool { return !w_eq(a, b); }",
    needs: ["w_eq"],
  },
  w_pow: {
    // WGSL's pow is exp2(y·log2 x), for x > 0 only: the other cases as JavaScript's Math.pow.
    code: [
      "fn w_pow(x: f32, y: f32) -> f32 {",
      "  if (y == 0.0) { return 1.0; }",
      "  if (w_isnan(x) || w_isnan(y)) { return w_nan(); }",
      "  if (x > 0.0) { return exp2(y * log2(x)); }",
      "  if (x == 0.0) { return select(0.0, w_inf(), y < 0.0); }",
      "  if (y != floor(y)) { return w_nan(); }",
      "  let m = exp2(y * log2(-x));",
      "  return select(m, -m, abs(y) < 16777216.0 && (i32(abs(y)) & 1) == 1);",
      "}",
    ].join("\n"),
    needs: ["w_isnan", "w_nan", "w_inf"],
  },
  w_toi32: {
    code: "fn w_toi32(x: f32) -> i32 { if (w_isnan(x)) { return 0i; } if (x >= 2147483648.0) { return 2147483647i; } if (x <= -2147483648.0) { return -2147483647i - 1i; } return i32(x); }",
    needs: ["w_isnan"],
  },
  w_fmix: {
    code: "fn w_fmix(x: u32) -> u32 { var h = x; h = h ^ (h >> 16u); h = h * 0x85ebca6bu; h = h ^ (h >> 13u); h = h * 0xc2b2ae35u; return h ^ (h >> 16u); }",
  },
  w_random: {
    // runtime/numerics.ts's randomUniformAt, bit for bit.
    code: "fn w_random(seed: i32, key: i32, index: i32) -> f32 { let stream = w_fmix(bitcast<u32>(seed) ^ w_fmix(bitcast<u32>(key) ^ 0x9e3779b9u)); let bits = w_fmix(w_fmix(bitcast<u32>(index) ^ stream) + stream); return f32(bits >> 8u) / 16777216.0; }",
    needs: ["w_fmix"],
  },
};

/** A polynomial in Horner form, coefficients from the highest power down. */
function poly(x: string, coefficients: readonly number[]): string {
  return coefficients
    .slice(1)
    .reduce(
      (acc, c) => `(${acc} * ${x} + ${fmt(Math.fround(c))}f)`,
      `${fmt(Math.fround(coefficients[0]))}f`,
    );
}

type FnPrinter = (p: ShaderPrinter, args: readonly KExpr[], type: KType) => string;

const infix =
  (op: string): FnPrinter =>
  (p, [a, b]) =>
    `(${p.expr(a)} ${op} ${p.expr(b)})`;
const builtin =
  (name: string): FnPrinter =>
  (p, args) =>
    `${name}(${args.map((a) => p.expr(a)).join(", ")})`;
const helper =
  (name: string): FnPrinter =>
  (p, args) =>
    p.helper(name) && builtin(name)(p, args, "f32");
/** i32 operands take the builtin, f32 ones the helper that follows JavaScript on NaN. */
const numeric =
  (ints: FnPrinter, floats: FnPrinter): FnPrinter =>
  (p, args, type) =>
    args[0].type === "i32" ? ints(p, args, type) : floats(p, args, type);

/** How each kernel function prints; the table is total, as every backend's. */
const FUNCTIONS: Record<KFn, FnPrinter> = {
  add: infix("+"),
  sub: infix("-"),
  mul: infix("*"),
  // i32 division truncates and % takes the dividend's sign in WGSL, as the kernel IR says.
  div: infix("/"),
  mod: infix("%"),
  max: numeric(builtin("max"), helper("w_max")),
  min: numeric(builtin("min"), helper("w_min")),
  pow: helper("w_pow"),
  lt: infix("<"),
  le: infix("<="),
  gt: infix(">"),
  ge: infix(">="),
  eq: numeric(infix("=="), helper("w_eq")),
  ne: numeric(infix("!="), helper("w_ne")),
  and: infix("&&"),
  or: infix("||"),
  not: (p, [a]) => `(!${p.expr(a)})`,
  neg: (p, [a]) => `(-${p.expr(a)})`,
  abs: builtin("abs"),
  relu: numeric((p, [a]) => `max(${p.expr(a)}, 0i)`, helper("w_relu")),
  exp: helper("w_exp"),
  log: helper("w_log"),
  sqrt: helper("w_sqrt"),
  rsqrt: helper("w_rsqrt"),
  reciprocal: (p, [a]) => `(1.0 / ${p.expr(a)})`,
  tanh: helper("w_tanh"),
  sigmoid: helper("w_sigmoid"),
  erf: helper("w_erf"),
  sin: helper("w_sin"),
  cos: helper("w_cos"),
  gelu_erf: helper("w_gelu_erf"),
  gelu_tanh: helper("w_gelu_tanh"),
  fround: (p, [a]) => p.expr(a),
  random: helper("w_random"),
};

/** Where a program's values come from at run time: uniform entries for dims and slot offsets, loop components. */
interface ProgramScope {
  /** Uniform entry of each symbolic dim and of each slot's first word. */
  readonly dims: ReadonlyMap<string, number>;
  readonly slotEntry: (slot: number) => number;
  /** The storage buffer a slot lies in. */
  readonly buffer: (slot: number) => "P" | "A";
  /** Scan indices: their component of the loop uniform. */
  readonly loops: ReadonlyMap<string, number>;
  readonly slotTypes: readonly KType[];
}

const entry = (k: number) => `u[${k >> 2}].${"xyzw"[k & 3]}`;

class ShaderPrinter {
  readonly helpers = new Set<string>();
  readonly buffers = new Set<"P" | "A">();
  usesLoop = false;
  private locals = new Set<string>();

  constructor(private readonly scope: ProgramScope) {}

  helper(name: string): true {
    if (!this.helpers.has(name)) {
      this.helpers.add(name);
      for (const n of HELPERS[name].needs ?? []) this.helper(n);
    }
    return true;
  }

  local(name: string): string {
    this.locals.add(name);
    return this.name(name);
  }

  name(name: string): string {
    return `v_${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
  }

  /** An element's word in its storage buffer. */
  word(slot: number, at: KExpr): string {
    const b = this.scope.buffer(slot);
    this.buffers.add(b);
    return `${b}[${entry(this.scope.slotEntry(slot))} + ${this.expr(at)}]`;
  }

  load(slot: number, at: KExpr): string {
    return `bitcast<${WGSL_TYPE[this.scope.slotTypes[slot]]}>(${this.word(slot, at)})`;
  }

  expr(e: KExpr): string {
    switch (e.k) {
      case "lit":
        if (e.type === "bool") return e.value ? "true" : "false";
        return e.type === "f32" ? f32Literal(e.value, this) : i32Literal(e.value);
      case "var": {
        if (this.locals.has(e.name)) return this.name(e.name);
        const loop = this.scope.loops.get(e.name);
        if (loop !== undefined) {
          this.usesLoop = true;
          return `lp.${"xyzw"[loop]}`;
        }
        const dim = this.scope.dims.get(e.name);
        if (dim === undefined) throw new Error(`internal: unbound variable ${e.name}`);
        return entry(dim);
      }
      case "load":
        return this.load(e.slot, e.at);
      case "select":
        return `select(${this.expr(e.else)}, ${this.expr(e.then)}, ${this.expr(e.cond)})`;
      case "call":
        return FUNCTIONS[e.fn](this, e.args, e.type);
      case "cast": {
        const from = e.value.type;
        const x = this.expr(e.value);
        if (from === "bool")
          return e.type === "f32" ? `select(0.0, 1.0, ${x})` : `select(0i, 1i, ${x})`;
        if (e.type === "bool") return `(${x} != ${from === "f32" ? "0.0" : "0i"})`;
        if (e.type === "i32") return this.helper("w_toi32") && `w_toi32(${x})`;
        return `f32(${x})`;
      }
    }
  }

  stmts(body: readonly KStmt[], indent: string): string[] {
    return body.flatMap((s) => this.stmt(s, indent));
  }

  private stmt(s: KStmt, indent: string): string[] {
    switch (s.k) {
      case "for": {
        const extent = this.expr(s.extent);
        const i = this.local(s.index);
        return [
          `${indent}for (var ${i}: i32 = 0i; ${i} < ${extent}; ${i}++) {`,
          ...this.stmts(s.body, indent + "  "),
          `${indent}}`,
        ];
      }
      case "let": {
        const value = this.expr(s.value);
        return [
          `${indent}${s.mutable ? "var" : "let"} ${this.local(s.name)}: ${WGSL_TYPE[s.value.type]} = ${value};`,
        ];
      }
      case "assign":
        return [`${indent}${this.name(s.name)} = ${this.expr(s.value)};`];
      case "store":
        return [`${indent}${this.word(s.slot, s.at)} = bitcast<u32>(${this.expr(s.value)});`];
      case "accumulate": {
        const at = this.expr(s.at);
        const b = this.scope.buffer(s.slot);
        this.buffers.add(b);
        const w = `${b}[${entry(this.scope.slotEntry(s.slot))} + q]`;
        const t = WGSL_TYPE[this.scope.slotTypes[s.slot]];
        return [
          `${indent}{ let q = ${at}; ${w} = bitcast<u32>(bitcast<${t}>(${w}) + ${this.expr(s.value)}); }`,
        ];
      }
      case "if":
        return [
          `${indent}if (${this.expr(s.cond)}) {`,
          ...this.stmts(s.then, indent + "  "),
          `${indent}}`,
        ];
      case "contract":
        return this.naiveContraction(s, indent);
    }
  }

  /** A contraction inside a phase: its outputs one after another (nested ones are rare and small). */
  private naiveContraction(c: Contraction, indent: string): string[] {
    const loops = [...c.batch, c.m, c.n].map((extent, d) => ({ extent, index: c.index[d] }));
    const lines: string[] = [];
    let pad = indent;
    for (const l of loops) {
      const extent = this.expr(l.extent);
      const i = this.local(l.index);
      lines.push(`${pad}for (var ${i}: i32 = 0i; ${i} < ${extent}; ${i}++) {`);
      pad += "  ";
    }
    const i = c.index[c.index.length - 2];
    const j = c.index[c.index.length - 1];
    const k = this.local(`${c.acc}_k`);
    const sum = this.local(`${c.acc}_sum`);
    lines.push(`${pad}var ${sum}: f32 = 0.0;`);
    lines.push(`${pad}for (var ${k}: i32 = 0i; ${k} < ${this.expr(c.depth)}; ${k}++) {`);
    lines.push(
      `${pad}  ${sum} = ${sum} + ${this.operand(c.a, i, `${c.acc}_k`)} * ${this.operand(c.b, j, `${c.acc}_k`)};`,
    );
    lines.push(`${pad}}`);
    lines.push(`${pad}let ${this.local(c.acc)}: f32 = ${sum};`);
    lines.push(...this.stmts(c.epilogue, pad));
    for (let d = loops.length - 1; d >= 0; d--) lines.push(`${indent}${"  ".repeat(d)}}`);
    return lines;
  }

  /** Operand element (p, k): a strided load, or the computed operand's expression with its indices bound. */
  operand(o: ContractOperand, p: string, k: string): string {
    const [pv, kv] = [v(p), v(k)];
    if (isStrided(o)) {
      const at = add(o.base, add(mul(pv, o.stride), mul(kv, o.step)));
      return this.load(o.slot, at);
    }
    const by = new Map([
      [o.index[0], pv],
      [o.index[1], kv],
    ]);
    return this.expr(substitute(o.value, by));
  }

  /** The text of a module: its bindings, the helpers it calls, then the entry points. */
  module(kernel: Kernel, entries: readonly string[], uniformEntries: number): string {
    const storage = (name: "P" | "A", binding: number) =>
      this.buffers.has(name)
        ? [`@group(0) @binding(${binding}) var<storage, read_write> ${name}: array<u32>;`]
        : [];
    return [
      `// ${kernel.name}: ${kernel.ops.join(", ")}`.replace(/[\r\n\u2028\u2029]/g, " "),
      "",
      `@group(0) @binding(${BINDINGS.uniform}) var<uniform> u: array<vec4<i32>, ${Math.max(1, Math.ceil(uniformEntries / 4))}>;`,
      ...(this.usesLoop
        ? [`@group(0) @binding(${BINDINGS.loop}) var<uniform> lp: vec4<i32>;`]
        : []),
      ...storage("P", BINDINGS.params),
      ...storage("A", BINDINGS.arena),
      ...(this.helpers.size ? ["", ...orderedHelpers(this.helpers)] : []),
      "",
      entries.join("\n\n"),
      "",
    ].join("\n");
  }
}

/** Helpers with the ones they call first (WGSL allows any order; this reads better). */
function orderedHelpers(names: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const done = new Set<string>();
  const visit = (n: string) => {
    if (done.has(n)) return;
    done.add(n);
    for (const m of HELPERS[n].needs ?? []) visit(m);
    out.push(HELPERS[n].code);
  };
  [...names].sort().forEach(visit);
  return out;
}

// ---------------------------------------------------------------------------
// Phases

/** A phase with the top-level scalars bound before it, which its entry point computes first. */
interface Staged {
  readonly prelude: readonly KStmt[];
  readonly phase: Phase;
}

type Phase =
  | { readonly k: "threads"; readonly nests: Nest[] }
  | { readonly k: "rows"; readonly nest: Nest }
  | { readonly k: "contract"; readonly c: Contraction }
  | { readonly k: "single"; readonly body: KStmt[] };

/** A row whose reductions a workgroup may fold: every reduction loop in it marked reassociate, folding with add, max or min. */
function isRowReduction(n: Nest): boolean {
  let reductions = 0;
  let ok = true;
  const accumulators = new Map<string, KFn>();
  for (const s of n.body) {
    if (s.k === "let" && s.mutable) continue;
    if (s.k === "for" && s.kind === "reduction") {
      reductions++;
      if (!s.reassociate) ok = false;
      for (const t of s.body) {
        if (t.k === "let" && !t.mutable) continue;
        if (
          t.k === "assign" &&
          t.value.k === "call" &&
          (t.value.fn === "add" || t.value.fn === "max" || t.value.fn === "min") &&
          t.value.args[0].k === "var" &&
          t.value.args[0].name === t.name &&
          t.value.type === "f32"
        ) {
          accumulators.set(t.name, t.value.fn);
          continue;
        }
        ok = false;
      }
      continue;
    }
    if (s.k === "let" || s.k === "store" || (s.k === "for" && s.kind === "parallel")) continue;
    ok = false;
  }
  return ok && reductions > 0;
}

/** The slots statements read and those they write. */
function slotUse(body: readonly KStmt[]): { reads: Set<number>; writes: Set<number> } {
  const reads = new Set<number>();
  const writes = new Set<number>();
  walkStmts(body, (s) => {
    if (s.k === "store" || s.k === "accumulate") writes.add(s.slot);
    if (s.k === "contract") for (const o of [s.a, s.b]) if (isStrided(o)) reads.add(o.slot);
    for (const e of exprsOf(s)) walkExpr(e, (x) => x.k === "load" && reads.add(x.slot));
  });
  return { reads, writes };
}

const statementsOf = (ph: Phase): readonly KStmt[] =>
  ph.k === "threads"
    ? ph.nests.flatMap((n) => [...n.prelude, ...n.body])
    : ph.k === "rows"
      ? ph.nest.body
      : ph.k === "contract"
        ? [ph.c]
        : ph.body;

/**
 * The latest threads phase a nest may join: one it fits with, where no phase
 * after it writes what the nest touches or touches what the nest writes (so
 * running the nest earlier changes nothing).
 */
function earlierPhaseFor(
  phases: readonly Staged[],
  nest: Nest,
): Extract<Phase, { k: "threads" }> | undefined {
  const mine = slotUse([...nest.prelude, ...nest.body]);
  for (let i = phases.length - 1; i >= 0; i--) {
    const ph = phases[i].phase;
    if (ph.k === "threads" && fitsWith(ph.nests, nest)) return ph;
    const theirs = slotUse(statementsOf(ph));
    const clash =
      [...mine.writes].some((x) => theirs.reads.has(x) || theirs.writes.has(x)) ||
      [...mine.reads].some((x) => theirs.writes.has(x));
    if (clash || ph.k === "single") return undefined;
  }
  return undefined;
}

/** The variables an expression or statements read that they do not bind themselves. */
function freeVars(body: readonly KStmt[]): Set<string> {
  const bound = new Set<string>();
  const used = new Set<string>();
  walkStmts(body, (s) => {
    if (s.k === "for") bound.add(s.index);
    if (s.k === "let") bound.add(s.name);
    if (s.k === "contract") [...s.index, s.acc].forEach((i) => bound.add(i));
    if (s.k === "contract")
      for (const o of [s.a, s.b]) if (!isStrided(o)) o.index.forEach((i) => bound.add(i));
    for (const e of exprsOf(s)) walkExpr(e, (x) => x.k === "var" && used.add(x.name));
    if (s.k === "assign") used.add(s.name);
  });
  return new Set([...used].filter((n) => !bound.has(n)));
}

/**
 * A kernel body cut into phases. Top-level immutable scalars that read no
 * slot are a prelude every later phase computes again; a statement reading
 * a variable an earlier statement of a one-invocation phase binds (an
 * accumulator) joins that phase.
 */
function phasesOf(body: readonly KStmt[]): Staged[] {
  const phases: Staged[] = [];
  const prelude: KStmt[] = [];
  let singleBound = new Set<string>();
  const push = (phase: Phase) => phases.push({ prelude: [...prelude], phase });
  for (const s of body) {
    const last = phases[phases.length - 1]?.phase;
    const reads = freeVars([s]);
    if ([...reads].some((n) => singleBound.has(n))) {
      if (last?.k !== "single")
        throw new Error("internal: a phase reads a value another phase binds");
      last.body.push(s);
      if (s.k === "let") singleBound.add(s.name);
      continue;
    }
    if (isPureLet(s)) {
      prelude.push(s);
      continue;
    }
    if (s.k === "contract") {
      push({ k: "contract", c: s });
      continue;
    }
    if (s.k === "for" && s.kind === "parallel") {
      const nest = nestOf(s, [...prelude]);
      if (isRowReduction(nest)) push({ k: "rows", nest });
      else {
        const joins = earlierPhaseFor(phases, nest);
        if (joins) joins.nests.push(nest);
        else push({ k: "threads", nests: [nest] });
      }
      continue;
    }
    if (last?.k === "single") last.body.push(s);
    else {
      push({ k: "single", body: [s] });
      singleBound = new Set();
    }
    if (s.k === "let") singleBound.add(s.name);
  }
  return phases;
}

// ---------------------------------------------------------------------------
// Entry points

const GRID_BUILTINS =
  "@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) li: u32";

/**
 * Lines binding a nest's indices from the flattened index `from`, innermost
 * fastest; each line reads only what the lines above it bound.
 */
function splitIndex(
  p: ShaderPrinter,
  indices: readonly string[],
  extents: readonly string[],
  from: string,
  indent: string,
): string[] {
  const lines: string[] = [];
  let rest = from;
  for (let d = indices.length - 1; d >= 0; d--) {
    const i = p.local(indices[d]);
    if (d === 0) lines.push(`${indent}let ${i}: i32 = ${rest};`);
    else {
      lines.push(`${indent}let ${i}: i32 = ${rest} % (${extents[d]});`);
      lines.push(`${indent}let ${from}${d}: i32 = ${rest} / (${extents[d]});`);
      rest = `${from}${d}`;
    }
  }
  return lines;
}

/**
 * An invocation per element of the nests' flattened index space (the same
 * size for each); each nest binds its own indices from it, after its
 * prelude, in a block of its own.
 */
function threadsEntry(p: ShaderPrinter, name: string, nests: readonly Nest[]): string {
  const extentsOf = (n: Nest) => n.loops.map((l) => p.expr(l.extent));
  const total = extentsOf(nests[0])
    .map((e) => `(${e})`)
    .join(" * ");
  const lines = [
    `@compute @workgroup_size(${THREADS})`,
    `fn ${name}(${GRID_BUILTINS}) {`,
    `  let g = i32((wid.y * nwg.x + wid.x) * ${THREADS}u + li);`,
    `  if (g >= ${total}) { return; }`,
  ];
  nests.forEach((n) => {
    const indices = n.loops.map((l) => l.index);
    lines.push("  {", ...p.stmts(n.prelude, "    "));
    lines.push(...splitIndex(p, indices, extentsOf(n), "g", "    "));
    lines.push(...p.stmts(n.body, "    "), "  }");
  });
  lines.push("}");
  return lines.join("\n");
}

function singleEntry(p: ShaderPrinter, name: string, body: readonly KStmt[]): string {
  return [`@compute @workgroup_size(1)`, `fn ${name}() {`, ...p.stmts(body, "  "), "}"].join("\n");
}

/**
 * A row of reductions per workgroup: the row's scalars computed by every
 * invocation, each reduction folded over a strided share of its range and
 * then by a tree in workgroup memory (every invocation reads the total),
 * the row's parallel loops shared out, its lone stores made by one
 * invocation, each followed by a storage barrier (others may read it next).
 */
function rowsEntry(p: ShaderPrinter, name: string, n: Nest, prelude: readonly KStmt[]): string {
  const extents = n.loops.map((l) => p.expr(l.extent));
  const total = extents.length ? extents.map((e) => `(${e})`).join(" * ") : "1i";
  const lines = [
    `@compute @workgroup_size(${THREADS})`,
    `fn ${name}(${GRID_BUILTINS}) {`,
    `  let g = i32(wid.y * nwg.x + wid.x);`,
    `  let t = i32(li);`,
    // The workgroup is uniform: all its invocations leave together or none does.
    `  if (g >= ${total}) { return; }`,
    ...p.stmts(prelude, "  "),
  ];
  lines.push(
    ...splitIndex(
      p,
      n.loops.map((l) => l.index),
      extents,
      "g",
      "  ",
    ),
  );
  const init = new Map<string, KExpr>();
  for (const s of n.body) {
    if (s.k === "let" && s.mutable) {
      init.set(s.name, s.value);
      lines.push(...p.stmts([s], "  "));
      continue;
    }
    if (s.k === "for" && s.kind === "reduction") {
      const k = p.local(s.index);
      lines.push(`  for (var ${k}: i32 = t; ${k} < ${p.expr(s.extent)}; ${k} += ${THREADS}i) {`);
      lines.push(...p.stmts(s.body, "    "));
      lines.push("  }");
      for (const t of s.body) {
        if (t.k !== "assign" || t.value.k !== "call") continue;
        const acc = p.name(t.name);
        const fold =
          t.value.fn === "add" ? "a + b" : t.value.fn === "max" ? "w_max(a, b)" : "w_min(a, b)";
        if (t.value.fn !== "add") p.helper(t.value.fn === "max" ? "w_max" : "w_min");
        lines.push(
          `  red_${name}[t] = ${acc};`,
          "  workgroupBarrier();",
          `  for (var w = ${THREADS / 2}i; w > 0i; w = w / 2i) {`,
          `    if (t < w) { let a = red_${name}[t]; let b = red_${name}[t + w]; red_${name}[t] = ${fold}; }`,
          "    workgroupBarrier();",
          "  }",
          `  ${acc} = red_${name}[0];`,
          "  workgroupBarrier();",
        );
      }
      continue;
    }
    if (s.k === "for" && s.kind === "parallel") {
      const j = p.local(s.index);
      lines.push(`  for (var ${j}: i32 = t; ${j} < ${p.expr(s.extent)}; ${j} += ${THREADS}i) {`);
      lines.push(...p.stmts(s.body, "    "));
      lines.push("  }");
      // What one invocation wrote, the others may read next.
      lines.push("  storageBarrier();");
      continue;
    }
    if (s.k === "store") {
      lines.push("  if (t == 0i) {", ...p.stmts([s], "    "), "  }", "  storageBarrier();");
      continue;
    }
    lines.push(...p.stmts([s], "  "));
  }
  lines.push("}");
  return [`var<workgroup> red_${name}: array<f32, ${THREADS}>;`, "", ...lines].join("\n");
}

/**
 * A contraction tiled in workgroup memory: each workgroup computes a 64×64
 * block of outputs for one batch index (a grid-stride loop over the batch
 * in z), each of its 16×16 invocations a 4×4 part of it, loading the
 * operands' tiles 16 deep at a time with every invocation loading four
 * elements of each.
 */
function contractEntry(
  p: ShaderPrinter,
  name: string,
  c: Contraction,
  prelude: readonly KStmt[],
): string {
  const m = p.expr(c.m);
  const n = p.expr(c.n);
  const depth = p.expr(c.depth);
  const batchExtents = c.batch.map((b) => p.expr(b));
  const nb = batchExtents.length ? batchExtents.map((e) => `(${e})`).join(" * ") : "1i";
  const count = TILE * DEPTH_STEP;
  const i = c.index[c.index.length - 2];
  const j = c.index[c.index.length - 1];
  const lines = [
    `var<workgroup> ta_${name}: array<f32, ${count}>;`,
    `var<workgroup> tb_${name}: array<f32, ${count}>;`,
    "",
    `@compute @workgroup_size(${SIDE}, ${SIDE})`,
    `fn ${name}(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {`,
    ...p.stmts(prelude, "  "),
    `  let cm = ${m};`,
    `  let cn = ${n};`,
    `  let cdepth = ${depth};`,
    `  let li = i32(lid.y * ${SIDE}u + lid.x);`,
    `  let row0 = i32(wid.y) * ${TILE}i;`,
    `  let col0 = i32(wid.x) * ${TILE}i;`,
    `  for (var z: i32 = i32(wid.z); z < ${nb}; z += i32(nwg.z)) {`,
  ];
  lines.push(...splitIndex(p, c.index.slice(0, c.batch.length), batchExtents, "z", "    "));
  const accs = (r: number, q: number) => `c${r}${q}`;
  for (let r = 0; r < PER; r++)
    for (let q = 0; q < PER; q++) lines.push(`    var ${accs(r, q)}: f32 = 0.0;`);
  const pi = p.local(`${c.acc}_p`);
  const ki = p.local(`${c.acc}_k`);
  lines.push(
    `    for (var k0: i32 = 0i; k0 < cdepth; k0 += ${DEPTH_STEP}i) {`,
    `      for (var e: i32 = li; e < ${count}i; e += ${SIDE * SIDE}i) {`,
    `        let ${pi}: i32 = row0 + e / ${DEPTH_STEP}i;`,
    `        let ${ki}: i32 = k0 + e % ${DEPTH_STEP}i;`,
    `        var x: f32 = 0.0;`,
    `        if (${pi} < cm && ${ki} < cdepth) { x = ${p.operand(c.a, `${c.acc}_p`, `${c.acc}_k`)}; }`,
    `        ta_${name}[e] = x;`,
    `      }`,
    `      for (var e: i32 = li; e < ${count}i; e += ${SIDE * SIDE}i) {`,
    `        let ${pi}: i32 = col0 + e % ${TILE}i;`,
    `        let ${ki}: i32 = k0 + e / ${TILE}i;`,
    `        var x: f32 = 0.0;`,
    `        if (${pi} < cn && ${ki} < cdepth) { x = ${p.operand(c.b, `${c.acc}_p`, `${c.acc}_k`)}; }`,
    `        tb_${name}[e] = x;`,
    `      }`,
    "      workgroupBarrier();",
    `      for (var kk: i32 = 0i; kk < ${DEPTH_STEP}i; kk++) {`,
  );
  for (let r = 0; r < PER; r++)
    lines.push(
      `        let a${r} = ta_${name}[(i32(lid.y) * ${PER}i + ${r}i) * ${DEPTH_STEP}i + kk];`,
    );
  for (let q = 0; q < PER; q++)
    lines.push(`        let b${q} = tb_${name}[kk * ${TILE}i + i32(lid.x) * ${PER}i + ${q}i];`);
  for (let r = 0; r < PER; r++)
    for (let q = 0; q < PER; q++)
      lines.push(`        ${accs(r, q)} = ${accs(r, q)} + a${r} * b${q};`);
  lines.push("      }", "      workgroupBarrier();", "    }");
  const iv = p.local(i);
  const jv = p.local(j);
  const acc = p.local(c.acc);
  for (let r = 0; r < PER; r++)
    for (let q = 0; q < PER; q++) {
      lines.push(
        "    {",
        `      let ${iv}: i32 = row0 + i32(lid.y) * ${PER}i + ${r}i;`,
        `      let ${jv}: i32 = col0 + i32(lid.x) * ${PER}i + ${q}i;`,
        `      if (${iv} < cm && ${jv} < cn) {`,
        `        let ${acc}: f32 = ${accs(r, q)};`,
        ...p.stmts(c.epilogue, "        "),
        "      }",
        "    }",
      );
    }
  lines.push("  }", "}");
  return lines.join("\n");
}

// ---------------------------------------------------------------------------
// Programs

/** An extent as the runtime evaluates it; extents are integer arithmetic over dims and scan indices. */
function indexExpr(e: KExpr): IndexExpr {
  switch (e.k) {
    case "lit":
      return { k: "lit", value: e.value };
    case "var":
      return { k: "var", name: e.name };
    case "call":
      if (e.type === "i32" && ["add", "sub", "mul", "div", "mod", "max", "min"].includes(e.fn))
        return { k: "call", fn: e.fn, args: e.args.map(indexExpr) };
  }
  throw new Error(`internal: an extent the runtime cannot evaluate (${e.k})`);
}

export interface PrintedPrograms {
  readonly shaders: Shader[];
  readonly programs: Record<string, GpuProgram>;
}

/** Every program's kernels as WGSL modules and the program as the dispatches that run them. */
export function printWgsl(programs: readonly Program[]): PrintedPrograms {
  const shaders: Shader[] = [];
  const out: Record<string, GpuProgram> = {};
  for (const program of programs) {
    const paramSlots = new Set(program.params.map((b) => b.slot));
    const dims = new Map(program.symbols.map((s, i) => [s, i]));
    const loops = new Map<string, number>();
    const collectLoops = (steps: readonly Step[], depth: number) => {
      for (const s of steps)
        if (s.k === "loop") {
          if (depth >= 4) throw new Error("internal: scans nested more than four deep");
          loops.set(s.index, depth);
          collectLoops(s.body, depth + 1);
        }
    };
    collectLoops(program.steps, 0);
    const uniformEntries = program.symbols.length + program.slots.length;
    const scope: ProgramScope = {
      dims,
      slotEntry: (slot) => program.symbols.length + slot,
      buffer: (slot) => (paramSlots.has(slot) ? "P" : "A"),
      loops,
      slotTypes: program.slots.map((s) => s.dtype),
    };
    const kernelSteps = (kernel: Kernel): GpuStep[] => {
      const p = new ShaderPrinter(scope);
      const phases = phasesOf(kernel.body);
      const entries: string[] = [];
      const grids: Grid[] = [];
      phases.forEach(({ prelude, phase: ph }, n) => {
        const name = `phase${n}`;
        switch (ph.k) {
          case "threads":
            entries.push(threadsEntry(p, name, ph.nests));
            grids.push({
              k: "threads",
              extents: ph.nests[0].loops.map((l) => indexExpr(l.extent)),
              size: THREADS,
            });
            break;
          case "rows":
            entries.push(rowsEntry(p, name, ph.nest, prelude));
            grids.push({ k: "rows", extents: ph.nest.loops.map((l) => indexExpr(l.extent)) });
            break;
          case "contract":
            entries.push(contractEntry(p, name, ph.c, prelude));
            grids.push({
              k: "tiles",
              m: indexExpr(ph.c.m),
              n: indexExpr(ph.c.n),
              batch: ph.c.batch.map(indexExpr),
              tile: TILE,
            });
            break;
          case "single":
            entries.push(singleEntry(p, name, [...prelude, ...ph.body]));
            grids.push({ k: "single" });
            break;
        }
      });
      const shader = shaders.length;
      shaders.push({
        name: `${program.name}.${kernel.name}`,
        code: p.module(kernel, entries, uniformEntries),
        entries: entries.length,
      });
      return grids.map((grid, e) => ({ k: "dispatch", shader, entry: `phase${e}`, grid }));
    };
    const stepsOf = (steps: readonly Step[]): GpuStep[] =>
      steps.flatMap((s): GpuStep[] =>
        s.k === "kernel"
          ? kernelSteps(s.kernel)
          : [
              {
                k: "loop",
                index: s.index,
                extent: indexExpr(s.extent),
                reverse: s.reverse,
                body: stepsOf(s.body),
              },
            ],
      );
    out[program.name] = {
      symbols: program.symbols,
      slots: program.slots.length,
      params: program.params,
      inputs: program.inputs,
      outputs: program.outputs,
      updates: program.updates,
      steps: stepsOf(program.steps),
    };
  }
  return { shaders, programs: out };
}
