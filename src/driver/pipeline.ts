/**
 * The pass manager: every pass of the compiler, graph and kernel level, as a
 * named unit, and the runner of a target's pipeline (src/backends: a list of
 * pass names with options per optimization level).
 *
 * A compilation starts as a module of the graph IR (and what training it
 * asks for); graph passes rewrite the module, `fuse` records the kernel
 * grouping, `lower` turns every graph into a kernel-IR program, and kernel
 * passes rewrite the programs, `plan` last. After any pass the runner can
 * verify (the graph IR's verifier before lowering, the kernel IR's after) and
 * print what the pass produced, and it times each.
 */
import { MERGE_KERNELS, mergeKernels } from "../kernel/merge-kernels.js";
import { FORWARD_COPIES, forwardCopies } from "../kernel/forward-copies.js";
import type { Module } from "../ir/graph.js";
import { printGraph, printModule } from "../ir/printer.js";
import { verifyModule } from "../ir/verifier.js";
import { DiagnosticError, type Diagnostic } from "../core/diagnostics.js";
import type { Program } from "../kernel/ir.js";
import { printPrograms } from "../kernel/text.js";
import { verifyProgram } from "../kernel/verify.js";
import {
  splitAccumulators,
  SPLIT_ACCUMULATORS,
  type SplitOptions,
} from "../kernel/accumulators.js";
import {
  blockContractions,
  BLOCK_CONTRACTIONS,
  type BlockOptions,
} from "../kernel/block-contractions.js";
import { IN_PLACE, updateInPlace } from "../kernel/in-place.js";
import {
  MEMORY_PLAN,
  planMemory,
  planWithoutReuse,
  printMemoryPlan,
  type MemoryPlan,
} from "../kernel/memory.js";
import { inferShapes, SHAPE_INFERENCE } from "../passes/shape-inference.js";
import { simplify, SIMPLIFY } from "../passes/simplify.js";
import { FUSE, fuseModule, printFusion, type Fusion, type FusionOptions } from "../passes/fuse.js";
import { LOWER, lowerGraph } from "../passes/lower.js";
import {
  appendOptimizerStep,
  AUTODIFF_PASS,
  type TrainingDescription,
} from "../training/train-step.js";
import type { Backend, OptLevel, Pipeline } from "../backends/backend.js";

/** What a pipeline works on; each pass reads and sets its part. */
export interface Compilation {
  readonly module: Module;
  /** What the autodiff pass builds the training step from; absent for a module that only predicts. */
  training?: TrainingDescription;
  fusion?: Fusion;
  /** One per graph of the module, in its order, once lowered. */
  programs?: Program[];
  /** One per program, once planned. */
  plans?: MemoryPlan[];
}

export type PassLevel = "graph" | "kernel";

export interface Pass {
  readonly name: string;
  readonly level: PassLevel;
  readonly summary: string;
  /** Runs the pass with its options; returns statistics by name. */
  run(c: Compilation, options: Readonly<Record<string, unknown>>): Readonly<Record<string, number>>;
  /** What the pass produced, as text, for --print-after: of one graph (or its program), or of all. */
  print(c: Compilation, graph?: string): string;
}

const programsOf = (c: Compilation, pass: string): Program[] => {
  if (!c.programs) throw new Error(`internal: ${pass} runs on kernel IR; lower first`);
  return c.programs;
};

const graphPass = (
  info: { name: string; summary: string },
  run: (c: Compilation) => Readonly<Record<string, number>>,
): Pass => ({
  ...info,
  level: "graph",
  run,
  print: (c, graph) =>
    graph === undefined ? printModule(c.module) : printGraph(c.module.graph(graph)) + "\n",
});

/** The programs a kernel pass prints: all, or the one of a graph. */
const programsFor = (c: Compilation, pass: string, graph?: string): Program[] =>
  programsOf(c, pass).filter((p) => graph === undefined || p.name === graph);

/** A kernel pass that rewrites each program on its own. */
const programPass = (
  info: { name: string; summary: string },
  rewrite: (p: Program, options: Readonly<Record<string, unknown>>) => Program,
): Pass => ({
  ...info,
  level: "kernel",
  run: (c, options) => {
    c.programs = programsOf(c, info.name).map((p) => rewrite(p, options));
    return {};
  },
  print: (c, graph) => printPrograms(programsFor(c, info.name, graph)),
});

