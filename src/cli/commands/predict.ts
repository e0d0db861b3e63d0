/**
 * The commands that use a package `weft train` wrote: `weft predict DIR`
 * runs its model on text (`--text`, a model with a tokenizer: each label
 * with its probability) or on inputs from a JSON file (`--input`: arrays of
 * numbers by input name; the outputs as JSON); `weft eval DIR --data FILE`
 * gives its loss and metrics on more data, encoded with its vocabulary;
 * `weft sample DIR --prompt TEXT` continues a prompt with a next-token
 * model, token by token.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import type { Manifest, Model, TextPrediction } from "../../runtime/model.js";
import type { Vocabulary } from "../../runtime/text.js";
import { asDataset, loadExamples } from "../../data/dataset.js";
import { sourceForFile } from "../../data/records.js";
import { integerFlag, UserError, type CliIO } from "../errors.js";
import { readSource } from "../files.js";
import { findBackend } from "../../backends/index.js";
import { requireNodeDevice } from "../../backends/wgsl/device.js";

interface PackageExports {
  readonly manifest: Manifest;
  /** A device's package (WebGPU) resolves to its model, whose calls resolve to their results. */
  createModel(options: { weights?: Uint8Array; device?: GPUDevice }): AnyModel | Promise<AnyModel>;
}

type AnyModel = Model<Record<string, unknown>, object, object>;

export function registerPredictCommand(
  program: Command,
  io: CliIO,
  run: (action: () => Promise<void>) => void,
): void {
  program
    .command("predict")
    .description("run a package's model on text or on inputs from a JSON file")
    .argument("<dir>", "a package folder (as weft train or weft compile writes it)")
    .option("--text <text...>", "texts to classify (a model with a tokenizer)")
    .option("--input <file>", "a JSON file of inputs: { name: [numbers], ... }")
    .option("--json", "print the predictions as JSON")
    .action((dir: string, options: { text?: string[]; input?: string; json?: boolean }) =>
      run(async () => {
        if (!options.text === !options.input)
          throw new UserError("give --text TEXT... or --input FILE (one of them)");
        const { model, manifest } = await loadPackage(dir);
        if (options.text) {
          let predictions: TextPrediction[];
          try {
            predictions = await model.predictText(options.text);
          } catch (e) {
            throw new UserError((e as Error).message);
          }
          io.stdout(
            options.json
              ? JSON.stringify(predictions, null, 2) + "\n"
              : predictions.map((p, i) => textLine(options.text![i], p)).join("\n") + "\n",
          );
          return;
        }
        let given: unknown;
        try {
          given = JSON.parse(readSource(options.input!));
        } catch (e) {
          if (e instanceof UserError) throw e;
          throw new UserError(`${options.input}: not JSON: ${(e as Error).message}`);
        }
        const inputs = typedInputs(given, manifest, options.input!);
        const outputs = (await model.predict(inputs)) as Record<string, Float32Array | Int32Array>;
        io.stdout(
          JSON.stringify(
            Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, Array.from(v)])),
            null,
            options.json ? 2 : undefined,
          ) + "\n",
        );
      }),
    );
}

export function registerEvalCommand(
  program: Command,
  io: CliIO,
  run: (action: () => Promise<void>) => void,
): void {
  program
    .command("eval")
    .description("a trained package's loss and metrics on data, encoded with its vocabulary")
    .argument("<dir>", "a package folder written by weft train")
    .requiredOption(
      "--data <file>",
      "the data: .jsonl, .csv, .tsv, .txt (a corpus) or .mjs (a module), with the fields training read",
    )
    .option("--batch-size <n>", "examples per batch", "64")
    .action((dir: string, options: { data: string; batchSize: string }) =>
      run(async () => {
        const batchSize = integerFlag(options.batchSize, "--batch-size")!;
        const { model, manifest } = await loadPackage(dir);
        const vocabulary: Vocabulary = model.vocabulary ?? { format: 1 };
        const input = manifest.text?.input;
        if (input && !vocabulary.tokenizer)
          throw new UserError(`${dir}: the package has no vocab.json; train it with weft train`);
        const examples = await loadExamples(
          {
            source: sourceForFile(options.data),
            inputs: manifest.inputs,
            targets: manifest.targets,
            tokenizer:
              input && vocabulary.tokenizer
                ? { config: vocabulary.tokenizer, field: vocabulary.field ?? "text", input }
                : undefined,
            split: [1, 0, 0],
            seed: 0,
          },
          vocabulary,
        );
        const result = await model.evaluate(asDataset(examples, batchSize), { batchSize });
        io.stdout(
          `${options.data}: loss ${result.loss.toFixed(4)}${result.accuracy !== undefined ? `, accuracy ${result.accuracy.toFixed(4)}` : ""} (${examples.count} examples)\n`,
        );
      }),
    );
}

