/**
 * `npm run bench:webgpu [-- --quick]`: the WGSL backend on whatever WebGPU
 * adapter Dawn finds in Node (on a machine without a GPU, Mesa's lavapipe),
 * against TensorFlow.js's webgpu backend and jax-js's webgpu device on the
 * same adapter: GEMM GFLOP/s in the three forms at 512³ and 2048³, and the
 * four bench models' predictions and training steps, with Weft's dispatches
 * per call. Every result is checked first (GEMMs against Weft's TypeScript
 * product, models against the interpreter, as `npm run bench` checks); a
 * peer that disagrees is reported and not timed. Writes
 * bench/RESULTS-webgpu.md. On lavapipe the times say little about GPUs; the
 * dispatch counts and the ratios still do.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { create, globals } from "webgpu";
import {
  disagreement,
  feedsFor,
  GEMM_FORMS,
  MODELS,
  packageDir,
  taskLabel,
  timeAlternating,
  type BenchModel,
  type Prepared,
  type System,
  type Task,
  type Timing,
} from "./harness.js";
import { gemmProgram, gflops, weftTsGemm } from "./gemm.js";
import { CACHE, cachedReference, loadSpec, moduleOf, paramsFrom } from "./weft.js";
import { emitPackage } from "../src/package/emit.js";
import { WGSL_BACKEND } from "../src/backends/wgsl/index.js";
import { printWgsl } from "../src/backends/wgsl/printer.js";
import { residentProgram, wantedLimits } from "../src/runtime/webgpu.js";
import type { Param } from "./harness.js";

const { values: args } = parseArgs({ options: { quick: { type: "boolean", default: false } } });
const log = (line: string) => process.stdout.write(line + "\n");

// Node gets the navigator.gpu a browser would have, for the peers; Dawn's object is kept alive.
Object.assign(globalThis, globals);
const gpu = create([]);
Object.defineProperty(globalThis, "navigator", {
  value: { gpu, userAgent: `Node.js ${process.version}` },
  configurable: true,
});
const adapter = await gpu.requestAdapter();
if (!adapter)
  throw new Error("no WebGPU adapter (on a machine without a GPU: ../shared/setup/webgpu.sh)");
const device = await adapter.requestDevice({ requiredLimits: wantedLimits(adapter) });
const info = adapter.info;
log(`adapter: ${info.vendor} ${info.architecture} ${info.description || info.device}`);

const tf = await import("@tensorflow/tfjs");
await import("@tensorflow/tfjs-backend-webgpu");
const { TfjsPeer } = await import("./peers/tfjs.js");
const { initJax, JaxPeer } = await import("./peers/jax.js");
const jaxReady = await initJax("webgpu").then(
  () => undefined,
  (e: Error) => e.message,
);
const tfjsReady = await tf
  .setBackend("webgpu")
  .then((ok) => (ok ? undefined : "setBackend failed"));

const timing = args.quick
  ? { warmupMs: 100, sampleMs: 100, rounds: 3, minRounds: 2, budgetMs: 2_000 }
  : { warmupMs: 300, sampleMs: 300, rounds: 7, minRounds: 3, budgetMs: 10_000 };

const paramsByModel = new Map<string, Param[]>();
const params = (model: BenchModel) => paramsByModel.get(model.name)!;
const tfjs = new TfjsPeer("webgpu", params);
const jax = new JaxPeer(params, "webgpu");

/** Weft's WGSL package on the adapter's device, as an app imports it. */
class WeftWgsl implements System {
  readonly name = "Weft (WGSL)";
  readonly trains = true;
  readonly dispatches = new Map<string, number>();
  private readonly dirs = new Map<string, string>();

  async install(model: BenchModel): Promise<void> {
    const result = await emitPackage(loadSpec(model), { weightsSeed: 0, target: WGSL_BACKEND });
    const dir = join(CACHE, model.name, "weft-wgsl");
    rmSync(dir, { recursive: true, force: true });
    for (const f of result.files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.contents);
    }
    paramsByModel.set(model.name, paramsFrom(result.files, moduleOf(loadSpec(model))));
    this.dirs.set(model.name, dir);
  }

  async size() {
    return { bytes: NaN, gzip: NaN };
  }

  async prepare(model: BenchModel, task: Task): Promise<Prepared> {
    const dir = this.dirs.get(model.name)!;
    const { createModel } = await import(pathToFileURL(join(dir, "index.js")).href);
    const weights = readFileSync(join(dir, "weights.safetensors"));
    const m = await createModel({ weights: new Uint8Array(weights), device });
    const feeds = Object.fromEntries(feedsFor(model, task).map((f) => [f.name, f.data]));
    const key = `${model.name} ${taskLabel(task)}`;
    if (task.kind === "predict") {
      const logits = (await m.predict(feeds)).logits.slice();
      this.dispatches.set(key, m.lastRun.dispatches);
      return { result: { logits }, call: () => m.predict(feeds) };
    }
    const losses: [number, number] = [
      (await m.trainStep(feeds)).loss,
      (await m.trainStep(feeds)).loss,
    ];
    this.dispatches.set(key, m.lastRun.dispatches);
    return { result: { losses, params: await m.getWeights() }, call: () => m.trainStep(feeds) };
  }
}
const weft = new WeftWgsl();

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const lines: string[] = [
  "# The WGSL backend against TF.js webgpu and jax-js webgpu",
  "",
  `Written by \`npm run bench:webgpu\` on ${new Date().toISOString().slice(0, 10)}: adapter ${info.vendor} ${info.architecture} (${info.description || info.device}) through Dawn (npm webgpu) in Node ${process.version}, on ${cpus()[0].model} × ${cpus().length}.`,
  "Every result was checked before timing: matrix products against Weft's TypeScript product (1e-4 of the largest magnitude), models against Weft's interpreter as `npm run bench` checks them. Times are medians of repeated runs, each call waited for to completion (Weft and TF.js read back their outputs, as an app does; jax-js's models read theirs with dataSync).",
  "",
];

