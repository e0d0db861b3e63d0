/**
 * Weft's side of the benchmark: each model compiled as `weft compile` would
 * (its package written under bench/.cache and imported), its initial weights,
 * and the reference interpreter's results that every system is checked
 * against.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { emitPackage, type EmittedFile } from "../src/package/emit.js";
import type { Module } from "../src/ir/graph.js";
import { initialParams } from "../src/ir/initializers.js";
import { interpret } from "../src/ir/interpreter.js";
import { Tensor } from "../src/ir/tensor.js";
import { parseSpec } from "../src/parser/index.js";
import type { Spec } from "../src/spec/ast.js";
import { readTensors } from "../src/runtime/model.js";
import { buildTraining } from "../src/training/train-step.js";
import {
  codeSize,
  feedsFor,
  namedFloat32s,
  type BenchModel,
  type Feed,
  type Param,
  type Prepared,
  type Reference,
  type System,
  type Task,
} from "./harness.js";

export const CACHE = new URL("./.cache/", import.meta.url).pathname;

const specPath = (model: BenchModel) =>
  new URL(`./models/${model.name}.weft`, import.meta.url).pathname;

export function loadSpec(model: BenchModel): Spec {
  return parseSpec(readFileSync(specPath(model), "utf8"), specPath(model));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Compiles the model `times` times; the median wall time and the last package's files. */
export async function compileTimed(
  spec: Spec,
  times: number,
): Promise<{ ms: number; files: EmittedFile[] }> {
  const ms: number[] = [];
  let files: EmittedFile[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    files = (await emitPackage(spec, { weightsSeed: 0 })).files;
    ms.push(performance.now() - start);
  }
  return { ms: median(ms), files };
}

/** The initial weights (seed 0) that every system loads, with their shapes. */
export function paramsFrom(files: EmittedFile[], module: Module): Param[] {
  const bytes = files.find((f) => f.path === "weights.safetensors")!.contents as Uint8Array;
  return [...readTensors(bytes, "weights")].map(([name, t]) => ({
    name,
    shape: module.params.get(name)!.type.shape as number[],
    data: t.data as Float32Array,
  }));
}

const tensorOf = (f: Feed) => Tensor.of(f.dtype, f.shape, f.data);

/**
 * What the reference interpreter gives for a model's task, cached under
 * bench/.cache (the interpreter takes up to 17 s on a training step of the
 * LSTM). The key covers the spec, the task and every source file the
 * interpreter's result depends on — all of src/ but the backends and the CLI,
 * which the check is there to test — so a change there recomputes it.
 */
export function cachedReference(model: BenchModel, module: Module, task: Task): Reference {
  const hash = createHash("sha256");
  hash.update(readFileSync(specPath(model)));
  hash.update(JSON.stringify(task));
  // This file computes what is cached: a change to it is a change to the reference.
  hash.update(readFileSync(new URL(import.meta.url)));
  const src = new URL("../src/", import.meta.url).pathname;
  for (const file of readdirSync(src, { recursive: true, encoding: "utf8" }).sort())
    if (file.endsWith(".ts") && !/^(backends|cli)\//.test(file)) {
      hash.update(file);
      hash.update(readFileSync(join(src, file)));
    }
  const path = join(CACHE, model.name, `reference-${hash.digest("hex").slice(0, 16)}.json`);
  // Float arrays go to a binary file beside it: [name, length] in order in the JSON.
  const binary = path.replace(/\.json$/, ".bin");
  if (existsSync(path) && existsSync(binary)) {
    const { arrays, ...stored } = JSON.parse(readFileSync(path, "utf8"));
    const { logits, ...params } = namedFloat32s(readFileSync(binary), arrays);
    return logits ? { logits } : { ...stored, params };
  }
  const result = reference(module, task, feedsFor(model, task), model.lr);
  const { logits, params, ...scalars } = result as Partial<Record<"logits" | "params", unknown>> &
    Reference;
  const arrays = Object.entries(
    (logits ? { logits } : (params ?? {})) as Record<string, Float32Array>,
  );
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(
    binary,
    Buffer.concat(arrays.map(([, a]) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))),
  );
  writeFileSync(
    path,
    JSON.stringify({ ...scalars, arrays: arrays.map(([n, a]) => [n, a.length]) }),
  );
  return result;
}

/**
 * The reference interpreter's logits, or its losses over two training steps
 * from the initial parameters (seed 0), with the trainable parameters after
 * them and how far each moved.
 */
export function reference(module: Module, task: Task, feeds: Feed[], lr: number): Reference {
  const initial = initialParams(module, 0);
  let params = initial;
  const inputs = Object.fromEntries(feeds.map((f) => [f.name, tensorOf(f)]));
  if (task.kind === "predict")
    return {
      logits: interpret(module, "forward", { inputs, params }).outputs.logits.data as Float32Array,
    };
  const losses: number[] = [];
  for (let step = 0; step < 2; step++) {
    const run = interpret(module, "train_step", { inputs, params });
    losses.push(run.outputs.loss.data[0]);
    params = { ...params, ...run.updates };
  }
  const trainable = [...module.params.values()].filter((p) => p.trainable).map((p) => p.name);
  const after = Object.fromEntries(
    trainable.map((name) => [name, Float32Array.from(params[name].data)]),
  );
  const moved = Object.fromEntries(
    trainable.map((name) => {
      const before = initial[name].data;
      return [name, after[name].reduce((m, x, i) => Math.max(m, Math.abs(x - before[i])), 0)];
    }),
  );
  return { losses: losses as [number, number], params: after, moved, adamSteps: 2 * lr };
}

