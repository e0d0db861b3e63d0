/**
 * The backends this process can run, and how close each comes to the
 * reference. A backend that cannot load here (WGSL without a WebGPU
 * adapter) has its tests skipped, with the reason printed once.
 */
import { it } from "vitest";
import { BACKENDS } from "../../src/backends/index.js";
import type { Backend } from "../../src/backends/backend.js";
import { adamStep, type Tolerance } from "./tensors.js";
import { nodeDevice } from "../../src/backends/wgsl/device.js";

const reasons = new Map<string, string>();
for (const b of BACKENDS) {
  const reason = await b.unavailable?.();
  if (reason) {
    reasons.set(b.name, reason);
    console.warn(`weft tests: skipping the ${b.name} backend: ${reason}`);
  }
}

/** A test of a backend: skipped where the backend cannot run here. */
export function itOn(
  backend: Backend,
  name: string,
  fn: () => Promise<void> | void,
  timeout?: number,
): void {
  if (reasons.has(backend.name)) it.skip(name, fn);
  else it(name, fn, timeout);
}

/** createModel's options for a backend: on a device, Dawn's device in Node. */
export async function deviceOptions(backend: Backend | undefined): Promise<object> {
  if (!backend?.device) return {};
  const got = await nodeDevice();
  return "device" in got ? { device: got.device } : {};
}

/**
 * Backends that compute in float32 throughout (WGSL: no wider
 * intermediates, sums in their own order) meet the 1e-4 relative
 * against the reference rather than the 1e-5 of those that carry float64.
 */
export const FLOAT32_THROUGHOUT: ReadonlySet<string> = new Set(["wgsl"]);

/**
 * Parameters after Adam steps (adamStep says why they are compared to a
 * share of the step size): a float32-throughout backend gets 5% of lr.
 * Measured: a gradient of 1.9e-8 (Adam's eps is 1e-8) summed from terms
 * near 0.05 came out 10% off on WGSL (2.3% on WebAssembly at -O2), which
 * moved one of mnist-mlp's weights 2.1e-5 from the interpreter's at lr 1e-3.
 */
export const adamStepOn = (backend: Backend, lr: number): Tolerance =>
  FLOAT32_THROUGHOUT.has(backend.name) ? { rtol: 1e-4, atol: lr / 20 } : adamStep(lr);

export const toleranceOn = (backend: Backend, tolerance: Tolerance): Tolerance =>
  FLOAT32_THROUGHOUT.has(backend.name)
    ? { rtol: Math.max(tolerance.rtol, 1e-4), atol: tolerance.atol }
    : tolerance;
