/**
 * Kernel merging, a kernel-IR pass for targets that pay for each kernel
 * they launch (WGSL at -O2, where a kernel's phases are its dispatches, and
 * a phase may join an earlier one of its kernel).
 *
 * In a scan's body every kernel joins the one before it: the slots a loop
 * touches are live for the whole loop anyway, so nothing is lost to the
 * memory plan, and the backend sees the step whole. At the top level,
 * consecutive kernels become one when each is nests of parallel loops after
 * scalars bound from dims, and all their nests may share an invocation per
 * element (elementwise.ts: the same element count, every slot one writes and
 * another touches touched at one and the same element). A merged kernel
 * runs the bodies in order, as they ran before. Its slots are live
 * together, so the memory plan, which runs after this pass, gives no two of
 * them one buffer, and the in-place pass sees the merged kernel whole.
 */
import { fitsWith, sharedNests, type Nest } from "./elementwise.js";
import type { Kernel, Program, Step } from "./ir.js";

export const MERGE_KERNELS = {
  name: "merge-kernels",
  summary: "runs consecutive elementwise kernels over the same elements as one kernel",
};

function mergeSteps(steps: readonly Step[], inLoop: boolean): { steps: Step[]; merged: number } {
  const out: Step[] = [];
  let merged = 0;
  /** The nests of the kernel last added to `out`, while it may take more, and its first kernel's name. */
  let open: Nest[] | undefined;
  let first = "";
  for (const step of steps) {
    if (step.k === "loop") {
      const body = mergeSteps(step.body, true);
      merged += body.merged;
      out.push({ ...step, body: body.steps });
      open = undefined;
      continue;
    }
    const nests = sharedNests(step.kernel.body);
    const last = out[out.length - 1];
    const fits =
      nests !== undefined &&
      open !== undefined &&
      nests.every((n, i) => fitsWith([...open!, ...nests.slice(0, i)], n));
    if (last?.k === "kernel" && (inLoop || fits)) {
      const kernel: Kernel = {
        // The first and last kernels' names: `k5_add_k8_scan` ran k5 to k8.
        name: `${first}_${step.kernel.name}`,
        ops: [...last.kernel.ops, ...step.kernel.ops],
        body: [...last.kernel.body, ...step.kernel.body],
      };
      out[out.length - 1] = { k: "kernel", kernel };
      open = fits ? [...open!, ...nests!] : undefined;
      merged++;
      continue;
    }
    out.push(step);
    open = nests;
    first = step.kernel.name;
  }
  return { steps: out, merged };
}

export function mergeKernels(program: Program): { program: Program; merged: number } {
  const { steps, merged } = mergeSteps(program.steps, false);
  return { program: { ...program, steps }, merged };
}
