/**
 * Op-level statements: single primitive ops of the graph IR as layer kinds,
 * for models written below the layer level — what `weft import` writes for
 * the parts of an ONNX graph that are no layer it knows (attention spelled out
 * with matmuls and a mask, a hand-written norm). They have no parameters but
 * `parameter`, and names as torch's functions have them.
 */
import { bool, int, str } from "../core/signature.js";
import { py } from "../core/python.js";
import { dimProduct, formatShape, makeDim, type Dim } from "../core/types.js";
import { ShapeError } from "../ir/op-def.js";
import { broadcastShapes } from "../ir/ops/util.js";
import { normalizeAxis, requireBroadcast } from "./emit.js";
import type { LayerContext, LayerDef } from "./layer-def.js";
import type { Value } from "../ir/graph.js";

const ONE = { min: 1, max: 1 };
/** TensorProto.DataType values, for ONNX Cast. */
const [ONNX_FLOAT, ONNX_INT32, ONNX_BOOL] = [1, 6, 9];
const TWO = { min: 2, max: 2 };

function unsupported(dim: Dim): never {
  throw new Error(`broadcast_to a new symbolic dim (${dim}) has no PyTorch form here`);
}

/** A shape with no symbolic dims, for the forms that write a tensor out whole. */
function fixedShape(shape: readonly Dim[], what: string): number[] {
  const symbolic = shape.find((d) => typeof d !== "number");
  if (symbolic !== undefined)
    throw new Error(`${what} over the symbolic dim ${symbolic} has no exported form here`);
  return shape as number[];
}

function requireFloat(ctx: LayerContext, inputs: readonly Value[]): void {
  for (const v of inputs) ctx.requireDType(v, "f32", "f32 inputs");
}

const unary = (
  name: string,
  op: string,
  summary: string,
  torch: string,
  onnxOp: string,
): LayerDef => ({
  name,
  summary,
  torch: `${torch}(x)`,
  inputs: ONE,
  args: [],
  build(ctx, [x]) {
    requireFloat(ctx, [x]);
    return [ctx.b.op1(op, [x])];
  },
  pytorch: () => ({ forward: ([x]) => `${torch}(${x})` }),
  onnx: (ctx, [x]) => [ctx.op(onnxOp, [x])],
});

/** Elementwise with broadcasting; comparisons give i32 0 or 1, the form `where` takes. */
const binary = (
  name: string,
  op: string,
  summary: string,
  torch: string,
  onnxOp: string,
  compare = false,
): LayerDef => ({
  name,
  summary,
  torch: `${torch}(a, b)`,
  inputs: TWO,
  args: [],
  build(ctx, inputs) {
    if (!compare) requireFloat(ctx, inputs);
    else if (inputs[0].type.dtype !== inputs[1].type.dtype)
      ctx.fail(
        `expects inputs of one dtype, found ${inputs.map((v) => ctx.describe(v)).join(" and ")}`,
      );
    requireBroadcast(ctx, inputs);
    return [ctx.b.op1(op, inputs)];
  },
  pytorch: () => ({
    forward: ([a, b]) => (compare ? `${torch}(${a}, ${b}).int()` : `${torch}(${a}, ${b})`),
  }),
  // ONNX comparisons give bool; Weft's give i32 0 or 1.
  onnx: (ctx, inputs) => {
    const y = ctx.op(onnxOp, inputs);
    return [compare ? ctx.op("Cast", [y], { to: ONNX_INT32 }) : y];
  },
});

const reduction = (
  name: string,
  op: string,
  summary: string,
  torch: string,
  onnxOp: string,
): LayerDef => ({
  name,
  summary,
  torch: `x.${torch}(dim=axes, keepdim=keepdims)`,
  inputs: ONE,
  args: [
    {
      name: "axes",
      kind: "ints",
      positional: true,
      doc: "the axes to reduce (negative from the end)",
    },
    { name: "keepdims", kind: "bool", default: bool(false), doc: "keep them as dims of size 1" },
  ],
  build(ctx, [x]) {
    const rank = x.type.shape.length;
    const axes = ctx.ints("axes").map((a) => normalizeAxis(ctx, a, rank));
    if (new Set(axes).size !== axes.length)
      ctx.fail(`expects each axis once, found [${axes.join(", ")}]`);
    if (op !== "reduce_max") requireFloat(ctx, [x]);
    return [
      ctx.b.op1(op, [x], { axes: [...axes].sort((a, b) => a - b), keepdims: ctx.bool("keepdims") }),
    ];
  },
  pytorch: ({ args }) => ({
    forward: ([x]) =>
      `${x}.${torch}(dim=${py(args.numbers("axes"))}, keepdim=${py(args.bool("keepdims"))})`,
  }),
  // ReduceSum takes its axes as an input from opset 13, the others as an attribute until 18.
  onnx: (ctx, [x]) => {
    const axes = ctx.args.numbers("axes");
    const keepdims = ctx.args.bool("keepdims") ? 1 : 0;
    return onnxOp === "ReduceSum"
      ? [
          ctx.op(onnxOp, [x, ctx.constant("i64", [axes.length], axes, `${ctx.name}.axes`)], {
            keepdims,
          }),
        ]
      : [ctx.op(onnxOp, [x], { axes, keepdims })];
  },
});

