/**
 * The ONNX front end: an ONNX model (as torch.onnx.export writes it) read
 * into a `.weft` spec and its weights under PyTorch's names.
 *
 * Algorithm. The graph is converted on demand from its outputs: a value's
 * producing node is converted when something first needs the value, so nodes
 * that only compute shapes, and the inner nodes of a recognised pattern, are
 * never written. A value is either a constant known now (weights, Constant
 * nodes, and what Shape/Gather/Concat/… compute from them, symbolic dims
 * such as the batch included) or a tensor of the model, held as a view: a
 * written variable and layout steps (reshape, transpose) not yet written, so
 * that the transposes PyTorch's exporter puts around a recurrent node cancel
 * against the ones Weft's layers take away. At each needed node the
 * recognisers are tried first (dense from Gemm or MatMul+Add, an activation
 * folded into the dense before it, embedding from Gather, LSTM/GRU/RNN with
 * their gates reordered to PyTorch's, layer norm whole or decomposed, GELU
 * in its erf and tanh forms); what none matches is written as op-level
 * statements. Every unsupported node is reported, not only the first.
 */
import { DiagnosticError, error, type Diagnostic } from "../core/diagnostics.js";
import {
  dimAdd,
  dimProduct,
  isSymbolic,
  makeDim,
  type Dim,
  type DType,
  type TensorType,
} from "../core/types.js";
import {
  ATTRIBUTE_TYPE,
  decodeModel,
  type AttributeProto,
  type GraphProto,
  type NodeProto,
  type TensorProto,
} from "./schema.js";
import {
  broadcast,
  constant,
  decodeTensor,
  elementCount,
  elementsOf,
  foldArith,
  foldElementwise,
  numbersOf,
  OnnxError,
  simplifyLayout,
  stepShape,
  transposeConst,
  weftDType,
  type Const,
  type LayoutStep,
} from "./tensors.js";

/** The opset versions the converters are written against (torch.onnx.export's 13 to 17). */
const OPSETS = { min: 13, max: 17 };
/** Constants past this many elements are not written into a spec. */
const INLINE_LIMIT = 4096;

