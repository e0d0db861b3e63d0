/**
 * Learning-rate schedules as IR, from the step count. Each may start with a
 * linear warmup: over the first W steps the rate rises as lr·(k+1)/W (k the
 * number of steps done before this one); after it, the schedule runs on
 * s = k − W.
 */
import { GraphBuilder, Module, type Value } from "../ir/graph.js";
import { interpret } from "../ir/interpreter.js";
import { Tensor } from "../ir/tensor.js";
import { constantScalar } from "../ir/ops/util.js";
import { ArgReader, float, int, type ArgSpec, type Signature } from "../core/signature.js";
import { pyFloat } from "../core/python.js";

export interface ScheduleDef extends Signature {
  readonly torch: string;
  /** The rate after warmup as a Python expression of the optimizer's `lr` and `s` (`weft export --pytorch`). */
  pytorch(args: ArgReader, lr: string, s: string): string;
  /** The rate after warmup, at s steps past it (f32, s ≥ 0). */
  rate(b: GraphBuilder, args: ArgReader, lr: Value, s: Value): Value;
}

const NONE = { min: 0, max: 0 };
const warmup: ArgSpec = {
  name: "warmup_steps",
  kind: "int",
  default: int(0),
  doc: "steps of linear warmup from 0 first",
};
const c = constantScalar;

export const SCHEDULES: ReadonlyMap<string, ScheduleDef> = new Map(
  (
    [
      {
        name: "constant",
        summary: "the optimizer's lr throughout",
        torch: "no scheduler",
        inputs: NONE,
        args: [warmup],
        rate: (_b, _args, lr) => lr,
        pytorch: (_args, lr) => lr,
      },
      {
        name: "step",
        summary: "lr times gamma every step_size steps",
        torch: "torch.optim.lr_scheduler.StepLR(opt, step_size, gamma), stepped every step",
        inputs: NONE,
        args: [
          { name: "step_size", kind: "int", doc: "steps between decays" },
          { name: "gamma", kind: "float", default: float(0.1), doc: "decay factor" },
          warmup,
        ],
        pytorch: (args, lr, s) =>
          `${lr} * ${pyFloat(args.float("gamma"))} ** (${s} // ${args.int("step_size")})`,
        rate(b, args, lr, s) {
          // floor(s / step_size) as a truncating cast: s is never negative.
          const periods = b.op1(
            "cast",
            [b.op1("cast", [b.op1("div", [s, c(b, args.int("step_size"))])], { dtype: "i32" })],
            { dtype: "f32" },
          );
          return b.op1("mul", [lr, b.op1("pow", [c(b, args.float("gamma")), periods])]);
        },
      },
      {
        name: "cosine",
        summary: "cosine decay from lr to min_lr over total_steps",
        torch:
          "torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=total_steps, eta_min=min_lr), stepped every step",
        inputs: NONE,
        args: [
          { name: "total_steps", kind: "int", doc: "steps to reach min_lr" },
          { name: "min_lr", kind: "float", default: float(0), doc: "the final lr (eta_min)" },
          warmup,
        ],
        pytorch(args, lr, s) {
          const [total, minLr] = [args.int("total_steps"), pyFloat(args.float("min_lr"))];
          return `${minLr} + (1 + math.cos(min(${s}, ${total}) / ${total} * math.pi)) * ((${lr} - ${minLr}) * 0.5)`;
        },
        rate(b, args, lr, s) {
          const total = args.int("total_steps");
          const minLr = args.float("min_lr");
          const progress = b.op1("div", [b.op1("min", [s, c(b, total)]), c(b, total)]);
          const wave = b.op1("add", [
            c(b, 1),
            b.op1("cos", [b.op1("mul", [progress, c(b, Math.PI)])]),
          ]);
          const half = b.op1("mul", [b.op1("sub", [lr, c(b, minLr)]), c(b, 0.5)]);
          return b.op1("add", [c(b, minLr), b.op1("mul", [wave, half])]);
        },
      },
    ] satisfies ScheduleDef[]
  ).map((s) => [s.name, s]),
);

/** The learning rate of the step after `k` completed steps (f32), warmup included; `lr` the optimizer's (a runtime value). */
export function learningRate(
  b: GraphBuilder,
  schedule: ScheduleDef,
  args: ArgReader,
  lr: Value,
  k: Value,
): Value {
  const w = args.int("warmup_steps");
  if (w === 0) return schedule.rate(b, args, lr, k);
  const rising = b.op1("mul", [b.op1("add", [k, c(b, 1)]), b.op1("div", [lr, c(b, w)])]);
  const after = schedule.rate(b, args, lr, b.op1("max", [b.op1("sub", [k, c(b, w)]), c(b, 0)]));
  return b.op1("select", [b.op1("lt", [k, c(b, w)]), rising, after]);
}

/**
 * The learning rate of each of the first `steps` steps, from a base rate
 * `lr`: the schedule's own IR (the one the training step runs) run by the
 * interpreter over every step count at once. Without a schedule, `lr`.
 */
export function learningRates(
  schedule: { readonly def: ScheduleDef; readonly args: ArgReader } | undefined,
  lr: number,
  steps: number,
): number[] {
  if (!schedule || steps === 0) return Array.from({ length: steps }, () => lr);
  const module = new Module("learning_rates");
  const b = new GraphBuilder(module.addGraph("rates"));
  const k = b.input("k", { dtype: "f32", shape: [steps] });
  b.output("lr", learningRate(b, schedule.def, schedule.args, c(b, lr), k));
  const done = Tensor.of(
    "f32",
    [steps],
    Array.from({ length: steps }, (_, i) => i),
    "f64",
  );
  const { outputs } = interpret(module, "rates", { inputs: { k: done } }, { precision: "f64" });
  // A schedule that ignores the step (constant, no warmup) gives one rate for all.
  const rates = outputs.lr.data;
  return Array.from({ length: steps }, (_, i) => rates[rates.length === 1 ? 0 : i]);
}
