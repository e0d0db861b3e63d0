/**
 * Runtime tensors of the reference interpreter: a dtype, a concrete shape and a
 * flat row-major typed array. f32 tensors hold a Float32Array, or a
 * Float64Array when the interpreter runs in float64 for gradient checks.
 */
import type { DType } from "../core/types.js";

export type Precision = "f32" | "f64";
export type TensorData = Float32Array | Float64Array | Int32Array;

export class Tensor {
  constructor(
    readonly dtype: DType,
    readonly shape: readonly number[],
    readonly data: TensorData,
  ) {
    const n = sizeOf(shape);
    if (data.length !== n) {
      throw new Error(
        `tensor of shape [${shape.join(", ")}] needs ${n} elements, got ${data.length}`,
      );
    }
  }

  /** A tensor of the given values (one number fills the whole shape). */
  static of(
    dtype: DType,
    shape: readonly number[],
    values: ArrayLike<number> | number,
    precision: Precision = "f32",
  ): Tensor {
    const data = allocData(dtype, sizeOf(shape), precision);
    if (typeof values === "number") data.fill(values);
    else data.set(values);
    return new Tensor(dtype, shape, data);
  }

  static zeros(dtype: DType, shape: readonly number[], precision: Precision = "f32"): Tensor {
    return new Tensor(dtype, shape, allocData(dtype, sizeOf(shape), precision));
  }

  get size(): number {
    return this.data.length;
  }

  /** The same values held at another precision (i32 tensors are returned as they are). */
  withPrecision(precision: Precision): Tensor {
    if (this.dtype === "i32") return this;
    const wanted = precision === "f64" ? Float64Array : Float32Array;
    return this.data instanceof wanted
      ? this
      : Tensor.of(this.dtype, this.shape, this.data, precision);
  }

  toArray(): number[] {
    return Array.from(this.data);
  }
}

export function allocData(dtype: DType, size: number, precision: Precision): TensorData {
  if (dtype === "i32") return new Int32Array(size);
  return precision === "f64" ? new Float64Array(size) : new Float32Array(size);
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i];
  }
  return strides;
}
