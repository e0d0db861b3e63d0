/**
 * The training step as one graph. A spec with a `train` section compiles to a
 * module with two graphs:
 *
 *   forward     inputs, parameters → the model's outputs (dropout off)
 *   train_step  inputs, targets, parameters, optimizer state, step →
 *               loss (and correct / count for accuracy), with `update`s of
 *               every trained parameter, its optimizer state and the step
 *
 * train_step is the model in training mode, the loss, the backward ops that
 * autodiff appends, gradient clipping by global norm, the step's learning
 * rate and the optimizer's update, all as IR: the optimization passes see
 * and fuse the whole step.
 */

import { constantScalar } from "../ir/ops/util.js";
import { ModelBuilder, buildModel, stepCounter, type BuiltModel } from "../layers/build.js";
import type { Module } from "../ir/graph.js";
import type { Call, Spec, Train } from "../parser/ast.js";
import { failAt, type SourceSpan } from "../parser/diagnostics.js";
import { ArgReader } from "../parser/signature.js";
import { gradients } from "../passes/autodiff.js";
import { LOSSES } from "./losses.js";
import { OPTIMIZERS } from "./optimizers.js";
import { learningRate, SCHEDULES } from "./schedules.js";

export interface TrainingOptions {
  /** Also output each parameter's gradient (after clipping) as `grad.<name>`, for tests and debugging. */
  readonly exposeGradients?: boolean;
}

const argsOf = (call: Call) => new Map(call.args.map((a) => [a.name, a.value]));

/**
 * The model into a new graph of `module`, then the loss on it, with the
 * accuracy metric's counts when the spec asks for them, as outputs.
 */
function lossGraph(spec: Spec, train: Train, module: Module, name: string, training: boolean) {
  const builder = new ModelBuilder(spec, { training }, module, name);
  const outputs = builder.build();
  const b = builder.graphBuilder;
  b.span = train.loss.span;
  b.namePrefix = "loss";
  const targets = new Map(
    train.targets.map((t) => [
      t.name.text,
      b.input(t.name.text, { dtype: t.type.dtype, shape: t.type.shape }),
    ]),
  );
  const lossDef = LOSSES.get(train.loss.kind.text)!;
  const lossArgs = new ArgReader(lossDef, argsOf(train.loss));
  const output = outputs.get(lossArgs.string("output"))!;
  const target = targets.get(lossArgs.string("target"))!;
  const fail = (message: string): never =>
    failAt("shape", `${lossDef.name} ${message}`, train.loss.span);
  const loss = lossDef.build(b, lossArgs, output, target, fail);
  b.output("loss", loss);
  if (train.metrics.some((m) => m.text === "accuracy")) {
    const accuracy =
      lossDef.accuracy ??
      fail("gives no accuracy; the accuracy metric needs cross_entropy or bce_with_logits");
    const { correct, count } = accuracy(b, lossArgs, output, target);
    b.output("correct", correct);
    b.output("count", count);
  }
  return { b, loss };
}

/** Builds `forward`, `evaluate` (the loss and metrics, dropout off) and `train_step`; throws a DiagnosticError on shape errors. */
export function buildTraining(spec: Spec, options: TrainingOptions = {}): BuiltModel {
  const train = spec.train;
  if (!train)
    failAt(
      "spec-train",
      `model '${spec.model.name.text}' has no train section`,
      spec.model.name.span,
    );
  const built = buildModel(spec);
  const { module } = built;
  lossGraph(spec, train, module, "evaluate", false);
  const { b, loss } = lossGraph(spec, train, module, "train_step", true);
  const graph = b.graph;
  const at = (span: SourceSpan, prefix: string) => {
    b.span = span;
    b.namePrefix = prefix;
  };

  // Gradients of every trained parameter the loss depends on.
  const params = [...graph.params.values()].filter((v) => module.params.get(v.param!)!.trainable);
  const grads = gradients(graph, loss, params);
  const trained = params.flatMap((p, i) => (grads[i] ? [{ param: p, grad: grads[i]! }] : []));

  at(train.span, "clip");
  if (train.clipGradNorm !== undefined) {
    // torch.nn.utils.clip_grad_norm_: scale by min(1, max_norm / (norm + 1e-6)).
    const squares = trained.map(({ grad }) =>
      b.op1("reduce_sum", [b.op1("mul", [grad, grad])], { axes: grad.type.shape.map((_, i) => i) }),
    );
    const norm = b.op1("sqrt", [squares.reduce((acc, s) => b.op1("add", [acc, s]))]);
    const coef = b.op1("min", [
      constantScalar(b, 1),
      b.op1("div", [
        constantScalar(b, train.clipGradNorm),
        b.op1("add", [norm, constantScalar(b, 1e-6)]),
      ]),
    ]);
    trained.forEach((t) => (t.grad = b.op1("mul", [t.grad, coef])));
  }

  // The step's learning rate and the optimizer's update.
  at(train.optimizer.span, "step");
  const done = stepCounter(b);
  const stepNumber = b.op1("add", [done, constantScalar(b, 1, "i32")]);
  const t = b.op1("cast", [stepNumber], { dtype: "f32" });
  const first = b.op1("eq", [stepNumber, constantScalar(b, 1, "i32")]);
  const optimizer = OPTIMIZERS.get(train.optimizer.kind.text)!;
  const optArgs = new ArgReader(optimizer, argsOf(train.optimizer));
  const schedule = SCHEDULES.get(train.schedule?.kind.text ?? "constant")!;
  const scheduleArgs = new ArgReader(schedule, train.schedule ? argsOf(train.schedule) : new Map());
  at(train.schedule?.span ?? train.optimizer.span, "lr");
  const lr = learningRate(
    b,
    schedule,
    scheduleArgs,
    optArgs.float("lr"),
    b.op1("cast", [done], { dtype: "f32" }),
  );
  const stateNames = optimizer.state(optArgs);
  for (const { param, grad } of trained) {
    at(train.optimizer.span, `update.${param.param}`);
    const state = stateNames.map((s) => {
      const name = `${optimizer.name}.${s}.${param.param}`;
      if (!module.params.has(name))
        module.declareParam(name, param.type, { kind: "zeros" }, undefined, false);
      return b.param(name);
    });
    const next = optimizer.update(b, optArgs, { param, grad, state }, lr, t, first);
    b.update(param.param!, next.param);
    next.state.forEach((v, i) => b.update(state[i].param!, v));
    if (options.exposeGradients) b.output(`grad.${param.param}`, grad);
  }
  b.update("step", stepNumber);
  return built;
}
