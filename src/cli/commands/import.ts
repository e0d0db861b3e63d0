/**
 * `weft import model.onnx --out DIR`: an ONNX model (as torch.onnx.export
 * writes it) as DIR/model.weft and DIR/weights.safetensors, its initializers
 * under the PyTorch names the spec's layers declare. The spec written is
 * parsed and built again here, and the weights checked against it, so what
 * `weft compile` reads next is known to fit.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { DiagnosticError } from "../../core/diagnostics.js";
import { checkWeightsFile } from "../../ir/initializers.js";
import { buildModel } from "../../layers/build.js";
import { importOnnx } from "../../onnx/import.js";
import { parseSpec } from "../../parser/index.js";
import { writeSafetensors } from "../../runtime/model.js";
import { SourceDiagnostics, UserError, type CliIO } from "../errors.js";
import { writePackageFiles } from "../files.js";

interface ImportOptions {
  out: string;
  name?: string;
  force?: boolean;
}

export function registerImportCommand(
  program: Command,
  io: CliIO,
  run: (action: () => Promise<void>) => void,
): void {
  program
    .command("import")
    .description(
      "read an ONNX model into a spec (model.weft) and its weights (weights.safetensors)",
    )
    .argument("<model>", "an .onnx file (opset 13 to 17, as torch.onnx.export writes it)")
    .requiredOption("-o, --out <dir>", "the folder to write model.weft and weights.safetensors to")
    .option("--name <name>", "the model's name in the spec", "Imported")
    .option("--force", "write into --out even if it holds files weft did not write")
    .action((file: string, options: ImportOptions) => run(() => importCommand(file, options, io)));
}

async function importCommand(file: string, options: ImportOptions, io: CliIO): Promise<void> {
  if (!existsSync(file)) throw new UserError(`${file}: no such file`);
  if (!/^[A-Za-z_]\w*$/.test(options.name ?? ""))
    throw new UserError(`--name takes an identifier (letters, digits, _), not '${options.name}'`);
  let imported;
  try {
    imported = importOnnx(readFileSync(file), file, options.name);
  } catch (e) {
    throw e instanceof DiagnosticError ? new SourceDiagnostics(e, "") : e;
  }
  const weights = writeSafetensors(imported.weights.map((w) => ({ ...w, shape: [...w.shape] })));
  // What was written must read back: a failure here is Weft's bug, not the file's.
  const spec = parseSpec(imported.spec, join(options.out, "model.weft"));
  const { module } = buildModel(spec);
  checkWeightsFile(module, weights, "the imported weights");
  const written = writePackageFiles(
    options.out,
    [
      { path: "model.weft", contents: imported.spec },
      { path: "weights.safetensors", contents: weights },
    ],
    options.force,
  );
  for (const f of written)
    io.stdout(`${join(options.out, f.path)} (${f.bytes.toLocaleString("en-US")} bytes)\n`);
  const read = [...imported.converted].map(([op, n]) => `${op} ×${n}`).join(", ");
  io.stdout(`read: ${read}\n`);
  io.stdout(
    `compile it: weft compile ${join(options.out, "model.weft")} --out PKG --weights ${join(options.out, "weights.safetensors")}\n`,
  );
}
