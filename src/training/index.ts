/**
 * What a spec's `train` section may call: losses, optimizers (with PyTorch's
 * argument names and defaults) and learning-rate schedules, and its metrics.
 */
import { bool, float, int, type ArgSpec, type Signature } from "../parser/signature.js";

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

export const LOSSES: ReadonlyMap<string, Signature> = new Map(
  (
    [
      {
        name: "cross_entropy",
        summary:
          "softmax cross-entropy of logits f32[batch, classes] against integer labels i32[batch], averaged",
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
      },
      { name: "mse", summary: "mean squared error", inputs: NONE, args: [output, target] },
      {
        name: "bce_with_logits",
        summary: "binary cross-entropy on logits, computed stably, averaged",
        inputs: NONE,
        args: [output, target],
      },
    ] satisfies Signature[]
  ).map((s) => [s.name, s]),
);

const lr = (value: number): ArgSpec => ({
  name: "lr",
  kind: "float",
  default: float(value),
  doc: "learning rate",
});
const adamArgs = (weightDecay: number): ArgSpec[] => [
  lr(0.001),
  {
    name: "betas",
    kind: "floats",
    default: { type: "list", items: [float(0.9), float(0.999)] },
    doc: "moment decay rates",
  },
  { name: "eps", kind: "float", default: float(1e-8), doc: "added to the denominator" },
  {
    name: "weight_decay",
    kind: "float",
    default: float(weightDecay),
    doc: "L2 penalty (adam) or decoupled decay (adamw)",
  },
];

export const OPTIMIZERS: ReadonlyMap<string, Signature> = new Map(
  (
    [
      {
        name: "sgd",
        summary: "stochastic gradient descent, like torch.optim.SGD",
        inputs: NONE,
        args: [
          { ...lr(0.01), default: undefined },
          { name: "momentum", kind: "float", default: float(0), doc: "momentum factor" },
          { name: "dampening", kind: "float", default: float(0), doc: "dampening for momentum" },
          { name: "nesterov", kind: "bool", default: bool(false), doc: "Nesterov momentum" },
          { name: "weight_decay", kind: "float", default: float(0), doc: "L2 penalty" },
        ],
      },
      { name: "adam", summary: "Adam, like torch.optim.Adam", inputs: NONE, args: adamArgs(0) },
      {
        name: "adamw",
        summary: "Adam with decoupled weight decay, like torch.optim.AdamW",
        inputs: NONE,
        args: adamArgs(0.01),
      },
    ] satisfies Signature[]
  ).map((s) => [s.name, s]),
);

const warmup: ArgSpec = {
  name: "warmup_steps",
  kind: "int",
  default: int(0),
  doc: "steps of linear warmup from 0 first",
};

export const SCHEDULES: ReadonlyMap<string, Signature> = new Map(
  (
    [
      { name: "constant", summary: "the optimizer's lr throughout", inputs: NONE, args: [warmup] },
      {
        name: "step",
        summary: "lr times gamma every step_size steps",
        inputs: NONE,
        args: [
          { name: "step_size", kind: "int", doc: "steps between decays" },
          { name: "gamma", kind: "float", default: float(0.1), doc: "decay factor" },
          warmup,
        ],
      },
      {
        name: "cosine",
        summary: "cosine decay from lr to min_lr over total_steps",
        inputs: NONE,
        args: [
          { name: "total_steps", kind: "int", doc: "steps to reach min_lr" },
          { name: "min_lr", kind: "float", default: float(0), doc: "the final lr (eta_min)" },
          warmup,
        ],
      },
    ] satisfies Signature[]
  ).map((s) => [s.name, s]),
);

export const METRICS = ["loss", "accuracy"] as const;
