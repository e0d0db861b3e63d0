/**
 * `weft train SPEC_OR_DIR`: a spec and its data to a trained package. It
 * reads the spec's data (or --data), splits it, builds the vocabulary and
 * label names from the training split, compiles the package, trains it with
 * a progress bar (on a terminal) and a line per epoch, checkpoints after
 * every epoch, evaluates the test split, and writes the package with its
 * trained weights, vocab.json and metrics.json.
 *
 * The package is the one users get: training imports it and runs its `fit`,
 * so what trains is what ships.
 */
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { SingleBar } from "cli-progress";
import { emitPackage, packageName } from "../../package/emit.js";
import { DiagnosticError } from "../../core/diagnostics.js";
import { ArgReader } from "../../core/signature.js";
import { trainRun, type Spec } from "../../spec/ast.js";
import { BACKENDS, findBackend } from "../../backends/index.js";
import { DATA_SOURCES, DEFAULT_SPLIT, TOKENIZERS, tokenizedInput } from "../../training/data.js";
import type { Manifest, Model } from "../../runtime/model.js";
import type { TokenizerConfig } from "../../runtime/text.js";
import { asDataset, loadSplits, type DataPlan } from "../../data/dataset.js";
import { sourceForFile, type SourceDecl } from "../../data/records.js";
import { integerFlag, SourceDiagnostics, UserError, type CliIO } from "../errors.js";
import { specFile, writeFile, writePackageFiles } from "../files.js";
import { reportHtml } from "../report.js";
import {
  loadCheckpoint,
  saveCheckpoint,
  type CheckpointState,
  type EpochRecord,
} from "../checkpoint.js";
import { toSvg } from "../../diagram/diagram.js";
import { layerDiagram } from "../../diagram/layers.js";
import { learningRates, SCHEDULES } from "../../training/schedules.js";
import { limitOption, limitsOf, loadSpec } from "./spec.js";

interface TrainOptions {
  data?: string;
  epochs?: string;
  batchSize?: string;
  lr?: string;
  seed?: string;
  out?: string;
  target: string;
  backend?: string;
  progress: boolean;
  resume?: boolean;
  memoryLimit?: string;
  gradients?: boolean;
  force?: boolean;
  limit?: string[];
}

export function registerTrainCommand(
  program: Command,
  io: CliIO,
  run: (action: () => Promise<void>) => void,
): void {
  const command = program
    .command("train")
    .description("train a spec on its data; write the trained package, its vocabulary and metrics")
    .argument("<spec>", "a spec file (.weft, .yaml), or a folder holding model.weft or model.yaml")
    .option(
      "--data <file>",
      "the data instead of the spec's: .jsonl, .csv, .tsv, .txt (a corpus) or .mjs (a module)",
    )
    .option("--epochs <n>", "passes over the training split (default: the spec's)")
    .option("--batch-size <n>", "examples per step (default: the spec's)")
    .option("--lr <rate>", "the learning rate, a runtime value (default: the spec's optimizer's)")
    .option(
      "--seed <n>",
      "seeds the split, the initial weights and the order (default: the spec's)",
    )
    .option("-o, --out <dir>", "the folder to write the package to (default: build/NAME)")
    .option("--force", "write into --out even if it holds files weft did not write")
    .option(
      "--target <target>",
      `the backend: ${BACKENDS.map((b) => b.name).join(", ")}`,
      BACKENDS[0].name,
    )
    .option("--backend <backend>", "the same as --target")
    .option("--no-progress", "no progress bar, only a line per epoch")
    .option("--resume", "continue from the checkpoint in the output folder")
    .option("--gradients", "give the package computeGradients (weft compile --gradients)")
    .option(
      "--memory-limit <mb>",
      "hold at most this many MB of encoded examples in memory; more are stored in temporary files (default 1024)",
    );
  limitOption(command).action((path: string, options: TrainOptions) =>
    run(() => train(path, options, io)),
  );
}

