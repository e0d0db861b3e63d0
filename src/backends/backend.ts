/**
 * What a backend is: a target's name, the pass pipeline it compiles with
 * (data: pass names with options, per optimization level), a printer of
 * kernel-IR programs into the files it adds to a package, the runtime files
 * those need, and a loader that runs printed programs in this process (for
 * tests, the conformance suite and the CLI). Everything the backends share —
 * lowering, passes, the package's model description — lives above them; a
 * backend imports only the kernel IR, src/core and src/runtime.
 */
import type { Program } from "../kernel/ir.js";

export type OptLevel = 0 | 1 | 2;

/** Dispatches of one run: in all, outside scans, and per step of each scan. */
export interface DispatchCount {
  readonly total: number;
  readonly outside: number;
  readonly loops: readonly {
    readonly index: string;
    readonly steps: number;
    readonly perStep: number;
  }[];
}

/** One pass of a pipeline, by its registered name, with its options. */
export interface PassStep {
  readonly pass: string;
  readonly options?: Readonly<Record<string, unknown>>;
}

export type Pipeline = readonly PassStep[];

export type Slots = (Float32Array | Int32Array)[];
/** A program's compiled form: runs it over the slots with the symbolic dims' values (on a device, resolving when done). */
export type RunFn = (slots: Slots, dims: Record<string, number>) => void | Promise<void>;

export interface SourceFile {
  readonly path: string;
  readonly contents: string | Uint8Array;
}

/** Target features a package may use where they are available (a backend ignores what it has no use for). */
export interface PrintOptions {
  /**
   * WebAssembly: also a module whose contractions multiply-add with
   * `f32x4.relaxed_madd` (fused where the hardware has FMA, so results may
   * differ across machines in the last bits), picked at load where the
   * engine supports relaxed SIMD.
   */
  readonly relaxedSimd?: boolean;
}

export interface Backend {
  /** The `--target` name. */
  readonly name: string;
  readonly summary: string;
  /**
   * Its programs run on a device (WebGPU): they resolve when done, and its
   * packages' createModel resolves to a DeviceModel, whose calls are
   * asynchronous.
   */
  readonly device?: boolean;
  /** The passes it compiles with at each optimization level, graph and kernel level alike. */
  readonly pipelines: Readonly<Record<OptLevel, Pipeline>>;
  /**
   * The files the programs become in a package: TypeScript sources (which
   * the package emitter compiles to JavaScript) and binaries, together
   * exporting from `kernels.js` `run_<program>` for each program, and
   * `memory`: the TensorMemory (src/runtime/model.ts) the model keeps its
   * tensors in so the programs read them in place, or undefined for plain
   * ArrayBuffers.
   */
  print(programs: readonly Program[], options?: PrintOptions): Promise<SourceFile[]>;
  /** The files of src/runtime its printed code imports, copied into the package's runtime/. */
  readonly runtime: readonly string[];
  /** A device's count of the dispatches one run of a program makes at these dims (weft compile --stats). */
  dispatches?(program: Program, dims: Readonly<Record<string, number>>): DispatchCount;
  /** Why this process cannot load its programs (no WebGPU adapter, say), or undefined where it can. */
  unavailable?(): Promise<string | undefined>;
  /** The programs printed and loaded into this process: each program's run function by name. */
  load(programs: readonly Program[]): Promise<Record<string, RunFn>>;
}
