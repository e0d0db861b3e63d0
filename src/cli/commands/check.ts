/** `weft check SPEC`: parse, check and build a spec, and print a summary of the model. */
import type { Command } from "commander";
import { buildModel, type BuiltModel } from "../../layers/build.js";
import { buildTraining } from "../../training/train-step.js";
import { elementsAt, formatType, symbolsOf } from "../../core/types.js";
import { trainRun, type Spec, type Value as ArgValue } from "../../spec/ast.js";
import type { Signature } from "../../core/signature.js";
import { formatValue } from "../../parser/format.js";
import { describeTraining } from "../../training/train-step.js";
import { LOSSES, OPTIMIZERS, SCHEDULES } from "../../training/index.js";
import { DiagnosticError } from "../../core/diagnostics.js";
import { SourceDiagnostics, type CliIO } from "../errors.js";
import { specFile } from "../files.js";
import { limitOption, limitsOf, loadSpec } from "./spec.js";
import type { Limits } from "../../spec/limits.js";

/**
 * Builds a loaded spec's IR — with `training`, `train_step` too when the spec
 * has a train section; shape errors carry the spec's text for code frames.
 */
export function buildLoaded(
  spec: Spec,
  source: string,
  training = false,
  limits?: Limits,
): BuiltModel {
  try {
    return training && spec.train ? buildTraining(spec, { limits }) : buildModel(spec, { limits });
  } catch (e) {
    throw e instanceof DiagnosticError ? new SourceDiagnostics(e, source) : e;
  }
}

export interface ModelSummary {
  readonly model: string;
  readonly inputs: { name: string; type: string }[];
  readonly layers: {
    name: string;
    kind: string;
    inputs: string[];
    outputs: string[];
    params: number;
  }[];
  readonly outputs: { name: string; type: string }[];
  readonly totalParams: number;
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
  /** Elements a training step keeps besides the parameters: the optimizer's state, the step count. */
  readonly trainingState: number;
  readonly symbols: string[];
  readonly training?: {
    loss: string;
    optimizer: string;
    schedule?: string;
    clipGradNorm?: number;
    batchSize: number;
    epochs: number;
  };
  readonly warnings: string[];
}

/** Above these, `weft check` warns: what a WebAssembly package (4 GiB of memory) or a browser tab can hold is near. */
export const SIZE_WARNINGS = { paramBytes: 2 ** 30, activationBytes: 2 ** 30 };

/** A call with every argument, defaults filled in: `adam(lr: 0.001, betas: [0.9, 0.999], …)`. */
function formatCall(signature: Signature, given: ReadonlyMap<string, ArgValue>): string {
  const args = signature.args.map((a) => {
    const value = given.get(a.name) ?? a.default!;
    return a.positional ? formatValue(value, a) : `${a.name}: ${formatValue(value, a)}`;
  });
  return `${signature.name}(${args.join(", ")})`;
}

