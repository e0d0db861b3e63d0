/**
 * The pass manager: the passes each optimization level runs, in order, with
 * the verifier after each when asked, the IR printed after a pass when asked,
 * and the time each took.
 *
 *   -O0  nothing
 *   -O1  simplify
 *   -O2  simplify, then a fused lowering (the default; see src/backends/lower.ts)
 *
 * Shape inference and autodiff run while a spec is built into IR; the passes
 * here rewrite a built module.
 */
import type { Module } from "../ir/graph.js";
import { printModule } from "../ir/printer.js";
import { verifyModule } from "../ir/verifier.js";
import { DiagnosticError } from "../parser/diagnostics.js";
import { simplify, SIMPLIFY } from "./simplify.js";

export interface Pass {
  readonly name: string;
  readonly summary: string;
  /** Rewrites the module; returns statistics by name. */
  run(module: Module): Readonly<Record<string, number>>;
}

export const PASSES: readonly Pass[] = [{ ...SIMPLIFY, run: (m) => ({ ...simplify(m) }) }];

export type OptLevel = 0 | 1 | 2;

export function pipeline(level: OptLevel): Pass[] {
  const byName = (name: string) => PASSES.find((p) => p.name === name)!;
  return level === 0 ? [] : [byName("simplify")];
}

export interface PipelineOptions {
  /** Run the verifier after every pass (tests always do). */
  readonly verifyEach?: boolean;
  /** Called with the IR text after each pass this returns true for. */
  readonly printAfter?: (pass: string) => boolean;
  readonly print?: (pass: string, text: string) => void;
}

export interface PassReport {
  readonly pass: string;
  readonly ms: number;
  readonly stats: Readonly<Record<string, number>>;
}

export function runPipeline(
  module: Module,
  passes: readonly Pass[],
  options: PipelineOptions = {},
): PassReport[] {
  return passes.map((pass) => {
    const start = performance.now();
    const stats = pass.run(module);
    const ms = performance.now() - start;
    if (options.verifyEach) {
      const problems = verifyModule(module);
      if (problems.length) throw new DiagnosticError(problems);
    }
    if (options.printAfter?.(pass.name)) options.print?.(pass.name, printModule(module));
    return { pass: pass.name, ms, stats };
  });
}
