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
 *
 * Its gradient is backpropagation through time. The forward scan is replaced
 * by one that also yields, per step, the carry the step starts from and the
 * residuals: the values of the step that its gradient reads and that change
 * from step to step (gate activations, say). A backward scan runs over those
 * and the sequences; its body is the step's gradient (the body's own ops'
 * rules) reading the residuals instead of recomputing the forward step,
 * carrying the carries' cotangents and summing the constants'. Values of the
 * step computed from the constants alone are computed again in the backward
 * body rather than saved once per step.
 */
import type { Graph, GraphBuilder, Op, Value } from "../graph.js";
import { ShapeError, type Autodiff, type OpDef } from "../op-def.js";
import { Tensor } from "../tensor.js";
import { dimMul, formatType, typeEquals, type Dim, type TensorType } from "../../core/types.js";
import { alloc, spanSize, zerosLike } from "./util.js";
import { dimExpr, int, mul, productExpr, v, type Step } from "../../kernel/ir.js";
import { copyKernel, type SlotRef } from "../../kernel/lowering.js";

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
  regionInputs({ operands, attrs }) {
    const numCarry = attrs.num_carry as number;
    const numSeq = attrs.num_seq as number;
    return [
      operands.map((t, i) =>
        i >= numCarry && i < numCarry + numSeq ? { dtype: t.dtype, shape: t.shape.slice(1) } : t,
      ),
    ];
  },
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
    const length = seqs[0].shape[0];
    for (const s of seqs) {
      if (s.shape.length === 0 || s.shape[0] !== length) {
        throw new ShapeError(
          `sequence operands must share a leading dim: ${seqs.map(formatType).join(", ")}`,
        );
      }
    }
    const [expected] = SCAN_OP.regionInputs!({ operands, attrs });
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
  vjp({ b, op, grads, wants, ad }) {
    return scanVjp(b, op, grads, wants, ad);
  },
  /**
   * A loop over the steps: the carries live in slots of their own; each step
   * copies the sequences' slices in, runs the body's kernels, copies y_t out
   * and the new carries back (through temporaries, since a body may yield its
   * carries swapped); the constants are read where they are.
   */
  lower(ctx) {
    const numCarry = ctx.op.attrs.num_carry as number;
    const numSeq = ctx.op.attrs.num_seq as number;
    const operands = ctx.op.operands.map((_, i) => ctx.operand(i));
    const carries = operands.slice(0, numCarry);
    const seqs = operands.slice(numCarry, numCarry + numSeq);
    const consts = operands.slice(numCarry + numSeq);
    const size = (r: SlotRef) => productExpr(r.shape);
    const carrySlots = carries.map((c, i) => ctx.scratch(c, `carry${i}`));
    const stepSlots = seqs.map((x, j) =>
      ctx.scratch({ dtype: x.dtype, shape: x.shape.slice(1) }, `step${j}`),
    );
    if (numCarry)
      ctx.kernel(
        carries.flatMap((c, i) => copyKernel(ctx, c, int(0), carrySlots[i], int(0), size(c))),
      );
    const region = ctx.region(0, [...carrySlots, ...stepSlots, ...consts]);
    const t = ctx.fresh("t");
    const at = (r: SlotRef) => mul(v(t), size(r));
    const staged = carries.map((c, i) => ctx.scratch(c, `next${i}`));
    const ys = region.outputs.slice(numCarry);
    const inner: Step[] = [
      ctx.kernelStep(
        seqs.flatMap((x, j) =>
          copyKernel(ctx, x, at(stepSlots[j]), stepSlots[j], int(0), size(stepSlots[j])),
        ),
      ),
      ...region.steps,
      ctx.kernelStep([
        ...ys.flatMap((y, j) =>
          copyKernel(ctx, y, int(0), ctx.result(numCarry + j), at(y), size(y)),
        ),
        ...region.outputs
          .slice(0, numCarry)
          .flatMap((c, i) => copyKernel(ctx, c, int(0), staged[i], int(0), size(c))),
        ...staged.flatMap((c, i) => copyKernel(ctx, c, int(0), carrySlots[i], int(0), size(c))),
      ]),
    ];
    ctx.loop(t, dimExpr(seqs[0].shape[0]), ctx.op.attrs.reverse as boolean, inner);
    if (numCarry)
      ctx.kernel(
        carrySlots.flatMap((c, i) => copyKernel(ctx, c, int(0), ctx.result(i), int(0), size(c))),
      );
  },
  fusion: "opaque",
};

