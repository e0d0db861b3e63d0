/**
 * Losses as IR, each averaged over the batch, in the stable formulations:
 * cross-entropy through log-softmax with the maximum subtracted, BCE on
 * logits through max(x, 0) - x·t + log(1 + e^-|x|). Each can also count the
 * correct predictions for the accuracy metric.
 */
import type { GraphBuilder, Value } from "../ir/graph.js";
import { constantScalar } from "../ir/ops/util.js";
import { formatType } from "../core/types.js";
import { logSoftmax } from "../layers/emit.js";
import { ArgReader, float, int, type ArgSpec, type Signature } from "../core/signature.js";
import { pyFloat } from "../core/python.js";

export interface LossDef extends Signature {
  readonly torch: string;
  /** The loss as a Python expression of the output's and the target's (`weft export --pytorch`). */
  pytorch(args: ArgReader, output: string, target: string): string;
  /** The loss, a scalar; `fail` reports a mismatch of output and target. */
  build(
    b: GraphBuilder,
    args: ArgReader,
    output: Value,
    target: Value,
    fail: (message: string) => never,
  ): Value;
  /** The number of correct predictions and of predictions counted, as i32 scalars, for `accuracy`. */
  accuracy?(
    b: GraphBuilder,
    args: ArgReader,
    output: Value,
    target: Value,
  ): { correct: Value; count: Value };
}

const NONE = { min: 0, max: 0 };
const output: ArgSpec = {
  name: "output",
  kind: "output",
  positional: true,
  doc: "the model output the loss reads",
};
const target: ArgSpec = {
  name: "target",
  kind: "target",
  positional: true,
  doc: "the training target",
};

const allAxes = (v: Value) => v.type.shape.map((_, i) => i);
const sumAll = (b: GraphBuilder, v: Value) => b.op1("reduce_sum", [v], { axes: allAxes(v) });
const meanAll = (b: GraphBuilder, v: Value) => b.op1("reduce_mean", [v], { axes: allAxes(v) });
const toF32 = (b: GraphBuilder, v: Value) => b.op1("cast", [v], { dtype: "f32" });

function sameShape(output: Value, target: Value, fail: (message: string) => never): void {
  if (output.type.shape.join() !== target.type.shape.join() || target.type.dtype !== "f32") {
    fail(
      `expects a target of the output's shape, f32[${output.type.shape.join(", ")}], found ${formatType(target.type)}`,
    );
  }
}

/** Labels that count: those not equal to ignore_index, as f32 1 or 0. */
function validLabels(b: GraphBuilder, args: ArgReader, labels: Value): Value {
  return toF32(b, b.op1("ne", [labels, constantScalar(b, args.int("ignore_index"), "i32")]));
}

const crossEntropy: LossDef = {
  name: "cross_entropy",
  summary:
    "softmax cross-entropy of logits f32[..., classes] against integer labels i32[...], averaged over the labels not ignored",
  torch: "F.cross_entropy(logits.flatten(0, -2), labels.flatten(), ignore_index, label_smoothing)",
  inputs: NONE,
  args: [
    output,
    target,
    { name: "label_smoothing", kind: "float", default: float(0), doc: "as torch's" },
    {
      name: "ignore_index",
      kind: "int",
      default: int(-100),
      doc: "labels with this value count for nothing",
    },
  ],
  pytorch: (args, logits, labels) =>
    `F.cross_entropy(${logits}.flatten(0, -2), ${labels}.flatten().long(), ignore_index=${args.int("ignore_index")}, label_smoothing=${pyFloat(args.float("label_smoothing"))})`,
  build(b, args, logits, labels, fail) {
    const shape = logits.type.shape;
    const classes = shape[shape.length - 1];
    if (
      labels.type.dtype !== "i32" ||
      labels.type.shape.join() !== shape.slice(0, -1).join() ||
      typeof classes !== "number"
    ) {
      fail(
        `expects integer labels i32[${shape.slice(0, -1).join(", ")}] for logits ${formatType(logits.type)}, found ${formatType(labels.type)}`,
      );
    }
    const last = shape.length - 1;
    const logp = logSoftmax(b, logits, last);
    const picked = b.op1(
      "reduce_sum",
      [b.op1("mul", [logp, b.op1("one_hot", [labels], { depth: classes })])],
      { axes: [last] },
    );
    let perLabel = b.op1("neg", [picked]);
    const smoothing = args.float("label_smoothing");
    if (smoothing > 0) {
      const uniform = b.op1("neg", [b.op1("reduce_mean", [logp], { axes: [last] })]);
      perLabel = b.op1("add", [
        b.op1("mul", [perLabel, constantScalar(b, 1 - smoothing)]),
        b.op1("mul", [uniform, constantScalar(b, smoothing)]),
      ]);
    }
    const valid = validLabels(b, args, labels);
    const total = sumAll(b, b.op1("mul", [perLabel, valid]));
    return b.op1("div", [total, b.op1("max", [sumAll(b, valid), constantScalar(b, 1)])]);
  },
  accuracy(b, args, logits, labels) {
    const predicted = b.op1("argmax", [logits], { axis: logits.type.shape.length - 1 });
    const valid = b.op1("ne", [labels, constantScalar(b, args.int("ignore_index"), "i32")]);
    const hits = b.op1("mul", [b.op1("eq", [predicted, labels]), valid]);
    return { correct: sumAll(b, hits), count: sumAll(b, valid) };
  },
};

const mse: LossDef = {
  name: "mse",
  summary: "mean squared error",
  torch: "F.mse_loss(output, target)",
  inputs: NONE,
  args: [output, target],
  pytorch: (_args, out, t) => `F.mse_loss(${out}, ${t})`,
  build(b, _args, out, t, fail) {
    sameShape(out, t, fail);
    const diff = b.op1("sub", [out, t]);
    return meanAll(b, b.op1("mul", [diff, diff]));
  },
};

const bceWithLogits: LossDef = {
  name: "bce_with_logits",
  summary: "binary cross-entropy on logits, computed stably, averaged",
  torch: "F.binary_cross_entropy_with_logits(output, target)",
  inputs: NONE,
  args: [output, target],
  pytorch: (_args, x, t) => `F.binary_cross_entropy_with_logits(${x}, ${t})`,
  build(b, _args, x, t, fail) {
    sameShape(x, t, fail);
    const softplus = b.op1("log", [
      b.op1("add", [constantScalar(b, 1), b.op1("exp", [b.op1("neg", [b.op1("abs", [x])])])]),
    ]);
    const perElement = b.op1("add", [
      b.op1("sub", [b.op1("relu", [x]), b.op1("mul", [x, t])]),
      softplus,
    ]);
    return meanAll(b, perElement);
  },
  accuracy(b, _args, x, t) {
    const hits = b.op1("eq", [
      b.op1("gt", [x, constantScalar(b, 0)]),
      b.op1("gt", [t, constantScalar(b, 0.5)]),
    ]);
    return {
      correct: sumAll(b, hits),
      count: sumAll(
        b,
        b.op1("broadcast_to", [constantScalar(b, 1, "i32")], { shape: t.type.shape }),
      ),
    };
  },
};

export const LOSSES: ReadonlyMap<string, LossDef> = new Map(
  [crossEntropy, mse, bceWithLogits].map((l) => [l.name, l]),
);