async function train(path: string, options: TrainOptions, io: CliIO): Promise<void> {
  const file = specFile(path);
  const limits = limitsOf(options);
  const loaded = loadSpec(file, limits);
  const spec = loaded.spec;
  const lr = options.lr === undefined ? undefined : Number(options.lr);
  if (lr !== undefined && !(lr > 0 && Number.isFinite(lr)))
    throw new UserError(`--lr takes a positive number, not '${options.lr}'`);
  const trainSection = spec.train;
  if (!trainSection) throw new UserError(`${file}: the spec has no train section`);
  const targetName = options.backend ?? options.target;
  const target = findBackend(targetName);
  if (!target)
    throw new UserError(
      `unknown target '${targetName}' (targets: ${BACKENDS.map((b) => b.name).join(", ")})`,
    );
  const epochs = integerFlag(options.epochs, "--epochs") ?? trainRun(spec).epochs;
  const batchSize = integerFlag(options.batchSize, "--batch-size") ?? trainRun(spec).batchSize;
  const seed = integerFlag(options.seed, "--seed", 0) ?? trainRun(spec).seed;
  const out = options.out ?? join("build", packageName(spec.model.name.text));

  const started = performance.now();
  let result;
  try {
    result = await emitPackage(spec, { target, gradients: options.gradients, limits });
  } catch (e) {
    throw e instanceof DiagnosticError ? new SourceDiagnostics(e, loaded.source) : e;
  }
  const compileSeconds = (performance.now() - started) / 1000;
  const manifest = JSON.parse(
    String(result.files.find((f) => f.path === "manifest.json")!.contents),
  ) as Manifest;
  const megabytes = integerFlag(options.memoryLimit, "--memory-limit", 0);
  const plan = {
    ...dataPlan(spec, file, options.data, manifest, seed),
    ...(megabytes !== undefined ? { memoryLimit: megabytes * 2 ** 20 } : {}),
  };
  const readStart = performance.now();
  const splits = await loadSplits(plan);
  const readSeconds = (performance.now() - readStart) / 1000;
  try {
    checkAgainstModel(splits.vocabulary, manifest, plan);
    writePackageFiles(out, result.files, options.force);
    const hasVocabulary = splits.vocabulary.tokens || splits.vocabulary.labels;
    const written = [
      "weights.safetensors",
      ...(hasVocabulary ? ["vocab.json"] : []),
      "metrics.json",
      "report.html",
    ];
    if (hasVocabulary) writeFile(join(out, "vocab.json"), JSON.stringify(splits.vocabulary) + "\n");

    const { createModel } = (await import(pathToFileURL(resolve(out, "index.js")).href)) as {
      createModel(o: object): Model<object, object, object>;
    };
    const checkpoint = join(out, "checkpoint");
    let state: CheckpointState = { epochs: 0, seed, history: [] };
    let weights: Uint8Array | undefined;
    if (options.resume) {
      ({ state, weights } = loadCheckpoint(checkpoint));
      if (state.seed !== seed)
        throw new UserError(
          `--resume: the checkpoint was trained with seed ${state.seed}, not ${seed}; pass --seed ${state.seed}`,
        );
    }
    const model = createModel({
      seed,
      vocabulary: splits.vocabulary,
      ...(weights ? { weights } : {}),
    });
    // A runtime value, set after the checkpoint's: --lr on a resumed run changes the rate from there on.
    if (lr !== undefined) model.learningRate = lr;

    const sizes = `${splits.train.count} training, ${splits.validation.count} validation, ${splits.test.count} test examples`;
    const vocab = splits.vocabulary.tokens
      ? `; vocabulary of ${splits.vocabulary.tokens.length}`
      : "";
    const labels = Object.entries(splits.vocabulary.labels ?? {})
      .map(([name, names]) => `; ${name}: ${names.join(", ")}`)
      .join("");
    io.stdout(`${spec.model.name.text} on ${plan.source.path}: ${sizes}${vocab}${labels}\n`);
    io.stdout(
      `compiled for ${target.name} in ${compileSeconds.toFixed(1)} s, data read in ${readSeconds.toFixed(1)} s: ${out}\n`,
    );
    if (state.epochs > 0) io.stdout(`resuming after epoch ${state.epochs} of ${epochs}\n`);
    io.stdout("\n" + row(["epoch", "loss", "accuracy", "val loss", "val accuracy", "time"]) + "\n");
    for (const r of state.history) io.stdout(epochRow(r) + "\n");

    const stop = new AbortController();
    const interrupt = () => stop.abort();
    process.once("SIGINT", interrupt);
    const steps = Math.ceil(splits.train.count / batchSize);
    const bar =
      // On a terminal only: piped or redirected, the output is the plain lines alone.
      options.progress && process.stdout.isTTY && process.stderr.isTTY
        ? new SingleBar({
            format:
              "epoch {epoch} [{bar}] {value}/{total} steps | {rate} examples/s | loss {loss} | ETA {eta_formatted}",
            stream: process.stderr,
            hideCursor: true,
            clearOnComplete: true,
          })
        : undefined;
    let epochStart = performance.now();
    let running = 0;
    let examples = 0;
    let stepLosses: number[] = [];
    const diagram = await toSvg(layerDiagram(spec, { collapse: true }));
    const scheduleCall = trainSection.schedule;
    const schedule = scheduleCall && {
      def: SCHEDULES.get(scheduleCall.kind.text)!,
      args: new ArgReader(
        SCHEDULES.get(scheduleCall.kind.text)!,
        new Map(scheduleCall.args.map((a) => [a.name, a.value])),
      ),
    };
    /** metrics.json and report.html as the run stands: after each epoch, and at the end with the test. */
    const writeRecords = (finished: boolean, test?: { loss: number; accuracy?: number }) => {
      const metrics = {
        model: spec.model.name.text,
        data: plan.source.path,
        seed,
        batchSize,
        learningRate: model.learningRate,
        examples: {
          train: splits.train.count,
          validation: splits.validation.count,
          test: splits.test.count,
        },
        epochs: state.history,
        ...(test ? { test } : {}),
      };
      writeFile(join(out, "metrics.json"), JSON.stringify(metrics, null, 2) + "\n");
      const done = state.history.reduce((n, e) => n + (e.steps?.length ?? 0), 0);
      writeFile(
        join(out, "report.html"),
        reportHtml({
          model: spec.model.name.text,
          data: plan.source.path,
          epochs: state.history,
          totalEpochs: epochs,
          learningRates: learningRates(schedule, model.learningRate, done),
          ...(test ? { test } : {}),
          diagram,
          running: !finished,
        }),
      );
    };
    try {
      await model.fit(asDataset(splits.train, batchSize, { seed, firstEpoch: state.epochs }), {
        epochs,
        initialEpoch: state.epochs,
        batchSize,
        seed,
        validation: splits.validation.count ? asDataset(splits.validation, batchSize) : undefined,
        signal: stop.signal,
        onBatch: ({ epoch, batch, loss, examples: n }) => {
          if (!Number.isFinite(loss))
            throw new UserError(
              `the loss became ${loss} at epoch ${epoch + 1}, step ${batch + 1}; training stopped` +
                (state.epochs
                  ? ` (the checkpoint of epoch ${state.epochs} is in ${checkpoint})`
                  : ""),
            );
          if (batch === 0) {
            epochStart = performance.now();
            running = loss;
            examples = 0;
            stepLosses = [];
          }
          stepLosses.push(loss);
          if (batch === 0) {
            bar?.start(steps, 0, { epoch: epoch + 1, rate: "-", loss: "-" });
          }
          running = 0.9 * running + 0.1 * loss;
          examples += n;
          const seconds = (performance.now() - epochStart) / 1000;
          bar?.update(batch + 1, {
            rate: seconds > 0 ? Math.round(examples / seconds) : "-",
            loss: running.toFixed(4),
          });
        },
        onEpoch: (info) => {
          bar?.stop();
          const record: EpochRecord = {
            ...info,
            seconds: (performance.now() - epochStart) / 1000,
            steps: stepLosses,
          };
          state = saveCheckpoint(checkpoint, model.saveWeights({ optimizer: true }), {
            epochs: info.epoch + 1,
            seed,
            history: [...state.history, record],
          });
          writeRecords(false);
          io.stdout(epochRow(record) + "\n");
        },
      });
    } catch (e) {
      bar?.stop();
      if (stop.signal.aborted)
        throw new UserError(
          `interrupted; ${state.epochs ? `the checkpoint of epoch ${state.epochs} is in ${checkpoint}: continue with --resume` : "no epoch finished, so there is no checkpoint"}`,
        );
      throw e;
    } finally {
      process.removeListener("SIGINT", interrupt);
    }

    const test = splits.test.count
      ? await model.evaluate(asDataset(splits.test, batchSize), { batchSize })
      : undefined;
    if (test)
      io.stdout(
        `\ntest: loss ${test.loss.toFixed(4)}${test.accuracy !== undefined ? `, accuracy ${test.accuracy.toFixed(4)}` : ""} (${splits.test.count} examples)\n`,
      );
    writeFile(join(out, "weights.safetensors"), model.saveWeights());
    writeRecords(true, test);
    io.stdout(`wrote ${out}: ${written.join(", ")}\n`);
  } finally {
    splits.dispose();
  }
}

