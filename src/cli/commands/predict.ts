/**
 * `weft predict DIR`: a package's model (its weights.safetensors) on text
 * (`--text`, for a model with a tokenizer: each label with its probability)
 * or on inputs from a JSON file (`--input`: an object of arrays of numbers
 * by input name; the outputs printed as JSON).
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import type { Manifest, Model, TextPrediction } from "../../runtime/model.js";
import { UserError, type CliIO } from "../errors.js";
import { readSource } from "../files.js";

interface PackageExports {
  readonly manifest: Manifest;
  createModel(options: { weights?: Uint8Array }): Model<Record<string, unknown>, object, object>;
}

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
          const predictions = model.predictText(options.text);
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
        const outputs = model.predict(inputs) as Record<string, Float32Array | Int32Array>;
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

/** The package's model with its trained weights (or its initial ones where it has none). */
async function loadPackage(
  dir: string,
): Promise<{ model: Model<Record<string, unknown>, object, object>; manifest: Manifest }> {
  const index = join(dir, "index.js");
  if (!existsSync(index))
    throw new UserError(`${dir}: not a package folder (no index.js); write one with weft train`);
  const pkg = (await import(pathToFileURL(resolve(index)).href)) as PackageExports;
  const weightsFile = join(dir, "weights.safetensors");
  const weights = existsSync(weightsFile) ? readFileSync(weightsFile) : undefined;
  try {
    return { model: pkg.createModel(weights ? { weights } : {}), manifest: pkg.manifest };
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
