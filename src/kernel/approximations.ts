/**
 * Polynomial approximations the backends share for functions their targets
 * have no instruction for (or none accurate enough), each as its
 * coefficients from the highest power down: the WebAssembly backend's
 * vector math and the WGSL backend's helpers evaluate the same ones, so
 * they agree with each other as well as with the interpreter.
 */

/** tanh(x) = x + x·z·P(z), z = x², below 0.625 (Cephes's tanhf). */
export const TANH_POLY = [
  -5.70498872745e-3, 2.06390887954e-2, -5.37397155531e-2, 1.33314422036e-1, -3.33332819422e-1,
];
/** erfc(u) = t·exp(−u² + P(t)), t = 1/(1 + u/2), for u ≥ 0 (Numerical Recipes' erfcc). */
export const ERFC_POLY = [
  0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806, 0.09678418, 0.37409196,
  1.00002368, -1.26551223,
];
/** erf(x) = x·P(x²) below 0.5: the Taylor series 2/√π·Σ (−1)ⁿ x²ⁿ / (n!(2n + 1)). */
export const ERF_POLY = [1 / 9360, -1 / 1320, 1 / 216, -1 / 42, 1 / 10, -1 / 3, 1].map(
  (c) => c * (2 / Math.sqrt(Math.PI)),
);