function scanVjp(
  b: GraphBuilder,
  op: Op,
  grads: readonly (Value | undefined)[],
  wants: readonly boolean[],
  ad: Autodiff,
): (Value | undefined)[] {
  const [body] = op.regions;
  const numCarry = op.attrs.num_carry as number;
  const numSeq = op.attrs.num_seq as number;
  const carries = op.operands.slice(0, numCarry);
  const seqs = op.operands.slice(numCarry, numCarry + numSeq);
  const consts = op.operands.slice(numCarry + numSeq);
  const f32 = (v: Value) => v.type.dtype === "f32";
  const numYs = op.results.length - numCarry;

  const carryIdx = carries.map((_, i) => i).filter((i) => f32(carries[i]));
  const constIdx = consts.map((_, j) => j).filter((j) => wants[numCarry + numSeq + j]);
  const seqIdx = seqs.map((_, j) => j).filter((j) => wants[numCarry + j]);
  const ys = op.results.slice(numCarry);
  const yGrads = ys.map((y, j) => grads[numCarry + j] ?? zerosLike(b, y));

  // The backward step, built first on a copy of the forward step.
  const stepType = (v: Value) => ({ dtype: v.type.dtype, shape: v.type.shape.slice(1) });
  let forward = new Map<Value, Value>();
  const backward = b.region(
    [
      ...carryIdx.map((i) => ({ name: `d.${body.inputs[i].name}`, type: carries[i].type })),
      ...constIdx.map((j) => ({
        name: `acc.${body.inputs[numCarry + numSeq + j].name}`,
        type: consts[j].type,
      })),
      ...carries.map((c, i) => ({ name: body.inputs[i].name, type: c.type })),
      ...seqs.map((x, j) => ({ name: body.inputs[numCarry + j].name, type: stepType(x) })),
      ...yGrads.map((g, j) => ({ name: `d.y${j}`, type: stepType(g) })),
      ...consts.map((k, j) => ({ name: body.inputs[numCarry + numSeq + j].name, type: k.type })),
    ],
    (r, args) => {
      let at = 0;
      const take = (n: number) => args.slice(at, (at += n));
      const [dCarry, acc, carryT, seqT, yGradT, constT] = [
        carryIdx.length,
        constIdx.length,
        numCarry,
        numSeq,
        numYs,
        consts.length,
      ].map(take);
      forward = r.inlineCopies(body, [...carryT, ...seqT, ...constT]);
      const outs = body.outputs.map((o) => forward.get(o.value)!);
      // A value the body yields twice (as a carry and as y_t) gets the sum of both cotangents.
      const seeds = new Map<Value, Value>();
      const seed = (v: Value, g: Value) =>
        seeds.set(v, seeds.has(v) ? r.op1("add", [seeds.get(v)!, g]) : g);
      carryIdx.forEach((i, k) => seed(outs[i], dCarry[k]));
      ys.forEach((y, j) => f32(y) && seed(outs[numCarry + j], yGradT[j]));
      const wrt = [
        ...carryIdx.map((i) => carryT[i]),
        ...constIdx.map((j) => constT[j]),
        ...seqIdx.map((j) => seqT[j]),
      ];
      const d = ad.backprop(r, seeds, wrt);
      const or0 = (g: Value | undefined, like: Value) => g ?? zerosLike(r, like);
      return [
        ...carryIdx.map((i, k) => or0(d[k], carryT[i])),
        ...constIdx.map((_, k) => {
          const dk = d[carryIdx.length + k];
          return dk ? r.op1("add", [acc[k], dk]) : acc[k];
        }),
        ...seqIdx.map((j, k) => or0(d[carryIdx.length + constIdx.length + k], seqT[j])),
      ];
    },
  );
  const residuals = residualsOf(body, numCarry + numSeq, backward, forward);

  // The forward loop, run once: it also yields the carry each step starts from and the residuals.
  const saving = b.region(
    body.inputs.map((v) => ({ name: v.name, type: v.type })),
    (r, args) => {
      const copies = r.inlineCopies(body, args);
      // It stands for the forward body: its values keep the body's names.
      for (const o of body.ops) for (const x of o.results) r.graph.rename(copies.get(x)!, x.name);
      return [
        ...body.outputs.map((o) => copies.get(o.value)!),
        ...args.slice(0, numCarry),
        ...residuals.map((x) => copies.get(x)!),
      ];
    },
  );
  // The saved sequences are named `saved.…`, so `weft compile --stats` can say what they take.
  const names = [
    ...op.results.map((r) => r.name),
    ...carries.map((_, i) => `saved.${body.inputs[i].name}`),
    ...residuals.map((x) => `saved.${x.name}`),
  ];
  const rerun = b.op("scan", op.operands, op.attrs, { regions: [saving], names });
  const savedCarries = rerun.slice(numCarry + numYs, numCarry + numYs + numCarry);
  const saved = rerun.slice(numCarry + numYs + numCarry);
  if (op.graph === b.graph) replaceScan(op, rerun);

  const sums = hoistSums(backward, carryIdx.length, constIdx.length);
  const accumulated = constIdx.filter((_, k) => !sums.has(k));
  const starts = [
    ...carryIdx.map((i) => grads[i] ?? zerosLike(b, carries[i])),
    ...accumulated.map((j) => zerosLike(b, consts[j])),
  ];
  const operands = [...starts, ...savedCarries, ...seqs, ...yGrads, ...saved, ...consts];
  const results = b.op(
    "scan",
    operands,
    {
      num_carry: starts.length,
      num_seq: savedCarries.length + seqs.length + yGrads.length + saved.length,
      reverse: !op.attrs.reverse,
    },
    { regions: [backward] },
  );
  const scan: ScanValues = { result: (i) => results[i], operand: (i) => operands[i] };
  const out: (Value | undefined)[] = op.operands.map(() => undefined);
  carryIdx.forEach((i, k) => wants[i] && (out[i] = results[k]));
  accumulated.forEach((j, k) => (out[numCarry + numSeq + j] = results[carryIdx.length + k]));
  for (const [k, sum] of sums) out[numCarry + numSeq + constIdx[k]] = sum.over(b, scan);
  seqIdx.forEach((j, k) => (out[numCarry + j] = results[starts.length + k]));
  return out;
}

