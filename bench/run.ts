/**
 * `npm run bench [-- --model NAME] [--quick]`: Weft against TensorFlow.js
 * (cpu, wasm), ONNX Runtime (web, node) and PyTorch on the four benchmark
 * models, with the same weights, single-threaded. Every system's outputs are
 * checked against Weft's interpreter first; a peer that disagrees is reported
 * and not timed, and a Weft backend that disagrees fails the run. A full run
 * writes bench/RESULTS.md and bench/results.json.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem, type as osType, release } from "node:os";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import prettier from "prettier";
import {
  disagreement,
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
import { OnnxPeer } from "./peers/onnx.js";
import { gflops, RelaxedGemm, weftTsGemm, weftWasmGemm } from "./gemm.js";
import { emitPackage } from "../src/package/emit.js";
import { TS_BACKEND } from "../src/backends/ts/index.js";
import { initJax, JaxPeer } from "./peers/jax.js";
import { initTfjs, TfjsPeer } from "./peers/tfjs.js";
import {
  PYTHON,
  TORCH_PEER,
  torchBlas,
  torchBlasProblem,
  torchMissing,
  torchVersion,
  TorchPeer,
} from "./peers/torch.js";
import {
  CACHE,
  cachedReference,
  compileTimed,
  loadSpec,
  moduleOf,
  paramsFrom,
  BaselineWeft,
  WeftTs,
} from "./weft.js";
import type { Param } from "./harness.js";

const { values: args } = parseArgs({
  options: {
    model: { type: "string", multiple: true },
    quick: { type: "boolean", default: false },
    baseline: { type: "string" },
  },
});
const chosen = args.model
  ? MODELS.filter((m) => args.model!.some((wanted) => m.name.includes(wanted)))
  : MODELS;
/** The GEMM row runs with every model, or alone with `--model gemm`. */
const gemmChosen = !args.model || args.model.includes("gemm");
if (chosen.length === 0 && !gemmChosen) {
  console.error(
    `no benchmark model matches ${args.model}; the models: ${MODELS.map((m) => m.name).join(", ")}, and gemm`,
  );
  process.exit(1);
}
const compileRuns = args.quick ? 1 : 5;
const full = !args.quick && chosen.length === MODELS.length && !args.baseline;
const GEMM_N = 512;
const timing = args.quick
  ? { rounds: 5, minRounds: 3, sampleMs: 4, warmupMs: 100, budgetMs: 1000 }
  : // At least 7 rounds: a call over a second gets a median of seven samples.
    { rounds: 25, minRounds: 7, sampleMs: 25, warmupMs: 300, budgetMs: 12000 };
const log = (line: string) => process.stderr.write(line + "\n");

mkdirSync(CACHE, { recursive: true });
const weightsFile = (m: BenchModel) => join(CACHE, m.name, "weights.safetensors");
const onnxFile = (m: BenchModel) => join(CACHE, m.name, "model.onnx");
const noTorch = torchMissing();
const blas = noTorch ? [] : torchBlas();
await initTfjs();
await initJax();
// Emscripten's handlers (tfjs-backend-wasm, onnxruntime-web) rethrow an uncaught error and print
// their whole minified source line; this one runs first and reports the error alone.
for (const event of ["uncaughtException", "unhandledRejection"] as const)
  process.prependListener(event, (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(2);
  });

const weft = new WeftTs();
const weftWasm = new WeftTs("Weft (Wasm)", "weft-wasm");
const baseline = args.baseline ? new BaselineWeft(resolveCommit(args.baseline)) : undefined;

function resolveCommit(ref: string): string {
  const run = spawnSync("git", ["rev-parse", "--verify", `${ref}^{commit}`], { encoding: "utf8" });
  if (run.status !== 0) {
    console.error(`--baseline: no commit '${ref}'`);
    process.exit(1);
  }
  return run.stdout.trim();
}
const paramsByModel = new Map<string, Param[]>();
const tfjsWasm = new TfjsPeer("wasm", (m) => paramsByModel.get(m.name)!);
const jax = new JaxPeer((m) => paramsByModel.get(m.name)!);
const torch = new TorchPeer(weightsFile, CACHE, noTorch ?? torchBlasProblem(blas));
// --quick leaves out the slow peers (TF.js cpu, PyTorch); a full run times them all.
const allSystems: System[] = [
  weft,
  weftWasm,
  ...(baseline ? [baseline] : []),
  new TfjsPeer("cpu", (m) => paramsByModel.get(m.name)!),
  tfjsWasm,
  jax,
  new OnnxPeer("web", onnxFile, noTorch && `its ONNX files ${noTorch}`),
  new OnnxPeer("node", onnxFile, noTorch && `its ONNX files ${noTorch}`),
  torch,
];
const systems = allSystems.filter((s) => !(args.quick && s.slow));

