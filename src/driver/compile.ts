/**
 * Where a compilation starts: a spec's model as a module of the graph IR,
 * with evaluate and train_step ending in the loss (and, when asked for,
 * gradients) and the training description the autodiff pass completes them
 * from, when the spec trains.
 */
import { buildModel } from "../layers/build.js";
import type { Spec } from "../spec/ast.js";
import {
  addLossGraphs,
  describeTraining,
  specModel,
  type TrainingOptions,
} from "../training/train-step.js";
import type { Compilation } from "./pipeline.js";

export function specCompilation(spec: Spec, options: TrainingOptions = {}): Compilation {
  const { module } = buildModel(spec, { limits: options.limits });
  if (!spec.train) return { module };
  const training = describeTraining(spec, options);
  addLossGraphs(module, training, specModel(spec, options.limits));
  return { module, training };
}
