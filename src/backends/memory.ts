/**
 * Memory planning: which buffer of the arena each slot of a program lives in.
 *
 * Slots assigned the same buffer share its bytes, so a plan may only do that
 * for slots whose lifetimes do not overlap. This plan is the trivial one, a
 * buffer per slot; the memory-planning pass replaces it with liveness
 * analysis and reuse. Parameters and state get no buffer: they live in the
 * model and the program reads them in place. The runtime lays the buffers out
 * in one ArrayBuffer per batch size, each at a 16-byte aligned offset.
 */
import type { Program } from "./kernel.js";

export interface MemoryPlan {
  /** The buffer of each slot, or -1 for a slot the model supplies (a parameter). */
  readonly slotBuffer: readonly number[];
  readonly buffers: number;
}

export function planMemory(program: Program): MemoryPlan {
  const supplied = new Set(program.params.map((p) => p.slot));
  let buffers = 0;
  const slotBuffer = program.slots.map((s) => (supplied.has(s.id) ? -1 : buffers++));
  return { slotBuffer, buffers };
}
