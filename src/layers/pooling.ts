/** Reductions over a sequence axis: mean, max, the last step, and a mean that skips padding. */
import { int, type Signature } from "../parser/signature.js";

const axisArg = { name: "axis", kind: "int", default: int(1), doc: "the axis to pool" } as const;

export const POOLING_LAYERS: Signature[] = [
  { name: "mean", summary: "the mean along an axis", inputs: { min: 1, max: 1 }, args: [axisArg] },
  {
    name: "max",
    summary: "the maximum along an axis",
    inputs: { min: 1, max: 1 },
    args: [axisArg],
  },
  {
    name: "last",
    summary: "the last element along an axis",
    inputs: { min: 1, max: 1 },
    args: [axisArg],
  },
  {
    name: "masked_mean",
    summary: "the mean along an axis of the positions where mask (second input, 1 or 0) is 1",
    inputs: { min: 2, max: 2 },
    args: [axisArg],
  },
];
