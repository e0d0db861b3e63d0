/**
 * `weft export SPEC --pytorch DIR`: the model as a PyTorch module (model.py)
 * with a training script (train.py) that runs under torchrun, its initial
 * weights (weights.safetensors, from the spec's seed), and with --data the
 * spec's training data encoded as Weft encodes it (data.safetensors, and
 * vocab.json for the package that will load the trained weights).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { exportOnnx, ONNX_OPSET } from "../../export/onnx.js";
import { buildModel } from "../../layers/build.js";
import { checkWeightsFile, initialParams } from "../../ir/initializers.js";
import type { Command } from "commander";
import { exportPyTorch } from "../../export/pytorch.js";
import { initialWeightsFile } from "../../ir/initializers.js";
import { readTensors } from "../../runtime/model.js";
import { VERSION } from "../version.js";

import { DiagnosticError } from "../../core/diagnostics.js";
import { trainRun } from "../../spec/ast.js";
import { emitPackage } from "../../package/emit.js";
import { findBackend } from "../../backends/index.js";
import { loadSplits } from "../../data/dataset.js";
import { writeSafetensors, type Data, type Manifest } from "../../runtime/model.js";
import { integerFlag, SourceDiagnostics, UserError, type CliIO } from "../errors.js";
import { specFile, writePackageFiles } from "../files.js";
import { loadSpec } from "./spec.js";
import { dataPlan } from "./train.js";

interface ExportOptions {
  pytorch?: string;
  onnx?: string;
  weights?: string;
  seed?: string;
  data?: string | boolean;
  force?: boolean;
}

export function registerExportCommand(
  program: Command,
  io: CliIO,
  run: (action: () => Promise<void>) => void,
): void {
  program
    .command("export")
    .description(
      "write a model as a PyTorch module with a training script (--pytorch), or as an ONNX model (--onnx)",
    )
    .argument(
      "<spec>",
      "a spec file (.weft, .yaml) or a folder holding model.weft: a package or what weft import wrote, whose weights.safetensors is used",
    )
    .option("--pytorch <dir>", "the folder to write model.py, train.py and the weights to")
    .option("--onnx <file>", "the ONNX file to write (opset 17, the forward graph, weights inside)")
    .option(
      "--weights <file>",
      "with --onnx: the weights to write (default: the folder's weights.safetensors, else the initial ones)",
    )
    .option("--force", "write into the folder even if it holds files weft did not write")
    .option("--seed <n>", "the seed of the initial weights (default: the spec's)")
    .option(
      "--data [file]",
      "also write the training split of the spec's data (or of FILE) as data.safetensors, with vocab.json",
    )
    .action((path: string, options: ExportOptions) => run(() => exportCommand(path, options, io)));
}

async function exportCommand(path: string, options: ExportOptions, io: CliIO): Promise<void> {
  if (!!options.pytorch === !!options.onnx)
    throw new UserError("weft export takes one of --pytorch DIR and --onnx FILE");
  if (options.onnx) return exportOnnxCommand(path, options, io);
  const file = specFile(path);

  const { spec, source } = loadSpec(file);
  const seed = integerFlag(options.seed, "--seed", 0) ?? trainRun(spec).seed;
  const out = options.pytorch!;
  let exported;
  try {
    exported = exportPyTorch(spec, file);
  } catch (e) {
    throw e instanceof DiagnosticError ? new SourceDiagnostics(e, source) : e;
  }
  const { files, module } = exported;
  const written = writePackageFiles(
    out,
    [
      ...Object.entries(files).map(([name, contents]) => ({ path: name, contents })),
      { path: "weights.safetensors", contents: initialWeightsFile(module, seed) },
    ],
    options.force,
  );
  if (options.data) {
    if (!spec.train) throw new UserError(`${file}: --data needs a train section naming the data`);
    written.push(...(await exportData(spec, file, options.data, seed, out)));
  }
  for (const f of written)
    io.stdout(`${join(out, f.path)} (${f.bytes.toLocaleString("en-US")} bytes)\n`);
  const data = options.data ? join(out, "data.safetensors") : "DATA.safetensors";
  if (spec.train)
    io.stdout(
      `train it: torchrun --nproc_per_node 2 ${join(out, "train.py")} --data ${data} --weights ${join(out, "weights.safetensors")} --out trained.safetensors\n`,
    );
}

/** The training split encoded as `weft train` encodes it: a tensor per input and target. */
async function exportData(
  spec: Parameters<typeof exportPyTorch>[0],
  file: string,
  flag: string | true,
  seed: number,
  out: string,
): Promise<{ path: string; bytes: number }[]> {
  const { files } = await emitPackage(spec, { target: findBackend("ts")! });
  const manifest = JSON.parse(
    String(files.find((f) => f.path === "manifest.json")!.contents),
  ) as Manifest;
  const plan = dataPlan(spec, file, flag === true ? undefined : flag, manifest, seed);
  const splits = await loadSplits(plan);
  try {
    const { train } = splits;
    const fields: Record<string, Data[]> = {};
    const batches = "fields" in train ? [train.fields] : train.batches(4096);
    for (const batch of batches)
      for (const [name, data] of Object.entries(batch)) (fields[name] ??= []).push(data);
    const tensors = [...manifest.inputs, ...manifest.targets].map((t) => {
      const parts = fields[t.name];
      const length = parts.reduce((n, p) => n + p.length, 0);
      const data = t.dtype === "i32" ? new Int32Array(length) : new Float32Array(length);
      let at = 0;
      for (const p of parts) data.set(p, (at += p.length) - p.length);
      const rest = t.shape.slice(1);
      const shape = rest.every((d) => typeof d === "number")
        ? [train.count, ...(rest as number[])]
        : [train.count, length / train.count];
      return { name: t.name, dtype: t.dtype, shape, data };
    });
    const contents: { path: string; contents: string | Uint8Array }[] = [
      { path: "data.safetensors", contents: writeSafetensors(tensors) },
    ];
    if (splits.vocabulary.tokens || splits.vocabulary.labels)
      contents.push({ path: "vocab.json", contents: JSON.stringify(splits.vocabulary) + "\n" });
    return writePackageFiles(out, contents);
  } finally {
    splits.dispose();
  }
}