export interface ImportedTensor {
  readonly name: string;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export interface ImportedModel {
  /** The model as a `.weft` spec. */
  readonly spec: string;
  /** The weights under the parameter names the spec's layers declare. */
  readonly weights: readonly ImportedTensor[];
  /** How many nodes of each op type were converted (a recognised pattern at its last node, "(as a layer)"); weft import prints it. */
  readonly converted: ReadonlyMap<string, number>;
}

/** A tensor of the model: a written variable seen through layout steps. */
interface View {
  readonly kind: "value";
  readonly type: TensorType;
  readonly base: string;
  readonly baseShape: readonly Dim[];
  readonly steps: readonly LayoutStep[];
  /** Set on a dense layer's result, which an activation after it may fold into. */
  readonly dense?: { line: number };
}

type Known = Const | View;

const view = (base: string, type: TensorType, dense?: { line: number }): View => ({
  kind: "value",
  type,
  base,
  baseShape: type.shape,
  steps: [],
  dense,
});

export function importOnnx(bytes: Uint8Array, file: string, modelName?: string): ImportedModel {
  const fail = (code: string, message: string): never => {
    throw new DiagnosticError([onnxDiagnostic(file, code, message)]);
  };
  let model;
  try {
    model = decodeModel(bytes);
  } catch (e) {
    fail("onnx-malformed", `not a readable ONNX model (${(e as Error).message})`);
  }
  if (!model?.graph || !(model.graph.node ?? []).length)
    fail("onnx-malformed", "not an ONNX model (no graph with nodes); is the file truncated?");
  const opset =
    (model!.opsetImport ?? []).find((o) => !o.domain || o.domain === "ai.onnx")?.version ?? 0;
  if (opset < OPSETS.min || opset > OPSETS.max)
    fail(
      "onnx-opset",
      `opset ${opset}; Weft reads opsets ${OPSETS.min} to ${OPSETS.max} (torch.onnx.export(..., opset_version=17))`,
    );
  return new Importer(model!.graph!, file, opset, modelName ?? "Imported").run();
}

/** An ONNX file has no lines; its diagnostics name the file (line 0). */
function onnxDiagnostic(file: string, code: string, message: string): Diagnostic {
  return error(code, message, { file, line: 0, col: 0 });
}

class Importer {
  private readonly producers = new Map<string, NodeProto>();
  private readonly consumers = new Map<string, number>();
  private readonly known = new Map<string, Known>();
  private readonly initializers = new Map<string, TensorProto>();
  private readonly lines: string[] = [];
  private readonly variables = new Set<string>();
  private readonly layerNames = new Set<string>();
  private readonly weights: ImportedTensor[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly converted = new Map<string, number>();
  private readonly failed = new Set<NodeProto>();
  /** The outputs of each node of a stacked recurrent layer, converted together. */
  private readonly stackResults = new Map<NodeProto, (Known | undefined)[]>();

  constructor(
    private readonly graph: GraphProto,
    private readonly file: string,
    private readonly opset: number,
    private readonly modelName: string,
  ) {
    for (const node of graph.node ?? []) {
      for (const out of node.output ?? []) if (out) this.producers.set(out, node);
      for (const input of node.input ?? [])
        if (input) this.consumers.set(input, (this.consumers.get(input) ?? 0) + 1);
    }
    for (const out of graph.output ?? [])
      this.consumers.set(out.name!, (this.consumers.get(out.name!) ?? 0) + 1);
    for (const t of graph.initializer ?? []) this.initializers.set(t.name!, t);
  }

  run(): ImportedModel {
    const header: string[] = [];
    const unnamed = [...(this.graph.input ?? []), ...(this.graph.output ?? [])].some(
      (v) => !v.name,
    );
    if (unnamed || !(this.graph.output ?? []).length) {
      this.report(
        "onnx-malformed",
        unnamed ? "an input or output of the graph has no name" : "the graph has no outputs",
      );
      throw new DiagnosticError(this.diagnostics);
    }
    for (const input of this.graph.input ?? []) {
      if (this.initializers.has(input.name!)) continue;
      const t = input.type?.tensorType;
      const name = this.variable(input.name!);
      let dtype: DType;
      try {
        dtype = weftDType(t?.elemType, `input '${input.name}'`);
      } catch (e) {
        this.report("onnx-input", (e as Error).message);
        continue;
      }
      const dims = (t?.shape?.dim ?? []).map((d) =>
        d.dimParam
          ? symbolName(d.dimParam)
          : d.dimValue !== undefined && d.dimValue > 0
            ? Number(d.dimValue)
            : undefined,
      );
      if (!t?.shape || dims.some((d) => d === undefined)) {
        this.report(
          "onnx-input",
          `input '${input.name}' has a dim of unknown size; export it with dynamic_axes naming the dim (dynamic_axes={"${input.name}": {0: "batch"}})`,
        );
        continue;
      }
      const type = { dtype, shape: dims as Dim[] };
      header.push(`  input ${name}: ${dtype}[${type.shape.join(", ")}]`);
      this.known.set(input.name!, view(name, type));
    }
    const outputs: string[] = [];
    // The outputs keep their ONNX names (an app reads them by name); no variable takes one.
    const outputNames = (this.graph.output ?? []).map((out) => this.variable(out.name!));
    for (const [i, out] of (this.graph.output ?? []).entries()) {
      const value = this.value(out.name!);
      // A constant output (it depends on no input) is written as its statement.
      const written = value && this.guard(() => this.write(value, out.name!));
      if (written) outputs.push(`  output ${outputNames[i]} = ${written}`);
    }
    if (this.diagnostics.length) throw new DiagnosticError(this.diagnostics);
    const spec = [
      `// Imported from ${this.file.split(/[\\/]/).pop()} by weft import.`,
      `model ${this.modelName} {`,
      ...header,
      ...this.lines,
      ...outputs,
      "}",
      "",
    ].join("\n");
    return { spec, weights: this.weights, converted: this.converted };
  }

  // ---- values -------------------------------------------------------------

  /** The value of an ONNX name, converting its producer on first use; undefined where that failed (reported). */
  private value(name: string): Known | undefined {
    const seen = this.known.get(name);
    if (seen) return seen;
    const init = this.initializers.get(name);
    if (init) {
      const c = this.guard(() => decodeTensor(init, `initializer '${name}'`));
      if (c) this.known.set(name, c);
      return c;
    }
    const node = this.producers.get(name);
    if (!node) {
      this.report(
        "onnx-malformed",
        `value '${name}' is used but no node makes it and it is no input or initializer`,
      );
      return undefined;
    }
    if (this.failed.has(node)) return undefined;
    const results = this.guard(() => this.convert(node), node);
    if (!results) {
      this.failed.add(node);
      return undefined;
    }
    (node.output ?? []).forEach((out, i) => results[i] && out && this.known.set(out, results[i]!));
    const result = this.known.get(name);
    if (!result)
      this.report("onnx-node", `${describe(node, this.opset)}: gives no value for '${name}'`);
    return result;
  }

  private input(node: NodeProto, i: number): Known {
    const name = node.input?.[i];
    if (!name) throw new OnnxError(`input ${i} is missing`);
    const v = this.value(name);
    if (!v) throw new Skip();
    return v;
  }

  private optionalInput(node: NodeProto, i: number): Known | undefined {
    return node.input?.[i] ? this.input(node, i) : undefined;
  }

  private constInput(node: NodeProto, i: number, what: string): Const {
    const v = this.input(node, i);
    if (v.kind !== "const")
      throw new OnnxError(
        `${what} (input ${i}) must be known while importing, not computed from the model's inputs`,
      );
    return v;
  }

  /** A view written as a variable (its pending layout steps written first). */
  private write(v: Known, hint = "c"): string {
    if (v.kind === "const") return this.writeConst(v, hint);
    const steps = simplifyLayout(v.baseShape, v.steps);
    let name = v.base;
    let shape = v.baseShape;
    for (const step of steps) {
      const call =
        step.op === "transpose"
          ? `transpose(${name}, [${step.perm.join(", ")}])`
          : step.op === "reshape"
            ? `reshape(${name}, ${shapeArg(step.shape, true)})`
            : `slice(${name}, ${step.axis}, start: ${step.start}, end: ${step.end})`;
      name = this.statement(call, name);
      shape = stepShape(shape, step);
    }
    return name;
  }

  private writeConst(c: Const, hint: string): string {
    // A weight of the file that no layer took is a trained tensor of its own (torch's nn.Parameter).
    if (c.initializer && c.dtype === "f32" && elementCount(c) > 1) return this.parameter(c);
    const shape = c.shape;
    const fill = c.data.length === 1 && elementCount(c) !== 1;
    const symbolic = shape.some(isSymbolic);
    if (!fill && symbolic) throw new OnnxError("a constant of symbolic shape");
    const count = fill ? 1 : elementCount(c);
    const structured =
      !fill && !symbolic && c.dtype === "i32" ? this.writeIndexConst(c, hint) : undefined;
    if (structured) return structured;
    if (count > INLINE_LIMIT)
      throw new OnnxError(
        `a constant of ${count.toLocaleString("en-US")} elements is used as a value of the model; Weft writes constants up to ${INLINE_LIMIT} elements into a spec`,
      );
    const values = numbersOf(
      constant(c.dtype, fill ? [] : shape, fill ? [c.data[0]] : c.data),
      "a constant",
    );
    const text = `[${values.map((x) => (c.dtype === "f32" ? floatText(x) : String(x))).join(", ")}]`;
    const dtype = c.dtype === "i32" ? ", dtype: i32" : "";
    if (!symbolic) {
      const shapeText = shape.length ? `, shape: [${shape.join(", ")}]` : "";
      return this.statement(`constant(${text}${shapeText}${dtype})`, hint);
    }
    const scalar = this.statement(`constant(${text}${dtype})`, hint);
    return this.statement(`broadcast_to(${scalar}, [${shape.join(", ")}])`, hint);
  }

  private parameter(c: Const): string {
    const name = this.uniqueLayerName(c.initializer!.replace(/[^\w.]+/g, "_"));
    this.weight(name, c.shape as number[], elementsOf(c));
    return this.statement(
      `parameter([${c.shape.join(", ")}], name: ${JSON.stringify(name)})`,
      name,
    );
  }

  /**
   * An integer constant that is the index along an axis (positions) as
   * `iota`, or a strict triangle of ones (a causal mask) as a comparison of
   * row and column indices; undefined for any other.
   */
  private writeIndexConst(c: Const, hint: string): string | undefined {
    const shape = c.shape as number[];
    const data = c.data as number[];
    if (data.length < 2) return undefined;
    const strides = shape.map((_, k) => shape.slice(k + 1).reduce((n, d) => n * d, 1));
    const index = (i: number, k: number) => Math.floor(i / strides[k]) % shape[k];
    const axis = shape.findIndex((_, k) => data.every((v, i) => v === index(i, k)));
    if (axis >= 0) return this.statement(`iota([${shape.join(", ")}], axis: ${axis})`, hint);
    if (shape.length !== 2) return undefined;
    const upper = data.every((v, i) => v === (index(i, 1) > index(i, 0) ? 1 : 0));
    const lower = data.every((v, i) => v === (index(i, 0) > index(i, 1) ? 1 : 0));
    if (!upper && !lower) return undefined;
    const rows = this.statement(`iota([${shape.join(", ")}], axis: 0)`, "rows");
    const cols = this.statement(`iota([${shape.join(", ")}], axis: 1)`, "cols");
    return this.statement(upper ? `greater(${cols}, ${rows})` : `greater(${rows}, ${cols})`, hint);
  }

  private statement(call: string, hint: string): string {
    const name = this.variable(hint);
    this.lines.push(`  ${name} = ${call}`);
    return name;
  }

  /** A fresh variable named after an ONNX name or a layer's. */
  private variable(hint: string): string {
    const base =
      symbolName(hint.replace(/_output_\d+$/, "").replace(/^\/+/, "")).toLowerCase() || "v";
    let name = RESERVED.has(base) ? `${base}_` : base;
    for (let k = 1; this.variables.has(name); k++) name = `${base}_${k}`;
    this.variables.add(name);
    return name;
  }

  /** A layer's name: its PyTorch module path, from the node's name or its weight's. */
  private layerName(node: NodeProto, weight?: string): string {
    const fromWeight =
      weight && /\.(weight|bias)$/.test(weight) && !weight.startsWith("onnx::")
        ? weight.replace(/\.(weight|bias)$/, "")
        : undefined;
    const path = (node.name ?? "").split("/").filter(Boolean);
    const fromNode = path.length > 1 ? path.slice(0, -1).join(".") : undefined;
    return this.uniqueLayerName(fromNode ?? fromWeight ?? (node.opType ?? "layer").toLowerCase());
  }

  private uniqueLayerName(wanted: string): string {
    let name = wanted;
    if (this.layerNames.has(name)) {
      let k = 1;
      while (this.layerNames.has(`${name}_${k}`)) k++;
      name = `${name}_${k}`;
    }
    this.layerNames.add(name);
    return name;
  }

  private weight(name: string, shape: readonly number[], data: readonly Dim[]): void {
    this.weights.push({ name, dtype: "f32", shape, data: Float32Array.from(data as number[]) });
  }

  private singleUse(name: string): boolean {
    return this.consumers.get(name) === 1;
  }

  private guard<T>(fn: () => T, node?: NodeProto): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (e instanceof Skip) return undefined;
      if (!(e instanceof OnnxError)) throw e;
      this.report(
        node ? "onnx-node" : "onnx-tensor",
        node ? `${describe(node, this.opset)}: ${e.message}` : e.message,
      );
      return undefined;
    }
  }

  private report(code: string, message: string): void {
    this.diagnostics.push(onnxDiagnostic(this.file, code, message));
  }

  // ---- nodes --------------------------------------------------------------

  private convert(node: NodeProto): (Known | undefined)[] {
    if (node.domain && node.domain !== "ai.onnx")
      throw new OnnxError(`is in domain '${node.domain}'; Weft reads the standard ONNX operators`);
    const op = node.opType ?? "";
    const recognised = this.recognise(node);
    const results = recognised ?? this.primitive(node, op);
    const key = recognised ? `${op} (as a layer)` : op;
    this.converted.set(key, (this.converted.get(key) ?? 0) + 1);
    return results;
  }

  /** The layer patterns whose last node is `node`. */
  private recognise(node: NodeProto): Known[] | undefined {
    return this.gelu(node) ?? this.layerNormDecomposed(node) ?? this.denseFromMatMul(node);
  }

