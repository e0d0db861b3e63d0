/**
 * Memory planning, the last kernel pass: which buffer of the arena each slot of a program lives in.
 *
 * Algorithm (liveness and interval colouring): number the kernels in
 * schedule order; a slot is live from the first kernel that touches it to the
 * last, inputs from before the first (the runtime copies them in) and
 * outputs and updates to after the last (the runtime reads them out). A slot
 * touched inside a loop (a scan) is live for the whole loop, since the loop
 * runs its kernels again. Slots are then taken by the start of their
 * lifetimes and given a buffer whose last slot died strictly before —
 * preferring one of the same shape, so that buffers rarely grow, then the
 * smallest that holds the slot (symbolic dims taken as 32), then the
 * largest — or a new buffer. Two slots live at the same kernel never share a
 * buffer, so a kernel never writes over what it reads. Sizes may be symbolic: a buffer's size is
 * the largest of its slots' at run time.
 *
 * Parameters and state get no buffer (-1): the model supplies them and the
 * program reads them in place. The runtime lays the buffers out in one
 * ArrayBuffer per batch size, each at a 16-byte aligned offset.
 */
import type { Dim } from "../core/types.js";
import { slotsOf, slotsOfSteps, type Program, type Step } from "./ir.js";

export const MEMORY_PLAN = {
  name: "plan",
  summary: "gives every slot a buffer of the arena, reusing those whose slots have died",
};

export interface MemoryPlan {
  /** The buffer of each slot, or -1 for a slot the model supplies (a parameter). */
  readonly slotBuffer: readonly number[];
  readonly buffers: number;
}

/** A buffer per slot: what a plan without reuse gives, for comparison. */
export function planWithoutReuse(program: Program): MemoryPlan {
  const supplied = new Set(program.params.map((p) => p.slot));
  let buffers = 0;
  return { slotBuffer: program.slots.map((s) => (supplied.has(s.id) ? -1 : buffers++)), buffers };
}

/**
 * Each slot's lifetime, the first and last kernel (in schedule order) that
 * touches it: -1 for an input, which the runtime copies in before the first
 * kernel, and the kernel count for an output, read out after the last.
 */
export function liveness(program: Program): Map<number, readonly [number, number]> {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const touch = (slot: number, from: number, to: number) => {
    first.set(slot, Math.min(first.get(slot) ?? Infinity, from));
    last.set(slot, Math.max(last.get(slot) ?? -Infinity, to));
  };
  let time = 0;
  const visit = (steps: readonly Step[]) => {
    for (const step of steps) {
      if (step.k === "kernel") {
        for (const slot of slotsOf(step.kernel.body)) touch(slot, time, time);
        time++;
      } else {
        const start = time;
        visit(step.body);
        for (const slot of slotsOfSteps(step.body)) touch(slot, start, time - 1);
      }
    }
  };
  visit(program.steps);
  for (const { slot } of program.inputs) touch(slot, -1, -1);
  for (const { slot } of [...program.outputs, ...program.updates]) touch(slot, time, time);
  return new Map([...first].map(([slot, from]) => [slot, [from, last.get(slot)!] as const]));
}

export function planMemory(program: Program): MemoryPlan {
  const live = liveness(program);
  const first = new Map([...live].map(([slot, [from]]) => [slot, from]));
  const last = new Map([...live].map(([slot, [, to]]) => [slot, to]));
  const supplied = new Set(program.params.map((p) => p.slot));
  const order = program.slots
    .filter((s) => !supplied.has(s.id) && first.has(s.id))
    .sort((a, b) => first.get(a.id)! - first.get(b.id)!);
  const slotBuffer = program.slots.map(() => -1);
  const buffers: { end: number; shape: string; size: number }[] = [];
  for (const slot of order) {
    const start = first.get(slot.id)!;
    const shape = slot.shape.join(",");
    const size = nominalSize(slot.shape);
    const free = buffers.map((b, i) => ({ b, i })).filter(({ b }) => b.end < start);
    const pick = free.find(({ b }) => b.shape === shape) ?? bestFit(free, size);
    const index = pick ? pick.i : buffers.push({ end: 0, shape, size }) - 1;
    buffers[index] = { end: last.get(slot.id)!, shape, size: Math.max(size, pick?.b.size ?? 0) };
    slotBuffer[slot.id] = index;
  }
  return { slotBuffer, buffers: buffers.length };
}

/**
 * The plan as text, one line per buffer with its slots and their lifetimes
 * (kernel numbers; -1 is before the first kernel), for
 * `weft ir -O2 --print-after plan` and the plan's tests.
 */
export function printMemoryPlan(program: Program, plan: MemoryPlan): string {
  const live = liveness(program);
  const slotsIn = Array.from({ length: plan.buffers }, () => [] as string[]);
  const supplied: string[] = [];
  for (const slot of program.slots) {
    const lifetime = live.get(slot.id);
    if (!lifetime) continue;
    const b = plan.slotBuffer[slot.id];
    if (b < 0) supplied.push(`@${slot.name}`);
    else slotsIn[b].push(`%${slot.name} ${lifetime[0]}..${lifetime[1]}`);
  }
  return [
    `@${program.name}: ${plan.buffers} buffers for ${slotsIn.flat().length} slots`,
    ...slotsIn.map((slots, b) => `  buffer ${b}: ${slots.join(", ")}`),
    ...(supplied.length ? [`  supplied by the model: ${supplied.join(", ")}`] : []),
  ].join("\n");
}

/** Symbolic dims are sized as this for choosing between buffers (a typical batch). */
const NOMINAL_DIM = 32;

function nominalSize(shape: readonly Dim[]): number {
  return shape.reduce<number>(
    (n, d) =>
      n *
      (typeof d === "number"
        ? d
        : d.split("*").reduce((m, f) => m * (/^\d+$/.test(f) ? Number(f) : NOMINAL_DIM), 1)),
    1,
  );
}

/**
 * The smallest free buffer that holds `size`, or else the largest (which
 * grows least): a small slot that lives long does not take a large buffer
 * that a large slot could have reused.
 */
function bestFit<T extends { b: { size: number } }>(free: T[], size: number): T | undefined {
  const holding = free.filter(({ b }) => b.size >= size);
  if (holding.length) return holding.reduce((x, y) => (y.b.size < x.b.size ? y : x));
  return free.reduce<T | undefined>((x, y) => (!x || y.b.size > x.b.size ? y : x), undefined);
}