interface Row {
  system: string;
  status: "timed" | "disagrees" | "unavailable" | "n/a";
  detail?: string;
  timing?: Timing;
}
interface ModelReport {
  name: string;
  title: string;
  compileMs: number;
  tasks: { task: string; rows: Row[] }[];
  sizes: Record<string, { bytes: number; gzip: number; note?: string }>;
}
const reports: ModelReport[] = [];
const failures: string[] = [];

/** The ONNX file for these weights, exported again only when the weights changed. */
function exportOnnx(model: BenchModel, weights: Uint8Array) {
  const hash = createHash("sha256").update(weights).digest("hex");
  const stamp = onnxFile(model) + ".sha256";
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;
  log(`  exporting ${model.name} to ONNX with torch.onnx.export`);
  const run = spawnSync(
    PYTHON,
    [TORCH_PEER, "export", model.name, weightsFile(model), onnxFile(model)],
    {
      encoding: "utf8",
    },
  );
  if (run.status !== 0) throw new Error(`torch_peer.py export failed:\n${run.stderr}`);
  writeFileSync(stamp, hash);
}

for (const model of chosen) {
  log(`${model.name}:`);
  const spec = loadSpec(model);
  const module = moduleOf(spec);
  // The default target (WebAssembly) is the one timed compiling.
  const compiled = await compileTimed(spec, compileRuns);
  await weftWasm.install(model, compiled.files);
  await weft.install(
    model,
    (await emitPackage(spec, { weightsSeed: 0, target: TS_BACKEND })).files,
  );
  await baseline?.installModel(model);
  paramsByModel.set(model.name, paramsFrom(compiled.files, module));
  const weights = compiled.files.find((f) => f.path === "weights.safetensors")!
    .contents as Uint8Array;
  mkdirSync(join(CACHE, model.name), { recursive: true });
  writeFileSync(weightsFile(model), weights);
  if (!noTorch) exportOnnx(model, weights);

  const tasks: Task[] = [
    { kind: "predict", batch: 1 },
    { kind: "predict", batch: 64 },
    { kind: "train", batch: model.trainBatch },
  ];
  const report: ModelReport = {
    name: model.name,
    title: model.title,
    compileMs: compiled.ms,
    tasks: [],
    sizes: {},
  };
  for (const task of tasks) {
    const want = cachedReference(model, module, task);
    const rows: Row[] = [];
    const entries: { system: System; prepared: Prepared }[] = [];
    for (const system of systems) {
      if (system.unavailable) {
        rows.push({ system: system.name, status: "unavailable", detail: system.unavailable });
        continue;
      }
      if (task.kind === "train" && !system.trains) {
        rows.push({ system: system.name, status: "n/a", detail: "inference only" });
        continue;
      }
      const prepared = await system.prepare(model, task);
      const wrong = disagreement(prepared.result, want);
      if (wrong) {
        rows.push({ system: system.name, status: "disagrees", detail: wrong });
        log(`  ${system.name} ${taskLabel(task)}: DISAGREES with the interpreter: ${wrong}`);
        if (system === weft || system === weftWasm)
          failures.push(`${model.name} ${taskLabel(task)}: ${system.name} ${wrong}`);
        continue;
      }
      rows.push({ system: system.name, status: "timed" });
      entries.push({ system, prepared });
    }
    const timings = await timeAlternating(entries, timing);
    for (const row of rows) {
      const system = entries.find((e) => e.system.name === row.system)?.system;
      if (system) row.timing = timings.get(system);
    }
    log(
      `  ${taskLabel(task)}: ` +
        rows.map((r) => `${r.system} ${r.timing ? ms(r.timing.median) : r.status}`).join(", "),
    );
    report.tasks.push({ task: taskLabel(task), rows });
  }
  for (const system of systems)
    if (!system.unavailable) report.sizes[system.name] = await system.size(model);
  reports.push(report);
}

