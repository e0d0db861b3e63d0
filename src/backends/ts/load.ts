/**
 * Running generated TypeScript in this process: the printed kernels and the
 * runtime's numerics transpiled with the TypeScript compiler API, written to
 * a scratch folder laid out as a package is, and imported.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import type { Program } from "../../kernel/ir.js";
import type { RunFn } from "../backend.js";
import { printPrograms } from "./printer.js";

export function transpile(source: string): string {
  return ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
  }).outputText;
}

/** The programs' kernels, imported: each program's `run` by name. */
export async function loadPrograms(programs: readonly Program[]): Promise<Record<string, RunFn>> {
  const dir = mkdtempSync(join(tmpdir(), "weft-programs-"));
  mkdirSync(join(dir, "runtime"));
  const numerics = readFileSync(new URL("../../runtime/numerics.ts", import.meta.url), "utf8");
  writeFileSync(join(dir, "runtime", "numerics.js"), transpile(numerics));
  writeFileSync(join(dir, "kernels.js"), transpile(printPrograms(programs)));
  const module = (await import(pathToFileURL(join(dir, "kernels.js")).href)) as Record<
    string,
    RunFn
  >;
  return Object.fromEntries(programs.map((p) => [p.name, module[`run_${p.name}`]]));
}
