/**
 * The training step as one graph. A module that trains has, besides its
 * `forward` graph (inputs, parameters → the model's outputs, dropout off):
 *
 *   evaluate    the model, the loss and the metrics (dropout off)
 *   train_step  inputs, targets, parameters, optimizer state, step →
 *               loss (and correct / count for accuracy), with `update`s of
 *               every trained parameter, its optimizer state and the step
 *
 * What training means is data, a TrainingDescription: the loss and its
 * targets, the metrics, the optimizer, the schedule, clipping. Training is
 * built from a module and a description in two stages, so that a front end
 * other than the spec (an imported model) and a `weft train` command share
 * them: `addLossGraphs` builds evaluate and train_step with the loss (from a
 * copy of `forward`, or from the front end's own training-mode model), and
 * the autodiff pass (`appendOptimizerStep`) appends to train_step the
 * backward ops that reverse mode gives, gradient clipping by global norm,
 * the step's learning rate and the optimizer's update, all as IR: the
 * optimization passes see and fuse the whole step.
 */

import { constantScalar } from "../ir/ops/util.js";
import { ModelBuilder, buildModel, stepCounter, type BuiltModel } from "../layers/build.js";
import { cloneRegion, GraphBuilder, type Module, type Value } from "../ir/graph.js";
import type { TensorType } from "../core/types.js";
import type { Call, Spec } from "../spec/ast.js";
import { DiagnosticError, error, failAt, type SourceSpan } from "../core/diagnostics.js";
import type { Limits } from "../spec/limits.js";
import { ArgReader, type Value as ArgValue } from "../core/signature.js";
import { gradients } from "../passes/autodiff.js";
import { LOSSES } from "./losses.js";
import { OPTIMIZERS } from "./optimizers.js";
import { learningRate, SCHEDULES } from "./schedules.js";

/** A loss, optimizer or schedule with its arguments by name (defaults filled in by ArgReader). */
export interface TrainingCall {
  readonly kind: string;
  readonly args: ReadonlyMap<string, ArgValue>;
  /** Where the spec gives it, for messages and the spans of the ops it builds. */
  readonly span?: SourceSpan;
}

export interface TrainingDescription {
  readonly targets: readonly { readonly name: string; readonly type: TensorType }[];
  readonly loss: TrainingCall;
  readonly metrics: readonly string[];
  readonly optimizer: TrainingCall;
  readonly schedule?: TrainingCall;
  readonly clipGradNorm?: number;
  readonly span?: SourceSpan;
  /** Also output each parameter's gradient (after clipping) as `grad.<name>`, for tests and debugging. */
  readonly exposeGradients?: boolean;
  /** Also build `gradients`: the loss and each parameter's gradient (as PyTorch's .grad), applied nowhere. */
  readonly gradients?: boolean;
}

export interface TrainingOptions {
  /** What the spec may ask for (default DEFAULT_LIMITS). */
  readonly limits?: Limits;
  /** Also output each parameter's gradient (after clipping) as `grad.<name>`, for tests and debugging. */
  readonly exposeGradients?: boolean;
  /** Also build the `gradients` graph (a package's computeGradients). */
  readonly gradients?: boolean;
}

/** Where a description built without a spec (from IR) reports. */
const NO_SPAN = { file: "", line: 1, col: 1 };

export const AUTODIFF_PASS = {
  name: "autodiff",
  summary: "appends to train_step the gradients of its loss, clipping and the optimizer's update",
};

const callOf = (call: Call): TrainingCall => ({
  kind: call.kind.text,
  args: new Map(call.args.map((a) => [a.name, a.value])),
  span: call.span,
});

/** A spec's train section as a training description. */
export function describeTraining(spec: Spec, options: TrainingOptions = {}): TrainingDescription {
  const train = spec.train;
  if (!train)
    failAt(
      "spec-train",
      `model '${spec.model.name.text}' has no train section`,
      spec.model.name.span,
    );
  return {
    targets: train.targets.map((t) => ({
      name: t.name.text,
      type: { dtype: t.type.dtype, shape: t.type.shape },
    })),
    loss: callOf(train.loss),
    metrics: train.metrics.map((m) => m.text),
    optimizer: callOf(train.optimizer),
    schedule: train.schedule && callOf(train.schedule),
    clipGradNorm: train.clipGradNorm,
    span: train.span,
    exposeGradients: options.exposeGradients,
    gradients: options.gradients,
  };
}

/** Builds the model into graph `name` of a module, in training mode or not; returns its outputs. */
export type ModelInto = (module: Module, name: string, training: boolean) => Map<string, Value>;

