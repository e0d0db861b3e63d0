/**
 * `weft graph SPEC`: the model as a diagram — its layers, the ops of a graph
 * after a pass, or a program's kernel schedule — as Mermaid, DOT or SVG.
 */
import type { Command } from "commander";
import { DiagnosticError } from "../../core/diagnostics.js";
import { trainRun, type Spec } from "../../spec/ast.js";
import { specCompilation } from "../../driver/compile.js";
import { graphPipeline, runPipeline } from "../../driver/pipeline.js";
import { BACKENDS, findBackend } from "../../backends/index.js";
import type { OptLevel } from "../../backends/backend.js";
import { planMemory } from "../../kernel/memory.js";
import { toDot, toMermaid, toSvg, type Diagram } from "../../diagram/diagram.js";
import { layerDiagram } from "../../diagram/layers.js";
import { kernelDiagram, opDiagram } from "../../diagram/ops.js";
import { integerFlag, SourceDiagnostics, UserError, type CliIO } from "../errors.js";
import { specFile, writeFile } from "../files.js";
import { loadSpec } from "./spec.js";

const LEVELS = ["layers", "ops", "kernels"] as const;
const FORMATS = ["mermaid", "dot", "svg"] as const;
type Format = (typeof FORMATS)[number];

interface GraphOptions {
  level: string;
  format?: string;
  out?: string;
  collapse?: boolean;
  graph: string;
  after?: string;
  opt: string;
  target: string;
  batch?: string;
}

export function registerGraphCommand(
  program: Command,
  io: CliIO,
  run: (action: () => Promise<void>) => void,
): void {
  program
    .command("graph")
    .description("draw the model: its layers, a graph's ops after a pass, or its kernel schedule")
    .argument("<spec>", "a spec file (.weft, .yaml) or a folder holding model.weft")
    .option("--level <level>", `what to draw: ${LEVELS.join(", ")}`, "layers")
    .option(
      "--format <format>",
      `${FORMATS.join(", ")} (default: from --out's extension, .mmd, .dot or .svg; else mermaid)`,
    )
    .option("-o, --out <file>", "write the diagram here instead of to standard output")
    .option("--collapse", "layers: draw each block instance as one node")
    .option("-g, --graph <name>", "ops and kernels: the graph (or its program)", "forward")
    .option(
      "--after <pass>",
      "ops: the graph as this pass left it (default: after every graph pass)",
    )
    .option("-O, --opt <level>", "ops and kernels: the pipeline of this optimization level", "2")
    .option(
      "--target <target>",
      "ops and kernels: the backend whose pipeline runs",
      BACKENDS[0].name,
    )
    .option(
      "--batch <n>",
      "kernels: the batch size buffer bytes are given at (default: the spec's)",
    )
    .action((path: string, options: GraphOptions) => run(() => graph(path, options, io)));
}

function formatOf(options: GraphOptions): Format {
  if (options.format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(options.format))
      throw new UserError(`--format takes ${FORMATS.join(", ")}, not '${options.format}'`);
    return options.format as Format;
  }
  const ext = options.out?.match(/\.(\w+)$/)?.[1]?.toLowerCase();
  return ext === "svg" ? "svg" : ext === "dot" || ext === "gv" ? "dot" : "mermaid";
}

async function graph(path: string, options: GraphOptions, io: CliIO): Promise<void> {
  if (!(LEVELS as readonly string[]).includes(options.level))
    throw new UserError(`--level takes ${LEVELS.join(", ")}, not '${options.level}'`);
  const format = formatOf(options);
  const { spec, source } = loadSpec(specFile(path));
  let diagram: Diagram;
  try {
    diagram =
      options.level === "layers"
        ? layerDiagram(spec, { collapse: options.collapse })
        : compiledDiagram(spec, options);
  } catch (e) {
    throw e instanceof DiagnosticError ? new SourceDiagnostics(e, source) : e;
  }
  const text =
    format === "svg"
      ? await toSvg(diagram)
      : format === "dot"
        ? toDot(diagram)
        : toMermaid(diagram);
  if (options.out) writeFile(options.out, text);
  else io.stdout(text);
}

/** The op or kernel diagram of a graph, after the target's pipeline (to --after, for ops). */
function compiledDiagram(spec: Spec, options: GraphOptions): Diagram {
  const backend = findBackend(options.target);
  if (!backend)
    throw new UserError(
      `unknown target '${options.target}' (targets: ${BACKENDS.map((b) => b.name).join(", ")})`,
    );
  const level = integerFlag(options.opt, "-O", 0);
  if (level === undefined || level > 2)
    throw new UserError(`-O takes 0, 1 or 2, not '${options.opt}'`);
  const compilation = specCompilation(spec);
  const kernels = options.level === "kernels";
  let pipeline = kernels
    ? backend.pipelines[level as OptLevel]
    : graphPipeline(backend, level as OptLevel);
  if (options.after !== undefined) {
    if (kernels) throw new UserError("--after draws ops: give --level ops");
    const at = pipeline.findIndex((s) => s.pass === options.after);
    if (at < 0)
      throw new UserError(
        `${options.after} is not a graph pass of -O${level} for target ${backend.name} (its passes: ${pipeline.map((s) => s.pass).join(", ")})`,
      );
    pipeline = pipeline.slice(0, at + 1);
  }
  runPipeline(compilation, pipeline);
  const { module } = compilation;
  if (!module.graphs.has(options.graph))
    throw new UserError(
      `the model has no graph '${options.graph}' (graphs: ${[...module.graphs.keys()].join(", ")})`,
    );
  const after = options.after ?? "the graph passes";
  const title = `${module.name}: @${options.graph}`;
  if (!kernels)
    return opDiagram(module.graph(options.graph), `${title} after ${after}`, compilation.fusion);
  const index = compilation.programs!.findIndex((p) => p.name === options.graph);
  const program = compilation.programs![index];
  const batch = integerFlag(options.batch, "--batch", 1) ?? trainRun(spec).batchSize;
  return kernelDiagram(
    program,
    compilation.plans?.[index] ?? planMemory(program),
    `${title} kernels`,
    {
      batch,
    },
  );
}
