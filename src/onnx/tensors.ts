/**
 * Tensors as the ONNX importer holds them while it folds shape computations:
 * constants whose elements are numbers or, for the integer tensors that
 * `Shape` makes, symbolic dims ("batch"); and the layout steps (reshapes,
 * transposes) a value's view takes before it is written as a statement.
 */
import { dimDiv, dimMul, evalDim, isSymbolic, type Dim, type DType } from "../core/types.js";
import { stridesOf } from "../ir/tensor.js";
import { DATA_TYPE, type TensorProto } from "./schema.js";

export class OnnxError extends Error {}

/** The most elements a constant computed while importing may have (weights come whole from the file). */
const MAX_FOLDED = 1 << 26;

/** A tensor known while importing: a weight, an ONNX Constant, or a folded shape. */
export interface Const {
  readonly kind: "const";
  readonly dtype: DType;
  readonly shape: readonly Dim[];
  /** Row-major; one element fills the whole shape (ConstantOfShape, whose shape may be symbolic). */
  readonly data: readonly Dim[];
  /** The initializer's name, for a weight read from the file. */
  readonly initializer?: string;
}

export const constant = (
  dtype: DType,
  shape: readonly Dim[],
  data: readonly Dim[],
  initializer?: string,
): Const => ({ kind: "const", dtype, shape, data, initializer });

export function elementCount(c: Const): number {
  return c.shape.reduce<number>((n, d) => n * (typeof d === "number" ? d : NaN), 1);
}

/** Every element, a fill expanded; only for concrete shapes. */
export function elementsOf(c: Const): Dim[] {
  const n = elementCount(c);
  if (n > MAX_FOLDED)
    throw new OnnxError(
      `a constant of ${n.toLocaleString("en-US")} elements is computed while importing, past the ${MAX_FOLDED.toLocaleString("en-US")} Weft folds`,
    );
  if (!Number.isFinite(n))
    throw new OnnxError(`a constant of symbolic shape is used where its elements are needed`);
  return c.data.length === 1 && n !== 1 ? Array.from({ length: n }, () => c.data[0]) : [...c.data];
}

export function numbersOf(c: Const, what: string): number[] {
  return elementsOf(c).map((d) => {
    if (typeof d !== "number") throw new OnnxError(`${what} depends on the symbolic dim ${d}`);
    return d;
  });
}

/** The ONNX dtypes Weft computes in: floats as f32, integers and booleans as i32. */
export function weftDType(onnxType: number | undefined, what: string): DType {
  switch (onnxType) {
    case DATA_TYPE.FLOAT:
    case DATA_TYPE.DOUBLE:
      return "f32";
    case DATA_TYPE.INT64:
    case DATA_TYPE.INT32:
    case DATA_TYPE.INT8:
    case DATA_TYPE.UINT8:
    case DATA_TYPE.BOOL:
      return "i32";
    default:
      throw new OnnxError(
        `${what} has ONNX data type ${onnxType ?? "(none)"}, which Weft does not compute in (float, double, integers and bool it does)`,
      );
  }
}