/**
 * The model as a copy of the module's `forward` graph: for a module with no
 * training mode of its own (an imported one), train_step computes what
 * forward does.
 */
export const copyOfForward: ModelInto = (module, name) => {
  const forward = module.graph("forward");
  const b = new GraphBuilder(module.addGraph(name));
  const copies = new Map<Value, Value>();
  for (const input of forward.inputs) copies.set(input, b.input(input.name, input.type));
  for (const [param, value] of forward.params) copies.set(value, b.param(param));
  for (const op of forward.ops) {
    const results = b.op(
      op.name,
      op.operands.map((v) => copies.get(v)!),
      op.attrs,
      { names: op.results.map((r) => r.name), regions: op.regions.map(cloneRegion) },
    );
    op.results.forEach((r, i) => copies.set(r, results[i]));
  }
  return new Map(forward.outputs.map((o) => [o.name!, copies.get(o.value)!]));
};

/** The spec's model built into a graph, with dropout on in training mode. */
export const specModel =
  (spec: Spec, limits?: Limits): ModelInto =>
  (module, name, training) =>
    new ModelBuilder(spec, { training, limits }, module, name).build();

/**
 * Graph `name` of `module`: the model (from `model`), then the loss on it,
 * with the accuracy metric's counts when the description asks for them, as
 * outputs.
 */
function lossGraph(
  module: Module,
  description: TrainingDescription,
  model: ModelInto,
  name: string,
  training: boolean,
): Value {
  const outputs = model(module, name, training);
  const b = new GraphBuilder(module.graph(name));
  const { loss: call } = description;
  b.span = call.span;
  b.namePrefix = "loss";
  const targets = new Map(description.targets.map((t) => [t.name, b.input(t.name, t.type)]));
  const lossDef = LOSSES.get(call.kind)!;
  const lossArgs = new ArgReader(lossDef, call.args);
  const fail = (message: string): never => {
    throw new DiagnosticError([error("shape", `${lossDef.name} ${message}`, call.span ?? NO_SPAN)]);
  };
  const output = outputs.get(lossArgs.string("output"));
  const target = targets.get(lossArgs.string("target"));
  if (!output) fail(`reads output '${lossArgs.string("output")}', which the model does not have`);
  if (!target) fail(`reads target '${lossArgs.string("target")}', which training does not declare`);
  const loss = lossDef.build(b, lossArgs, output!, target!, fail);
  b.output("loss", loss);
  if (description.metrics.includes("accuracy")) {
    const accuracy =
      lossDef.accuracy ??
      fail("gives no accuracy; the accuracy metric needs cross_entropy or bce_with_logits");
    const { correct, count } = accuracy(b, lossArgs, output!, target!);
    b.output("correct", correct);
    b.output("count", count);
  }
  return loss;
}

/** Adds `evaluate` (dropout off) and `train_step` (dropout on), each ending in the loss, to a module. */
export function addLossGraphs(
  module: Module,
  description: TrainingDescription,
  model: ModelInto = copyOfForward,
): void {
  lossGraph(module, description, model, "evaluate", false);
  lossGraph(module, description, model, "train_step", true);
  if (description.gradients) lossGraph(module, description, model, "gradients", true);
}

/** Builds `forward`, `evaluate` and `train_step` from a spec; throws a DiagnosticError on shape errors. */
export function buildTraining(spec: Spec, options: TrainingOptions = {}): BuiltModel {
  const description = describeTraining(spec, options);
  const built = buildModel(spec, { limits: options.limits });
  addLossGraphs(built.module, description, specModel(spec, options.limits));
  appendOptimizerStep(built.module, description);
  return built;
}

/**
 * The `gradients` graph's outputs: the gradient of its loss with respect to
 * every trained parameter it depends on, as `grad.<name>` — unclipped and
 * applied nowhere, as PyTorch's .grad after backward().
 */
function appendGradients(module: Module): void {
  const graph = module.graph("gradients");
  const b = new GraphBuilder(graph);
  b.namePrefix = "grad";
  const loss = graph.outputs.find((o) => o.name === "loss")!.value;
  const params = [...graph.params.values()].filter((v) => module.params.get(v.param!)!.trainable);
  gradients(graph, loss, params).forEach((g, i) => g && b.output(`grad.${params[i].param}`, g));
}

/** The state variable that holds an optimizer's runtime hyperparameter (`lr`, `weight_decay`). */
export const hyperparameterName = (optimizer: string, arg: string) => `${optimizer}.${arg}`;

/**
 * The autodiff pass: appends to train_step, whose `loss` output is the loss,
 * the gradient of every trained parameter the loss depends on (reverse
 * mode), their clipping, the learning rate and the optimizer's updates.
 */
