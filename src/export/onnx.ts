/**
 * `weft export --onnx`: a model's forward graph as an ONNX model (opset 17)
 * for ONNX Runtime and other engines. Each layer writes its own nodes
 * (LayerDef.onnx) in the patterns torch.onnx.export writes, with PyTorch's
 * node names, so `weft import` reads the file back as the same layers.
 * Weights are initializers; symbolic dims (the batch) are dynamic axes;
 * i32 inputs stay int32.
 */
import type { Dim, TensorType } from "../core/types.js";
import { buildModel, type BuiltLayer } from "../layers/build.js";
import type { OnnxAttr, OnnxContext } from "../layers/layer-def.js";
import type { Value } from "../ir/graph.js";
import type { Spec } from "../spec/ast.js";
import {
  ATTRIBUTE_TYPE,
  DATA_TYPE,
  encodeModel,
  type AttributeProto,
  type NodeProto,
  type TensorProto,
  type ValueInfoProto,
} from "../onnx/schema.js";

export const ONNX_OPSET = 17;

const ELEMENT = {
  f32: DATA_TYPE.FLOAT,
  i32: DATA_TYPE.INT32,
  i64: DATA_TYPE.INT64,
  bool: DATA_TYPE.BOOL,
};

export function exportOnnx(
  spec: Spec,
  weights: ReadonlyMap<string, { readonly shape: readonly number[]; readonly data: Float32Array }>,
  producerVersion: string,
): Uint8Array {
  const layers: BuiltLayer[] = [];
  const { module } = buildModel(spec, { onLayer: (l) => layers.push(l) });
  const forward = module.graph("forward");
  const nodes: NodeProto[] = [];
  const initializers: TensorProto[] = [];
  const taken = new Set<string>();
  const unique = (wanted: string) => {
    let name = wanted;
    for (let k = 1; taken.has(name); k++) name = `${wanted}_${k}`;
    taken.add(name);
    return name;
  };
  // The graph's outputs carry the spec's names; nothing else may take one.
  for (const o of spec.model.outputs) taken.add(o.name.text);
  const names = new Map<Value, string>();

  const inputs: ValueInfoProto[] = spec.model.inputs.map((input, i) => {
    const value = forward.inputs[i];
    names.set(value, unique(input.name.text));
    return valueInfo(input.name.text, value.type);
  });
  // Where a layer's own inputs do not have a symbolic dim, a model input does.
  const symbols = new Map<string, { value: string; axis: number }>();
  spec.model.inputs.forEach((_, i) =>
    forward.inputs[i].type.shape.forEach((d, axis) => {
      if (typeof d === "string" && !symbols.has(d))
        symbols.set(d, { value: names.get(forward.inputs[i])!, axis });
    }),
  );

  for (const layer of layers) {
    const weight = (local: string) => {
      const name = local ? `${layer.name}.${local}` : layer.name;
      const w = weights.get(name);
      if (!w) throw new Error(`internal: no weights for ${name}`);
      return w;
    };
    const ctx: OnnxContext = {
      name: layer.name,
      args: layer.args,
      inputs: layer.inputs.map((v) => v.type),
      outputs: layer.outputs.map((v) => v.type),
      node(op, inputs, attrs = {}, options = {}) {
        const scope = [layer.name, ...(options.scope ? [options.scope] : [])].join("/");
        const nodeName = unique(`/${scope}/${op}`);
        const outputs = Array.from({ length: options.outputs ?? 1 }, (_, k) =>
          unique(`${nodeName}_output_${k}`),
        );
        nodes.push({
          name: nodeName,
          opType: op,
          input: [...inputs],
          output: outputs,
          attribute: attributes(attrs),
        });
        return outputs;
      },
      op(op, inputs, attrs, scope) {
        return this.node(op, inputs, attrs, { scope })[0];
      },
      weight,
      literal(dtype, shape, data) {
        const name = unique(`/${layer.name}/Constant`);
        const value = {
          name: "value",
          type: ATTRIBUTE_TYPE.TENSOR,
          t: tensorProto("", dtype, shape, data),
        };
        const output = unique(`${name}_output_0`);
        nodes.push({ name, opType: "Constant", input: [], output: [output], attribute: [value] });
        return output;
      },
      constant(dtype, shape, data, name) {
        const unique_ = unique(name);
        initializers.push(tensorProto(unique_, dtype, shape, data));
        return unique_;
      },
      shape(from, to, keep) {
        const offset = from.type.shape.length - to.length;
        let unknown = 0;
        // A dim is a number, or read at run time off an axis of a value that has it.
        const parts = to.map((d, i): number | { value: string; axis: number } => {
          if (typeof d === "number") return d;
          if (from.type.shape[i + (keep === 1 ? offset : 0)] === d) return keep;
          const at = from.type.shape.indexOf(d);
          if (at >= 0) return { value: from.value, axis: at };
          const input = symbols.get(d);
          if (input) return input;
          if (keep === 0 && unknown++ === 0) return -1;
          throw new Error(
            `a shape with symbolic dims ${to.join(", ")} that [${from.type.shape.join(", ")}] does not give`,
          );
        });
        if (parts.every((p) => typeof p === "number"))
          return this.constant("i64", [parts.length], parts as number[], `${layer.name}.shape`);
        const pieces = parts.map((p) => {
          if (typeof p === "number") return this.constant("i64", [1], [p], `${layer.name}.dim`);
          const index = this.constant("i64", [1], [p.axis], `${layer.name}.axis`);
          return this.op("Gather", [this.op("Shape", [p.value]), index], { axis: 0 });
        });
        return this.op("Concat", pieces, { axis: 0 });
      },
    };
    const outs = layer.def.onnx(
      ctx,
      layer.inputs.map((v) => names.get(v)!),
    );
    layer.outputs.forEach((v, k) => names.set(v, outs[k]));
  }
  // Graph outputs carry the spec's names: an Identity where a layer's output is named otherwise.
  const outputs = spec.model.outputs.map((o) => {
    const value = forward.outputs.find((f) => f.name === o.name.text)!.value;
    nodes.push({
      name: `/outputs/${o.name.text}`,
      opType: "Identity",
      input: [names.get(value)!],
      output: [o.name.text],
    });
    return valueInfo(o.name.text, value.type);
  });
  return encodeModel({
    irVersion: 8,
    opsetImport: [{ domain: "", version: ONNX_OPSET }],
    producerName: "weft",
    producerVersion,
    graph: {
      name: spec.model.name.text,
      node: nodes,
      initializer: initializers,
      input: inputs,
      output: outputs,
    },
  });
}

