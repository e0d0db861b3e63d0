/**
 * Optimizers as IR, computing exactly what torch.optim computes (the same
 * order of operations, bias corrections and eps placement). Each declares the
 * state it keeps per parameter; the training step reads that state, and
 * updates it along with the parameter. The learning rate and the weight
 * decay are runtime values (train-step.ts); a spec without weight decay
 * compiles without its terms.
 */
import type { GraphBuilder, Value } from "../ir/graph.js";
import { constantScalar } from "../ir/ops/util.js";
import { ArgReader, bool, float, type ArgSpec, type Signature } from "../core/signature.js";
import { py, pyFloat } from "../core/python.js";

export interface OptimizerStep {
  readonly param: Value;
  readonly grad: Value;
  /** The parameter's state, in the order `state` names it. */
  readonly state: readonly Value[];
  /** The weight decay (f32 scalar): a runtime value, the spec's until the model sets another; absent where the spec's is 0. */
  readonly weightDecay?: Value;
}

export interface OptimizerDef extends Signature {
  readonly torch: string;
  /** The torch.optim constructor over the Python expression `params` (`weft export --pytorch`). */
  pytorch(args: ArgReader, params: string): string;
  /** The state kept per parameter (initially zeros). */
  state(args: ArgReader): string[];
  /**
   * The parameter and state after one step. `lr` is the step's learning rate,
   * `t` the step number from 1 (f32), `first` an i32 0/1 true on step 1.
   */
  update(
    b: GraphBuilder,
    args: ArgReader,
    p: OptimizerStep,
    lr: Value,
    t: Value,
    first: Value,
  ): { param: Value; state: Value[] };
}

const NONE = { min: 0, max: 0 };
const lr = (value: number | undefined): ArgSpec => ({
  name: "lr",
  kind: "float",
  ...(value === undefined ? {} : { default: float(value) }),
  doc: "learning rate",
});

const c = constantScalar;
const mul = (b: GraphBuilder, x: Value, y: Value) => b.op1("mul", [x, y]);
const add = (b: GraphBuilder, x: Value, y: Value) => b.op1("add", [x, y]);

const sgd: OptimizerDef = {
  name: "sgd",
  summary: "stochastic gradient descent, like torch.optim.SGD",
  torch: "torch.optim.SGD(params, lr, momentum, dampening, weight_decay, nesterov)",
  inputs: NONE,
  args: [
    lr(undefined),
    { name: "momentum", kind: "float", default: float(0), doc: "momentum factor" },
    { name: "dampening", kind: "float", default: float(0), doc: "dampening for momentum" },
    { name: "nesterov", kind: "bool", default: bool(false), doc: "Nesterov momentum" },
    { name: "weight_decay", kind: "float", default: float(0), doc: "L2 penalty" },
  ],
  pytorch: (args, params) =>
    `torch.optim.SGD(${params}, lr=${pyFloat(args.float("lr"))}, momentum=${pyFloat(args.float("momentum"))}, dampening=${pyFloat(args.float("dampening"))}, weight_decay=${pyFloat(args.float("weight_decay"))}, nesterov=${py(args.bool("nesterov"))})`,
  state: (args) => (args.float("momentum") !== 0 ? ["momentum_buffer"] : []),
  update(b, args, { param, grad, state, weightDecay }, rate, _t, first) {
    let d = weightDecay ? add(b, grad, mul(b, param, weightDecay)) : grad;
    const momentum = args.float("momentum");
    const next: Value[] = [];
    if (momentum !== 0) {
      // torch starts the buffer at the first step's gradient, undamped.
      const running = add(
        b,
        mul(b, state[0], c(b, momentum)),
        mul(b, d, c(b, 1 - args.float("dampening"))),
      );
      const buffer = b.op1("select", [first, d, running]);
      next.push(buffer);
      d = args.bool("nesterov") ? add(b, d, mul(b, buffer, c(b, momentum))) : buffer;
    }
    return { param: b.op1("sub", [param, mul(b, d, rate)]), state: next };
  },
};

/** Adam and AdamW: they differ only in how weight decay enters. */
function adam(
  name: string,
  summary: string,
  torch: string,
  weightDecay: number,
  decoupled: boolean,
): OptimizerDef {
  return {
    name,
    summary,
    torch,
    inputs: NONE,
    args: [
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
        doc: decoupled ? "decoupled decay" : "L2 penalty",
      },
    ],
    pytorch(args, params) {
      const betas = (args.items("betas") as number[]).map(pyFloat).join(", ");
      return `torch.optim.${name === "adam" ? "Adam" : "AdamW"}(${params}, lr=${pyFloat(args.float("lr"))}, betas=(${betas}), eps=${pyFloat(args.float("eps"))}, weight_decay=${pyFloat(args.float("weight_decay"))})`;
    },
    state: () => ["exp_avg", "exp_avg_sq"],
    update(b, args, { param, grad, state: [m, v], weightDecay }, rate, t) {
      const [beta1, beta2] = args.items("betas") as number[];
      let p = param;
      let g = grad;
      if (weightDecay && decoupled)
        p = mul(b, p, b.op1("sub", [c(b, 1), mul(b, rate, weightDecay)]));
      if (weightDecay && !decoupled) g = add(b, g, mul(b, param, weightDecay));
      const m1 = add(b, mul(b, m, c(b, beta1)), mul(b, g, c(b, 1 - beta1)));
      const v1 = add(b, mul(b, v, c(b, beta2)), mul(b, mul(b, g, g), c(b, 1 - beta2)));
      // torch: denom = sqrt(v) / sqrt(1 - beta2^t) + eps; p -= lr / (1 - beta1^t) * m / denom.
      const correction = (beta: number) => b.op1("sub", [c(b, 1), b.op1("pow", [c(b, beta), t])]);
      const denom = add(
        b,
        b.op1("div", [b.op1("sqrt", [v1]), b.op1("sqrt", [correction(beta2)])]),
        c(b, args.float("eps")),
      );
      const stepSize = b.op1("div", [rate, correction(beta1)]);
      return {
        param: b.op1("sub", [p, mul(b, stepSize, b.op1("div", [m1, denom]))]),
        state: [m1, v1],
      };
    },
  };
}

export const OPTIMIZERS: ReadonlyMap<string, OptimizerDef> = new Map(
  [
    sgd,
    adam(
      "adam",
      "Adam, like torch.optim.Adam",
      "torch.optim.Adam(params, lr, betas, eps, weight_decay)",
      0,
      false,
    ),
    adam(
      "adamw",
      "Adam with decoupled weight decay, like torch.optim.AdamW",
      "torch.optim.AdamW(params, lr, betas, eps, weight_decay)",
      0.01,
      true,
    ),
  ].map((o) => [o.name, o]),
);
