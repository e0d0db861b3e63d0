/** Layers that rearrange: reshape, flatten, transpose. */
import { int, type Signature } from "../parser/signature.js";

export const SHAPE_LAYERS: Signature[] = [
  {
    name: "reshape",
    summary: "the same elements under a new shape (symbolic dims by name)",
    inputs: { min: 1, max: 1 },
    args: [{ name: "shape", kind: "shape", positional: true, doc: "the new shape" }],
  },
  {
    name: "flatten",
    summary: "merges the axes from start_axis on into one",
    inputs: { min: 1, max: 1 },
    args: [{ name: "start_axis", kind: "int", default: int(1), doc: "the first axis merged" }],
  },
  {
    name: "transpose",
    summary: "permutes the axes",
    inputs: { min: 1, max: 1 },
    args: [
      { name: "perm", kind: "ints", positional: true, doc: "result axis i is input axis perm[i]" },
    ],
  },
];