  private primitive(node: NodeProto, op: string): (Known | undefined)[] {
    const a = (name: string) => attribute(node, name);
    // Every input is converted first, so that each failing one is reported; a recurrent
    // node reads its own (a stacked layer's upper nodes never read the lower's sequences).
    if (!RECURRENT.has(op)) {
      const inputs = (node.input ?? []).filter(Boolean).map((name) => this.value(name));
      if (inputs.some((v) => !v)) throw new Skip();
    }

    switch (op) {
      case "Constant": {
        const t = a("value")?.t;
        if (t) return [decodeTensor(t, `Constant '${node.name}'`)];
        const f = a("value_float")?.f;
        if (f !== undefined) return [constant("f32", [], [Math.fround(f)])];
        const i = a("value_int")?.i;
        if (i !== undefined) return [constant("i32", [], [Number(i)])];
        const ints = a("value_ints")?.ints;
        if (ints) return [constant("i32", [ints.length], ints.map(Number))];
        const floats = a("value_floats")?.floats;
        if (floats) return [constant("f32", [floats.length], floats.map(Math.fround))];
        throw new OnnxError("has no value Weft reads (value, value_float(s), value_int(s))");
      }
      case "Identity":
      case "Dropout": {
        // A weight the exporter found equal to another is an Identity of it; it stays a weight of its own.
        const x = this.input(node, 0);
        return [x.kind === "const" && x.initializer ? { ...x, initializer: node.output?.[0] } : x];
      }
      case "Shape": {
        const x = this.input(node, 0);
        const shape = x.kind === "const" ? x.shape : x.type.shape;
        const rank = shape.length;
        const clamp = (i: number) => Math.min(rank, Math.max(0, i < 0 ? i + rank : i));
        const start = clamp(Number(a("start")?.i ?? 0));
        const end = clamp(Number(a("end")?.i ?? rank));
        return [constant("i32", [Math.max(0, end - start)], shape.slice(start, end))];
      }
      case "Size": {
        const x = this.input(node, 0);
        return [constant("i32", [], [dimProduct(x.kind === "const" ? x.shape : x.type.shape)])];
      }
      case "Cast": {
        const x = this.input(node, 0);
        const to = weftDType(Number(a("to")?.i), "Cast's result");
        if (x.kind === "const") {
          const data =
            to === "i32" && x.dtype === "f32" ? x.data.map((d) => Math.trunc(d as number)) : x.data;
          return [
            constant(to, x.shape, to === "f32" ? data.map((d) => Math.fround(d as number)) : data),
          ];
        }
        if (x.type.dtype === to) return [x];
        return [
          view(this.statement(`cast(${this.write(x)}, ${to})`, nodeHint(node)), {
            dtype: to,
            shape: x.type.shape,
          }),
        ];
      }
      case "Unsqueeze":
      case "Squeeze": {
        const x = this.input(node, 0);
        const shape = x.kind === "const" ? x.shape : x.type.shape;
        const axesInput = node.input?.[1]
          ? numbersOf(this.constInput(node, 1, "axes"), "axes")
          : undefined;
        const axes = axesInput ?? (a("axes")?.ints ?? []).map(Number);
        let next: Dim[];
        if (op === "Unsqueeze") {
          const rank = shape.length + axes.length;
          const at = new Set(axes.map((ax) => normalize(ax, rank)));
          if (at.size !== axes.length)
            throw new OnnxError(`lists an axis twice in [${axes.join(", ")}]`);
          const rest = [...shape];
          next = Array.from({ length: rank }, (_, i) => (at.has(i) ? 1 : rest.shift()!));
        } else {
          const rank = shape.length;
          const at = new Set(
            axes.length
              ? axes.map((ax) => normalize(ax, rank))
              : shape.flatMap((d, i) => (d === 1 ? [i] : [])),
          );
          for (const i of at)
            if (shape[i] !== 1) throw new OnnxError(`squeezes axis ${i}, of size ${shape[i]}`);
          next = shape.filter((_, i) => !at.has(i));
        }
        return [this.reshaped(x, next)];
      }
      case "Flatten": {
        const x = this.input(node, 0);
        const shape = x.kind === "const" ? x.shape : x.type.shape;
        const axis = normalize(Number(a("axis")?.i ?? 1), shape.length + 1);
        return [
          this.reshaped(x, [dimProduct(shape.slice(0, axis)), dimProduct(shape.slice(axis))]),
        ];
      }
      case "Reshape": {
        const x = this.input(node, 0);
        const requested = elementsOf(this.constInput(node, 1, "the shape"));
        const shape = x.kind === "const" ? x.shape : x.type.shape;
        const allowZero = Number(a("allowzero")?.i ?? 0) === 1;
        const dims = requested.map((d, i) => (d === 0 && !allowZero ? shape[i] : d));
        const unknown = dims.filter((d) => d === -1).length;
        if (unknown > 1) throw new OnnxError("has more than one -1 in its shape");
        if (unknown === 1) {
          const known = dimProduct(dims.filter((d) => d !== -1));
          const rest = foldArith("Div", dimProduct(shape), known);
          return [
            this.reshaped(
              x,
              dims.map((d) => (d === -1 ? rest : d)),
            ),
          ];
        }
        return [this.reshaped(x, dims)];
      }
      case "Transpose": {
        const x = this.input(node, 0);
        const rank = x.kind === "const" ? x.shape.length : x.type.shape.length;
        const perm = (a("perm")?.ints ?? Array.from({ length: rank }, (_, i) => rank - 1 - i)).map(
          Number,
        );
        if (perm.length !== rank || [...perm].sort((p, q) => p - q).some((p, i) => p !== i))
          throw new OnnxError(
            `has perm [${perm.join(", ")}], which is no permutation of ${rank} axes`,
          );
        if (x.kind === "const") return [transposeConst(x, perm)];
        return [this.laidOut(x, { op: "transpose", perm })];
      }
      case "Concat": {
        const inputs = (node.input ?? []).map((_, i) => this.input(node, i));
        const rank = shapeOf(inputs[0]).length;
        const axis = normalize(Number(a("axis")?.i ?? 0), rank);
        if (inputs.every((v) => v.kind === "const")) {
          if (rank !== 1) throw new OnnxError("concatenates constants of more than one dim");
          const data = inputs.flatMap((c) => elementsOf(c as Const));
          return [constant(dtypeOf(inputs[0]), [data.length], data)];
        }
        if (inputs.length === 1) return [inputs[0]];
        const whole = unsliced(inputs, axis);
        if (whole) return [whole];
        const shape = [...shapeOf(inputs[0])];
        let total: Dim | undefined = 0;
        for (const v of inputs)
          total = total === undefined ? undefined : dimAdd(total, shapeOf(v)[axis]);
        if (total === undefined)
          throw new OnnxError(
            `concatenates along axis ${axis} dims whose sum is no single symbolic dim`,
          );

        shape[axis] = total;
        const names = inputs.map((v) => this.write(v));
        return [
          view(this.statement(`concat(${names.join(", ")}, axis: ${axis})`, nodeHint(node)), {
            dtype: dtypeOf(inputs[0]),
            shape,
          }),
        ];
      }
      case "ConstantOfShape": {
        const shape = elementsOf(this.constInput(node, 0, "the shape"));
        const value = a("value")?.t
          ? decodeTensor(a("value")!.t!, "ConstantOfShape's value")
          : constant("f32", [1], [0]);
        return [constant(value.dtype, shape, [elementsOf(value)[0]])];
      }
      case "Range": {
        const bounds = [0, 1, 2].map(
          (i) => elementsOf(this.constInput(node, i, "Range's bounds"))[0],
        );
        // 0, 1, … up to a symbolic length (positions over the sequence) is the index along it.
        if (bounds[0] === 0 && bounds[2] === 1 && isSymbolic(bounds[1]))
          return [
            view(this.statement(`iota([${bounds[1]}], axis: 0)`, nodeHint(node)), {
              dtype: "i32",
              shape: [bounds[1]],
            }),
          ];
        const [start, limit, delta] = bounds.map((b) => {
          if (typeof b !== "number") throw new OnnxError(`Range depends on the symbolic dim ${b}`);
          return b;
        });
        if (!delta || Math.abs((limit - start) / delta) > 1 << 24)
          throw new OnnxError(`Range from ${start} to ${limit} by ${delta}`);
        const data: number[] = [];
        for (let v = start; delta > 0 ? v < limit : v > limit; v += delta) data.push(v);
        return [constant(this.constInput(node, 0, "start").dtype, [data.length], data)];
      }
      case "Gather":
        return [this.gather(node)];
      case "Slice":
        return [this.slice(node)];
      case "Expand": {
        const x = this.input(node, 0);
        const target = elementsOf(this.constInput(node, 1, "the shape"));
        const shape = broadcast(shapeOf(x), target);
        if (!shape)
          throw new OnnxError(`cannot expand [${shapeOf(x).join(", ")}] to [${target.join(", ")}]`);
        if (x.kind === "const" && elementCount(x) === 1)
          return [constant(x.dtype, shape, [elementsOf(x)[0]])];
        if (shape.join() === shapeOf(x).join()) return [x];
        const call = `broadcast_to(${this.write(x, node.input![0])}, ${shapeArg(shape, false)})`;
        return [view(this.statement(call, nodeHint(node)), { dtype: dtypeOf(x), shape })];
      }
      case "Add":
      case "Sub":
      case "Mul":
      case "Div":
      case "Pow":
      case "Max":
      case "Min":
      case "Equal":
      case "Less":
      case "Greater":
      case "Where":
        return [this.elementwise(node, op)];
      case "Not": {
        const x = this.input(node, 0);
        if (x.kind === "const")
          return [
            constant(
              "i32",
              x.shape,
              x.data.map((d) => (d === 0 ? 1 : 0)),
            ),
          ];
        const zero = this.writeConst(constant("i32", [], [0]), "zero");
        return [view(this.statement(`equal(${this.write(x)}, ${zero})`, nodeHint(node)), x.type)];
      }
      case "Neg":
      case "Abs":
      case "Exp":
      case "Log":
      case "Sqrt":
      case "Reciprocal":
      case "Erf":
      case "Sin":
      case "Cos":
      case "Relu":
      case "Tanh":
      case "Sigmoid":
        return [this.unary(node, op)];
      case "LeakyRelu": {
        const x = this.value1(node);
        const alpha = attribute(node, "alpha")?.f ?? 0.01;
        const slope =
          Math.fround(alpha) === Math.fround(0.01) ? "" : `, negative_slope: ${floatText(alpha)}`;
        return [
          view(this.statement(`leaky_relu(${this.write(x)}${slope})`, nodeHint(node)), x.type),
        ];
      }
      case "Softmax":
      case "LogSoftmax": {
        const x = this.value1(node);
        const raw = Number(a("axis")?.i ?? -1);
        const axis = normalize(raw, x.type.shape.length) === x.type.shape.length - 1 ? -1 : raw;
        const kind = op === "Softmax" ? "softmax" : "log_softmax";
        return [
          view(
            this.statement(
              `${kind}(${this.write(x)}${axis === -1 ? "" : `, axis: ${axis}`})`,
              nodeHint(node),
            ),
            x.type,
          ),
        ];
      }
      case "ReduceMean":
      case "ReduceSum":
      case "ReduceMax": {
        const x = this.value1(node);
        const rank = x.type.shape.length;
        const fromInput =
          op === "ReduceSum" && node.input?.[1]
            ? numbersOf(this.constInput(node, 1, "axes"), "axes")
            : undefined;
        const axes = (fromInput ?? (a("axes")?.ints ?? []).map(Number)).map((ax) =>
          normalize(ax, rank),
        );
        const all = axes.length ? axes : x.type.shape.map((_, i) => i);
        const keep = Number(a("keepdims")?.i ?? 1) === 1;
        const shape = keep
          ? x.type.shape.map((d, i) => (all.includes(i) ? 1 : d))
          : x.type.shape.filter((_, i) => !all.includes(i));
        const kind = {
          ReduceMean: "reduce_mean",
          ReduceSum: "reduce_sum",
          ReduceMax: "reduce_max",
        }[op];
        // One axis dropped is the pooling layer (mean, max), as a spec would write it.
        const pooled = all.length === 1 && !keep && op !== "ReduceSum";
        const call = pooled
          ? `${op === "ReduceMean" ? "mean" : "max"}(${this.write(x)}, axis: ${all[0]})`
          : `${kind}(${this.write(x)}, [${all.join(", ")}]${keep ? ", keepdims: true" : ""})`;
        return [view(this.statement(call, nodeHint(node)), { dtype: x.type.dtype, shape })];
      }
      case "MatMul": {
        const [x, w] = [this.input(node, 0), this.input(node, 1)];
        if (w.kind === "const" && elementCount(w) > INLINE_LIMIT && w.shape.length === 2)
          return [this.dense(node, x, w, undefined, false)];
        const [sa, sb] = [shapeOf(x), shapeOf(w)];
        if (sa.length < 2 || sb.length < 2)
          throw new OnnxError(
            "multiplies a vector; Weft's matmul takes matrices (reshape it first)",
          );
        const batch = broadcast(sa.slice(0, -2), sb.slice(0, -2));
        if (!batch) throw new OnnxError("has leading dims that do not broadcast");
        const type = { dtype: "f32" as const, shape: [...batch, sa.at(-2)!, sb.at(-1)!] };
        return [
          view(
            this.statement(`matmul(${this.write(x, "a")}, ${this.write(w, "b")})`, nodeHint(node)),
            type,
          ),
        ];
      }
      case "Gemm": {
        const x = this.value1(node);
        const w = this.constInput(node, 1, "Gemm's weight");
        const b = node.input?.[2] ? this.constInput(node, 2, "Gemm's bias") : undefined;
        if (
          (a("alpha")?.f ?? 1) !== 1 ||
          (a("beta")?.f ?? 1) !== 1 ||
          Number(a("transA")?.i ?? 0) !== 0
        )
          throw new OnnxError("has alpha, beta or transA other than a linear layer's (1, 1, 0)");
        return [this.dense(node, x, w, b, Number(a("transB")?.i ?? 0) === 1)];
      }
      case "LayerNormalization": {
        const x = this.value1(node);
        const axis = Number(a("axis")?.i ?? -1);
        if (normalize(axis, x.type.shape.length) !== x.type.shape.length - 1)
          throw new OnnxError(
            `normalizes from axis ${axis}; Weft's layer_norm normalizes the last axis`,
          );
        const scale = this.constInput(node, 1, "the scale");
        const bias = node.input?.[2] ? this.constInput(node, 2, "the bias") : undefined;
        if ((node.output ?? []).slice(1).some((o) => o && this.consumers.get(o)))
          throw new OnnxError(
            "has its mean or inverse deviation used; Weft's layer_norm gives the result only",
          );
        return [this.layerNorm(node, x, a("epsilon")?.f ?? 1e-5, scale, bias, scale.initializer)];
      }
      case "LSTM":
      case "GRU":
      case "RNN":
        return this.recurrent(node, op);
      default:
        throw new OnnxError(
          "is an operator Weft does not import (docs/interop.md lists the ones it does)",
        );
    }
  }

