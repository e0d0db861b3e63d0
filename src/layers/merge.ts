/** Layers that join values: elementwise sums and products, concatenation. */
import { int, type Signature } from "../parser/signature.js";

const MANY = { min: 2, max: Infinity };

export const MERGE_LAYERS: Signature[] = [
  {
    name: "add",
    summary: "the elementwise sum of its inputs (residual connections)",
    inputs: MANY,
    args: [],
  },
  {
    name: "mul",
    summary: "the elementwise product of its inputs (gating)",
    inputs: MANY,
    args: [],
  },
  {
    name: "concat",
    summary: "joins its inputs along an axis",
    inputs: MANY,
    args: [
      {
        name: "axis",
        kind: "int",
        default: int(-1),
        doc: "the axis (negative counts from the end)",
      },
    ],
  },
];
