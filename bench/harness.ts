/**
 * What every system in the benchmark shares: the models and their tasks, the
 * inputs, the correctness check against Weft's interpreter, and the timing
 * loop, which alternates the systems round by round so that a noisy machine
 * slows them all alike.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** Where a peer package is installed: bench/node_modules, which `npm run bench` fills on first use. */
export const packageDir = (pkg: string) =>
  new URL(`./node_modules/${pkg}/`, import.meta.url).pathname;

/** A benchmark model: its spec under bench/models and what its tasks feed. */
export interface BenchModel {
  readonly name: string;
  readonly title: string;
  readonly input: {
    readonly name: string;
    readonly dtype: "i32" | "f32";
    readonly shape: number[];
  };
  /** Token vocabulary (i32 inputs) or classes. */
  readonly vocab: number;
  readonly target: { readonly name: string; readonly perToken: boolean; readonly classes: number };
  readonly lr: number;
  readonly trainBatch: number;
}

export const MODELS: readonly BenchModel[] = [
  {
    name: "text-classifier",
    title: "Text classifier (embedding 10000×64 → mean → dense 64 relu → dense 64 relu → dense 2)",
    input: { name: "tokens", dtype: "i32", shape: [64] },
    vocab: 10000,
    target: { name: "label", perToken: false, classes: 2 },
    lr: 0.001,
    trainBatch: 64,
  },
  {
    name: "mnist-mlp",
    title: "MNIST MLP (784-256-128-10, relu)",
    input: { name: "pixels", dtype: "f32", shape: [784] },
    vocab: 0,
    target: { name: "label", perToken: false, classes: 10 },
    lr: 0.001,
    trainBatch: 64,
  },
  {
    name: "lstm-classifier",
    title: "LSTM classifier (embedding 10000×64 → LSTM(128) over 64 tokens → dense 2)",
    input: { name: "tokens", dtype: "i32", shape: [64] },
    vocab: 10000,
    target: { name: "label", perToken: false, classes: 2 },
    lr: 0.001,
    trainBatch: 64,
  },
  {
    name: "tiny-gpt",
    title:
      "Tiny GPT (vocab 96, context 64, d_model 128, 4 heads, 2 pre-LN blocks with a 4x GELU MLP)",
    input: { name: "tokens", dtype: "i32", shape: [64] },
    vocab: 96,
    target: { name: "next_tokens", perToken: true, classes: 96 },
    lr: 0.0003,
    trainBatch: 16,
  },
];

export type TaskKind = "predict" | "train";
export interface Task {
  readonly kind: TaskKind;
  readonly batch: number;
}

export const taskLabel = (t: Task) =>
  t.kind === "predict" ? `predict B=${t.batch}` : `train step B=${t.batch}`;

export interface Feed {
  readonly name: string;
  readonly dtype: "i32" | "f32";
  readonly shape: number[];
  readonly data: Int32Array | Float32Array;
}

/** The task's inputs (and targets for a training step), the same for every system. */
export function feedsFor(model: BenchModel, task: Task): Feed[] {
  let state = 12345 + task.batch;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const shape = [task.batch, ...model.input.shape];
  const size = shape.reduce((a, b) => a * b, 1);
  const input: Feed = {
    ...model.input,
    shape,
    data:
      model.input.dtype === "i32"
        ? Int32Array.from({ length: size }, () => Math.floor(next() * model.vocab))
        : Float32Array.from({ length: size }, () => next()),
  };
  if (task.kind === "predict") return [input];
  const targetShape = model.target.perToken ? [task.batch, model.input.shape[0]] : [task.batch];
  const count = targetShape.reduce((a, b) => a * b, 1);
  const target: Feed = {
    name: model.target.name,
    dtype: "i32",
    shape: targetShape,
    data: Int32Array.from({ length: count }, () => Math.floor(next() * model.target.classes)),
  };
  return [input, target];
}

/** A parameter as every system loads it: Weft's initial value under its PyTorch name. */
export interface Param {
  readonly name: string;
  readonly shape: number[];
  readonly data: Float32Array;
}