  /** The node's first input, which must be a tensor of the model. */
  private value1(node: NodeProto): View {
    const x = this.input(node, 0);
    if (x.kind === "const")
      throw new OnnxError(
        "has a constant input where Weft computes on the model's values; it should have been folded by the exporter",
      );
    return x;
  }

  private reshaped(x: Known, shape: readonly Dim[]): Known {
    if (
      shape.some(
        (d) => d === undefined || (typeof d === "number" && !(Number.isInteger(d) && d >= 1)),
      )
    )
      throw new OnnxError(
        `reshapes to [${shape.map(String).join(", ")}], which is no shape of dims of at least 1`,
      );
    const dims = shape.map((d) => (typeof d === "number" ? d : makeDim([d])));
    if (x.kind === "const") {
      if (dimProduct(dims) !== dimProduct(x.shape) && !(x.data.length === 1))
        throw new OnnxError(`reshapes [${x.shape.join(", ")}] to [${dims.join(", ")}]`);
      return constant(x.dtype, dims, x.data);
    }
    if (dimProduct(dims) !== dimProduct(x.type.shape))
      throw new OnnxError(`reshapes [${x.type.shape.join(", ")}] to [${dims.join(", ")}]`);
    return this.laidOut(x, { op: "reshape", shape: dims });
  }

  private laidOut(x: View, step: LayoutStep): View {
    const shape = stepShape(x.type.shape, step);
    return {
      ...x,
      type: { dtype: x.type.dtype, shape },
      steps: [...x.steps, step],
      dense: undefined,
    };
  }