/** `weft export SPEC --onnx FILE`: the forward graph with the given, the folder's, or the initial weights. */
async function exportOnnxCommand(path: string, options: ExportOptions, io: CliIO): Promise<void> {
  const file = specFile(path);
  const { spec, source } = loadSpec(file);
  const beside = join(dirname(file), "weights.safetensors");
  const weightsFile = options.weights ?? (existsSync(beside) ? beside : undefined);
  let module;
  try {
    ({ module } = buildModel(spec));
  } catch (e) {
    throw e instanceof DiagnosticError ? new SourceDiagnostics(e, source) : e;
  }
  let weights: Map<string, { shape: readonly number[]; data: Float32Array }>;
  if (weightsFile) {
    if (!existsSync(weightsFile)) throw new UserError(`${weightsFile}: no such file`);
    const bytes = readFileSync(weightsFile);
    try {
      checkWeightsFile(module, bytes, weightsFile);
    } catch (e) {
      throw new UserError((e as Error).message);
    }
    weights = new Map(
      [...readTensors(bytes, weightsFile)].map(([name, t]) => [
        name,
        { shape: t.shape, data: t.data as Float32Array },
      ]),
    );
  } else {
    const seed = integerFlag(options.seed, "--seed", 0) ?? trainRun(spec).seed;
    weights = new Map(
      Object.entries(initialParams(module, seed)).map(([name, t]) => [
        name,
        { shape: t.shape as number[], data: Float32Array.from(t.data) },
      ]),
    );
  }
  let bytes;
  try {
    bytes = exportOnnx(spec, weights, VERSION);
  } catch (e) {
    throw new UserError(`${file}: ${(e as Error).message}`);
  }
  writeFileSync(options.onnx!, bytes);
  io.stdout(
    `${options.onnx} (${bytes.length.toLocaleString("en-US")} bytes; opset ${ONNX_OPSET}, weights from ${weightsFile ?? "the spec's seed"})\n`,
  );
}
