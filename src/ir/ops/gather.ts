/** gather (an embedding lookup, NumPy's take) and its adjoint scatter_add. */
import { IRError } from "../graph.js";
import { ShapeError, type OpDef } from "../op-def.js";
import type { Tensor } from "../tensor.js";
import { formatType, type Dim } from "../../core/types.js";
import { alloc, dimsEqualMessage, requireAxis, requireDType, spanSize } from "./util.js";
import { lit, type KExpr } from "../../kernel/ir.js";
import { fillKernel, loadFrom, loopNest, offset } from "../../kernel/lowering.js";

/**
 * Walks table rows picked by indices: for each outer position p, index
 * position i and inner block, `visit(tableOffset, gatheredOffset, length)`.
 * Both ops share it, reading and writing in opposite directions.
 */
function forEachRow(
  opName: string,
  tableShape: readonly number[],
  indices: Tensor,
  axis: number,
  visit: (tableOffset: number, gatheredOffset: number, length: number) => void,
): void {
  const outer = spanSize(tableShape, 0, axis);
  const size = tableShape[axis];
  const inner = spanSize(tableShape, axis + 1);
  for (let p = 0; p < outer; p++) {
    for (let i = 0; i < indices.size; i++) {
      const row = indices.data[i];
      if (row < 0 || row >= size) {
        throw new Error(
          `${opName}: index ${row} at position ${i} is out of range for a dim of size ${size}`,
        );
      }
      visit((p * size + row) * inner, (p * indices.size + i) * inner, inner);
    }
  }
}

export const GATHER_OP: OpDef = {
  name: "gather",
  summary: "rows of table picked by integer indices along an axis: table[..., indices, ...]",
  operands: ["table", "indices"],
  attrs: {
    axis: { type: "int", default: 0, doc: "the table axis the indices select along" },
    padding_idx: {
      type: "int",
      default: -1,
      doc: "an index whose rows get no gradient, as torch's Embedding(padding_idx); -1 for none",
    },
  },
  regions: [],
  infer({ operands: [table, indices], attrs }) {
    const axis = attrs.axis as number;
    requireDType("indices", indices, ["i32"]);
    requireAxis(axis, table.shape.length);
    return [
      {
        dtype: table.dtype,
        shape: [...table.shape.slice(0, axis), ...indices.shape, ...table.shape.slice(axis + 1)],
      },
    ];
  },
  evaluate(args) {
    const [table, indices] = args.operands;
    const out = alloc(args.results[0], args);
    forEachRow("gather", table.shape, indices, args.attrs.axis as number, (t, g, n) =>
      out.data.set(table.data.subarray(t, t + n), g),
    );
    return [out];
  },
  vjp({ b, op, grads: [g], wants: [wanted] }) {
    const [table, indices] = op.operands;
    const axis = op.attrs.axis as number;
    const size = table.type.shape[axis];
    if (!wanted || !g) return [];
    if (typeof size !== "number")
      throw new IRError(`gather: cannot differentiate along symbolic dim ${size}`, op.span);
    const padding = op.attrs.padding_idx as number;
    if (padding < 0) return [b.op1("scatter_add", [g, indices], { axis, size })];
    // The rows gathered at padding_idx add nothing: their updates are zeroed first.
    const pad = b.op1("constant", [], { dtype: "i32", shape: [], value: padding });
    const keep = b.op1("cast", [b.op1("ne", [indices, pad])], { dtype: "f32" });
    const trailing = table.type.shape.slice(axis + 1).map(() => 1);
    const mask = b.op1("reshape", [keep], { shape: [...indices.type.shape, ...trailing] });
    return [b.op1("scatter_add", [b.op1("mul", [g, mask]), indices], { axis, size })];
  },
  lower(ctx) {
    const [table, indices] = [ctx.operand(0), ctx.operand(1)];
    const axis = ctx.op.attrs.axis as number;
    const rank = indices.shape.length;
    const valueAt = (index: readonly KExpr[]) => {
      const row = loadFrom(indices, offset(index.slice(axis, axis + rank), indices.shape));
      return loadFrom(
        table,
        offset([...index.slice(0, axis), row, ...index.slice(axis + rank)], table.shape),
      );
    };
    // Fused into its consumer, a gathered element is read where it is used.
    if (ctx.fused) return ctx.defer(valueAt);
    const out = ctx.result(0);
    ctx.kernel(
      loopNest(ctx, out.shape, (index) => [
        { k: "store", slot: out.slot, at: offset(index, out.shape), value: valueAt(index) },
      ]),
    );
  },
  fusion: "injective",
  defersReads: true,
};

export const SCATTER_ADD_OP: OpDef = {
  name: "scatter_add",
  summary:
    "the adjoint of gather: sums update rows into a zero table at their indices (repeats add up)",
  operands: ["updates", "indices"],
  attrs: {
    axis: { type: "int", default: 0, doc: "the table axis the indices select along" },
    size: { type: "int", doc: "the table's dim along that axis" },
  },
  regions: [],
  infer({ operands: [updates, indices], attrs }) {
    const axis = attrs.axis as number;
    const rank = indices.shape.length;
    requireDType("indices", indices, ["i32"]);
    if (updates.shape.length < axis + rank) {
      throw new ShapeError(
        `updates ${formatType(updates)} has too few dims for ${formatType(indices)} at axis ${axis}`,
      );
    }
    const mismatch = dimsEqualMessage(updates.shape.slice(axis, axis + rank), indices.shape);
    if (mismatch) {
      throw new ShapeError(
        `updates ${formatType(updates)} must hold indices' dims ${formatType(indices)} from axis ${axis}: ${mismatch}`,
      );
    }
    const shape: Dim[] = [
      ...updates.shape.slice(0, axis),
      attrs.size as number,
      ...updates.shape.slice(axis + rank),
    ];
    return [{ dtype: updates.dtype, shape }];
  },
  evaluate(args) {
    const [updates, indices] = args.operands;
    const out = alloc(args.results[0], args);
    forEachRow("scatter_add", out.shape, indices, args.attrs.axis as number, (t, g, n) => {
      for (let k = 0; k < n; k++) out.data[t + k] += updates.data[g + k];
    });
    return [out];
  },
  vjp({ b, op, grads: [g], wants: [wanted] }) {
    return wanted && g ? [b.op1("gather", [g, op.operands[1]], { axis: op.attrs.axis })] : [];
  },
  lower(ctx) {
    const [updates, indices] = [ctx.operand(0), ctx.operand(1)];
    const out = ctx.result(0);
    const axis = ctx.op.attrs.axis as number;
    const rank = indices.shape.length;
    // Repeated indices add into one row: the loops over the updates are serial, so the sums
    // are taken in one order on every backend and training is reproducible.
    ctx.kernel([
      ...fillKernel(ctx, out, lit(0, out.dtype)),
      ...loopNest(
        ctx,
        updates.shape,
        (index) => {
          const row = loadFrom(indices, offset(index.slice(axis, axis + rank), indices.shape));
          const at = offset([...index.slice(0, axis), row, ...index.slice(axis + rank)], out.shape);
          return [
            {
              k: "accumulate",
              slot: out.slot,
              at,
              value: loadFrom(updates, offset(index, updates.shape)),
            },
          ];
        },
        "serial",
      ),
    ]);
  },
  fusion: "opaque",
};