  private unary(node: NodeProto, op: string): Known {
    const x = this.input(node, 0);
    const kind = op.toLowerCase();
    if (x.kind === "const") {
      const fn: Record<string, (v: number) => number> = {
        neg: (v) => -v,
        abs: Math.abs,
        exp: Math.exp,
        log: Math.log,
        sqrt: Math.sqrt,
        reciprocal: (v) => 1 / v,
        relu: (v) => Math.max(v, 0),
        tanh: Math.tanh,
      };
      if (!fn[kind]) throw new OnnxError("of a constant");
      return constant(
        x.dtype,
        x.shape,
        numbersOf(x, op).map((v) => Math.fround(fn[kind](v))),
      );
    }
    if (
      ["relu", "tanh", "sigmoid"].includes(kind) &&
      x.dense &&
      x.steps.length === 0 &&
      this.singleUse(node.input![0])
    )
      return this.activate(x, kind);
    return view(this.statement(`${kind}(${this.write(x)})`, nodeHint(node)), x.type);
  }

  /** A dense layer's activation written into its statement. */
  private activate(x: View, activation: string): View {
    const line = this.lines[x.dense!.line];
    this.lines[x.dense!.line] = line.replace(/(, name: )/, `, activation: ${activation}$1`);
    return view(x.base, x.type);
  }

  private elementwise(node: NodeProto, op: string): Known {
    const arity = op === "Where" ? 3 : 2;
    if ((node.input ?? []).length !== arity)
      throw new OnnxError(`has ${(node.input ?? []).length} inputs; it takes ${arity}`);
    const inputs = (node.input ?? []).map((_, i) => this.input(node, i));
    const shapes = inputs.map(shapeOf);
    const shape = shapes.reduce<Dim[] | undefined>((s, t) => s && broadcast(s, t), []);
    if (!shape)
      throw new OnnxError(
        `has inputs of shapes ${shapes.map((s) => `[${s.join(", ")}]`).join(" and ")}, which do not broadcast`,
      );
    const compare = ["Equal", "Less", "Greater"].includes(op);
    const dtype = compare ? "i32" : dtypeOf(inputs[op === "Where" ? 1 : 0]);
    if (inputs.every((v) => v.kind === "const"))
      return foldElementwise(op, inputs as Const[], dtype);
    const kind = {
      Add: "add",
      Sub: "sub",
      Mul: "mul",
      Div: "div",
      Pow: "pow",
      Max: "maximum",
      Min: "minimum",
      Equal: "equal",
      Less: "less",
      Greater: "greater",
      Where: "where",
    }[op]!;
    const names = inputs.map((v, i) => this.write(v, node.input![i]));
    return view(this.statement(`${kind}(${names.join(", ")})`, nodeHint(node)), { dtype, shape });
  }

  private gather(node: NodeProto): Known {
    const data = this.input(node, 0);
    const indices = this.input(node, 1);
    const axis = normalize(Number(attribute(node, "axis")?.i ?? 0), shapeOf(data).length);
    if (data.kind === "const" && indices.kind === "const") {
      const shape = data.shape as number[];
      if (shape.length !== 1 || axis !== 0) {
        if (data.initializer && axis === 0 && shape.length === 2)
          return this.embedding(node, data, indices);
        throw new OnnxError("gathers from a constant of more than one dim");
      }
      const picked = numbersOf(indices, "indices").map((i) => data.data[i < 0 ? i + shape[0] : i]);
      return constant(data.dtype, indices.shape, picked);
    }
    if (data.kind === "const") {
      if (axis !== 0 || data.shape.length !== 2)
        throw new OnnxError(
          "gathers from a constant along an axis other than the first of a matrix (an embedding)",
        );
      return this.embedding(node, data, indices);
    }
    if (indices.kind === "const" && indices.shape.length === 0) {
      const dim = data.type.shape[axis];
      if (typeof dim !== "number") throw new OnnxError(`picks from symbolic dim ${dim}`);
      const raw = numbersOf(indices, "the index")[0];
      const at = raw < 0 ? raw + dim : raw;
      if (!(at >= 0 && at < dim)) throw new OnnxError(`picks index ${raw} of an axis of ${dim}`);
      const rest = data.type.shape.filter((_, i) => i !== axis);
      if (at === dim - 1 && dim > 1 && axis > 0)
        return view(this.statement(`last(${this.write(data)}, axis: ${axis})`, nodeHint(node)), {
          dtype: data.type.dtype,
          shape: rest,
        });
      const picked = dim === 1 ? data : this.sliced(data, axis, at, at + 1);
      return this.reshaped(picked, rest) as View;
    }
    throw new OnnxError("gathers from a value of the model by computed indices");
  }

  private embedding(node: NodeProto, table: Const, indices: Known): View {
    const [vocab, dim] = table.shape as number[];
    const name = this.layerName(node, table.initializer);
    this.weight(`${name}.weight`, [vocab, dim], table.data);
    const ids =
      indices.kind === "const" ? this.writeConst(indices, `${name}_ids`) : this.write(indices);
    const idsShape = shapeOf(indices);
    return view(
      this.statement(
        `embedding(${ids}, vocab: ${vocab}, dim: ${dim}, name: ${JSON.stringify(name)})`,
        name,
      ),
      { dtype: "f32", shape: [...idsShape, dim] },
    );
  }

  private slice(node: NodeProto): Known {
    const x = this.input(node, 0);
    const shape = shapeOf(x);
    const starts = numbersOf(this.constInput(node, 1, "starts"), "starts");
    const ends = numbersOf(this.constInput(node, 2, "ends"), "ends");
    const axes = node.input?.[3]
      ? numbersOf(this.constInput(node, 3, "axes"), "axes").map((ax) => normalize(ax, shape.length))
      : starts.map((_, i) => i);
    const steps = node.input?.[4]
      ? numbersOf(this.constInput(node, 4, "steps"), "steps")
      : starts.map(() => 1);
    let result = x;
    axes.forEach((axis, k) => {
      const dim = shape[axis];
      if (steps[k] !== 1) throw new OnnxError(`steps by ${steps[k]}; Weft slices with step 1`);
      if (typeof dim !== "number") {
        if (starts[k] === 0 && ends[k] >= 2 ** 31 - 1) return;
        throw new OnnxError(`slices symbolic dim ${dim}`);
      }
      const clamp = (i: number) => Math.min(dim, Math.max(0, i < 0 ? i + dim : i));
      const [s, e] = [clamp(starts[k]), clamp(ends[k])];
      if (s === 0 && e === dim) return;
      if (e <= s) throw new OnnxError(`keeps nothing of axis ${axis}`);
      result = this.sliced(result, axis, s, e);
    });
    return result;
  }

  private sliced(x: Known, axis: number, start: number, end: number): Known {
    // A fill (ConstantOfShape, its shape perhaps symbolic) stays one.
    if (x.kind === "const" && x.data.length === 1)
      return constant(
        x.dtype,
        x.shape.map((d, i) => (i === axis ? end - start : d)),
        x.data,
      );
    if (x.kind === "const") {
      const shape = x.shape as number[];
      const data = elementsOf(x);
      const outer = shape.slice(0, axis).reduce((n, d) => n * d, 1);
      const inner = shape.slice(axis + 1).reduce((n, d) => n * d, 1);
      const kept: Dim[] = [];
      for (let o = 0; o < outer; o++)
        for (let i = start; i < end; i++)
          kept.push(
            ...data.slice((o * shape[axis] + i) * inner, (o * shape[axis] + i + 1) * inner),
          );
      return constant(
        x.dtype,
        shape.map((d, i) => (i === axis ? end - start : d)),
        kept,
      );
    }
    return this.laidOut(x, { op: "slice", axis, start, end });
  }

  // ---- layers -------------------------------------------------------------

