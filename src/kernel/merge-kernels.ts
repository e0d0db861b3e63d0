/**
 * Kernel merging, a kernel-IR pass for targets that pay for each kernel
 * they launch (WGSL at -O2, where a kernel is a dispatch).
 *
 * Consecutive kernels of a step list (a program's, or a scan's body) become
 * one when each is nests of parallel loops after scalars bound from dims,
 * and all their nests may share an invocation per element (elementwise.ts:
 * the same element count, every slot one writes and another touches touched
 * at one and the same element). The merged kernel runs their bodies in
 * order, as they ran before; a backend that runs an invocation per element
 * runs it as one dispatch. Its slots are live together, so the memory plan,
 * which runs after this pass, gives no two of them one buffer, and the
 * in-place pass sees the merged kernel whole.
 */
import { fitsWith, sharedNests, type Nest } from "./elementwise.js";
import type { Kernel, Program, Step } from "./ir.js";

export const MERGE_KERNELS = {
  name: "merge-kernels",
  summary: "runs consecutive elementwise kernels over the same elements as one kernel",
};

function mergeSteps(steps: readonly Step[]): { steps: Step[]; merged: number } {
  const out: Step[] = [];
  let merged = 0;
  /** The nests of the kernel last added to `out`, while it may take more. */
  let open: Nest[] | undefined;
  for (const step of steps) {
    if (step.k === "loop") {
      const body = mergeSteps(step.body);
      merged += body.merged;
      out.push({ ...step, body: body.steps });
      open = undefined;
      continue;
    }
    const nests = sharedNests(step.kernel.body);
    const last = out[out.length - 1];
    if (
      nests &&
      open &&
      last?.k === "kernel" &&
      nests.every((n, i) => fitsWith([...open!, ...nests.slice(0, i)], n))
    ) {
      const kernel: Kernel = {
        name: `${last.kernel.name}_${step.kernel.name}`,
        ops: [...last.kernel.ops, ...step.kernel.ops],
        body: [...last.kernel.body, ...step.kernel.body],
      };
      out[out.length - 1] = { k: "kernel", kernel };
      open.push(...nests);
      merged++;
      continue;
    }
    out.push(step);
    open = nests;
  }
  return { steps: out, merged };
}

export function mergeKernels(program: Program): { program: Program; merged: number } {
  const { steps, merged } = mergeSteps(program.steps);
  return { program: { ...program, steps }, merged };
}
