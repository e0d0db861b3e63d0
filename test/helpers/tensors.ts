import { expect } from "vitest";
import { Tensor } from "../../src/ir/tensor.js";

/** f32 tensors are held in float64 so that expected values stay exact. */
export const f32 = (shape: number[], values: number[] | number) =>
  Tensor.of("f32", shape, values, "f64");
export const i32 = (shape: number[], values: number[] | number) => Tensor.of("i32", shape, values);

/** How close two values must be: |got − want| ≤ atol + rtol·|want|. */
export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
}

/**
 * Parameters after Adam steps from code that sums in another order than the
 * reference (the WebAssembly backend's float32 SIMD contractions at -O2, as
 * PyTorch's kernels sum; or float64 sums in another order, rounded to
 * float32 between kernels). An Adam step moves a parameter by at most about
 * lr; where a gradient is much smaller than eps (1e-8) the step is
 * lr·g/(|g| + eps), which multiplies the rounding difference in g by lr/eps.
 * Measured: 6.6e-6 on one of mnist-mlp's 270k weights at lr 1e-3, 2.5e-5 on
 * one of char-lm's GRU weights at lr 3e-3 (a backend that computes in
 * float32 throughout is further off: adamStepOn). So parameters are compared to 1%
 * of the step size lr (a wrong update is wrong by up to 2·lr), while the
 * optimizer's moments, which carry the gradient itself, and everything else
 * keep rtol 1e-5, atol 1e-6.
 */
export const adamStep = (lr: number): Tolerance => ({ rtol: 1e-5, atol: lr / 100 });

/** Same dtype and shape, and every value within the tolerance; NaN matches NaN, ±Infinity itself. */
export function expectClose(actual: Tensor, expected: Tensor, tol: Tolerance, label = ""): void {
  expect(`${actual.dtype}[${actual.shape}]`, `${label} type`).toBe(
    `${expected.dtype}[${expected.shape}]`,
  );
  const bad: string[] = [];
  expected.data.forEach((want, i) => {
    const got = actual.data[i];
    const ok = Number.isNaN(want)
      ? Number.isNaN(got)
      : got === want || Math.abs(got - want) <= tol.atol + tol.rtol * Math.abs(want);
    if (!ok) bad.push(`[${i}] got ${got}, expected ${want}`);
  });
  expect(bad, `${label} values`).toEqual([]);
}
