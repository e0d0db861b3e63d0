/**
 * What a spec's `train` section may call — losses, optimizers and
 * learning-rate schedules, each declared with its signature and its IR
 * builder — and its metrics.
 */
export { LOSSES, type LossDef } from "./losses.js";
export { OPTIMIZERS, type OptimizerDef } from "./optimizers.js";
export { SCHEDULES, learningRate, type ScheduleDef } from "./schedules.js";

export const METRICS = ["loss", "accuracy"] as const;
