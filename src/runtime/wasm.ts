/**
 * The runtime of the WebAssembly backend: instantiates a package's kernel
 * module and gives each program its run function. A package carries a copy
 * of this file; it imports only ./numerics.js.
 *
 * The module computes as the TypeScript kernels do (double precision,
 * float32 stores) and calls back here for what WebAssembly has no
 * instruction for, the same functions the interpreter uses. Slots live in
 * the module's memory while a program runs: each call lays the fed slots
 * out in it (16-byte aligned), points the module's slot globals at them,
 * sets the symbolic dims, runs, and copies every slot back.
 */
import { erf, geluErf, geluTanh, randomUniformAt, sigmoid } from "./numerics.js";

export type Slots = (Float32Array | Int32Array)[];
export type RunFn = (slots: Slots, dims: Record<string, number>) => void;

/** What the module calls back for, by import name (module "math"). */
export const MATH_IMPORTS: Readonly<Record<string, (...args: number[]) => number>> = {
  exp: Math.exp,
  log: Math.log,
  tanh: Math.tanh,
  sin: Math.sin,
  cos: Math.cos,
  pow: Math.pow,
  erf,
  sigmoid,
  gelu_erf: geluErf,
  gelu_tanh: geluTanh,
  random: randomUniformAt,
};

/** For each program: how many slots it has and the symbolic dims and loop indices it reads. */
export interface WasmLayout {
  readonly programs: Readonly<Record<string, { readonly slots: number }>>;
  readonly dims: readonly string[];
}

/**
 * The little of the WebAssembly JavaScript API this file uses, declared here
 * so that it compiles wherever the package does (with or without the DOM
 * library's declarations).
 */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmGlobal {
  value: number;
}
interface WasmApi {
  instantiate(
    bytes: Uint8Array,
    imports: object,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const WASM = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const PAGE = 65536;

/** The module's programs, ready to run. */
export async function instantiate(
  bytes: Uint8Array,
  layout: WasmLayout,
): Promise<Record<string, RunFn>> {
  const { instance } = await WASM.instantiate(bytes, { math: MATH_IMPORTS });
  const exports = instance.exports;
  const global = (name: string) => exports[name] as WasmGlobal;
  const runs: Record<string, RunFn> = {};
  for (const [name, { slots: count }] of Object.entries(layout.programs)) {
    const run = exports[name] as () => void;
    runs[name] = (slots, dims) => {
      if (slots.length !== count)
        throw new Error(`${name}: ${count} slots expected, got ${slots.length}`);
      let end = 0;
      const offsets = slots.map((s) => {
        const at = end;
        end += Math.ceil(s.byteLength / 16) * 16;
        return at;
      });
      const memory = exports.memory as WasmMemory;
      if (end > memory.buffer.byteLength)
        memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
      const buffer = memory.buffer;
      slots.forEach((s, i) => {
        global(`${name}.s${i}`).value = offsets[i];
        new Uint8Array(buffer, offsets[i], s.byteLength).set(
          new Uint8Array(s.buffer, s.byteOffset, s.byteLength),
        );
      });
      for (const dim of layout.dims) if (dim in dims) global(`d.${dim}`).value = dims[dim];
      run();
      slots.forEach((s, i) =>
        new Uint8Array(s.buffer, s.byteOffset, s.byteLength).set(
          new Uint8Array(buffer, offsets[i], s.byteLength),
        ),
      );
    };
  }
  return runs;
}