/** What a system's first run gave: logits for a prediction, the losses of two steps for training. */
export type Result =
  | { readonly logits: Float32Array }
  | {
      readonly losses: [number, number];
      /** Every trainable parameter after the two steps, by PyTorch name (the peers that can say). */
      readonly params?: Readonly<Record<string, Float32Array>>;
    };

/**
 * The reference's parameters after two steps, how far each moved from its
 * initial values (its largest element's change), and the most two Adam steps
 * move an element (2·lr).
 */
export type Reference = Result & {
  readonly moved?: Readonly<Record<string, number>>;
  readonly adamSteps?: number;
};

/** A GEMM benchmark's form: which operands are read transposed (stored as the other's layout). */
export interface GemmForm {
  readonly name: string;
  readonly transpose_a: boolean;
  readonly transpose_b: boolean;
}

export const GEMM_FORMS: readonly GemmForm[] = [
  { name: "A·B", transpose_a: false, transpose_b: false },
  { name: "Aᵀ·B", transpose_a: true, transpose_b: false },
  { name: "A·Bᵀ", transpose_a: false, transpose_b: true },
];

/** A system made ready for one task: its result for the check, and one call to time. */
export interface Prepared {
  readonly result: Result;
  readonly call: () => unknown;
  /** Times `calls` calls itself, in ms (a peer in another process, timed without the pipe). */
  readonly timeCalls?: (calls: number) => Promise<number>;
}

export interface System {
  readonly name: string;
  /** Set when the system cannot run here (a missing peer), with the reason. */
  readonly unavailable?: string;
  readonly trains: boolean;
  /** Left out of --quick runs. */
  readonly slow?: boolean;
  /** Shipped code: what a browser or a Node app loads, in bytes, and gzipped. */
  size(model: BenchModel): Promise<{ bytes: number; gzip: number; note?: string }>;
  prepare(model: BenchModel, task: Task): Promise<Prepared>;
  /** Runs before each of this system's timed samples (tfjs switches its backend here). */
  activate?(): Promise<void>;
  close?(): Promise<void>;
}

/**
 * A parameter after two Adam steps may differ from the reference's by this
 * share of its step: the most any of its elements moved, or two steps of lr,
 * whichever is larger (a parameter whose gradient is zero but for rounding,
 * as an attention key's bias, moves by noise alone). Adam moves every
 * element by about lr per step whatever its gradient, so a wrong gradient
 * shows at that scale (a share near 1 or above), while float32 sums, which
 * every system but the interpreter has, move an element whose gradient is
 * below Adam's epsilon by a fraction of it: up to 0.046 measured (TF.js
 * wasm, the MLP's fc2.weight), 0.013 for Weft (Wasm), 1e-5 for Weft (TS),
 * which sums in double precision.
 */
export const PARAM_TOLERANCE = 0.2;

/** What is wrong with a system's result against the reference; null when within tolerance. */
export function disagreement(got: Result, want: Reference): string | null {
  const tolerance = 1e-4;
  if ("logits" in want) {
    if (!("logits" in got)) return "gave no logits";
    if (got.logits.length !== want.logits.length)
      return `gave ${got.logits.length} logits, not ${want.logits.length}`;
    let scale = 1;
    for (const v of want.logits) scale = Math.max(scale, Math.abs(v));
    let worst = 0;
    for (let i = 0; i < want.logits.length; i++)
      worst = Math.max(worst, Math.abs(got.logits[i] - want.logits[i]) / scale);
    if (!Number.isFinite(worst)) return "gave non-finite logits";
    return worst <= tolerance
      ? null
      : `logits differ by ${worst.toExponential(2)} of their largest magnitude`;
  }
  if (!("losses" in got)) return "gave no losses";
  for (const i of [0, 1]) {
    const d = Math.abs(got.losses[i] - want.losses[i]) / Math.max(1, Math.abs(want.losses[i]));
    if (!(d <= tolerance))
      return `loss after ${i} steps is ${got.losses[i]}, the interpreter's ${want.losses[i]}`;
  }
  if (!want.params || !want.moved) return null;
  if (!got.params) return "gave no parameters after two steps";
  for (const [name, ref] of Object.entries(want.params)) {
    const mine = got.params[name];
    if (!mine || mine.length !== ref.length) return `gave no parameter ${name} of ${ref.length}`;
    let worst = 0;
    for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(mine[i] - ref[i]));
    const moved = Math.max(want.moved[name], want.adamSteps ?? 0);
    if (!(worst <= PARAM_TOLERANCE * moved))
      return `${name} after two steps differs by ${worst.toExponential(2)}, ${(worst / moved).toFixed(3)} of its largest step`;
  }
  return null;
}

