/** Compiling in tests: a module through a backend's real pipeline, verified after every pass. */
import type { Backend, OptLevel } from "../../src/backends/backend.js";
import { TS_BACKEND } from "../../src/backends/ts/index.js";
import { specCompilation } from "../../src/driver/compile.js";
import { graphPipeline, runPipeline, type Compilation } from "../../src/driver/pipeline.js";
import { runProgram } from "../../src/driver/run.js";
import type { Module } from "../../src/ir/graph.js";
import type { Feeds, RunResult } from "../../src/ir/interpreter.js";
import type { Program } from "../../src/kernel/ir.js";
import { parseSpec } from "../../src/parser/index.js";

/** A compilation run through `backend`'s pipeline at `level`, verified after every pass. */
export function compiled(
  start: Compilation,
  level: OptLevel,
  backend: Backend = TS_BACKEND,
): Compilation {
  runPipeline(start, backend.pipelines[level], { verifyEach: true });
  return start;
}

/** A spec's module with its graph passes at -O0 run (the training step built): what the interpreter runs. */
export function referenceModule(start: Compilation): Module {
  runPipeline(start, graphPipeline(TS_BACKEND, 0), { verifyEach: true });
  return start.module;
}

export const specStart = (text: string, file = "m.weft"): Compilation =>
  specCompilation(parseSpec(text, file));

export function programOf(c: Compilation, graph: string): Program {
  const program = c.programs?.find((p) => p.name === graph);
  if (!program) throw new Error(`no program @${graph}`);
  return program;
}

/** A program printed, loaded and run by a backend on tensors. */
export async function runOn(backend: Backend, program: Program, feeds: Feeds): Promise<RunResult> {
  const runs = await backend.load([program]);
  return runProgram(program, runs[program.name], feeds);
}