interface GemmReport {
  n: number;
  forms: {
    form: string;
    rows: { system: string; detail?: string; timing?: Timing; gflops?: number }[];
  }[];
}
let gemm: GemmReport | undefined;
const relaxed = new RelaxedGemm(CACHE);
if (gemmChosen) {
  const n = GEMM_N;
  log(`gemm ${n}³:`);
  const values = (seed: number) =>
    Float32Array.from({ length: n * n }, (_, i) => Math.sin(i * 0.37 + seed));
  const [a, b] = [values(0), values(1)];
  gemm = { n, forms: [] };
  for (const form of GEMM_FORMS) {
    const want = await weftTsGemm(form, n, a, b);
    const candidates: [System, () => Promise<Prepared>][] = [
      [weft, async () => want],
      [weftWasm, () => weftWasmGemm(form, n, a, b)],
      [relaxed, () => relaxed.prepareGemm(form, n, a, b)],
      [tfjsWasm, () => tfjsWasm.prepareGemm(form, n, a, b)],
      [jax, () => jax.prepareGemm(form, n, a, b)],
      ...(systems.includes(torch) && !torch.unavailable
        ? [[torch, () => torch.prepareGemm(form, n, a, b)] as [System, () => Promise<Prepared>]]
        : []),
    ];
    const entries: { system: System; prepared: Prepared }[] = [];
    const rows: GemmReport["forms"][number]["rows"] = [];
    for (const [system, prepare] of candidates) {
      const prepared = await prepare();
      const wrong = disagreement(prepared.result, want.result);
      rows.push({ system: system.name, detail: wrong ? `disagrees: ${wrong}` : undefined });
      if (wrong) {
        log(`  ${system.name} ${form.name}: DISAGREES with Weft (TS): ${wrong}`);
        if (system === weftWasm || system === relaxed)
          failures.push(`gemm ${form.name}: ${system.name} ${wrong}`);
      } else entries.push({ system, prepared });
    }
    const timings = await timeAlternating(entries, timing);
    for (const row of rows) {
      const entry = entries.find((e) => e.system.name === row.system);
      row.timing = entry && timings.get(entry.system);
      if (row.timing) row.gflops = gflops(n, row.timing.median);
    }
    log(
      `  ${form.name}: ` +
        rows.map((r) => `${r.system} ${r.gflops?.toFixed(1) ?? r.detail}`).join(", ") +
        " GFLOP/s",
    );
    gemm.forms.push({ form: form.name, rows });
  }
}
for (const system of systems) await system.close?.();
await relaxed.close();

function ms(x: number): string {
  return x >= 100
    ? x.toFixed(0)
    : x >= 10
      ? x.toFixed(1)
      : x >= 1
        ? x.toFixed(2)
        : x.toPrecision(2);
}
function kb(bytes: number): string {
  if (!Number.isFinite(bytes)) return "—";
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}

const versionOf = (pkg: string) =>
  JSON.parse(readFileSync(join(packageDir(pkg), "package.json"), "utf8")).version as string;
const versions = {
  weft: JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version,
  "@tensorflow/tfjs": versionOf("@tensorflow/tfjs"),
  "@jax-js/jax": versionOf("@jax-js/jax"),
  "onnxruntime-web": versionOf("onnxruntime-web"),
  "onnxruntime-node": versionOf("onnxruntime-node"),
  torch: noTorch
    ? "not installed"
    : `${torchVersion()} on ${basename(blas.find((l) => /libopenblas/.test(l)) ?? blas.find((l) => /libblas/.test(l)) ?? "no BLAS found")}`,
  node: process.version,
};
const machine = `${cpus()[0].model}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${osType()} ${release()}`;

