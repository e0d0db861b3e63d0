/**
 * Batched matrix product. The last two dims are the matrices, optionally read
 * transposed; the leading (batch) dims broadcast, so [b, s, k] @ [k, n] works.
 */
import type { Value } from "../graph.js";
import { ShapeError, type OpDef } from "../op-def.js";
import { stridesOf } from "../tensor.js";
import { formatType, type TensorType } from "../types.js";
import { alloc, broadcastShapes, broadcastStrides, requireDType, unbroadcast } from "./util.js";
import { broadcastOffset, loopNest, offset } from "../../backends/lower.js";
import {
  add,
  call,
  dimExpr,
  lit,
  load,
  mul,
  v,
  type KExpr,
  type KStmt,
} from "../../backends/kernel.js";

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
    if (!g) return [];
    const [a, bm] = op.operands;
    const ta = op.attrs.transpose_a as boolean;
    const tb = op.attrs.transpose_b as boolean;
    const mm = (x: Value, y: Value, transpose_a: boolean, transpose_b: boolean) =>
      b.op1("matmul", [x, y], { transpose_a, transpose_b });
    const da = () => (ta ? mm(bm, g, tb, true) : mm(g, bm, false, !tb));
    const db = () => (tb ? mm(g, a, true, ta) : mm(a, g, !ta, false));
    return [
      wants[0] ? unbroadcast(b, da(), a.type.shape) : undefined,
      wants[1] ? unbroadcast(b, db(), bm.type.shape) : undefined,
    ];
  },
  lower(ctx) {
    const [a, bm] = [ctx.operand(0), ctx.operand(1)];
    const outShape = ctx.op.results[0].type.shape;
    const ta = ctx.op.attrs.transpose_a as boolean;
    const tb = ctx.op.attrs.transpose_b as boolean;
    const [a0, a1] = a.shape.slice(-2).map(dimExpr);
    const [b0, b1] = bm.shape.slice(-2).map(dimExpr);
    const outBatch = outShape.slice(0, -2);
    /**
     * The statements that sum the dot products of `rows` of A with `cols` of B
     * (at batch index `batch`) into fresh accumulators, accs[r][c]. An element
     * that feeds several products is loaded once into a scalar.
     */
    const dots = (batch: readonly KExpr[], rows: readonly KExpr[], cols: readonly KExpr[]) => {
      const accs = rows.map(() => cols.map(() => ctx.fresh("acc")));
      const k = ctx.fresh("k");
      const aBase = mul(broadcastOffset(batch, a.shape.slice(0, -2), outBatch), mul(a0, a1));
      const bBase = mul(broadcastOffset(batch, bm.shape.slice(0, -2), outBatch), mul(b0, b1));
      // Where the k loop starts in each row and column, bound once outside it.
      const aStarts = rows.map((i) => ({
        name: ctx.fresh("a"),
        value: add(aBase, ta ? i : mul(i, a1)),
      }));
      const bStarts = cols.map((j) => ({
        name: ctx.fresh("b"),
        value: add(bBase, tb ? mul(j, b1) : j),
      }));
      const loads: KStmt[] = [];
      const shared = (name: string, value: KExpr, uses: number): KExpr => {
        if (uses === 1) return value;
        const scalar = ctx.fresh(name);
        loads.push({ k: "let", name: scalar, value });
        return v(scalar);
      };
      const xs = aStarts.map((s) =>
        shared("x", load(a.slot, add(v(s.name), ta ? mul(v(k), a1) : v(k))), cols.length),
      );
      const ys = bStarts.map((s) =>
        shared("y", load(bm.slot, add(v(s.name), tb ? v(k) : mul(v(k), b1))), rows.length),
      );
      const stmts: KStmt[] = [
        ...[...aStarts, ...bStarts].map((s): KStmt => ({ k: "let", name: s.name, value: s.value })),
        ...accs.flat().map((acc): KStmt => ({ k: "let", name: acc, value: lit(0), mutable: true })),
        {
          k: "for",
          index: k,
          extent: ta ? a0 : a1,
          body: [
            ...loads,
            ...accs.flatMap((row, r) =>
              row.map((acc, c): KStmt => ({
                k: "assign",
                name: acc,
                value: add(v(acc), mul(xs[r], ys[c])),
              })),
            ),
          ],
        },
      ];
      return { stmts, accs: accs.map((row) => row.map(v)) };
    };
    /** One dot product, for result `index`. */
    const dot = (index: readonly KExpr[]) => {
      const [i, j] = index.slice(-2);
      const { stmts, accs } = dots(index.slice(0, -2), [i], [j]);
      return { stmts, acc: accs[0][0] };
    };
    if (ctx.fused) {
      // The epilogue's kernel computes each dot product in its own loop; rounded as a store would.
      ctx.defer((index) => {
        const { stmts, acc } = dot(index);
        ctx.prelude(stmts);
        return call("fround", acc);
      });
      return;
    }
    const out = ctx.result(0);
    const store = (index: readonly KExpr[]): KStmt[] => {
      const { stmts, acc } = dot(index);
      return [...stmts, { k: "store", slot: out.slot, at: offset(index, out.shape), value: acc }];
    };
    if (!ctx.options.blockMatmuls) {
      ctx.kernel(loopNest(ctx, out.shape, store));
      return;
    }
    // 2×2 blocks: four dot products share each loaded element of A's two rows and
    // B's two columns, halving the loads per multiply; an odd last row or column
    // (known only at run time for a symbolic dim) is done one result at a time.
    const [m, n] = outShape.slice(-2).map(dimExpr);
    const half = (d: KExpr) =>
      d.k === "lit" ? lit(Math.floor(d.value / 2)) : call("idiv", d, lit(2));
    const odd = (d: KExpr) => (d.k === "lit" ? lit(d.value % 2) : call("imod", d, lit(2)));
    const loop = (extent: KExpr, body: (i: KExpr) => KStmt[]): KStmt[] => {
      const index = ctx.fresh("i");
      return [{ k: "for", index, extent, body: body(v(index)) }];
    };
    const block = (batch: readonly KExpr[], i2: KExpr, j2: KExpr): KStmt[] => {
      const pair = (x: KExpr) => [mul(x, lit(2)), add(mul(x, lit(2)), lit(1))];
      const [rows, cols] = [pair(i2), pair(j2)];
      const { stmts, accs } = dots(batch, rows, cols);
      return [
        ...stmts,
        ...accs.flatMap((row, r) =>
          row.map((acc, c): KStmt => ({
            k: "store",
            slot: out.slot,
            at: offset([...batch, rows[r], cols[c]], out.shape),
            value: acc,
          })),
        ),
      ];
    };
    const skipIfEven = (d: KExpr, body: () => KStmt[]): KStmt[] =>
      d.k === "lit" && d.value % 2 === 0 ? [] : loop(odd(d), () => body());
    ctx.kernel(
      loopNest(ctx, outBatch, (batch) => [
        ...loop(half(m), (i2) => loop(half(n), (j2) => block(batch, i2, j2))),
        // The last column when n is odd, every row; then the last row when m is odd.
        ...skipIfEven(n, () => loop(m, (i) => store([...batch, i, call("sub", n, lit(1))]))),
        ...skipIfEven(m, () =>
          loop(mul(half(n), lit(2)), (j) => store([...batch, call("sub", m, lit(1)), j])),
        ),
      ]),
    );
  },
  fusion: "matmul",
};
