/**
 * The runtime of the WebAssembly backend: instantiates a package's kernel
 * module and gives each program its run function. A package carries a copy
 * of this file; it imports only ./numerics.js and ./files.js.
 *
 * The package loads the module from kernels.wasm beside its glue, or, from
 * its embedded entry point, from bytes registered here first (moduleBytes).
 * Its scalar code computes as the TypeScript kernels do (double precision,
 * float32 stores) and calls back here for what WebAssembly has no
 * instruction for, the same functions the interpreter uses. A model reserves
 * its parameters and arenas in the module's memory (`memory`), so a program
 * runs on them in place: a call points the module's slot globals at the
 * slots and sets the symbolic dims. Slots from elsewhere are copied in and
 * back out through a scratch region.
 */
import { erf, geluErf, geluTanh, randomUniformAt, sigmoid } from "./numerics.js";
import { readPackageFile } from "./files.js";

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
  /** Bytes at the start of the memory the module keeps for itself (a contraction's tile). */
  readonly reserved: number;
  /** Bytes past everything reserved that a vector load may read (and never use). */
  readonly overread: number;
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
  validate(bytes: Uint8Array): boolean;
  instantiate(
    bytes: Uint8Array,
    imports: object,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const WASM = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const PAGE = 65536;

/** The modules' bytes (plain SIMD, then relaxed), when the package's embedded entry point registered them. */
let embedded: Uint8Array[] | undefined;

/** Registers the modules' bytes (base64), so that `moduleBytes` needs no file. */
export function embedModule(...base64: string[]): void {
  embedded = base64.map((b) => Uint8Array.from(atob(b), (c) => c.charCodeAt(0)));
}

/** (module (func (param v128 v128 v128) (result v128) (f32x4.relaxed_madd (local.get 0) (local.get 1) (local.get 2)))) */
const RELAXED_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 3, 123, 123, 123, 1, 123, 3, 2, 1, 0, 10, 13, 1, 11, 0,
  32, 0, 32, 1, 32, 2, 253, 133, 2, 11,
]);

/** Whether this engine has relaxed SIMD (current browsers; Node 20 with --experimental-wasm-relaxed-simd). */
export const hasRelaxedSimd = (): boolean => WASM.validate(RELAXED_PROBE);

/**
 * The module's bytes: the relaxed-SIMD module where the package has one and
 * the engine supports it, else the plain one; those registered by the
 * embedded entry point, or the file at the URL (readPackageFile).
 */
export async function moduleBytes(url: URL, relaxedUrl?: URL): Promise<Uint8Array> {
  const relaxed = relaxedUrl !== undefined && hasRelaxedSimd();
  if (embedded) return embedded[relaxed && embedded.length > 1 ? 1 : 0];
  return readModule(relaxed ? relaxedUrl : url);
}

async function readModule(url: URL): Promise<Uint8Array> {
  const bytes = await readPackageFile(url);
  if (!bytes) throw new Error(`cannot load the model's kernels: no file ${url}`);
  return bytes;
}

/** A module instantiated: each program's run function, and its memory for the model's tensors. */
export interface WasmKernels {
  readonly runs: Record<string, RunFn>;
  readonly memory: { reserve(bytes: number): Region };
}

export interface Region {
  readonly offset: number;
  readonly bytes: number;
  buffer(): ArrayBuffer;
}

/** The module's programs, ready to run. */
export async function instantiate(bytes: Uint8Array, layout: WasmLayout): Promise<WasmKernels> {
  const { instance } = await WASM.instantiate(bytes, { math: MATH_IMPORTS });
  const exports = instance.exports;
  const global = (name: string) => exports[name] as WasmGlobal;
  const wasmMemory = exports.memory as WasmMemory;
  // A bump allocator over the module's memory: a model keeps what it reserves.
  let end = layout.reserved;
  const memory = {
    reserve(bytes: number): Region {
      const offset = end;
      end += Math.ceil(bytes / 16) * 16;
      const needed = end + layout.overread;
      if (needed > wasmMemory.buffer.byteLength)
        wasmMemory.grow(Math.ceil((needed - wasmMemory.buffer.byteLength) / PAGE));
      return { offset, bytes, buffer: () => wasmMemory.buffer };
    },
  };
  // Slots given from elsewhere (a test's own arrays) are copied through a scratch region.
  let scratch: Region | undefined;
  const dimGlobals = layout.dims.map((dim) => [dim, global(`d.${dim}`)] as const);
  const runs: Record<string, RunFn> = {};
  for (const [name, { slots: count }] of Object.entries(layout.programs)) {
    const run = exports[name] as () => void;
    const slotGlobals = Array.from({ length: count }, (_, i) => global(`${name}.s${i}`));
    runs[name] = (slots, dims) => {
      if (slots.length !== count)
        throw new Error(`${name}: ${count} slots expected, got ${slots.length}`);
      for (const [dim, g] of dimGlobals) if (dim in dims) g.value = dims[dim];
      // The model's own slots lie in the module's memory: the program runs on them in place.
      if (slots.every((s) => s.buffer === wasmMemory.buffer)) {
        for (let i = 0; i < count; i++) slotGlobals[i].value = slots[i].byteOffset;
        return run();
      }
      let size = 0;
      const offsets = slots.map((s) => {
        const at = size;
        size += Math.ceil(s.byteLength / 16) * 16;
        return at;
      });
      if (!scratch || scratch.bytes < size) scratch = memory.reserve(size);
      const base = scratch.offset;
      const buffer = wasmMemory.buffer;
      slots.forEach((s, i) => {
        new Uint8Array(buffer, base + offsets[i], s.byteLength).set(
          new Uint8Array(s.buffer, s.byteOffset, s.byteLength),
        );
        slotGlobals[i].value = base + offsets[i];
      });
      run();
      slots.forEach((s, i) =>
        new Uint8Array(s.buffer, s.byteOffset, s.byteLength).set(
          new Uint8Array(buffer, base + offsets[i], s.byteLength),
        ),
      );
    };
  }
  return { runs, memory };
}