function valueInfo(name: string, type: TensorType): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: ELEMENT[type.dtype],
        shape: {
          dim: type.shape.map((d: Dim) =>
            typeof d === "number" ? { dimValue: d } : { dimParam: d },
          ),
        },
      },
    },
  };
}

function attributes(attrs: Readonly<Record<string, OnnxAttr>>): AttributeProto[] {
  return Object.entries(attrs).map(([name, v]) => {
    if (typeof v === "number") return { name, type: ATTRIBUTE_TYPE.INT, i: v };
    if (typeof v === "string")
      return { name, type: ATTRIBUTE_TYPE.STRING, s: new TextEncoder().encode(v) };
    if (Array.isArray(v)) return { name, type: ATTRIBUTE_TYPE.INTS, ints: [...v] };
    if ("strings" in v)
      return {
        name,
        type: ATTRIBUTE_TYPE.STRINGS,
        strings: v.strings.map((s) => new TextEncoder().encode(s)),
      };
    return { name, type: ATTRIBUTE_TYPE.FLOAT, f: (v as { f: number }).f };
  });
}

function tensorProto(
  name: string,
  dtype: keyof typeof ELEMENT,
  shape: readonly number[],
  data: ArrayLike<number>,
): TensorProto {
  const count = shape.reduce((n, d) => n * d, 1);
  if (data.length !== count)
    throw new Error(`internal: ${data.length} values for ${name} [${shape.join(", ")}]`);
  const width = { f32: 4, i32: 4, i64: 8, bool: 1 }[dtype];
  const raw = new Uint8Array(count * width);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < count; i++) {
    if (dtype === "f32") view.setFloat32(4 * i, data[i], true);
    else if (dtype === "i32") view.setInt32(4 * i, data[i], true);
    else if (dtype === "i64") view.setBigInt64(8 * i, BigInt(data[i]), true);
    else view.setUint8(i, data[i] ? 1 : 0);
  }
  return { name, dims: [...shape], dataType: ELEMENT[dtype], rawData: raw };
}