  /** x @ W (+ b) as a dense layer: W is [in, out] (MatMul, Gemm) or [out, in] (Gemm with transB). */
  private dense(
    node: NodeProto,
    x: Known,
    w: Const,
    b: Const | undefined,
    transposed: boolean,
  ): View {
    if (x.kind === "const") throw new OnnxError("multiplies two constants");
    if (w.shape.length !== 2) throw new OnnxError("has a weight that is not a matrix");
    const [rows, cols] = w.shape as number[];
    const [inF, outF] = transposed ? [cols, rows] : [rows, cols];
    if (x.type.shape.at(-1) !== inF)
      throw new OnnxError(`multiplies [${x.type.shape.join(", ")}] by a [${rows}, ${cols}] weight`);
    if (b && elementCount(b) !== outF && elementCount(b) !== 1)
      throw new OnnxError(`has a bias of ${elementCount(b)} elements for ${outF} outputs`);
    const name = this.layerName(node, b?.initializer ?? (transposed ? w.initializer : undefined));
    this.weight(
      `${name}.weight`,
      [outF, inF],
      transposed ? w.data : transposeConst(w, [1, 0]).data,
    );
    if (b)
      this.weight(
        `${name}.bias`,
        [outF],
        elementCount(b) === outF
          ? elementsOf(b)
          : Array.from({ length: outF }, () => elementsOf(b)[0]),
      );
    const input = this.write(x);
    const type = { dtype: "f32" as const, shape: [...x.type.shape.slice(0, -1), outF] };
    const out = this.statement(
      `dense(${input}, ${outF}${b ? "" : ", bias: false"}, name: ${JSON.stringify(name)})`,
      name,
    );
    return view(out, type, { line: this.lines.length - 1 });
  }

  /** Add(MatMul(x, W), b) with W and b weights: a dense layer (PyTorch's Linear on more than 2 dims). */
  private denseFromMatMul(node: NodeProto): Known[] | undefined {
    if (node.opType !== "Add") return undefined;
    for (const [m, bi] of [
      [0, 1],
      [1, 0],
    ]) {
      const mm = this.producers.get(node.input?.[m] ?? "");
      const biasName = node.input?.[bi] ?? "";
      if (mm?.opType !== "MatMul" || !this.singleUse(mm.output![0])) continue;
      if (!this.initializers.has(mm.input?.[1] ?? "") || !this.initializers.has(biasName)) continue;
      const w = this.input(mm, 1);
      const b = this.input(node, bi);
      if (w.kind !== "const" || b.kind !== "const" || w.shape.length !== 2 || b.shape.length !== 1)
        continue;
      return [this.dense(mm, this.input(mm, 0), w, b, false)];
    }
    return undefined;
  }

  private layerNorm(
    node: NodeProto,
    x: View,
    eps: number,
    scale: Const,
    bias: Const | undefined,
    weightName?: string,
  ): View {
    const dim = x.type.shape.at(-1);
    if (
      typeof dim !== "number" ||
      elementCount(scale) !== dim ||
      (bias && elementCount(bias) !== dim)
    )
      throw new OnnxError("has a scale or bias whose size is not the last dim's");
    const name = this.layerName(node, weightName);
    // Ones and zeros that are constants of the graph, not weights of the file: no affine part.
    const fixed = (c: Const | undefined, v: number) =>
      !c || (!c.initializer && elementsOf(c).every((e) => e === v));
    const affine = !(fixed(scale, 1) && fixed(bias, 0));
    if (affine) {
      this.weight(`${name}.weight`, [dim], elementsOf(scale));
      this.weight(`${name}.bias`, [dim], bias ? elementsOf(bias) : new Array(dim).fill(0));
    }
    const epsText =
      Math.abs(Math.fround(eps) - Math.fround(1e-5)) === 0 ? "" : `, eps: ${floatText(eps)}`;
    const options = `${epsText}${affine ? "" : ", affine: false"}`;
    return view(
      this.statement(`layer_norm(${this.write(x)}${options}, name: ${JSON.stringify(name)})`, name),
      x.type,
    );
  }

  /** ReduceMean/Sub/Pow/ReduceMean/Add/Sqrt/Div/Mul/Add over the last axis: layer norm written out. */
  private layerNormDecomposed(node: NodeProto): Known[] | undefined {
    const m = this.match(node, LAYER_NORM);
    if (!m) return undefined;
    const x = this.value(m.names.x);
    const [mean1, mean2] = [m.nodes.mean1, m.nodes.mean2];
    if (!x || x.kind !== "value") return undefined;
    const last = x.type.shape.length - 1;
    const lastAxis = (n: NodeProto) => {
      const axes = (attribute(n, "axes")?.ints ?? []).map((a) => normalize(Number(a), last + 1));
      return axes.length === 1 && axes[0] === last;
    };
    if (!lastAxis(mean1) || !lastAxis(mean2)) return undefined;
    const scale = this.value(m.names.scale);
    const bias = this.value(m.names.bias);
    if (scale?.kind !== "const" || bias?.kind !== "const") return undefined;
    return [this.layerNorm(m.nodes.root, x, m.constants.eps, scale, bias, scale.initializer)];
  }

  /** GELU in the erf form or PyTorch's tanh approximation, folded into a dense layer before it. */
  private gelu(node: NodeProto): Known[] | undefined {
    for (const [pattern, activation] of [
      [GELU_ERF, "gelu"],
      [GELU_TANH, "gelu_tanh"],
    ] as const) {
      const m = this.match(node, pattern);
      if (!m) continue;
      const x = this.value(m.names.x);
      if (!x || x.kind !== "value") return undefined;
      const uses = this.consumers.get(m.names.x) ?? 0;
      if (x.dense && x.steps.length === 0 && uses === pattern.uses)
        return [this.activate(x, activation)];
      const approximate = activation === "gelu_tanh" ? ", approximate: tanh" : "";
      return [view(this.statement(`gelu(${this.write(x)}${approximate})`, nodeHint(node)), x.type)];
    }
    return undefined;
  }

