/**
 * Batched matrix product. The last two dims are the matrices, optionally read
 * transposed; the leading (batch) dims broadcast, so [b, s, k] @ [k, n] works.
 */
import type { Value } from "../graph.js";
import { ShapeError, type OpDef } from "../op-def.js";
import { stridesOf } from "../tensor.js";
import {
  dimProduct,
  formatType,
  shapeEquals,
  type Dim,
  type TensorType,
} from "../../core/types.js";
import { alloc, broadcastShapes, broadcastStrides, requireDType, unbroadcast } from "./util.js";
import { call, dimExpr, int, mul, v, type ContractOperand, type KExpr } from "../../kernel/ir.js";
import { broadcastOffset, offset, type ContractionShape } from "../../kernel/lowering.js";

function batchType(t: TensorType): TensorType {
  return { dtype: t.dtype, shape: t.shape.slice(0, -2) };
}

export const MATMUL_OP: OpDef = {
  name: "matmul",
  summary: "a @ b over the last two dims, batch dims broadcast",
  operands: ["a", "b"],
  attrs: {
    transpose_a: { type: "bool", default: false, doc: "read a's last two dims swapped" },
    transpose_b: {
      type: "bool",
      default: false,
      doc: "read b's last two dims swapped (a linear layer's [out, in] weight)",
    },
  },
  regions: [],
  infer({ operands: [a, b], attrs }) {
    requireDType("operand a", a, ["f32"]);
    requireDType("operand b", b, ["f32"]);
    if (a.shape.length < 2 || b.shape.length < 2) {
      throw new ShapeError(
        `operands need at least 2 dims, found ${formatType(a)} and ${formatType(b)}`,
      );
    }
    const [a0, a1] = a.shape.slice(-2);
    const [rowsA, colsA] = attrs.transpose_a ? [a1, a0] : [a0, a1];
    const [b0, b1] = b.shape.slice(-2);
    const [rowsB, colsB] = attrs.transpose_b ? [b1, b0] : [b0, b1];
    if (colsA !== rowsB) {
      throw new ShapeError(
        `contracting dims differ: ${formatType(a)}${attrs.transpose_a ? "ᵀ" : ""} has ${colsA} columns, ` +
          `${formatType(b)}${attrs.transpose_b ? "ᵀ" : ""} has ${rowsB} rows`,
      );
    }
    const batch = broadcastShapes([batchType(a), batchType(b)]);
    return [{ dtype: "f32", shape: [...batch, rowsA, colsB] }];
  },
  evaluate(args) {
    const [a, b] = args.operands;
    const out = alloc(args.results[0], args);
    const rank = out.shape.length;
    const [M, N] = out.shape.slice(-2);
    const K = a.shape[a.shape.length - (args.attrs.transpose_a ? 2 : 1)];
    // Strides of a's rows/contraction and b's contraction/columns, honouring the transposes.
    const [aRow, aK] = args.attrs.transpose_a ? [1, M] : [K, 1];
    const [bK, bCol] = args.attrs.transpose_b ? [1, K] : [N, 1];
    const batchShape = out.shape.slice(0, rank - 2);
    const aBatch = broadcastStrides(a.shape.slice(0, -2), batchShape).map((s) => s * M * K);
    const bBatch = broadcastStrides(b.shape.slice(0, -2), batchShape).map((s) => s * K * N);
    const batchStrides = stridesOf(batchShape);
    const batches = out.size / (M * N || 1);
    for (let batch = 0; batch < batches; batch++) {
      let aBase = 0;
      let bBase = 0;
      for (let d = 0; d < batchShape.length; d++) {
        const i = Math.floor(batch / batchStrides[d]) % batchShape[d];
        aBase += i * aBatch[d];
        bBase += i * bBatch[d];
      }
      for (let i = 0; i < M; i++) {
        for (let j = 0; j < N; j++) {
          let acc = 0;
          for (let k = 0; k < K; k++)
            acc += a.data[aBase + i * aRow + k * aK] * b.data[bBase + k * bK + j * bCol];
          out.data[(batch * M + i) * N + j] = acc;
        }
      }
    }
    return [out];
  },
  /**
   * With op(M) = M or Mᵀ as the flags say, C = op(A) op(B) gives
   * d op(A) = G op(B)ᵀ and d op(B) = op(A)ᵀ G; each is written as one matmul
   * with flags, then summed over the batch dims the operand was broadcast along.
   */
  vjp({ b, op, grads: [g], wants }) {
    /** Whether x's and y's dims agree but for the last `but`. */
    const sameShape = (x: Value, y: Value, but: number) =>
      shapeEquals(x.type.shape.slice(0, -but), y.type.shape.slice(0, -but));
    if (!g) return [];
    const [a, bm] = op.operands;
    const ta = op.attrs.transpose_a as boolean;
    const tb = op.attrs.transpose_b as boolean;
    const mm = (x: Value, y: Value, transpose_a: boolean, transpose_b: boolean) =>
      b.op1("matmul", [x, y], { transpose_a, transpose_b });
    const da = () => (ta ? mm(bm, g, tb, true) : mm(g, bm, false, !tb));
    const db = () => {
      // A matrix B against a batch of A's (a layer applied at every step): the batch's rows are
      // one long depth, so dB is one product instead of one per batch element summed.
      if (bm.type.shape.length === 2 && a.type.shape.length > 2 && !ta && sameShape(a, g, 2)) {
        const flat = (x: Value) => {
          const shape = x.type.shape;
          return b.op1("reshape", [x], {
            shape: [dimProduct(shape.slice(0, -1)), shape[shape.length - 1]],
          });
        };
        return tb ? mm(flat(g), flat(a), true, false) : mm(flat(a), flat(g), true, false);
      }
      return tb ? mm(g, a, true, ta) : mm(a, g, !ta, false);
    };
    return [
      wants[0] ? unbroadcast(b, da(), a.type.shape) : undefined,
      wants[1] ? unbroadcast(b, db(), bm.type.shape) : undefined,
    ];
  },
  /**
   * A contraction of A's rows with B's columns, read through strides (a
   * transposed operand is the same contraction with its strides swapped),
   * broadcast along the batch dims; each backend schedules it its own way.
   * Fused into its epilogue, the consuming kernel becomes the contraction;
   * an operand whose producer was fused into it is computed (its prologue).
   */
  lower(ctx) {
    const [aShape, bShape] = ctx.op.operands.map((o) => o.type.shape);
    const outShape = ctx.op.results[0].type.shape;
    const ta = ctx.op.attrs.transpose_a as boolean;
    const tb = ctx.op.attrs.transpose_b as boolean;
    const [a0, a1] = aShape.slice(-2).map(dimExpr);
    const [b0, b1] = bShape.slice(-2).map(dimExpr);
    const outBatch = outShape.slice(0, -2);
    const [m, n] = outShape.slice(-2).map(dimExpr);
    /**
     * Operand i as the contraction reads it: from its slot through strides,
     * or, when its producer was fused (a prologue), computed at each element.
     * `swapped`: its stored layout is (k, p), not (p, k).
     */
    const operand = (
      i: number,
      batch: readonly KExpr[],
      swapped: boolean,
      strided: () => { base: KExpr; stride: KExpr; step: KExpr },
    ): ContractOperand => {
      if (!ctx.operandFused(i)) return { slot: ctx.operand(i).slot, ...strided() };
      const [p, k] = [ctx.fresh("p"), ctx.fresh("k")];
      const shape = ctx.op.operands[i].type.shape;
      const lead = outBatch.length - (shape.length - 2);
      // Its own batch index: 0 along the dims it is broadcast along.
      const own = shape
        .slice(0, -2)
        .map((d, j) => (d === 1 && outBatch[lead + j] !== 1 ? int(0) : batch[lead + j]));
      const at = swapped ? [v(k), v(p)] : [v(p), v(k)];
      return { index: [p, k], value: ctx.operandValue(i, [...own, ...at]) };
    };
    const shape = (index: readonly KExpr[]): ContractionShape => {
      const batch = index.slice(0, -2);
      const base = (dims: readonly Dim[], size: KExpr) =>
        mul(broadcastOffset(batch, dims.slice(0, -2), outBatch), size);
      return {
        batch: outBatch.map(dimExpr),
        m,
        n,
        depth: ta ? a0 : a1,
        a: operand(0, batch, ta, () => ({
          base: base(aShape, mul(a0, a1)),
          stride: ta ? int(1) : a1,
          step: ta ? a1 : int(1),
        })),
        b: operand(1, batch, !tb, () => ({
          base: base(bShape, mul(b0, b1)),
          stride: tb ? b1 : int(1),
          step: tb ? int(1) : b1,
        })),
      };
    };
    // Rounded as a store would round it, so fusion does not change results.
    if (ctx.fused) return ctx.defer((index) => call("fround", ctx.contract(shape(index))));
    const out = ctx.result(0);
    ctx.pointwise(outShape, (index) => [
      {
        k: "store",
        slot: out.slot,
        at: offset(index, out.shape),
        value: ctx.contract(shape(index)),
      },
    ]);
  },
  fusion: "matmul",
};