/** How to read a spec's data (or --data's file) for the model the manifest describes. */
export function dataPlan(
  spec: Spec,
  file: string,
  dataFlag: string | undefined,
  manifest: Manifest,
  seed: number,
): DataPlan {
  const train = spec.train!;
  let source: SourceDecl;
  // A module given for a corpus is read as its text.
  if (dataFlag)
    source =
      train.data?.kind.text === "text" ? { kind: "text", path: dataFlag } : sourceForFile(dataFlag);
  else if (train.data) {
    const args = new ArgReader(
      DATA_SOURCES.get(train.data.kind.text)!,
      new Map(train.data.args.map((a) => [a.name, a.value])),
    );
    const kind = train.data.kind.text as SourceDecl["kind"];
    source = {
      kind,
      path: join(dirname(file), args.string("path")),
      ...(kind === "csv" ? { delimiter: args.string("delimiter") } : {}),
    };
  } else
    throw new UserError(
      `${file}: the train section names no data; add data: jsonl("FILE") (or csv, text, module), or pass --data FILE`,
    );
  const t = train.tokenizer;
  const tokenizer =
    t &&
    (() => {
      const args = new ArgReader(
        TOKENIZERS.get(t.kind.text)!,
        new Map(t.args.map((a) => [a.name, a.value])),
      );
      const config: TokenizerConfig = {
        kind: t.kind.text as TokenizerConfig["kind"],
        ...(args.int("vocab") > 0 ? { vocab: args.int("vocab") } : {}),
        lowercase: args.bool("lowercase"),
        split: (t.kind.text === "words"
          ? args.string("split")
          : "words") as TokenizerConfig["split"],
        pad: args.string("pad") as TokenizerConfig["pad"],
        truncate: args.string("truncate") as TokenizerConfig["truncate"],
      };
      return {
        config,
        field: args.string("field"),
        input: tokenizedInput(t, spec.model).name.text,
      };
    })();
  const split = (train.split ?? DEFAULT_SPLIT) as [number, number, number];
  return { source, inputs: manifest.inputs, targets: manifest.targets, tokenizer, split, seed };
}