export function summarize(built: BuiltModel, spec: Spec): ModelSummary {
  const { module } = built;
  const graph = module.graph("forward");
  const types = [...graph.inputs, ...graph.outputs.map((o) => o.value)].map((v) => v.type);
  const params = [...module.params.values()];
  const count = (trainable: boolean) =>
    params
      .filter((p) => p.trainable === trainable)
      .reduce((n, p) => n + elementsAt(p.type.shape, {}), 0);
  const trainable = count(true);
  // Layers' own non-trainable parameters, as the forward graph reads them; dropout's step key is training state.
  const nonTrainable = [...graph.params.keys()]
    .map((name) => module.params.get(name)!)
    .filter((p) => !p.trainable && p.name !== "step")
    .reduce((n, p) => n + elementsAt(p.type.shape, {}), 0);
  const description = spec.train && describeTraining(spec);
  const { batchSize, epochs } = trainRun(spec);
  const warnings: string[] = [];
  const mib = (bytes: number) =>
    `${(bytes / 2 ** 20).toLocaleString("en-US", { maximumFractionDigits: 1 })} MiB`;
  if (4 * trainable > SIZE_WARNINGS.paramBytes)
    warnings.push(
      `${trainable.toLocaleString("en-US")} parameters take ${mib(4 * trainable)} as f32, over the ${mib(SIZE_WARNINGS.paramBytes)} a package can be expected to hold (a WebAssembly memory holds 4 GiB in all)`,
    );
  const largest = [...module.graphs.values()]
    .flatMap((g) => g.ops.flatMap((o) => o.results))
    .reduce<{ bytes: number; name: string }>(
      (top, v) => {
        const bytes = 4 * elementsAt(v.type.shape, { batch: batchSize });
        return bytes > top.bytes ? { bytes, name: `${v.name} ${formatType(v.type)}` } : top;
      },
      { bytes: 0, name: "" },
    );
  if (largest.bytes > SIZE_WARNINGS.activationBytes)
    warnings.push(
      `the value ${largest.name} takes ${mib(largest.bytes)} at batch ${batchSize}, over ${mib(SIZE_WARNINGS.activationBytes)}: a smaller batch_size or smaller layers`,
    );
  return {
    model: module.name,
    inputs: graph.inputs.map((v) => ({ name: v.name, type: formatType(v.type) })),
    layers: built.layers.map(({ name, kind, inputs, outputs, params }) => ({
      name,
      kind,
      inputs: [...inputs],
      outputs: [...outputs],
      params,
    })),
    outputs: graph.outputs.map((o) => ({ name: o.name!, type: formatType(o.value.type) })),
    totalParams: trainable + nonTrainable,
    trainableParams: trainable,
    nonTrainableParams: nonTrainable,
    trainingState: count(false) - nonTrainable,
    symbols: [...new Set(types.flatMap((t) => symbolsOf(t.shape)))],
    ...(description
      ? {
          training: {
            loss: formatCall(LOSSES.get(description.loss.kind)!, description.loss.args),
            optimizer: formatCall(
              OPTIMIZERS.get(description.optimizer.kind)!,
              description.optimizer.args,
            ),
            ...(description.schedule
              ? {
                  schedule: formatCall(
                    SCHEDULES.get(description.schedule.kind)!,
                    description.schedule.args,
                  ),
                }
              : {}),
            ...(description.clipGradNorm !== undefined
              ? { clipGradNorm: description.clipGradNorm }
              : {}),
            batchSize,
            epochs,
          },
        }
      : {}),
    warnings,
  };
}

/** A table in the spirit of Keras' model.summary(), then the totals and the training. */
export function formatSummary(s: ModelSummary): string {
  const rows = [
    ...s.inputs.map((i) => [`${i.name} (input)`, i.type, "0", ""]),
    ...s.layers.map((l) => [
      `${l.name} (${l.kind})`,
      l.outputs.join(", "),
      l.params.toLocaleString("en-US"),
      l.inputs.join(", "),
    ]),
  ];
  const header = ["Layer (kind)", "Output shape", "Params", "Reads"];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join("   ")
      .trimEnd();
  const rule = "─".repeat(widths.reduce((a, b) => a + b, 0) + 9);
  const n = (x: number) => x.toLocaleString("en-US");
  const mib = ((s.totalParams * 4) / 2 ** 20).toFixed(2);
  const t = s.training;
  return [
    `Model: ${s.model}`,
    rule,
    line(header),
    rule,
    ...rows.map(line),
    rule,
    `Total params: ${n(s.totalParams)} (${mib} MiB as f32)`,
    `Trainable params: ${n(s.trainableParams)}`,
    `Non-trainable params: ${n(s.nonTrainableParams)}`,
    `Outputs: ${s.outputs.map((o) => `${o.name} ${o.type}`).join(", ")}`,
    `Symbolic dims: ${s.symbols.join(", ") || "none"}`,
    ...(t
      ? [
          rule,
          `Loss: ${t.loss}`,
          `Optimizer: ${t.optimizer}`,
          ...(t.schedule ? [`Schedule: ${t.schedule}`] : []),
          ...(t.clipGradNorm !== undefined
            ? [`Gradient clipping: global norm ${t.clipGradNorm}`]
            : []),
          `Batch size: ${t.batchSize}, epochs: ${t.epochs}`,
          `Training state: ${n(s.trainingState)} elements (the optimizer's state and hyperparameters, the step count)`,
        ]
      : []),
    ...s.warnings.map((w) => `warning: ${w}`),
    "",
  ].join("\n");
}

export function registerCheckCommand(
  program: Command,
  io: CliIO,
  run: (action: () => void) => void,
): void {
  const command = program
    .command("check")
    .description(
      "check a spec and print a summary of its model: layers, what they read, output shapes, parameter counts, training",
    )
    .argument("<spec>", "a spec file (.weft, .yaml) or a folder holding model.weft")
    .option("--json", "print the summary as JSON");
  limitOption(command).action((file: string, options: { json?: boolean; limit?: string[] }) =>
    run(() => {
      const limits = limitsOf(options);
      const { spec, source } = loadSpec(specFile(file), limits);
      const summary = summarize(buildLoaded(spec, source, true, limits), spec);
      io.stdout(options.json ? JSON.stringify(summary, null, 2) + "\n" : formatSummary(summary));
    }),
  );
}