/** A TensorProto's elements, from raw_data or the typed fields; sizes are checked against the dims. */
export function decodeTensor(t: TensorProto, what: string): Const {
  const dims = (t.dims ?? []).map(Number);
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 0))
    throw new OnnxError(`${what} has dims [${dims.join(", ")}]`);
  if (t.dataLocation === 1 || (t.externalData ?? []).length)
    throw new OnnxError(
      `${what} keeps its data in an external file, which Weft does not read; save the model with its data inside (onnx.save(model, f, save_as_external_data=False))`,
    );
  const dtype = weftDType(t.dataType, what);
  const count = dims.reduce((n, d) => n * d, 1);
  const raw = t.rawData && t.rawData.length ? t.rawData : undefined;
  let data: number[];
  if (raw) {
    const width = {
      [DATA_TYPE.FLOAT]: 4,
      [DATA_TYPE.DOUBLE]: 8,
      [DATA_TYPE.INT64]: 8,
      [DATA_TYPE.INT32]: 4,
      [DATA_TYPE.INT8]: 1,
      [DATA_TYPE.UINT8]: 1,
      [DATA_TYPE.BOOL]: 1,
    }[t.dataType!]!;
    if (raw.length !== count * width)
      throw new OnnxError(
        `${what} holds ${raw.length} bytes of data for dims [${dims.join(", ")}] (${count * width} expected)`,
      );
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    data = Array.from({ length: count }, (_, i) => {
      switch (t.dataType) {
        case DATA_TYPE.FLOAT:
          return view.getFloat32(4 * i, true);
        case DATA_TYPE.DOUBLE:
          return view.getFloat64(8 * i, true);
        case DATA_TYPE.INT64:
          return clampInt(view.getBigInt64(8 * i, true));
        case DATA_TYPE.INT32:
          return view.getInt32(4 * i, true);
        case DATA_TYPE.INT8:
          return view.getInt8(i);
        default:
          return view.getUint8(i);
      }
    });
  } else {
    const typed =
      t.dataType === DATA_TYPE.FLOAT
        ? t.floatData
        : t.dataType === DATA_TYPE.DOUBLE
          ? t.doubleData
          : t.dataType === DATA_TYPE.INT64
            ? t.int64Data
            : t.int32Data;
    data = (typed ?? []).map(Number);
    if (data.length !== count)
      throw new OnnxError(
        `${what} holds ${data.length} elements for dims [${dims.join(", ")}] (${count} expected)`,
      );
  }
  return constant(dtype, dims, dtype === "f32" ? data.map(Math.fround) : data, t.name || undefined);
}

/** int64 as i32: the large magnitudes ONNX uses for "to the end" (INT64_MAX) saturate. */
function clampInt(v: bigint): number {
  const max = 2n ** 31n - 1n;
  return Number(v > max ? max : v < -max - 1n ? -max - 1n : v);
}

/** Elementwise arithmetic on folded integers, symbolic dims included where the result stays a monomial. */
export function foldArith(op: string, a: Dim, b: Dim): Dim {
  if (typeof a === "number" && typeof b === "number") {
    switch (op) {
      case "Add":
        return a + b;
      case "Sub":
        return a - b;
      case "Mul":
        return a * b;
      case "Div":
        return Number.isInteger(a) && Number.isInteger(b) ? Math.trunc(a / b) : a / b;
      case "Pow":
        return a ** b;
      case "Equal":
        return a === b ? 1 : 0;
      case "Less":
        return a < b ? 1 : 0;
      case "Greater":
        return a > b ? 1 : 0;
      case "Max":
        return Math.max(a, b);
      case "Min":
        return Math.min(a, b);
    }
  }
  if (op === "Mul") return dimMul(a, b);
  if (op === "Div") {
    const q = dimDiv(a, b);
    if (q !== undefined) return q;
  }
  if (op === "Equal" && (isSymbolic(a) || isSymbolic(b))) {
    if (a === b) return 1;
  }
  throw new OnnxError(`${op} of ${a} and ${b} has no value known while importing`);
}

/** A view's layout steps, applied to its base value when it is written. */
export type LayoutStep =
  | { readonly op: "reshape"; readonly shape: readonly Dim[] }
  | { readonly op: "transpose"; readonly perm: readonly number[] }
  | { readonly op: "slice"; readonly axis: number; readonly start: number; readonly end: number };

/** The shape after a layout step. */
export function stepShape(shape: readonly Dim[], step: LayoutStep): readonly Dim[] {
  if (step.op === "reshape") return step.shape;
  if (step.op === "transpose") return step.perm.map((p) => shape[p]);
  return shape.map((d, i) => (i === step.axis ? step.end - step.start : d));
}

/**
 * The steps with runs merged (reshapes into the last, transposes composed)
 * and no-ops dropped; none at all when the whole chain leaves every element
 * where it was, which is checked by moving a tensor of indices with each
 * symbolic dim bound to an odd size.
 */