export const OP_LAYERS: LayerDef[] = [
  unary("neg", "neg", "-x", "torch.neg", "Neg"),
  unary("abs", "abs", "|x|", "torch.abs", "Abs"),
  unary("exp", "exp", "e^x", "torch.exp", "Exp"),
  unary("log", "log", "natural logarithm", "torch.log", "Log"),
  unary("sqrt", "sqrt", "square root", "torch.sqrt", "Sqrt"),
  {
    ...unary("rsqrt", "rsqrt", "1 / sqrt(x)", "torch.rsqrt", "Sqrt"),
    onnx: (ctx, [x]) => [ctx.op("Reciprocal", [ctx.op("Sqrt", [x])])],
  },
  unary("reciprocal", "reciprocal", "1 / x", "torch.reciprocal", "Reciprocal"),
  unary("erf", "erf", "the error function", "torch.erf", "Erf"),
  unary("sin", "sin", "sine", "torch.sin", "Sin"),
  unary("cos", "cos", "cosine", "torch.cos", "Cos"),
  binary("sub", "sub", "a - b, broadcasting", "torch.sub", "Sub"),
  binary("div", "div", "a / b, broadcasting", "torch.div", "Div"),
  binary("pow", "pow", "a ^ b, broadcasting", "torch.pow", "Pow"),
  binary("maximum", "max", "the larger of a and b, broadcasting", "torch.maximum", "Max"),
  binary("minimum", "min", "the smaller of a and b, broadcasting", "torch.minimum", "Min"),
  binary("equal", "eq", "a == b as i32 0 or 1, broadcasting", "torch.eq", "Equal", true),
  binary("less", "lt", "a < b as i32 0 or 1, broadcasting", "torch.lt", "Less", true),
  binary("greater", "gt", "a > b as i32 0 or 1, broadcasting", "torch.gt", "Greater", true),
  reduction("reduce_sum", "reduce_sum", "the sum over axes", "sum", "ReduceSum"),
  reduction("reduce_mean", "reduce_mean", "the mean over axes", "mean", "ReduceMean"),
  reduction("reduce_max", "reduce_max", "the maximum over axes", "amax", "ReduceMax"),
  {
    name: "matmul",
    summary: "a @ b over the last two dims, leading dims broadcast, like torch.matmul",
    torch: "torch.matmul(a, b)",
    inputs: TWO,
    args: [],
    build(ctx, [a, b]) {
      requireFloat(ctx, [a, b]);
      if (a.type.shape.length < 2 || b.type.shape.length < 2)
        ctx.fail(
          `expects inputs of at least 2 dims, found ${ctx.describe(a)} and ${ctx.describe(b)}`,
        );
      if (a.type.shape.at(-1) !== b.type.shape.at(-2))
        ctx.fail(
          `expects a's last dim to equal b's second to last, found ${ctx.describe(a)} and ${ctx.describe(b)}`,
        );
      try {
        broadcastShapes([a, b].map((v) => ({ dtype: "f32", shape: v.type.shape.slice(0, -2) })));
      } catch (e) {
        if (!(e instanceof ShapeError)) throw e;
        ctx.fail(
          `expects leading dims that broadcast, found ${ctx.describe(a)} and ${ctx.describe(b)}`,
        );
      }
      return [ctx.b.op1("matmul", [a, b])];
    },
    pytorch: () => ({ forward: ([a, b]) => `torch.matmul(${a}, ${b})` }),
    onnx: (ctx, inputs) => [ctx.op("MatMul", inputs)],
  },
  {
    name: "where",
    summary: "a where cond (i32) is non-zero, else b, broadcasting, like torch.where",
    torch: "torch.where(cond, a, b)",
    inputs: { min: 3, max: 3 },
    args: [],
    build(ctx, [cond, a, b]) {
      ctx.requireDType(cond, "i32", "an i32 condition");
      if (a.type.dtype !== b.type.dtype)
        ctx.fail(`expects a and b of one dtype, found ${ctx.describe(a)} and ${ctx.describe(b)}`);
      requireBroadcast(ctx, [cond, a, b]);
      return [ctx.b.op1("select", [cond, a, b])];
    },
    pytorch: () => ({ forward: ([c, a, b]) => `torch.where(${c} != 0, ${a}, ${b})` }),
    onnx: (ctx, [c, a, b]) => [ctx.op("Where", [ctx.op("Cast", [c], { to: ONNX_BOOL }), a, b])],
  },
  {
    name: "slice",
    summary: "the elements start <= i < end along an axis, like x.narrow(axis, start, end - start)",
    torch: "x.narrow(axis, start, end - start)",
    inputs: ONE,
    args: [
      {
        name: "axis",
        kind: "int",
        positional: true,
        doc: "the axis (negative from the end); its dim must be fixed",
      },
      {
        name: "start",
        kind: "int",
        default: int(0),
        doc: "the first index kept (negative from the end)",
      },
      { name: "end", kind: "int", doc: "one past the last index kept (negative from the end)" },
    ],
    build(ctx, [x]) {
      const axis = normalizeAxis(ctx, ctx.int("axis"), x.type.shape.length);
      const dim = ctx.fixedDim(x, axis, `its dim ${axis}`);
      const at = (i: number) => (i < 0 ? i + dim : i);
      const [start, end] = [at(ctx.int("start")), at(ctx.int("end"))];
      if (!(0 <= start && start < end && end <= dim))
        ctx.fail(
          `expects 0 <= start < end <= ${dim} along axis ${axis}, found start ${start} and end ${end}`,
        );
      return [ctx.b.op1("slice", [x], { axes: [axis], starts: [start], ends: [end] })];
    },
    pytorch: ({ args, inputs: [from] }) => {
      const axis = args.int("axis") < 0 ? args.int("axis") + from.shape.length : args.int("axis");
      const dim = from.shape[axis] as number;
      const at = (i: number) => (i < 0 ? i + dim : i);
      const start = at(args.int("start"));
      return { forward: ([x]) => `${x}.narrow(${axis}, ${start}, ${at(args.int("end")) - start})` };
    },
    onnx: (ctx, [x]) => {
      const i64 = (v: number, what: string) => ctx.constant("i64", [1], [v], `${ctx.name}.${what}`);
      const args = ctx.args;
      return [
        ctx.op("Slice", [
          x,
          i64(args.int("start"), "starts"),
          i64(args.int("end"), "ends"),
          i64(args.int("axis"), "axes"),
        ]),
      ];
    },
  },
  {
    name: "cast",
    summary: "converts to another dtype; f32 to i32 truncates toward zero",
    torch: "x.to(dtype)",
    inputs: ONE,
    args: [
      {
        name: "dtype",
        kind: "string",
        values: ["f32", "i32"],
        positional: true,
        doc: "the result dtype",
      },
    ],
    build(ctx, [x]) {
      return [ctx.b.op1("cast", [x], { dtype: ctx.string("dtype") })];
    },
    pytorch: ({ args }) => ({
      forward: ([x]) =>
        `${x}.to(${args.string("dtype") === "f32" ? "torch.float32" : "torch.int32"})`,
    }),
    onnx: (ctx, [x]) => [
      ctx.op("Cast", [x], { to: ctx.args.string("dtype") === "f32" ? ONNX_FLOAT : ONNX_INT32 }),
    ],
  },
  {
    name: "broadcast_to",
    summary: "stretches dims of size 1 and prepends dims, like torch.broadcast_to",
    torch: "torch.broadcast_to(x, shape)",
    inputs: ONE,
    args: [
      {
        name: "shape",
        kind: "shape",
        positional: true,
        doc: "the target shape (symbolic dims by name)",
      },
    ],
    build(ctx, [x]) {
      const shape = ctx.shape("shape").map((d) => makeDim([d]));
      const offset = shape.length - x.type.shape.length;
      if (offset < 0 || x.type.shape.some((d, i) => d !== 1 && d !== shape[offset + i]))
        ctx.fail(`cannot broadcast ${ctx.describe(x)} to ${formatShape(shape)}`);
      return [ctx.b.op1("broadcast_to", [x], { shape })];
    },
    // expand's -1 keeps a dim, which is how a symbolic one is written.
    pytorch: ({ inputs: [from], outputs: [to] }) => ({
      forward: ([x]) => {
        const offset = to.shape.length - from.shape.length;
        const dims = to.shape.map((d, i) =>
          typeof d === "number"
            ? String(d)
            : i >= offset && from.shape[i - offset] === d
              ? "-1"
              : unsupported(d),
        );
        return `${x}.expand(${dims.join(", ")})`;
      },
    }),
    onnx: (ctx, [x]) => [
      ctx.op("Expand", [x, ctx.shape({ value: x, type: ctx.inputs[0] }, ctx.outputs[0].shape, 1)]),
    ],
  },
  {
    name: "constant",
    summary: "a tensor written in the spec: one value filling the shape, or every value row-major",
    torch: "torch.tensor(value).reshape(shape)",
    inputs: { min: 0, max: 0 },
    args: [
      {
        name: "value",
        kind: "floats",
        positional: true,
        doc: "one fill value, or the values row-major",
      },
      {
        name: "shape",
        kind: "ints",
        default: { type: "list", items: [] },
        doc: "the shape ([] for a scalar)",
      },
      {
        name: "dtype",
        kind: "string",
        values: ["f32", "i32"],
        default: str("f32"),
        doc: "the element type",
      },
    ],
    build(ctx) {
      const values = ctx.floats("value");
      const shape = ctx.ints("shape");
      if (shape.some((d) => !(Number.isInteger(d) && d >= 1)))
        ctx.fail(`expects a shape of dims of at least 1, found [${shape.join(", ")}]`);
      const count = dimProduct(shape) as number;

      if (values.length !== 1 && values.length !== count)
        ctx.fail(`has ${values.length} values for shape [${shape.join(", ")}] (${count} elements)`);
      const dtype = ctx.string("dtype");
      if (dtype === "i32" && values.some((v) => !Number.isInteger(v)))
        ctx.fail("has a fraction among its values; dtype i32 takes integers");
      return [
        ctx.b.op1("constant", [], {
          dtype,
          shape,
          value: values.length === 1 ? values[0] : values,
        }),
      ];
    },
    pytorch: ({ args }) => {
      const values = args.numbers("value");
      const dtype = args.string("dtype") === "f32" ? "torch.float32" : "torch.int32";
      const shape = py(args.numbers("shape"));
      return {
        forward: () =>
          values.length === 1
            ? `torch.full(${shape}, ${py(values[0])}, dtype=${dtype})`
            : `torch.tensor(${py(values)}, dtype=${dtype}).reshape(${shape})`,
      };
    },
    onnx: (ctx) => {
      const { dtype, shape } = ctx.outputs[0];
      const values = ctx.args.numbers("value");
      const count = shape.reduce<number>((n, d) => n * (d as number), 1);
      const data = values.length === 1 ? new Array(count).fill(values[0]) : values;
      return [ctx.constant(dtype, shape as number[], data, ctx.name)];
    },
  },
  {
    name: "iota",
    summary: "each element's index along one axis (0, 1, 2, …), for positions and masks",
    torch: "torch.arange(shape[axis]) broadcast to shape",
    inputs: { min: 0, max: 0 },
    args: [
      {
        name: "shape",
        kind: "shape",
        positional: true,
        doc: "the result's shape (symbolic dims by name)",
      },
      { name: "axis", kind: "int", default: int(0), doc: "the axis whose index is the value" },
    ],
    build(ctx) {
      const shape = ctx.shape("shape").map((d) => makeDim([d]));
      if (shape.some((d) => typeof d === "number" && !(Number.isInteger(d) && d >= 1)))
        ctx.fail(`expects a shape of dims of at least 1, found [${shape.join(", ")}]`);
      const axis = shape.length ? normalizeAxis(ctx, ctx.int("axis"), shape.length) : 0;
      return [ctx.b.op1("iota", [], { shape, axis, dtype: "i32" })];
    },
    pytorch: ({ args, outputs: [out] }) => {
      const shape = fixedShape(out.shape, "iota");
      const axis = args.int("axis") < 0 ? args.int("axis") + shape.length : args.int("axis");
      const view = shape.map((d, i) => (i === axis ? d : 1));
      return {
        forward: () =>
          `torch.arange(${shape[axis]}, dtype=torch.int32).reshape(${view.join(", ")}).expand(${shape.join(", ")})`,
      };
    },
    onnx: (ctx) => {
      const shape = fixedShape(ctx.outputs[0].shape, "iota");
      const axis =
        ctx.args.int("axis") < 0 ? ctx.args.int("axis") + shape.length : ctx.args.int("axis");
      const stride = shape.slice(axis + 1).reduce((n, d) => n * d, 1);
      const count = shape.reduce((n, d) => n * d, 1);
      const data = Array.from({ length: count }, (_, i) => Math.floor(i / stride) % shape[axis]);
      return [ctx.constant("i32", shape, data, ctx.name)];
    },
  },
  {
    name: "parameter",
    summary: "a trained tensor of the given shape, under the layer's own name (torch.nn.Parameter)",
    torch: "nn.Parameter(torch.empty(shape))",
    inputs: { min: 0, max: 0 },
    args: [{ name: "shape", kind: "ints", positional: true, doc: "its shape" }],
    build(ctx) {
      return [ctx.param("", ctx.ints("shape"), { kind: "normal" })];
    },
    pytorch: ({ args }) => ({
      module: `nn.Parameter(torch.randn(${args.numbers("shape").join(", ")}))`,
      forward: (_inputs, m) => m,
    }),
    onnx: (ctx) => {
      const w = ctx.weight("");
      return [ctx.constant("f32", w.shape, w.data, ctx.name)];
    },
  },
];
