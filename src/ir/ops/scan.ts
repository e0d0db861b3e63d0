/**
 * scan: a structured loop over the leading axis of its sequence operands, with
 * a body graph run once per step. It is how RNN, LSTM and GRU stay loops in
 * the IR instead of being unrolled.
 *
 *   operands: carries (num_carry), sequences (num_seq, each [T, ...]), constants (the rest)
 *   body:     (carry..., sequence slice at step t..., constant...) -> (new carry..., y_t...)
 *   results:  (final carry..., ys stacked along a new leading axis [T, ...])
 *
 * With reverse, steps run t = T-1 down to 0 and y_t still lands at index t, as
 * backpropagation through time needs.
 */
import { ShapeError, type OpDef } from "../op-def.js";
import { Tensor } from "../tensor.js";
import { formatType, typeEquals, type TensorType } from "../types.js";
import { alloc, spanSize } from "./util.js";

function signature(types: readonly TensorType[]): string {
  return `(${types.map(formatType).join(", ")})`;
}

export const SCAN_OP: OpDef = {
  name: "scan",
  summary:
    "a loop over the leading axis of sequence operands, threading carries through a body graph",
  operands: ["inputs"],
  variadic: true,
  attrs: {
    num_carry: { type: "int", doc: "how many leading operands are loop carries" },
    num_seq: { type: "int", doc: "how many operands after the carries are sequences (at least 1)" },
    reverse: { type: "bool", default: false, doc: "run the steps from last to first" },
  },
  regions: ["body"],
  infer({ operands, attrs, regions: [body] }) {
    const numCarry = attrs.num_carry as number;
    const numSeq = attrs.num_seq as number;
    if (numCarry < 0 || numSeq < 1 || numCarry + numSeq > operands.length) {
      throw new ShapeError(
        `num_carry ${numCarry} and num_seq ${numSeq} do not fit ${operands.length} operands (num_seq must be at least 1)`,
      );
    }
    const carries = operands.slice(0, numCarry);
    const seqs = operands.slice(numCarry, numCarry + numSeq);
    const consts = operands.slice(numCarry + numSeq);
    const length = seqs[0].shape[0];
    for (const s of seqs) {
      if (s.shape.length === 0 || s.shape[0] !== length) {
        throw new ShapeError(
          `sequence operands must share a leading dim: ${seqs.map(formatType).join(", ")}`,
        );
      }
    }
    const expected = [
      ...carries,
      ...seqs.map((s) => ({ dtype: s.dtype, shape: s.shape.slice(1) })),
      ...consts,
    ];
    const params = body.inputs.map((v) => v.type);
    if (params.length !== expected.length || params.some((t, i) => !typeEquals(t, expected[i]))) {
      throw new ShapeError(
        `body takes ${signature(params)} but the operands give ${signature(expected)}`,
      );
    }
    const yields = body.outputs.map((o) => o.value.type);
    const carriedBack = yields.slice(0, numCarry);
    if (yields.length < numCarry || carriedBack.some((t, i) => !typeEquals(t, carries[i]))) {
      throw new ShapeError(
        `body yields ${signature(yields)} but must begin with its carries ${signature(carries)}`,
      );
    }
    return [
      ...carries,
      ...yields.slice(numCarry).map((y) => ({ dtype: y.dtype, shape: [length, ...y.shape] })),
    ];
  },
  evaluate(args) {
    const { operands, attrs, results, ctx } = args;
    const [body] = args.regions;
    const numCarry = attrs.num_carry as number;
    const numSeq = attrs.num_seq as number;
    let carries = operands.slice(0, numCarry);
    const seqs = operands.slice(numCarry, numCarry + numSeq);
    const consts = operands.slice(numCarry + numSeq);
    const ys = results.slice(numCarry).map((type) => alloc(type, args));
    const length = seqs[0].shape[0];
    for (let step = 0; step < length; step++) {
      const t = attrs.reverse ? length - 1 - step : step;
      const slices = seqs.map((s) => {
        const n = spanSize(s.shape, 1);
        return new Tensor(s.dtype, s.shape.slice(1), s.data.slice(t * n, (t + 1) * n));
      });
      const outs = ctx.runRegion(body, [...carries, ...slices, ...consts]);
      carries = outs.slice(0, numCarry);
      outs.slice(numCarry).forEach((y, j) => ys[j].data.set(y.data, t * y.size));
    }
    return [...carries, ...ys];
  },
};
