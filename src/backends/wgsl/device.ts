/**
 * A WebGPU device in Node, from Dawn (the `webgpu` package), for the
 * backend's loader, tests and benchmarks; undefined, with the reason, where
 * there is no adapter. Packages take their device from the app or from
 * navigator.gpu instead (src/runtime/webgpu.ts).
 */
import { wantedLimits } from "../../runtime/webgpu.js";

export type NodeDevice = { device: GPUDevice; adapter: GPUAdapterInfo } | { reason: string };

let pending: Promise<NodeDevice> | undefined;
/** Dawn's entry object, held for the process: if it is garbage-collected, the process crashes. */
export let dawn: unknown;

async function open(): Promise<NodeDevice> {
  let webgpu: typeof import("webgpu");
  try {
    webgpu = await import("webgpu");
  } catch (e) {
    return { reason: `the webgpu package does not load: ${(e as Error).message}` };
  }
  const gpu = webgpu.create([]);
  dawn = gpu;
  const adapter = await gpu.requestAdapter();
  if (!adapter)
    return {
      reason:
        "no WebGPU adapter (on a machine without a GPU, install Mesa's lavapipe: ../shared/setup/webgpu.sh)",
    };
  const device = await adapter.requestDevice({ requiredLimits: wantedLimits(adapter) });
  return { device, adapter: adapter.info };
}

/** One device per process, shared. */
export function nodeDevice(): Promise<NodeDevice> {
  pending ??= open();
  return pending;
}

/** The device, or an Error saying why there is none. */
export async function requireNodeDevice(): Promise<GPUDevice> {
  const got = await nodeDevice();
  if ("reason" in got) throw new Error(`WebGPU: ${got.reason}`);
  return got.device;
}

/** A device of its own (to destroy, say), from an adapter of its own. */
export async function freshNodeDevice(): Promise<GPUDevice> {
  const got = await nodeDevice();
  if ("reason" in got) throw new Error(`WebGPU: ${got.reason}`);
  const adapter = await (dawn as GPU).requestAdapter();
  if (!adapter) throw new Error("WebGPU: no second adapter");
  return adapter.requestDevice({ requiredLimits: wantedLimits(adapter) });
}
