/** Ops that make values from attributes alone: constant, iota, random_uniform. */
import { ShapeError, type OpDef } from "../op-def.js";
import { stridesOf } from "../tensor.js";
import { dimProduct, formatShape, type Dim, type DType } from "../../core/types.js";
import { alloc, NO_GRADIENT, requireAxis, requireDType } from "./util.js";
import { call, cast, int, lit } from "../../kernel/ir.js";
import { fillKernel, loadFrom, loopNest, offset } from "../../kernel/lowering.js";
import { randomUniformAt } from "../../runtime/numerics.js";

export const CONSTANT_OP: OpDef = {
  name: "constant",
  summary:
    "a tensor given in the attributes: one value filling the shape, or every value row-major",
  operands: [],
  attrs: {
    dtype: { type: "dtype", doc: "the element type" },
    shape: { type: "shape", doc: "the shape; symbolic dims only with a single fill value" },
    value: { type: "numbers", doc: "one fill value, or a flat row-major list" },
  },
  regions: [],
  infer({ attrs }) {
    const shape = attrs.shape as Dim[];
    const value = attrs.value as number | number[];
    const dtype = attrs.dtype as DType;
    if (Array.isArray(value) && value.length !== dimProduct(shape)) {
      throw new ShapeError(
        `${value.length} values given for shape ${formatShape(shape)} (${dimProduct(shape)} elements)`,
      );
    }
    const fraction = dtype === "i32" ? [value].flat().find((v) => !Number.isInteger(v)) : undefined;
    if (fraction !== undefined)
      throw new ShapeError(`value ${fraction} is not an integer, as dtype i32 needs`);
    return [{ dtype, shape }];
  },
  evaluate(args) {
    const out = alloc(args.results[0], args);
    const value = args.attrs.value as number | number[];
    if (Array.isArray(value)) out.data.set(value);
    else out.data.fill(value);
    return [out];
  },
  vjp: NO_GRADIENT,
  lower(ctx) {
    const value = ctx.op.attrs.value as number | number[];
    const dtype = ctx.op.results[0].type.dtype;
    if (ctx.fused) return ctx.defer(() => lit(value as number, dtype));
    const out = ctx.result(0);
    if (!Array.isArray(value)) return ctx.kernel(fillKernel(ctx, out, lit(value, dtype)));
    ctx.kernel(
      value.map((x, i) => ({ k: "store", slot: out.slot, at: int(i), value: lit(x, dtype) })),
    );
  },
  fusion: "opaque",
};

export const IOTA_OP: OpDef = {
  name: "iota",
  summary: "each element's index along one axis (0, 1, 2, ...), for masks and positions",
  operands: [],
  attrs: {
    shape: { type: "shape", doc: "the result shape" },
    axis: { type: "int", doc: "the axis whose index is the value" },
    dtype: { type: "dtype", default: "i32", doc: "the element type" },
  },
  regions: [],
  infer({ attrs }) {
    const shape = attrs.shape as Dim[];
    requireAxis(attrs.axis as number, shape.length);
    return [{ dtype: attrs.dtype as DType, shape }];
  },
  evaluate(args) {
    const out = alloc(args.results[0], args);
    const axis = args.attrs.axis as number;
    const stride = stridesOf(out.shape)[axis];
    const dim = out.shape[axis];
    for (let i = 0; i < out.size; i++) out.data[i] = Math.floor(i / stride) % dim;
    return [out];
  },
  vjp: NO_GRADIENT,
  lower(ctx) {
    const out = ctx.result(0);
    const axis = ctx.op.attrs.axis as number;
    ctx.kernel(
      loopNest(ctx, out.shape, (index) => [
        {
          k: "store",
          slot: out.slot,
          at: offset(index, out.shape),
          value: cast(index[axis], out.dtype),
        },
      ]),
    );
  },
  fusion: "opaque",
};

export const RANDOM_UNIFORM_OP: OpDef = {
  name: "random_uniform",
  summary:
    "counter-based uniform floats in [0, 1) from a seed and a runtime key (e.g. the step), for dropout",
  operands: ["key"],
  attrs: {
    seed: { type: "int", doc: "fixed per op, so two dropout layers draw different masks" },
    shape: { type: "shape", doc: "the result shape" },
  },
  regions: [],
  infer({ operands: [key], attrs }) {
    requireDType("key", key, ["i32"]);
    if (key.shape.length !== 0)
      throw new ShapeError(`key must be a scalar i32[], found rank ${key.shape.length}`);
    return [{ dtype: "f32", shape: attrs.shape as Dim[] }];
  },
  evaluate(args) {
    const out = alloc(args.results[0], args);
    const seed = (args.attrs.seed as number) >>> 0;
    const key = args.operands[0].data[0] >>> 0;
    for (let i = 0; i < out.size; i++) out.data[i] = randomUniformAt(seed, key, i);
    return [out];
  },
  vjp: NO_GRADIENT,
  lower(ctx) {
    const out = ctx.result(0);
    const key = loadFrom(ctx.operand(0), int(0));
    // The seed's 32 bits as an i32; the function reads them unsigned.
    const seed = int((ctx.op.attrs.seed as number) | 0);
    ctx.kernel(
      loopNest(ctx, out.shape, (index) => {
        const at = offset(index, out.shape);
        return [{ k: "store", slot: out.slot, at, value: call("random", seed, key, at) }];
      }),
    );
  },
  fusion: "opaque",
};

export const CREATE_OPS: OpDef[] = [CONSTANT_OP, IOTA_OP, RANDOM_UNIFORM_OP];