function markdown(): string {
  const lines = [
    "# Weft against TensorFlow.js, jax-js, ONNX Runtime and PyTorch",
    "",
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine}.`,
    `Versions: ${Object.entries(versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}.`,
    "",
    "Every system runs single-threaded on the same weights (Weft's initial weights, seed 0) and inputs, and",
    "its outputs were checked against Weft's interpreter before timing (logits to 1e-4 of their largest",
    "magnitude; for training, the losses of two Adam steps to 1e-4 and every parameter after them to 0.2 of",
    "its largest step, where the peer can give them). Times are ms per call: the median over",
    "samples taken in rounds that alternate the systems, with [min–max]. The ratio columns are Weft (Wasm)'s",
    "median over the peer's: below 1, Weft is faster. Code is what an app ships to run the model, without",
    "weights: Weft's generated package (.js and .wasm), TF.js core with one backend, jax-js with its Wasm backend, onnxruntime-web's JS and wasm,",
    "onnxruntime-node's and PyTorch's native libraries.",
  ];
  for (const r of reports) {
    lines.push(
      "",
      `## ${r.title}`,
      "",
      `Weft compile time (to WebAssembly): ${ms(r.compileMs)} ms (median of ${compileRuns}, in process).`,
      "",
    );
    const head = ["System"];
    for (const t of r.tasks) head.push(`${t.task} (ms)`, "Weft / peer");
    head.push("Code", "Gzipped");
    lines.push(
      `| ${head.join(" | ")} |`,
      `|${head.map((_, i) => (i === 0 ? "---" : "--:")).join("|")}|`,
    );
    for (const system of systems) {
      const cells = [system.name];
      for (const t of r.tasks) {
        const row = t.rows.find((x) => x.system === system.name)!;
        const weftRow = t.rows.find((x) => x.system === weftWasm.name)!;
        if (row.timing) {
          const { median, min, max } = row.timing;
          cells.push(`${ms(median)} [${ms(min)}–${ms(max)}]`);
          cells.push(
            system === weftWasm || !weftRow.timing
              ? ""
              : (weftRow.timing.median / median).toFixed(2),
          );
        } else {
          cells.push(
            row.status === "disagrees" ? `disagrees: ${row.detail}` : (row.detail ?? row.status),
            "",
          );
        }
      }
      const size = r.sizes[system.name];
      cells.push(size ? kb(size.bytes) : "—", size ? kb(size.gzip) : "—");
      lines.push(`| ${cells.join(" | ")} |`);
    }
  }
  if (gemm) {
    lines.push(
      "",
      `## GEMM ${gemm.n}³ (f32)`,
      "",
      "GFLOP/s of one matrix product (2n³ flops over the median time, ms in brackets); Aᵀ and Bᵀ are read",
      "transposed where they lie (Weft's strides, tf.matMul's flags, a transposed view for PyTorch). Weft (Wasm,",
      "relaxed SIMD) is the module `--relaxed-simd` adds, in a Node with --experimental-wasm-relaxed-simd.",
      "",
      `| System | ${gemm.forms.map((f) => f.form).join(" | ")} |`,
      `|---|${gemm.forms.map(() => "--:").join("|")}|`,
    );
    for (const name of gemm.forms[0].rows.map((r) => r.system)) {
      const cells = gemm.forms.map((f) => {
        const row = f.rows.find((r) => r.system === name)!;
        return row.timing ? `${row.gflops!.toFixed(1)} (${ms(row.timing.median)})` : row.detail;
      });
      lines.push(`| ${name} | ${cells.join(" | ")} |`);
    }
  }
  return lines.join("\n") + "\n";
}

// Formatted as `npm test`'s prettier check wants the committed files.
const text = await prettier.format(markdown(), { parser: "markdown" });
const json = await prettier.format(
  JSON.stringify({ date: new Date().toISOString(), machine, versions, models: reports, gemm }),
  { parser: "json" },
);
process.stdout.write("\n" + text);
if (full && failures.length === 0) {
  writeFileSync(new URL("./RESULTS.md", import.meta.url), text);
  writeFileSync(new URL("./results.json", import.meta.url), json);
  log("wrote bench/RESULTS.md and bench/results.json");
} else {
  writeFileSync(join(CACHE, "results.json"), json);
  log(`wrote ${join(CACHE, "results.json")} (bench/RESULTS.md is written by a full run)`);
}
if (failures.length) {
  log(`\nFAILED: a Weft backend disagrees with the interpreter:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
