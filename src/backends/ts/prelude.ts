/**
 * Scalar functions the generated TypeScript calls, printed into a module only
 * when its kernels use them. They compute exactly what the interpreter's op
 * semantics compute (src/ir/ops), so the two agree bit for bit where they can.
 */
export const PRELUDE: Readonly<Record<string, string>> = {
  sigmoid: `function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}`,
  erf: `function erf(x: number): number {
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
}`,
  gelu_erf: `function gelu_erf(x: number): number {
  return 0.5 * x * (1 + erf(x / Math.SQRT2));
}`,
  gelu_tanh: `function gelu_tanh(x: number): number {
  return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
}`,
  to_i32: `function to_i32(x: number): number {
  return Number.isNaN(x) ? 0 : Math.min(2147483647, Math.max(-2147483648, Math.trunc(x)));
}`,
  random: `function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
function random(seed: number, key: number, index: number): number {
  const stream = fmix32((seed ^ fmix32((key ^ 0x9e3779b9) >>> 0)) >>> 0);
  const bits = fmix32((fmix32((index ^ stream) >>> 0) + stream) >>> 0);
  return (bits >>> 8) / 16777216;
}`,
};

/** Prelude functions that call others. */
export const PRELUDE_NEEDS: Readonly<Record<string, readonly string[]>> = { gelu_erf: ["erf"] };