export const PASSES: readonly Pass[] = [
  graphPass(SHAPE_INFERENCE, (c) => {
    const problems = inferShapes(c.module);
    if (problems.length) throw new DiagnosticError(problems);
    return {};
  }),
  graphPass(AUTODIFF_PASS, (c): Record<string, number> => {
    if (!c.training) return {};
    const before = c.module.graphs.get("train_step")?.ops.length ?? 0;
    appendOptimizerStep(c.module, c.training);
    c.training = undefined;
    return { ops: c.module.graph("train_step").ops.length - before };
  }),
  graphPass(SIMPLIFY, (c) => ({ ...simplify(c.module) })),
  {
    ...FUSE,
    level: "graph",
    run: (c, options) => {
      const fusion = fuseModule(c.module, options as FusionOptions);
      c.fusion = fusion;
      return { fused: [...fusion.values()].reduce((n, ops) => n + ops.size, 0) };
    },
    print: (c, graph) => printFusion(c.module, c.fusion ?? new Map(), graph) + "\n",
  },
  {
    ...LOWER,
    level: "kernel",
    run: (c) => {
      c.programs = [...c.module.graphs.keys()].map((g) => lowerGraph(c.module, g, c.fusion));
      return {};
    },
    print: (c, graph) => printPrograms(programsFor(c, LOWER.name, graph)),
  },
  programPass(BLOCK_CONTRACTIONS, (p, options) =>
    blockContractions(p, options as unknown as BlockOptions),
  ),
  programPass(SPLIT_ACCUMULATORS, (p, options) =>
    splitAccumulators(p, options as unknown as SplitOptions),
  ),
  {
    ...MERGE_KERNELS,
    level: "kernel",
    run: (c) => {
      let merged = 0;
      c.programs = programsOf(c, MERGE_KERNELS.name).map((p) => {
        const result = mergeKernels(p);
        merged += result.merged;
        return result.program;
      });
      return { merged };
    },
    print: (c, graph) => printPrograms(programsFor(c, MERGE_KERNELS.name, graph)),
  },
  {
    ...FORWARD_COPIES,
    level: "kernel",
    run: (c) => {
      let forwarded = 0;
      c.programs = programsOf(c, FORWARD_COPIES.name).map((p) => {
        const result = forwardCopies(p);
        forwarded += result.forwarded;
        return result.program;
      });
      return { forwarded };
    },
    print: (c, graph) => printPrograms(programsFor(c, FORWARD_COPIES.name, graph)),
  },
  programPass(IN_PLACE, updateInPlace),
  {
    ...MEMORY_PLAN,
    level: "kernel",
    run: (c, options) => {
      const plan = options.reuse ? planMemory : planWithoutReuse;
      c.plans = programsOf(c, MEMORY_PLAN.name).map(plan);
      return { buffers: c.plans.reduce((n, p) => n + p.buffers, 0) };
    },
    print: (c, graph) =>
      programsOf(c, MEMORY_PLAN.name)
        .flatMap((p, i) =>
          graph === undefined || p.name === graph ? [printMemoryPlan(p, c.plans![i])] : [],
        )
        .join("\n\n") + "\n",
  },
];

export function findPass(name: string): Pass | undefined {
  return PASSES.find((p) => p.name === name);
}

export interface PipelineOptions {
  /** Run the verifier after every pass (tests always do). */
  readonly verifyEach?: boolean;
  /** Called with what a pass produced, as text, after each pass this returns true for. */
  readonly printAfter?: (pass: string) => boolean;
  readonly print?: (pass: string, text: string) => void;
  /** Print only this graph, or its program. */
  readonly graph?: string;
  /** Stop after this pass. */
  readonly until?: string;
}

export interface PassReport {
  readonly pass: string;
  readonly level: PassLevel;
  readonly ms: number;
  readonly stats: Readonly<Record<string, number>>;
}

/** The problems of a compilation: the graph IR's before lowering, the kernel IR's after. */
export function verifyCompilation(c: Compilation): Diagnostic[] {
  return c.programs ? c.programs.flatMap(verifyProgram) : verifyModule(c.module);
}

export function runPipeline(
  c: Compilation,
  pipeline: Pipeline,
  options: PipelineOptions = {},
): PassReport[] {
  const reports: PassReport[] = [];
  for (const step of pipeline) {
    const pass = findPass(step.pass);
    if (!pass) throw new Error(`internal: no pass '${step.pass}'`);
    const start = performance.now();
    const stats = pass.run(c, step.options ?? {});
    const ms = performance.now() - start;
    if (options.verifyEach) {
      const problems = verifyCompilation(c);
      if (problems.length) throw new DiagnosticError(problems);
    }
    if (options.printAfter?.(pass.name)) options.print?.(pass.name, pass.print(c, options.graph));
    reports.push({ pass: pass.name, level: pass.level, ms, stats });
    if (step.pass === options.until) break;
  }
  return reports;
}

/** A target's pipeline at a level, up to (not including) its first kernel pass: the graph passes. */
export function graphPipeline(backend: Backend, level: OptLevel): Pipeline {
  const pipeline = backend.pipelines[level];
  const first = pipeline.findIndex((s) => findPass(s.pass)?.level === "kernel");
  return first < 0 ? pipeline : pipeline.slice(0, first);
}
