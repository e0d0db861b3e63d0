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
 * Parameters after an Adam step from code that sums float32 products (the
 * WebAssembly backend's SIMD contractions at -O2, as PyTorch's kernels do)
 * against code that sums in float64 (the interpreter, the TypeScript
 * backend). Adam divides a gradient by |g| + 1e-8, so where |g| ≪ 1e-8 it
 * multiplies that rounding difference by lr / 1e-8 (1e5 at lr 1e-3) in the
 * parameter: measured up to 6.6e-6 on one of mnist-mlp's 270k weights (its
 * step is lr = 1e-3). Parameters are compared with this atol; the
 * optimizer's moments, which carry the gradient, and everything else keep
 * rtol 1e-5, atol 1e-6.
 */
export const ADAM_STEP_32: Tolerance = { rtol: 1e-5, atol: 1e-5 };

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
