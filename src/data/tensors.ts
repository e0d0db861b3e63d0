/**
 * Tensors as training data: a safetensors file, or a folder of NumPy `.npy`
 * files (NAME.npy for the field NAME), each tensor a field whose first dim
 * counts the examples. The `.npy` format is a magic string, a header that is
 * a Python dict literal (dtype, order, shape) and the raw little-endian
 * data; float64 and int64 arrays are converted to the field's f32 or i32.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { readTensors, type DType, type Data } from "../runtime/model.js";
import { DataError } from "./records.js";

export interface NamedTensor {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly data: Data;
}

/** Every tensor of a safetensors file or of a folder's .npy files, by name. */
export function readTensorSource(path: string): Map<string, NamedTensor> {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch (e) {
    throw new DataError(path, `cannot read the data: ${(e as Error).message}`);
  }
  if (!isFolder) {
    try {
      return readTensors(readFileSync(path), "safetensors");
    } catch (e) {
      throw new DataError(path, (e as Error).message);
    }
  }
  const files = readdirSync(path).filter((f) => f.endsWith(".npy"));
  if (files.length === 0) throw new DataError(path, "the folder holds no .npy files");
  return new Map(files.map((f) => [basename(f, ".npy"), readNpy(join(path, f))]));
}

const NPY_TYPES: Record<
  string,
  { dtype: DType; read: (v: DataView, at: number) => number; size: number }
> = {
  "<f4": { dtype: "f32", size: 4, read: (v, at) => v.getFloat32(at, true) },
  "<f8": { dtype: "f32", size: 8, read: (v, at) => v.getFloat64(at, true) },
  "<i4": { dtype: "i32", size: 4, read: (v, at) => v.getInt32(at, true) },
  "<i8": { dtype: "i32", size: 8, read: (v, at) => Number(v.getBigInt64(at, true)) },
  "|u1": { dtype: "i32", size: 1, read: (v, at) => v.getUint8(at) },
  "|i1": { dtype: "i32", size: 1, read: (v, at) => v.getInt8(at) },
};

export function readNpy(file: string): NamedTensor {
  const bytes = readFileSync(file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = "\x93NUMPY";
  if (bytes.length < 10 || String.fromCharCode(...bytes.subarray(0, 6)) !== magic)
    throw new DataError(file, "not a .npy file (no \\x93NUMPY magic)");
  const major = bytes[6];
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined)
    throw new DataError(file, `a .npy header that cannot be read: ${header.trim()}`);
  const type = NPY_TYPES[descr];
  if (!type)
    throw new DataError(
      file,
      `dtype '${descr}' is not read (only ${Object.keys(NPY_TYPES).join(", ")})`,
    );
  if (fortran === "True")
    throw new DataError(file, "a Fortran-ordered array: save it C-ordered (np.ascontiguousarray)");
  const shape = shapeText
    .split(",")
    .map((d) => d.trim())
    .filter((d) => d !== "")
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const offset = start + headerLength;
  if (bytes.length - offset < count * type.size)
    throw new DataError(
      file,
      `holds ${bytes.length - offset} bytes of data, not the ${count * type.size} its shape needs`,
    );
  const data = type.dtype === "f32" ? new Float32Array(count) : new Int32Array(count);
  for (let i = 0; i < count; i++) data[i] = type.read(view, offset + i * type.size);
  return { dtype: type.dtype, shape, data };
}
