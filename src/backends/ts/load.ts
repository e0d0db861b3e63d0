/**
 * Running a program's generated TypeScript in Node: transpiled with the
 * TypeScript compiler API and imported as a module. The slots are allocated
 * for the dims the fed tensors bind, inputs and parameters copied in, the
 * program run, and the outputs and updates read back.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { bindSymbols, type Feeds, type RunResult } from "../../ir/interpreter.js";
import { Tensor } from "../../ir/tensor.js";
import { evalDim } from "../../ir/types.js";
import type { Program } from "../kernel.js";
import { printPrograms } from "./printer.js";

export type Slots = (Float32Array | Int32Array)[];
export type RunFn = (slots: Slots, dims: Record<string, number>) => void;

export function transpile(source: string): string {
  return ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
  }).outputText;
}

/** The source of src/runtime/numerics.ts, which generated modules import as ./numerics.js. */
export function numericsSource(): string {
  return readFileSync(new URL("../../runtime/numerics.ts", import.meta.url), "utf8");
}

/** The program's generated code, written to a scratch folder with its numerics and imported: its `run`. */
export async function loadProgram(program: Program): Promise<RunFn> {
  const dir = mkdtempSync(join(tmpdir(), "weft-program-"));
  writeFileSync(join(dir, "numerics.js"), transpile(numericsSource()));
  writeFileSync(join(dir, "program.js"), transpile(printPrograms([program])));
  const module = (await import(pathToFileURL(join(dir, "program.js")).href)) as Record<
    string,
    RunFn
  >;
  return module[`run_${program.name}`];
}

/** Runs a loaded program on tensors, as the interpreter would (float32). */
export function runLoaded(program: Program, run: RunFn, feeds: Feeds): RunResult {
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
  run(slots, Object.fromEntries(bindings));
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