  /**
   * An RNN/LSTM/GRU node as a recurrent layer. PyTorch exports a stacked
   * module (num_layers > 1) as a node per layer, each reading the one below
   * through a Squeeze or a Transpose and Reshape: such a chain (`stackOf`) is
   * read as one layer, so its parameters keep PyTorch's names (weight_ih_l1).
   */
  private recurrent(node: NodeProto, op: string): (Known | undefined)[] {
    const done = this.stackResults.get(node);
    if (done) return done;
    const members = this.stackOf(node);
    const layers = members.length;
    const a = (name: string) => attribute(node, name);
    const hidden = Number(a("hidden_size")?.i ?? 0);
    const direction = a("direction")?.s ? new TextDecoder().decode(a("direction")!.s) : "forward";
    if (direction === "reverse")
      throw new OnnxError("runs in reverse only; Weft's recurrent layers run forward or both ways");
    const dirs = direction === "bidirectional" ? 2 : 1;
    if (Number(a("layout")?.i ?? 0) !== 0)
      throw new OnnxError("has layout 1; PyTorch exports layout 0");
    if (a("clip") || Number(a("input_forget")?.i ?? 0) !== 0)
      throw new OnnxError("uses clip or input_forget, which PyTorch's layers do not have");
    if (node.input?.[4])
      throw new OnnxError("takes sequence lengths; Weft's recurrent layers run every step");
    const acts = (a("activations")?.strings ?? []).map((s) => new TextDecoder().decode(s));
    let nonlinearity = "tanh";
    if (op === "RNN") {
      const act = acts[0] ?? "Tanh";
      if (act !== "Tanh" && act !== "Relu")
        throw new OnnxError(`uses activation ${act}; Weft's rnn takes Tanh or Relu`);
      nonlinearity = act.toLowerCase();
    } else if (
      acts.length &&
      acts.join() !==
        Array(dirs)
          .fill(op === "LSTM" ? "Sigmoid,Tanh,Tanh" : "Sigmoid,Tanh")
          .join()
    )
      throw new OnnxError(`uses activations ${acts.join(", ")}; PyTorch's layers use the defaults`);
    if (op === "GRU" && Number(a("linear_before_reset")?.i ?? 0) !== 1)
      throw new OnnxError(
        "has linear_before_reset 0; PyTorch's GRU (and Weft's) applies the reset gate after the hidden product (linear_before_reset 1)",
      );
    if (!(hidden >= 1)) throw new OnnxError(`has hidden_size ${hidden}`);
    const gates = { LSTM: 4, GRU: 3, RNN: 1 }[op]!;
    // ONNX orders gates i,o,f,c (LSTM) and z,r,h (GRU); PyTorch i,f,g,o and r,z,n.
    const order = { LSTM: [0, 2, 3, 1], GRU: [1, 0, 2], RNN: [0] }[op]!;
    const x = this.value1(members[0]);
    const inF = x.type.shape.at(-1);
    if (x.type.shape.length !== 3 || typeof inF !== "number" || x.type.dtype !== "f32")
      throw new OnnxError(
        `takes f32[seq, batch, features] with fixed features, found ${x.type.dtype}[${x.type.shape.join(", ")}]`,
      );
    const name = this.layerName(node);
    const blocks = (c: Const, d: number, width: number, offset = 0) => {
      const all = elementsOf(c);
      const per = c.shape.slice(1).reduce<number>((n, s) => n * (s as number), 1);
      const dir = all.slice(d * per, (d + 1) * per);
      return order.flatMap((g) =>
        dir.slice((offset + g) * hidden * width, (offset + g + 1) * hidden * width),
      );
    };
    let bias = true;
    members.forEach((member, layer) => {
      const W = this.constInput(member, 1, "W");
      const R = this.constInput(member, 2, "R");
      const B = member.input?.[3] ? this.constInput(member, 3, "B") : undefined;
      const width = layer === 0 ? inF : dirs * hidden;
      const want = (c: Const | undefined, shape: number[], what: string) => {
        if (c && c.shape.join() !== shape.join())
          throw new OnnxError(
            `has ${what} of shape [${c.shape.join(", ")}]; hidden_size ${hidden} and ${width} features need [${shape.join(", ")}]`,
          );
      };
      want(W, [dirs, gates * hidden, width], "W");
      want(R, [dirs, gates * hidden, hidden], "R");
      want(B, [dirs, 2 * gates * hidden], "B");
      if (layer > 0 && !B !== !bias)
        throw new OnnxError("has biases in some layers and not others");
      bias = !!B;
      for (let d = 0; d < dirs; d++) {
        const suffix = `_l${layer}${d ? "_reverse" : ""}`;
        this.weight(`${name}.weight_ih${suffix}`, [gates * hidden, width], blocks(W, d, width));
        this.weight(`${name}.weight_hh${suffix}`, [gates * hidden, hidden], blocks(R, d, hidden));
        if (B) {
          this.weight(`${name}.bias_ih${suffix}`, [gates * hidden], blocks(B, d, 1));
          this.weight(`${name}.bias_hh${suffix}`, [gates * hidden], blocks(B, d, 1, gates));
        }
      }
    });
    const [seqLen, batch] = x.type.shape;
    const states = op === "LSTM" ? 2 : 1;
    const stacked = layers * dirs > 1;
    const used = (member: NodeProto, i: number) =>
      !!member.output?.[i] && (this.consumers.get(member.output[i]) ?? 0) > 0;
    const last = members[layers - 1];
    const stateArgs = this.initialStates(members, states, dirs * layers).map((s, k) =>
      this.write(stacked ? s : this.reshaped(s, [batch, hidden]), ["h0", "c0"][k]),
    );
    const sequences = used(last, 0);
    const returnState =
      (sequences && used(last, 1)) ||
      (states === 2 && members.some((m) => used(m, 2))) ||
      members.slice(0, -1).some((m) => used(m, 1));
    const steps = this.write(this.laidOut(x, { op: "transpose", perm: [1, 0, 2] }), "x");
    const flags = [
      ...(layers > 1 ? [`num_layers: ${layers}`] : []),
      ...(op === "RNN" && nonlinearity !== "tanh" ? [`nonlinearity: ${nonlinearity}`] : []),
      ...(dirs === 2 ? ["bidirectional: true"] : []),
      ...(bias ? [] : ["bias: false"]),
      ...(sequences ? ["return_sequences: true"] : []),
      ...(returnState ? ["return_state: true"] : []),
    ];
    const results = [this.variable(name)];
    if (returnState)
      for (const s of ["h", "c"].slice(0, states)) results.push(this.variable(`${name}_${s}`));
    this.lines.push(
      `  ${results.join(", ")} = ${op.toLowerCase()}(${[steps, ...stateArgs].join(", ")}, ${hidden}${flags.map((f) => `, ${f}`).join("")}, name: ${JSON.stringify(name)})`,
    );
    const stateType = {
      dtype: "f32" as const,
      shape: stacked ? [layers * dirs, batch, hidden] : [batch, hidden],
    };
    /** Layer k's final state as ONNX gives it, [dirs, batch, hidden], from Weft's. */
    const finalOf = (variable: string, layer: number): Known => {
      const all = view(variable, stateType);
      if (!stacked) return this.laidOut(all, { op: "reshape", shape: [1, batch, hidden] });
      return layers === 1 ? all : this.sliced(all, 0, layer * dirs, (layer + 1) * dirs);
    };
    const main = results[0];
    const outputs = members.map((member, layer): (Known | undefined)[] => {
      const top = layer === layers - 1;
      let y: Known | undefined;
      let yh: Known | undefined;
      if (top && sequences) {
        const seq = view(main, { dtype: "f32", shape: [batch, seqLen, dirs * hidden] });
        y = this.laidOut(
          this.laidOut(seq, { op: "reshape", shape: [batch, seqLen, dirs, hidden] }),
          { op: "transpose", perm: [1, 2, 0, 3] },
        );
      }
      if (top && !sequences) {
        const finals = view(main, { dtype: "f32", shape: [batch, dirs * hidden] });
        yh = this.laidOut(this.laidOut(finals, { op: "reshape", shape: [batch, dirs, hidden] }), {
          op: "transpose",
          perm: [1, 0, 2],
        });
      } else if (returnState && used(member, 1)) yh = finalOf(results[1], layer);
      const yc =
        states === 2 && returnState && used(member, 2) ? finalOf(results[2], layer) : undefined;
      return [y, yh, yc];
    });
    members.forEach((member, layer) => this.stackResults.set(member, outputs[layer]));
    return outputs[members.indexOf(node)];
  }

  /**
   * The recurrent nodes that are one stacked layer with `node`, bottom first:
   * each above reads the one below's sequence output alone, through the
   * layout nodes PyTorch writes (Squeeze, or Transpose then Reshape), with
   * the same op, attributes and module (node name) as it.
   */
  private stackOf(node: NodeProto): NodeProto[] {
    const below = (n: NodeProto): NodeProto | undefined => {
      let name = n.input?.[0] ?? "";
      for (let step = 0; step < 2; step++) {
        const p = this.producers.get(name);
        if (
          !p ||
          !["Squeeze", "Transpose", "Reshape"].includes(p.opType ?? "") ||
          !this.singleUse(name)
        )
          break;
        name = p.input?.[0] ?? "";
      }
      const p = this.producers.get(name);
      const scope = (m: NodeProto) => (m.name ?? "").split("/").slice(0, -1).join("/");
      const attrs = (m: NodeProto) =>
        JSON.stringify((m.attribute ?? []).map((x) => [x.name, x.i, x.f, x.s, x.strings]));
      return p &&
        p !== n &&
        p.opType === n.opType &&
        p.output?.[0] === name &&
        this.singleUse(name) &&
        scope(p) === scope(n) &&
        scope(n) !== "" &&
        attrs(p) === attrs(n)
        ? p
        : undefined;
    };
    let bottom = node;
    for (let b = below(bottom); b; b = below(bottom)) bottom = b;
    const members = [bottom];
    for (;;) {
      const top = members[members.length - 1];
      const next = (this.graph.node ?? []).find(
        (m) => RECURRENT.has(m.opType ?? "") && below(m) === top,
      );
      if (!next) return members;
      members.push(next);
    }
  }

  /**
   * The initial states a stacked layer takes ([layers·dirs, batch, hidden]
   * each), or none where every layer starts from zeros. PyTorch slices each
   * layer's rows out of the module's h0 (and c0); a single layer reads its own.
   */
  private initialStates(members: readonly NodeProto[], states: number, rows: number): Known[] {
    const starts = members.map((m) => [5, 6].slice(0, states).map((i) => this.optionalInput(m, i)));
    const zero = (s: Known | undefined) =>
      !s || (s.kind === "const" && s.data.length === 1 && s.data[0] === 0);
    if (starts.every((layer) => layer.every(zero))) return [];
    if (members.length === 1) {
      if (starts[0].some((s) => !s)) throw new OnnxError("has one initial state and not the other");
      return starts[0] as Known[];
    }
    const per = rows / members.length;
    return Array.from({ length: states }, (_, k) => {
      const sources = members.map((m, layer) => {
        const slice = this.producers.get(m.input?.[5 + k] ?? "");
        const bound = (i: number) => {
          const v = slice?.input?.[i] ? this.value(slice.input[i]) : undefined;
          return v?.kind === "const" ? elementsOf(v).join() : undefined;
        };
        const rowsOf =
          slice?.opType === "Slice" &&
          bound(1) === String(layer * per) &&
          bound(2) === String((layer + 1) * per) &&
          bound(3) === "0";
        if (!rowsOf)
          throw new OnnxError("starts its layers from states that are not rows of one tensor");
        return slice!.input![0];
      });
      if (new Set(sources).size !== 1)
        throw new OnnxError("starts its layers from rows of different tensors");
      return this.value(sources[0])!;
    });
  }