export interface Timing {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: number;
  readonly callsPerSample: number;
}

export interface TimingOptions {
  readonly rounds: number;
  /** A system slower than `budgetMs` per call still gets this many samples. */
  readonly minRounds: number;
  readonly sampleMs: number;
  readonly warmupMs: number;
  /** The time each system's samples should take in all, within the bounds on rounds. */
  readonly budgetMs: number;
}

const now = () => performance.now();

async function repeat(prepared: Prepared, times: number): Promise<number> {
  if (prepared.timeCalls) return prepared.timeCalls(times);
  const call = prepared.call;
  const start = now();
  for (let i = 0; i < times; i++) {
    const r = call();
    if (r instanceof Promise) await r;
  }
  return now() - start;
}

/**
 * Warms each system up, sizes its samples to about `sampleMs`, then takes
 * one sample per system per round, rotating the order each round; the time
 * per call is a sample's time over its calls.
 */
export async function timeAlternating(
  entries: readonly { system: System; prepared: Prepared }[],
  options: TimingOptions,
): Promise<Map<System, Timing>> {
  const plan = [];
  for (const { system, prepared } of entries) {
    await system.activate?.();
    let calls = 0;
    let spent = 0;
    // prepare() already ran the call once or twice; one more call at least, to size the samples.
    do {
      spent += await repeat(prepared, 1);
      calls++;
    } while (spent < options.warmupMs);
    const perCall = spent / calls;
    plan.push({
      system,
      prepared,
      calls: Math.max(1, Math.round(options.sampleMs / perCall)),
      rounds: Math.max(
        options.minRounds,
        Math.min(options.rounds, Math.floor(options.budgetMs / (perCall * calls))),
      ),
      times: [] as number[],
    });
  }
  const rounds = Math.max(...plan.map((p) => p.rounds));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < plan.length; i++) {
      const p = plan[(i + round) % plan.length];
      if (p.times.length >= p.rounds) continue;
      await p.system.activate?.();
      p.times.push((await repeat(p.prepared, p.calls)) / p.calls);
    }
  }
  const timings = new Map<System, Timing>();
  for (const p of plan) {
    const sorted = [...p.times].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    timings.set(p.system, {
      median: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2,
      min: sorted[0],
      max: sorted[sorted.length - 1],
      samples: sorted.length,
      callsPerSample: p.calls,
    });
  }
  return timings;
}

/** Shipped code's size: the files' bytes, and gzip -9 of them concatenated. */
export function codeSize(
  files: readonly string[],
  note?: string,
): { bytes: number; gzip: number; note?: string } {
  const code = Buffer.concat(files.map((f) => readFileSync(f)));
  return {
    bytes: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    ...(note ? { note } : {}),
  };
}

/** A and B of an n×n product written as float32 files for a peer in another process: their paths. */
export function matrixFiles(
  dir: string,
  prefix: string,
  n: number,
  a: Float32Array,
  b: Float32Array,
): [string, string] {
  const [pathA, pathB] = ["a", "b"].map((x) => join(dir, `${prefix}-${n}-${x}.bin`));
  writeFileSync(pathA, a);
  writeFileSync(pathB, b);
  return [pathA, pathB];
}

/** Little-endian float32s read from a file's bytes, copied out of the buffer. */
export const float32s = (bytes: Buffer): Float32Array =>
  new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice();

/** Float32 arrays written one after another, split by an index of [name, length] in their order. */
export function namedFloat32s(
  bytes: Buffer,
  index: readonly (readonly [string, number])[],
): Record<string, Float32Array> {
  const all = float32s(bytes);
  let at = 0;
  return Object.fromEntries(index.map(([name, n]) => [name, all.subarray(at, (at += n))]));
}