export function moduleOf(spec: Spec): Module {
  return buildTraining(spec).module;
}

type WeftModel = {
  predict(inputs: Record<string, Int32Array | Float32Array>): { logits: Float32Array };
  trainStep(batch: Record<string, Int32Array | Float32Array>): { loss: number };
  getWeights(): Record<string, Float32Array>;
};

/** Weft's generated TypeScript package, as an app imports it. */
export class WeftTs implements System {
  readonly trains = true;
  private readonly packages = new Map<string, { dir: string; weights: Uint8Array }>();

  constructor(
    readonly name = "Weft (TS)",
    /** The package folder's name under each model's cache folder. */
    private readonly folder = "weft-ts",
  ) {}

  /** Writes the compiled package where `prepare` imports it from. */
  async install(model: BenchModel, files: EmittedFile[]): Promise<void> {
    const dir = join(CACHE, model.name, this.folder);
    rmSync(dir, { recursive: true, force: true });
    for (const f of files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.contents);
    }
    const weights = files.find((f) => f.path === "weights.safetensors")!.contents as Uint8Array;
    this.packages.set(model.name, { dir, weights });
  }

  async size(model: BenchModel) {
    return codeSize(codeFiles(this.packages.get(model.name)!.dir));
  }

  async prepare(model: BenchModel, task: Task): Promise<Prepared> {
    const { dir, weights } = this.packages.get(model.name)!;
    const { createModel } = await import(pathToFileURL(join(dir, "index.js")).href);
    const fresh = (): WeftModel => createModel({ weights });
    const feeds = Object.fromEntries(feedsFor(model, task).map((f) => [f.name, f.data]));
    const m = fresh();
    if (task.kind === "predict") {
      const logits = m.predict(feeds).logits.slice();
      return { result: { logits }, call: () => m.predict(feeds) };
    }
    const losses: [number, number] = [m.trainStep(feeds).loss, m.trainStep(feeds).loss];
    return { result: { losses, params: m.getWeights() }, call: () => m.trainStep(feeds) };
  }
}

/** The package's JavaScript: what an app bundles (no .d.ts, README or weights). */
/** What the package's default entry point ships: its JavaScript and the .wasm beside it (not the embedded entry's copy). */
function codeFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(js|wasm)$/.test(f) && !/^(kernels-)?embedded\.js$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * The same models compiled by another commit of Weft (`--baseline REF`), so a
 * change is measured against what it changes in one run: the commit is
 * checked out as a git worktree under bench/.cache (sharing this checkout's
 * node_modules) and its package emitter run there by tsx, in a process of
 * its own.
 */
export class BaselineWeft extends WeftTs {
  private readonly tree: string;

  constructor(readonly commit: string) {
    super(`Weft @${commit.slice(0, 7)}`, `weft-${commit.slice(0, 12)}`);
    this.tree = join(CACHE, `baseline-${commit.slice(0, 12)}`);
  }

  /** Compiles `model` with the baseline's emitter (weights from seed 0, as the current one's). */
  async installModel(model: BenchModel): Promise<void> {
    const root = new URL("../", import.meta.url).pathname;
    if (!existsSync(this.tree)) {
      const added = spawnSync("git", ["worktree", "add", "--detach", this.tree, this.commit], {
        cwd: root,
        encoding: "utf8",
      });
      if (added.status !== 0) throw new Error(`git worktree add failed:\n${added.stderr}`);
      symlinkSync(join(root, "node_modules"), join(this.tree, "node_modules"));
    }
    const out = join(CACHE, model.name, `baseline-out-${this.commit.slice(0, 12)}`);
    rmSync(out, { recursive: true, force: true });
    const script = join(this.tree, "bench-baseline-compile.mts");
    writeFileSync(script, BASELINE_COMPILE);
    const run = spawnSync(
      join(root, "node_modules", ".bin", "tsx"),
      [script, specPath(model), out],
      { cwd: this.tree, encoding: "utf8" },
    );
    if (run.status !== 0) throw new Error(`the baseline's compile failed:\n${run.stderr}`);
    const files = readdirSync(out, { recursive: true, encoding: "utf8" })
      .filter((f) => !statSync(join(out, f)).isDirectory())
      // Copied out of the Buffer pool: the weights reader takes a Uint8Array as a whole buffer.
      .map((path) => ({ path, contents: new Uint8Array(readFileSync(join(out, path))) }));
    await this.install(model, files);
  }
}

/** Run in the baseline's worktree: its emitter, wherever that commit keeps it. */
const BASELINE_COMPILE = `
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
const [spec, out] = process.argv.slice(2);
const emitter = existsSync("src/package/emit.ts") ? "./src/package/emit.ts" : "./src/backends/package.ts";
const { emitPackage } = await import(emitter);
const { parseSpec } = await import("./src/parser/index.ts");
const { files } = await emitPackage(parseSpec(readFileSync(spec, "utf8"), spec), { weightsSeed: 0 });
for (const f of files) {
  mkdirSync(dirname(join(out, f.path)), { recursive: true });
  writeFileSync(join(out, f.path), f.contents);
}
`;
