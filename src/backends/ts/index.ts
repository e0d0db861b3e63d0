/**
 * The TypeScript backend: kernels as plain functions over typed arrays
 * (printer.ts). Its schedule: contractions blocked 2×2 at -O2, reduction
 * loops split four ways, updates in place, buffers reused.
 */
import type { Backend, Pipeline } from "../backend.js";
import { loadPrograms } from "./load.js";
import { printPrograms } from "./printer.js";

/** Simplification rewrites ops, so the types are inferred again after it. */
const SIMPLIFY: Pipeline = [{ pass: "simplify" }, { pass: "shape-inference" }];

export const TS_BACKEND: Backend = {
  name: "ts",
  summary: "TypeScript kernels over typed arrays; runs wherever JavaScript does",
  pipelines: {
    0: [
      { pass: "autodiff" },
      { pass: "lower" },
      { pass: "block-contractions", options: { rows: 1, cols: 1 } },
      { pass: "plan", options: { reuse: false } },
    ],
    1: [
      { pass: "autodiff" },
      ...SIMPLIFY,
      { pass: "lower" },
      { pass: "block-contractions", options: { rows: 1, cols: 1 } },
      { pass: "plan", options: { reuse: false } },
    ],
    2: [
      { pass: "autodiff" },
      ...SIMPLIFY,
      { pass: "fuse", options: { contractionEpilogues: true } },
      { pass: "lower" },
      { pass: "block-contractions", options: { rows: 4, cols: 4, vector: 8 } },
      { pass: "split-accumulators" },
      { pass: "in-place" },
      { pass: "plan", options: { reuse: true } },
    ],
  },
  print: async (programs) => [{ path: "kernels.ts", contents: printPrograms(programs) }],
  runtime: ["numerics.ts"],
  load: loadPrograms,
};