export function appendOptimizerStep(module: Module, description: TrainingDescription): void {
  if (module.graphs.has("gradients")) appendGradients(module);
  const graph = module.graph("train_step");
  const b = new GraphBuilder(graph);
  const loss = graph.outputs.find((o) => o.name === "loss")!.value;
  const at = (span: SourceSpan | undefined, prefix: string) => {
    b.span = span;
    b.namePrefix = prefix;
  };
  const { optimizer: optimizerCall, schedule: scheduleCall } = description;

  // Gradients of every trained parameter the loss depends on.
  const params = [...graph.params.values()].filter((v) => module.params.get(v.param!)!.trainable);
  const grads = gradients(graph, loss, params);
  const trained = params.flatMap((p, i) => (grads[i] ? [{ param: p, grad: grads[i]! }] : []));

  at(description.span, "clip");
  if (description.clipGradNorm !== undefined) {
    // torch.nn.utils.clip_grad_norm_: scale by min(1, max_norm / (norm + 1e-6)).
    const squares = trained.map(({ grad }) =>
      b.op1("reduce_sum", [b.op1("mul", [grad, grad])], { axes: grad.type.shape.map((_, i) => i) }),
    );
    const norm = b.op1("sqrt", [squares.reduce((acc, s) => b.op1("add", [acc, s]))]);
    const coef = b.op1("min", [
      constantScalar(b, 1),
      b.op1("div", [
        constantScalar(b, description.clipGradNorm),
        b.op1("add", [norm, constantScalar(b, 1e-6)]),
      ]),
    ]);
    trained.forEach((t) => (t.grad = b.op1("mul", [t.grad, coef])));
  }

  // The step's learning rate and the optimizer's update.
  at(optimizerCall.span, "step");
  const done = stepCounter(b);
  const stepNumber = b.op1("add", [done, constantScalar(b, 1, "i32")]);
  const t = b.op1("cast", [stepNumber], { dtype: "f32" });
  const first = b.op1("eq", [stepNumber, constantScalar(b, 1, "i32")]);
  const optimizer = OPTIMIZERS.get(optimizerCall.kind)!;
  const optArgs = new ArgReader(optimizer, optimizerCall.args);
  const schedule = SCHEDULES.get(scheduleCall?.kind ?? "constant")!;
  const scheduleArgs = new ArgReader(schedule, scheduleCall?.args ?? new Map());
  // The learning rate and weight decay are scalars in the model's state, the spec's values
  // until the model sets others: changing them needs no recompiling.
  /** Training state must not take a model parameter's name: the two would be one tensor. */
  const stateName = (name: string) => {
    if (module.params.get(name)?.trainable)
      throw new DiagnosticError([
        error(
          "name",
          `the optimizer's state '${name}' would have the name of this layer's parameter; rename the layer`,
          module.params.get(name)!.span ?? optimizerCall.span ?? NO_SPAN,
        ),
      ]);
    return name;
  };
  const hyperparameter = (arg: string) => {
    const name = stateName(hyperparameterName(optimizer.name, arg));
    if (!module.params.has(name))
      module.declareParam(
        name,
        { dtype: "f32", shape: [] },
        { kind: "constant", attrs: { value: optArgs.float(arg) } },
        optimizerCall.span,
        false,
      );
    return b.param(name);
  };
  // A decay of 0 leaves its terms out: a runtime value would cost every bias a loop of its own
  // (the decayed gradient feeds both of Adam's moments, so it would not fuse into them).
  const weightDecay =
    optArgs.float("weight_decay") !== 0 ? hyperparameter("weight_decay") : undefined;
  const baseLr = hyperparameter("lr");
  at(scheduleCall?.span ?? optimizerCall.span, "lr");
  const lr = learningRate(
    b,
    schedule,
    scheduleArgs,
    baseLr,
    b.op1("cast", [done], { dtype: "f32" }),
  );
  const stateNames = optimizer.state(optArgs);
  for (const { param, grad } of trained) {
    at(optimizerCall.span, `update.${param.param}`);
    const state = stateNames.map((s) => {
      const name = stateName(`${optimizer.name}.${s}.${param.param}`);
      if (!module.params.has(name))
        module.declareParam(name, param.type, { kind: "zeros" }, undefined, false);
      return b.param(name);
    });
    const next = optimizer.update(b, optArgs, { param, grad, state, weightDecay }, lr, t, first);
    b.update(param.param!, next.param);
    next.state.forEach((v, i) => b.update(state[i].param!, v));
    if (description.exposeGradients) b.output(`grad.${param.param}`, grad);
  }
  b.update("step", stepNumber);
}