  // ---- patterns -----------------------------------------------------------

  /**
   * Matches `pattern` ending at `root`: ops by type (binary ones either way
   * round), captured names (the same name wherever a capture repeats), and
   * scalar constants; every node but the root must have all its uses inside
   * the match.
   */
  private match(root: NodeProto, pattern: Pattern): Match | undefined {
    const m: Match = { names: {}, nodes: { root }, constants: {} };
    const at = (name: string, p: Pat, isRoot: boolean): boolean => {
      if ("capture" in p) {
        if (p.capture in m.names) return m.names[p.capture] === name;
        // A shared inner value (used twice inside the pattern) is matched where it is first met.
        if (p.shared && !at(name, p.shared, true)) return false;
        m.names[p.capture] = name;
        return true;
      }
      if ("scalar" in p) {
        if (!this.isConstName(name)) return false;
        const c = this.value(name);
        if (!c || c.kind !== "const" || elementCount(c) !== 1) return false;
        const v = c.data[0] as number;
        if (typeof p.scalar === "string") {
          m.constants[p.scalar] = v;
          return true;
        }
        return Math.abs(v - p.scalar) <= 1e-6 * Math.abs(p.scalar);
      }
      const node = this.producers.get(name);
      if (!node || node.opType !== p.op) return false;
      if (!isRoot && !this.singleUse(name)) return false;
      const inputs = node.input ?? [];
      const orders =
        p.args.length === 2 && COMMUTATIVE.has(p.op)
          ? [
              [0, 1],
              [1, 0],
            ]
          : [p.args.map((_, i) => i)];
      for (const order of orders) {
        const before = { ...m.names };
        if (
          p.args.every((q, i) => inputs[order[i]] !== undefined && at(inputs[order[i]], q, false))
        ) {
          if (p.as) m.nodes[p.as] = node;
          return true;
        }
        m.names = before;
      }
      return false;
    };
    const output = root.output?.[0];
    return output && at(output, pattern.root, true) ? m : undefined;
  }

  /** A name whose value is known without converting a node of the model (a constant or a folded shape). */
  private isConstName(name: string): boolean {
    if (this.initializers.has(name)) return true;
    const node = this.producers.get(name);
    return node?.opType === "Constant";
  }
}

class Skip extends Error {}

type Pat =
  | { op: string; args: Pat[]; as?: string }
  | { capture: string; shared?: Pat }
  | { scalar: number | string };
interface Pattern {
  readonly root: Pat;
  /** How many uses the captured input x has inside the pattern (to tell whether the pattern is its only user). */
  readonly uses: number;
}
interface Match {
  names: Record<string, string>;
  nodes: Record<string, NodeProto>;
  constants: Record<string, number>;
}

const COMMUTATIVE = new Set(["Add", "Mul"]);
const RECURRENT = new Set(["LSTM", "GRU", "RNN"]);
const op = (name: string, ...args: Pat[]): Pat => ({ op: name, args });
const X: Pat = { capture: "x" };
const k = (scalar: number | string): Pat => ({ scalar });

const GELU_ERF: Pattern = {
  root: op("Mul", op("Mul", X, op("Add", op("Erf", op("Div", X, k(Math.SQRT2))), k(1))), k(0.5)),
  uses: 2,
};
const GELU_TANH: Pattern = {
  root: op(
    "Mul",
    k(0.5),
    op(
      "Mul",
      X,
      op(
        "Add",
        k(1),
        op(
          "Tanh",
          op(
            "Mul",
            k(Math.sqrt(2 / Math.PI)),
            op("Add", X, op("Mul", k(0.044715), op("Mul", X, op("Mul", X, X)))),
          ),
        ),
      ),
    ),
  ),
  uses: 5,
};
const CENTRED: Pat = {
  capture: "d",
  shared: op("Sub", X, { op: "ReduceMean", args: [X], as: "mean1" }),
};
const LAYER_NORM: Pattern = {
  root: op(
    "Add",
    op(
      "Mul",
      op(
        "Div",
        CENTRED,
        op(
          "Sqrt",
          op("Add", { op: "ReduceMean", args: [op("Pow", CENTRED, k(2))], as: "mean2" }, k("eps")),
        ),
      ),
      { capture: "scale" },
    ),
    { capture: "bias" },
  ),
  uses: 2,
};

const RESERVED = new Set([
  "model",
  "block",
  "train",
  "input",
  "output",
  "return",
  "repeat",
  "true",
  "false",
]);

/** An identifier of the spec language from an ONNX name ("/attn/q/MatMul_output_0" → "attn_q_matmul"). */
export function symbolName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  return /^[A-Za-z_]/.test(s) ? s : `v_${s}`;
}

function nodeHint(node: NodeProto): string {
  return node.output?.[0] ?? node.name ?? "v";
}

function describe(node: NodeProto, opset: number): string {
  return `node '${node.name || node.output?.[0] || "?"}' (${node.opType}, opset ${opset})`;
}

/** A node's attribute; protobuf leaves a zero int or float out, so a present INT or FLOAT attribute without one is 0. */
function attribute(node: NodeProto, name: string): AttributeProto | undefined {
  const a = (node.attribute ?? []).find((x) => x.name === name);
  if (!a) return undefined;
  if (a.type === ATTRIBUTE_TYPE.INT) return { ...a, i: a.i ?? 0 };
  if (a.type === ATTRIBUTE_TYPE.FLOAT) return { ...a, f: a.f ?? 0 };
  return a;
}

function normalize(axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) throw new OnnxError(`has axis ${axis} for ${rank} dims`);
  return a;
}

/**
 * The value that views sliced one after another along `axis` cover whole
 * (a stacked layer's final states, split per layer and joined again), or
 * undefined.
 */
function unsliced(inputs: readonly Known[], axis: number): View | undefined {
  const first = inputs[0];
  if (first.kind !== "value") return undefined;
  const before = first.steps.slice(0, -1);
  let at = 0;
  for (const v of inputs) {
    const step = v.kind === "value" ? v.steps.at(-1) : undefined;
    if (
      v.kind !== "value" ||
      v.base !== first.base ||
      step?.op !== "slice" ||
      step.axis !== axis ||
      step.start !== at
    )
      return undefined;
    if (JSON.stringify(v.steps.slice(0, -1)) !== JSON.stringify(before)) return undefined;
    at = step.end;
  }
  const source = before.reduce<readonly Dim[]>(stepShape, first.baseShape);
  if (source[axis] !== at) return undefined;
  return { ...first, type: { dtype: first.type.dtype, shape: source }, steps: before };
}

function shapeOf(v: Known): readonly Dim[] {
  return v.kind === "const" ? v.shape : v.type.shape;
}

function dtypeOf(v: Known): DType {
  return v.kind === "const" ? v.dtype : v.type.dtype;
}

/**
 * A shape argument: numbers and symbol names; a product of symbols ("8*batch"),
 * which the spec language does not write, as -1 for a reshape to infer (one at most).
 */
function shapeArg(shape: readonly Dim[], reshape: boolean): string {
  const compound = (d: Dim) => typeof d === "string" && !/^[A-Za-z_]\w*$/.test(d);
  if (shape.filter(compound).length > (reshape ? 1 : 0))
    throw new OnnxError(
      `gives shape [${shape.join(", ")}], whose products of symbolic dims a spec cannot write`,
    );
  return `[${shape.map((d) => (compound(d) ? -1 : d)).join(", ")}]`;
}

/** The shortest decimal that reads back as the same f32; infinities as the largest finite f32 (softmax and masks treat them alike). */
export function floatText(x: number): string {
  if (Number.isNaN(x)) throw new OnnxError("a NaN constant");
  if (!Number.isFinite(x)) return x > 0 ? "3.4028234663852886e+38" : "-3.4028234663852886e+38";
  for (let p = 1; p <= 9; p++) {
    const text = Number(x.toPrecision(p)).toString();
    if (Math.fround(Number(text)) === Math.fround(x)) return /[.e]/.test(text) ? text : `${text}.0`;
  }
  return String(x);
}