export function registerSampleCommand(
  program: Command,
  io: CliIO,
  run: (action: () => Promise<void>) => void,
): void {
  program
    .command("sample")
    .description("continue a prompt with a trained next-token model")
    .argument("<dir>", "a package folder written by weft train")
    .option("--prompt <text>", "the text to continue", "")
    .option("--max-tokens <n>", "tokens to add", "200")
    .option("--temperature <t>", "below 1 sharper, above 1 flatter; 0 takes the most likely", "1")
    .option("--top-k <k>", "sample among the k most likely tokens only")
    .option("--seed <n>", "seeds the sampling", "0")
    .action(
      (
        dir: string,
        options: {
          prompt: string;
          maxTokens: string;
          temperature: string;
          topK?: string;
          seed: string;
        },
      ) =>
        run(async () => {
          const { model } = await loadPackage(dir);
          let text: string;
          try {
            text = await model.generate(options.prompt, {
              maxTokens: Number(options.maxTokens),
              temperature: Number(options.temperature),
              ...(options.topK === undefined ? {} : { topK: Number(options.topK) }),
              seed: Number(options.seed),
            });
          } catch (e) {
            throw new UserError((e as Error).message);
          }
          const joiner = model.vocabulary?.tokenizer?.kind === "words" && options.prompt ? " " : "";
          io.stdout(`${options.prompt}${joiner}${text}\n`);
        }),
    );
}

/** The package's model with its trained weights (or its initial ones where it has none). */
async function loadPackage(dir: string): Promise<{ model: AnyModel; manifest: Manifest }> {
  const index = join(dir, "index.js");
  if (!existsSync(index))
    throw new UserError(`${dir}: not a package folder (no index.js); write one with weft train`);
  const pkg = (await import(pathToFileURL(resolve(index)).href)) as PackageExports;
  const weightsFile = join(dir, "weights.safetensors");
  const weights = existsSync(weightsFile) ? readFileSync(weightsFile) : undefined;
  // A WebGPU package runs here on Dawn's device (the webgpu package), where there is one.
  let device: { device?: GPUDevice } = {};
  if (findBackend(pkg.manifest.target)?.device) {
    try {
      device = { device: await requireNodeDevice() };
    } catch (e) {
      throw new UserError(`${dir}: ${(e as Error).message}`);
    }
  }
  try {
    const model = await pkg.createModel({ ...device, ...(weights ? { weights } : {}) });
    return { model, manifest: pkg.manifest };
  } catch (e) {
    throw new UserError(`${weightsFile}: ${(e as Error).message}`);
  }
}

function textLine(text: string, p: TextPrediction): string {
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  const ranked = Object.entries(p.probabilities).sort((a, b) => b[1] - a[1]);
  return `${ranked.map(([l, x]) => `${l} ${x.toFixed(4)}`).join(", ")}  ${JSON.stringify(shown)}`;
}

/** JSON arrays as the typed arrays the model's inputs take (the model checks their shapes). */
function typedInputs(
  given: unknown,
  manifest: Manifest,
  file: string,
): Record<string, Float32Array | Int32Array> {
  if (typeof given !== "object" || given === null || Array.isArray(given))
    throw new UserError(`${file}: expected an object of inputs by name, such as {"x": [1, 2]}`);
  return Object.fromEntries(
    Object.entries(given).map(([name, value]) => {
      const input = manifest.inputs.find((i) => i.name === name);
      if (!input)
        throw new UserError(
          `${file}: the model has no input '${name}' (inputs: ${manifest.inputs.map((i) => i.name).join(", ")})`,
        );
      const flat = Array.isArray(value) ? (value as unknown[]).flat(Infinity) : [value];
      if (!flat.every((x) => typeof x === "number"))
        throw new UserError(`${file}: input '${name}' must be numbers`);
      const numbers = flat as number[];
      return [name, input.dtype === "i32" ? Int32Array.from(numbers) : Float32Array.from(numbers)];
    }),
  );
}
