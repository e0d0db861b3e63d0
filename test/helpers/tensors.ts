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