export function simplifyLayout(
  baseShape: readonly Dim[],
  steps: readonly LayoutStep[],
): LayoutStep[] {
  const merged: LayoutStep[] = [];
  for (const step of steps) {
    const last = merged.at(-1);
    if (last?.op === "reshape" && step.op === "reshape") merged[merged.length - 1] = step;
    else if (last?.op === "transpose" && step.op === "transpose")
      merged[merged.length - 1] = { op: "transpose", perm: step.perm.map((p) => last.perm[p]) };
    else merged.push(step);
  }
  let shape = baseShape;
  const kept: LayoutStep[] = [];
  for (const step of merged) {
    if (step.op === "transpose" && step.perm.every((p, i) => p === i)) continue;
    const next = stepShape(shape, step);
    if (step.op === "reshape" && next.join() === shape.join()) continue;
    kept.push(step);
    shape = next;
  }
  // A slice keeps fewer elements, so a chain with one never leaves all where they were.
  if (kept.length === 0 || shape.join() !== baseShape.join() || kept.some((k) => k.op === "slice"))
    return kept;
  return movesElements(baseShape, kept) ? kept : [];
}

function movesElements(baseShape: readonly Dim[], steps: readonly LayoutStep[]): boolean {
  const symbols = new Map<string, number>();
  const size = (d: Dim) => {
    for (const s of String(d).split("*"))
      if (isSymbolic(s) && !symbols.has(s)) symbols.set(s, 11 + 2 * symbols.size);
    return evalDim(d, symbols);
  };
  let shape = baseShape.map(size);
  const count = shape.reduce((n, d) => n * d, 1);
  if (count > 1 << 20) return true;
  let data = Array.from({ length: count }, (_, i) => i);
  for (const step of steps) {
    if (step.op !== "transpose") {
      shape = stepShape(shape, step).map(size);
      continue;
    }
    data = permute(data, shape, step.perm);
    shape = step.perm.map((p) => shape[p]);
  }
  return data.some((v, i) => v !== i);
}

/** Row-major elements of `shape` moved by a transpose. */
function permute<T>(data: readonly T[], shape: readonly number[], perm: readonly number[]): T[] {
  const out = perm.map((p) => shape[p]);
  const strides = stridesOf(shape);
  const result: T[] = [];
  const index = new Array<number>(out.length).fill(0);
  for (let i = 0; i < data.length; i++) {
    let from = 0;
    for (let k = 0; k < out.length; k++) from += index[k] * strides[perm[k]];
    result.push(data[from]);
    for (let k = out.length - 1; k >= 0; k--) {
      if (++index[k] < out[k]) break;
      index[k] = 0;
    }
  }
  return result;
}

/** A constant's elements moved by a transpose, for folding. */
export function transposeConst(c: Const, perm: readonly number[]): Const {
  const shape = c.shape as number[];
  return constant(
    c.dtype,
    perm.map((p) => shape[p]),
    permute(elementsOf(c), shape, perm),
  );
}

/** NumPy broadcasting of two shapes, or undefined where they do not broadcast. */
export function broadcast(a: readonly Dim[], b: readonly Dim[]): Dim[] | undefined {
  const rank = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const x = a[a.length - rank + i] ?? 1;
    const y = b[b.length - rank + i] ?? 1;
    if (x === y || y === 1) out.push(x);
    else if (x === 1) out.push(y);
    else return undefined;
  }
  return out;
}

/** Elementwise folding of constants with broadcasting (concrete shapes). */
export function foldElementwise(op: string, inputs: readonly Const[], dtype: DType): Const {
  const shape = inputs.reduce<Dim[] | undefined>((s, c) => s && broadcast(s, c.shape), []);
  if (!shape) throw new OnnxError(`${op} of constants whose shapes do not broadcast`);
  const out = shape as number[];
  const count = out.reduce((n, d) => n * d, 1);
  const strided = inputs.map((c) => {
    const data = elementsOf(c);
    const own = c.shape as number[];
    const strides = stridesOf(own);
    return (index: number[]) => {
      let at = 0;
      for (let k = 0; k < own.length; k++) {
        const i = index[out.length - own.length + k];
        at += (own[k] === 1 ? 0 : i) * strides[k];
      }
      return data[at];
    };
  });
  const data: Dim[] = [];
  const index = new Array<number>(out.length).fill(0);
  for (let i = 0; i < count; i++) {
    const args = strided.map((read) => read(index));
    data.push(
      op === "Where"
        ? (args[0] as number) !== 0
          ? args[1]
          : args[2]
        : foldArith(op, args[0], args[1]),
    );
    for (let k = out.length - 1; k >= 0; k--) {
      if (++index[k] < out[k]) break;
      index[k] = 0;
    }
  }
  return constant(dtype, out, dtype === "f32" ? data.map((d) => Math.fround(d as number)) : data);
}
