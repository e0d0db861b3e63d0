/** Tensors as the ONNX tests' fixtures hold them, fed to a Weft package and to onnxruntime-node. */
import { expect } from "vitest";
import * as ort from "onnxruntime-node";
import { writeSafetensors } from "../../src/runtime/model.js";
import type { ImportedTensor } from "../../src/onnx/import.js";
import { findBackend } from "../../src/backends/index.js";

/** The TypeScript package: the ONNX tests check what is imported and exported, which every backend then runs alike. */
export const HOST = { target: findBackend("ts")! };

export interface TensorJson {
  dtype: "f32" | "i32";
  shape: number[];
  data: number[];
}

/** The inputs as typed arrays, as a package's predict takes them. */
export const typedInputs = (inputs: Record<string, TensorJson>) =>
  Object.fromEntries(
    Object.entries(inputs).map(([k, t]) => [
      k,
      t.dtype === "f32" ? Float32Array.from(t.data) : Int32Array.from(t.data),
    ]),
  );

/** The inputs as onnxruntime takes them: integers as int64 (PyTorch's exports) or int32 (Weft's). */
export const ortInputs = (inputs: Record<string, TensorJson>, integers: "int64" | "int32") =>
  Object.fromEntries(
    Object.entries(inputs).map(([k, t]) => [
      k,
      t.dtype === "f32"
        ? new ort.Tensor("float32", Float32Array.from(t.data), t.shape)
        : integers === "int64"
          ? new ort.Tensor("int64", BigInt64Array.from(t.data.map(BigInt)), t.shape)
          : new ort.Tensor("int32", Int32Array.from(t.data), t.shape),
    ]),
  );

/** Every element within atol + rtol·|want| (1e-5 and 1e-4: the 1e-4, absolute near zero). */
export function expectClose(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  what: string,
  rtol = 1e-4,
  atol = 1e-5,
) {
  expect(got.length, what).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++)
    worst = Math.max(worst, Math.abs(got[i] - want[i]) / (atol + rtol * Math.abs(want[i])));
  expect(worst, `${what}: worst |got - want| / (atol + rtol·|want|)`).toBeLessThanOrEqual(1);
}

/** Imported weights as the safetensors bytes a package's createModel takes. */
export const weightsFile = (weights: readonly ImportedTensor[]) =>
  writeSafetensors(weights.map((w) => ({ ...w, shape: [...w.shape] })));