/** The data's vocabulary and labels must fit the model's embedding and classes. */
function checkAgainstModel(
  vocabulary: { tokens?: readonly string[]; labels?: Readonly<Record<string, readonly string[]>> },
  manifest: Manifest,
  plan: DataPlan,
): void {
  const input = plan.tokenizer?.input;
  const max = input && manifest.ranges[input]?.max;
  if (vocabulary.tokens && max && vocabulary.tokens.length > max)
    throw new UserError(
      `the vocabulary has ${vocabulary.tokens.length} tokens, but input '${input}' takes ids below ${max}; give the tokenizer vocab: ${max} or less, or a larger embedding`,
    );
  for (const [name, names] of Object.entries(vocabulary.labels ?? {})) {
    const classes = manifest.ranges[name]?.max;
    if (classes !== undefined && names.length > classes)
      throw new UserError(
        `${plan.source.path}: '${name}' has ${names.length} labels (${names.join(", ")}), but the model has ${classes} classes`,
      );
  }
}

const WIDTHS = [5, 8, 8, 8, 12, 8];
const row = (cells: readonly string[]) => cells.map((c, i) => c.padStart(WIDTHS[i])).join("  ");
const maybe = (x: number | undefined) => (x === undefined ? "-" : x.toFixed(4));

function epochRow(r: EpochRecord): string {
  return row([
    String(r.epoch + 1),
    r.loss.toFixed(4),
    maybe(r.accuracy),
    maybe(r.valLoss),
    maybe(r.valAccuracy),
    `${r.seconds.toFixed(2)} s`,
  ]);
}
