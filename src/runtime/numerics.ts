/**
 * Scalar routines shared by the reference interpreter and the generated
 * packages (which carry a copy of this file), so that both compute the same:
 * erf, the GELUs, the float-to-int cast, the counter-based random stream, and
 * parameter initialisation. It imports nothing.
 */

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

/** 1 / (1 + e^-x) without overflow. */
export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export function geluErf(x: number): number {
  return 0.5 * x * (1 + erf(x / Math.SQRT2));
}

export const GELU_TANH_K = 0.044715;

export function geluTanh(x: number): number {
  return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + GELU_TANH_K * x * x * x)));
}

/** f32 to i32 as the cast op defines it: truncate toward zero, saturate, NaN to 0. */
export function toI32(x: number): number {
  return Number.isNaN(x) ? 0 : Math.min(2147483647, Math.max(-2147483648, Math.trunc(x)));
}

/** MurmurHash3's 32-bit finaliser: a bijection on u32 with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The counter-based generator every backend reproduces bit for bit with 32-bit
 * integer ops: a stream from (seed, key), then two mixing rounds of the
 * element's row-major index. The top 24 bits scaled by 2^-24 are exact in f32.
 */
export function randomUniformAt(seed: number, key: number, index: number): number {
  const stream = fmix32((seed ^ fmix32((key ^ 0x9e3779b9) >>> 0)) >>> 0);
  const bits = fmix32((fmix32((index ^ stream) >>> 0) + stream) >>> 0);
  return (bits >>> 8) / 16777216;
}

/** FNV-1a over the characters of a name: the key of its parameter's random stream. */
export function nameKey(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * A parameter's initial values, the same on every backend: element i of
 * parameter `name` draws from the counter-based stream (seed, nameKey(name))
 * — uniform(i) at counter i, normal(i) by Box–Muller from counters 2i and
 * 2i+1 — so a parameter's values depend only on the seed and its own name.
 */
export function initialValues(
  kind: string,
  attrs: Readonly<Record<string, unknown>>,
  shape: readonly number[],
  seed: number,
  name: string,
): Float64Array {
  const size = shape.reduce((n, d) => n * d, 1);
  const key = nameKey(name);
  const uniform = (i: number) => randomUniformAt(seed >>> 0, key, i);
  const normal = (i: number) => {
    const u1 = uniform(2 * i) + 2 ** -25; // in (0, 1): log is finite
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * uniform(2 * i + 1));
  };
  const a = attrs as Record<string, number>;
  const values = new Float64Array(size);
  const fill = (f: (i: number) => number) => values.forEach((_, i) => (values[i] = f(i)));
  const symmetric = (bound: number) => fill((i) => (2 * uniform(i) - 1) * bound);
  switch (kind) {
    case "zeros":
      break;
    case "ones":
      values.fill(1);
      break;
    case "constant":
      values.fill(a.value);
      break;
    case "uniform":
      fill((i) => a.low + (a.high - a.low) * uniform(i));
      break;
    case "normal": {
      fill((i) => a.mean + a.std * normal(i));
      const row = size / shape[0];
      if (a.padding_row >= 0) values.fill(0, a.padding_row * row, (a.padding_row + 1) * row);
      break;
    }
    case "kaiming_uniform":
      symmetric(Math.sqrt(6 / ((1 + a.a * a.a) * a.fan_in)));
      break;
    case "xavier_uniform":
      symmetric(a.gain * Math.sqrt(6 / (a.fan_in + a.fan_out)));
      break;
    default:
      throw new Error(`unknown initializer '${kind}'`);
  }
  return values;
}