/** The backward scan's results by region output, and its operands by region input. */
interface ScanValues {
  result(output: number): Value;
  operand(input: number): Value;
}

/** A constant's gradient summed over the steps outside the loop, from the scan's values. */
interface HoistedSum {
  over(b: GraphBuilder, scan: ScanValues): Value;
}

/**
 * Constants' gradients that each step adds a product or a column sum of
 * its own values to (a weight's Σ_t G_tᵀ·H_t, a bias's Σ_t Σ_b G_t), taken
 * out of the loop: the step yields the operands as sequences instead of
 * accumulating, and the sum is one matmul (or reduction) over all steps,
 * with T·batch as its depth, after the loop. The accumulators go from the
 * region (its carries after the `carries` cotangents); by the index of the
 * constant among the `consts` accumulated, what computes each sum.
 */
function hoistSums(region: Graph, carries: number, consts: number): Map<number, HoistedSum> {
  const sums = new Map<number, HoistedSum>();
  const accs = region.inputs.slice(carries, carries + consts);
  const outputs = region.outputs.slice(carries, carries + consts).map((o) => o.value);
  const ys = () => carries + consts - sums.size;
  /**
   * `value` as a sequence over the steps, given the scan's results and
   * operands once the region is final: a sequence the scan reads (a saved
   * carry or residual) as it is, anything else yielded per step (once).
   */
  const yielded = (value: Value): ((scan: ScanValues) => Value) => {
    if (region.inputs.includes(value)) return (scan) => scan.operand(region.inputs.indexOf(value));
    if (!region.outputs.slice(carries + consts).some((o) => o.value === value))
      region.outputs.push({ value });
    return (scan) =>
      scan.result(region.outputs.findIndex((o, i) => i >= ys() && o.value === value));
  };
  accs.forEach((acc, k) => {
    const add = outputs[k].def;
    if (add?.name !== "add" || add.operands[0] !== acc || acc.uses.length !== 1) return;
    const step = add.operands[1];
    if (step.uses.length !== 1) return;
    const product = step.def;
    if (
      product?.name === "matmul" &&
      product.attrs.transpose_a &&
      !product.attrs.transpose_b &&
      product.operands.every((x) => x.type.shape.length === 2)
    ) {
      const [g, h] = product.operands.map(yielded);
      sums.set(k, { over: (b, scan) => stackedProduct(b, g(scan), h(scan)) });
      return;
    }
    const column = columnSumOf(step);
    if (column) {
      const g = yielded(column);
      sums.set(k, { over: (b, scan) => stackedColumnSum(b, g(scan), acc.type.shape) });
    }
  });
  const taken = [...sums.keys()].sort((a, b) => b - a);
  for (const k of taken) region.outputs.splice(carries + k, 1);
  region.eraseUnusedOps();
  for (const k of taken) region.inputs.splice(carries + k, 1);
  return sums;
}

