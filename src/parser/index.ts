/** Reading a spec: `.weft` or YAML text to the Spec AST, by the file's extension. */
import type { Spec } from "../spec/ast.js";
import { parseWeftSurface } from "./dsl.js";
import { resolveSpec } from "./resolve.js";
import { parseYamlSurface } from "./yaml.js";
import { DEFAULT_LIMITS, type Limits } from "../spec/limits.js";

export type SpecSyntax = "weft" | "yaml";

export function syntaxOf(file: string): SpecSyntax | undefined {
  if (/\.weft$/i.test(file)) return "weft";
  if (/\.ya?ml$/i.test(file)) return "yaml";
  return undefined;
}

/** Parses and checks a spec; throws a DiagnosticError with every problem found. */
export function parseSpec(
  text: string,
  file: string,
  syntax: SpecSyntax = syntaxOf(file) ?? "weft",
  limits: Limits = DEFAULT_LIMITS,
): Spec {
  const surface =
    syntax === "yaml" ? parseYamlSurface(text, file, limits) : parseWeftSurface(text, file, limits);
  return resolveSpec(surface, file);
}
