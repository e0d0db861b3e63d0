/** `weft check SPEC`: parse, check and build a spec, and print a summary of the model. */
import type { Command } from "commander";
import { buildModel, type BuiltModel } from "../../layers/build.js";
import { buildTraining } from "../../training/train-step.js";
import { formatType, symbolsOf } from "../../core/types.js";
import type { Spec } from "../../spec/ast.js";
import { DiagnosticError } from "../../core/diagnostics.js";
import { SourceDiagnostics, type CliIO } from "../errors.js";
import { loadSpec } from "./spec.js";

/**
 * Builds a loaded spec's IR — with `training`, `train_step` too when the spec
 * has a train section; shape errors carry the spec's text for code frames.
 */
export function buildLoaded(spec: Spec, source: string, training = false): BuiltModel {
  try {
    return training && spec.train ? buildTraining(spec) : buildModel(spec);
  } catch (e) {
    throw e instanceof DiagnosticError ? new SourceDiagnostics(e, source) : e;
  }
}

export interface ModelSummary {
  readonly model: string;
  readonly inputs: { name: string; type: string }[];
  readonly layers: { name: string; kind: string; outputs: string[]; params: number }[];
  readonly outputs: { name: string; type: string }[];
  readonly totalParams: number;
  readonly symbols: string[];
}

export function summarize(built: BuiltModel): ModelSummary {
  const graph = built.module.graph("forward");
  const types = [...graph.inputs, ...graph.outputs.map((o) => o.value)].map((v) => v.type);
  return {
    model: built.module.name,
    inputs: graph.inputs.map((v) => ({ name: v.name, type: formatType(v.type) })),
    layers: built.layers.map(({ name, kind, outputs, params }) => ({
      name,
      kind,
      outputs: [...outputs],
      params,
    })),
    outputs: graph.outputs.map((o) => ({ name: o.name!, type: formatType(o.value.type) })),
    totalParams: [...built.module.params.values()]
      .filter((p) => p.trainable)
      .reduce((n, p) => n + p.type.shape.reduce<number>((a, d) => a * (d as number), 1), 0),
    symbols: [...new Set(types.flatMap((t) => symbolsOf(t.shape)))],
  };
}

/** A table in the spirit of Keras' model.summary(). */
export function formatSummary(s: ModelSummary): string {
  const rows = [
    ...s.inputs.map((i) => [`${i.name} (input)`, i.type, "0"]),
    ...s.layers.map((l) => [
      `${l.name} (${l.kind})`,
      l.outputs.join(", "),
      l.params.toLocaleString("en-US"),
    ]),
  ];
  const header = ["Layer (kind)", "Output shape", "Params"];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join("   ")
      .trimEnd();
  const rule = "─".repeat(widths.reduce((a, b) => a + b, 0) + 6);
  const mib = ((s.totalParams * 4) / 2 ** 20).toFixed(2);
  return [
    `Model: ${s.model}`,
    rule,
    line(header),
    rule,
    ...rows.map(line),
    rule,
    `Total params: ${s.totalParams.toLocaleString("en-US")} (${mib} MiB as f32)`,
    `Outputs: ${s.outputs.map((o) => `${o.name} ${o.type}`).join(", ")}`,
    `Symbolic dims: ${s.symbols.join(", ") || "none"}`,
    "",
  ].join("\n");
}

export function registerCheckCommand(
  program: Command,
  io: CliIO,
  run: (action: () => void) => void,
): void {
  program
    .command("check")
    .description(
      "check a spec and print a summary of its model: layers, output shapes, parameter counts",
    )
    .argument("<spec>", "a spec file (.weft, .yaml)")
    .option("--json", "print the summary as JSON")
    .action((file: string, options: { json?: boolean }) =>
      run(() => {
        const { spec, source } = loadSpec(file);
        const summary = summarize(buildLoaded(spec, source, true));
        io.stdout(options.json ? JSON.stringify(summary, null, 2) + "\n" : formatSummary(summary));
      }),
    );
}