/** G where a step adds Σ_b G (a bias's gradient): reduce_sum(G) over axis 0 of a 2-D G, reshaped or not. */
function columnSumOf(step: Value): Value | undefined {
  const sum = step.def?.name === "reshape" ? step.def.operands[0] : step;
  const reduce = sum.def;
  if (sum !== step && sum.uses.length !== 1) return undefined;
  if (reduce?.name !== "reduce_sum") return undefined;
  const g = reduce.operands[0];
  const axes = reduce.attrs.axes as number[];
  return g.type.shape.length === 2 && axes.length === 1 && axes[0] === 0 ? g : undefined;
}

/** Σ_t Σ_b G_t as one reduction: G stacked [T, batch, n] seen as [T·batch, n], summed over rows. */
function stackedColumnSum(b: GraphBuilder, g: Value, shape: readonly Dim[]): Value {
  const [t, rows, cols] = g.type.shape;
  const flat = b.op1("reshape", [g], { shape: [dimMul(t, rows), cols] });
  const sum = b.op1("reduce_sum", [flat], { axes: [0] });
  return sum.type.shape.join() === shape.join() ? sum : b.op1("reshape", [sum], { shape });
}

/** Σ_t G_tᵀ·H_t as one product: G and H stacked [T, batch, ·] seen as [T·batch, ·]. */
function stackedProduct(b: GraphBuilder, g: Value, h: Value): Value {
  const flat = (x: Value) => {
    const [t, rows, cols] = x.type.shape;
    return b.op1("reshape", [x], { shape: [dimMul(t, rows), cols] });
  };
  return b.op1("matmul", [flat(g), flat(h)], { transpose_a: true });
}

/**
 * The forward step's values that the backward step reads and that change
 * from step to step (they depend on a carry or a sequence; those computed
 * from the constants alone stay where they are): the backward region reads
 * each as a sequence input instead (before the constants), and the forward
 * ops left unused go. `forward` maps the body's values to their copies in
 * the backward region; `varying` is how many body inputs change per step.
 */
function residualsOf(
  body: Graph,
  varying: number,
  backward: Graph,
  forward: ReadonlyMap<Value, Value>,
): Value[] {
  const changing = new Set(body.inputs.slice(0, varying));
  for (const o of body.ops)
    if (o.operands.some((v) => changing.has(v))) for (const r of o.results) changing.add(r);
  const forwardOps = new Set(body.ops.flatMap((o) => o.results.map((r) => forward.get(r)!.def!)));
  const residuals = body.ops
    .flatMap((o) => o.results)
    .filter((x) => {
      const copy = forward.get(x)!;
      return (
        changing.has(x) && (copy.uses.some((u) => !forwardOps.has(u.op)) || backward.isOutput(copy))
      );
    });
  const constsAt = backward.inputs.length - (body.inputs.length - varying);
  residuals.forEach((x, k) => {
    const input = backward.addInput(`saved.${x.name}`, x.type);
    backward.inputs.splice(backward.inputs.length - 1, 1);
    backward.inputs.splice(constsAt + k, 0, input);
    backward.replaceAllUses(forward.get(x)!, input);
  });
  backward.eraseUnusedOps();
  return residuals;
}

/** The forward scan replaced, where it stands, by the one that also saves what the backward reads. */
function replaceScan(op: Op, by: readonly Value[]): void {
  const graph = op.graph;
  const saving = by[0].def!;
  graph.ops.splice(graph.ops.indexOf(saving), 1);
  graph.ops.splice(graph.ops.indexOf(op) + 1, 0, saving);
  op.results.forEach((r, i) => {
    graph.takeName(r, by[i]);
    graph.replaceAllUses(r, by[i]);
  });
  graph.eraseOp(op);
}