// ---------------------------------------------------------------------------
// GEMM

const sizes = args.quick ? [512] : [512, 2048];
lines.push(
  "## GEMM (GFLOP/s, median)",
  "",
  "| n | form | Weft (WGSL) | TF.js webgpu | jax-js webgpu |",
  "|---|---|---|---|---|",
);
for (const n of sizes) {
  const values = (seed: number) =>
    Float32Array.from({ length: n * n }, (_, i) => Math.sin(i * 0.37 + seed));
  const [a, b] = [values(0), values(1)];
  for (const form of GEMM_FORMS) {
    const want = await weftTsGemm(form, n, a, b);
    const program = gemmProgram(form, n, true);
    const resident = await residentProgram(device, printWgsl([program]), "gemm", [
      a,
      b,
      new Float32Array(n * n),
    ]);
    await resident.run();
    const weftGemm: Prepared = {
      result: { logits: (await resident.read())[2] as Float32Array },
      call: () => resident.run(),
    };
    const candidates: [System | { name: string }, () => Promise<Prepared>][] = [
      [weft, async () => weftGemm],
      ...(tfjsReady
        ? []
        : [[tfjs, () => tfjs.prepareGemm(form, n, a, b)] as [System, () => Promise<Prepared>]]),
      ...(jaxReady
        ? []
        : [[jax, () => jax.prepareGemm(form, n, a, b)] as [System, () => Promise<Prepared>]]),
    ];
    const cells = new Map<string, string>();
    const entries: { system: System; prepared: Prepared }[] = [];
    for (const [system, prepare] of candidates) {
      const prepared = await prepare();
      const wrong = disagreement(prepared.result, want.result);
      if (wrong) cells.set(system.name, `disagrees: ${wrong}`);
      else entries.push({ system: system as System, prepared });
    }
    const timings = await timeAlternating(entries, timing);
    for (const [system, t] of timings) cells.set(system.name, gflops(n, t.median).toFixed(1));
    const cell = (name: string, unavailable?: string) =>
      cells.get(name) ?? `unavailable: ${unavailable}`;
    const row = `| ${n} | ${form.name} | ${cell(weft.name)} | ${cell(tfjs.name, tfjsReady)} | ${cell(jax.name, jaxReady)} |`;
    log(row);
    lines.push(row);
  }
}

// ---------------------------------------------------------------------------
// Models

lines.push(
  "",
  "## Models (ms per call, median; Weft's dispatches per call)",
  "",
  "| model | task | Weft (WGSL) | dispatches | TF.js webgpu | jax-js webgpu | Weft ÷ TF.js | Weft ÷ jax-js |",
  "|---|---|---|---|---|---|---|---|",
);
const chosen = args.quick ? MODELS.slice(0, 2) : MODELS;
for (const model of chosen) {
  await weft.install(model);
  const module = moduleOf(loadSpec(model));
  const tasks: Task[] = [
    { kind: "predict", batch: 1 },
    { kind: "predict", batch: 64 },
    { kind: "train", batch: model.trainBatch },
  ];
  for (const task of tasks) {
    const want = cachedReference(model, module, task);
    const cells = new Map<string, string>();
    const entries: { system: System; prepared: Prepared }[] = [];
    const systems: [System, string | undefined][] = [
      [weft, undefined],
      [tfjs, tfjsReady],
      [jax, jaxReady],
    ];
    for (const [system, unavailable] of systems) {
      if (unavailable) {
        cells.set(system.name, `unavailable: ${unavailable}`);
        continue;
      }
      try {
        const prepared = await system.prepare(model, task);
        const wrong = disagreement(prepared.result, want);
        if (wrong) cells.set(system.name, `disagrees: ${wrong}`);
        else entries.push({ system, prepared });
      } catch (e) {
        cells.set(system.name, `failed: ${(e as Error).message.split("\n")[0]}`);
      }
    }
    const timings: Map<System, Timing> = await timeAlternating(entries, timing);
    for (const [system, t] of timings) cells.set(system.name, ms(t.median));
    const ratio = (peer: System) => {
      const [w, p] = [timings.get(weft), timings.get(peer)];
      return w && p ? (w.median / p.median).toFixed(2) : "—";
    };
    const row = `| ${model.name} | ${taskLabel(task)} | ${cells.get(weft.name)} | ${weft.dispatches.get(`${model.name} ${taskLabel(task)}`) ?? "—"} | ${cells.get(tfjs.name)} | ${cells.get(jax.name)} | ${ratio(tfjs)} | ${ratio(jax)} |`;
    log(row);
    lines.push(row);
  }
}

const versionOf = (pkg: string) =>
  JSON.parse(readFileSync(join(packageDir(pkg), "package.json"), "utf8")).version as string;
lines.push(
  "",
  `Versions: @tensorflow/tfjs ${versionOf("@tensorflow/tfjs")}, @tensorflow/tfjs-backend-webgpu ${versionOf("@tensorflow/tfjs-backend-webgpu")}, @jax-js/jax ${versionOf("@jax-js/jax")}, webgpu (Dawn) ${JSON.parse(readFileSync(new URL("../node_modules/webgpu/package.json", import.meta.url), "utf8")).version}.`,
  "",
);
if (!args.quick) writeFileSync(new URL("./RESULTS-webgpu.md", import.meta.url), lines.join("\n"));

process.exit(0);
