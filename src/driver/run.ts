/**
 * Running a compiled program on tensors in this process, as the interpreter
 * would: slots allocated for the dims the fed tensors bind, inputs and
 * parameters copied in, the program run by a backend, the outputs and
 * updates read back. For tests, the conformance suite and the CLI.
 */
import { bindSymbols, type Feeds, type RunResult } from "../ir/interpreter.js";
import { Tensor } from "../ir/tensor.js";
import { evalDim } from "../core/types.js";
import type { Program } from "../kernel/ir.js";
import type { RunFn, Slots } from "../backends/backend.js";

export async function runProgram(program: Program, run: RunFn, feeds: Feeds): Promise<RunResult> {
  const inputs = feeds.inputs ?? {};
  const params = feeds.params ?? {};
  const fed = [
    ...program.inputs.map((i) => ({
      what: `input '${i.name}'`,
      value: i.slot,
      type: program.slots[i.slot],
      tensor: inputs[i.name],
    })),
    ...program.params.map((p) => ({
      what: `parameter '${p.name}'`,
      value: p.slot,
      type: program.slots[p.slot],
      tensor: params[p.name],
    })),
  ];
  for (const f of fed) if (!f.tensor) throw new Error(`missing ${f.what}`);
  const bindings = bindSymbols(fed);
  const slots: Slots = program.slots.map((slot) => {
    const size = slot.shape.reduce<number>((n, d) => n * evalDim(d, bindings), 1);
    return slot.dtype === "i32" ? new Int32Array(size) : new Float32Array(size);
  });
  for (const f of fed) slots[f.value].set(f.tensor.data);
  await run(slots, Object.fromEntries(bindings));
  const read = (slot: number) => {
    const s = program.slots[slot];
    return new Tensor(
      s.dtype,
      s.shape.map((d) => evalDim(d, bindings)),
      slots[slot].slice(),
    );
  };
  return {
    outputs: Object.fromEntries(program.outputs.map((o) => [o.name, read(o.slot)])),
    updates: Object.fromEntries(program.updates.map((u) => [u.name, read(u.slot)])),
  };
}
