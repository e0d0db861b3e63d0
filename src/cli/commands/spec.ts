/** `weft fmt`, `weft convert` and `weft ast`: the spec language's commands. */
import type { Command } from "commander";
import { dumpSpec, type Spec } from "../../spec/ast.js";
import { DiagnosticError } from "../../core/diagnostics.js";
import { formatWeft } from "../../parser/format.js";
import { parseSpec, syntaxOf, type SpecSyntax } from "../../parser/index.js";
import { formatYaml } from "../../parser/to-yaml.js";
import { SourceDiagnostics, UserError, type CliIO } from "../errors.js";
import { readSource, writeFile } from "../files.js";
import { DEFAULT_LIMITS, parseLimits, type Limits } from "../../spec/limits.js";

/** Reads and checks a spec file; its diagnostics carry its text for code frames. */
export function loadSpec(
  file: string,
  limits: Limits = DEFAULT_LIMITS,
): { spec: Spec; source: string; syntax: SpecSyntax } {
  const syntax = syntaxOf(file);
  if (!syntax) throw new UserError(`${file}: a spec file ends in .weft, .yaml or .yml`);
  const source = readSource(file);
  try {
    return { spec: parseSpec(source, file, syntax, limits), source, syntax };
  } catch (e) {
    throw e instanceof DiagnosticError ? new SourceDiagnostics(e, source) : e;
  }
}

/** The `--limit NAME=VALUE` option of the commands that read specs; its values as Limits. */
export function limitOption(command: Command): Command {
  return command.option(
    "--limit <name=value>",
    `raise (or lower) a resource limit: ${Object.entries(DEFAULT_LIMITS)
      .map(([k, v]) => `${k} (${v})`)
      .join(", ")}; repeatable`,
    (value: string, previous: string[] = []) => [...previous, value],
  );
}

export const limitsOf = (options: { limit?: string[] }): Limits =>
  parseLimits(options.limit ?? [], (message) => {
    throw new UserError(message);
  });

export function printSpec(spec: Spec, syntax: SpecSyntax): string {
  return syntax === "yaml" ? formatYaml(spec) : formatWeft(spec);
}

export function registerSpecCommands(
  program: Command,
  io: CliIO,
  run: (action: () => void) => void,
): void {
  program
    .command("fmt")
    .description("print specs in canonical form (.weft or YAML, as each file is written)")
    .argument("<files...>", "spec files (.weft, .yaml)")
    .option("-w, --write", "rewrite the files in place")
    .option("--check", "print nothing; exit 1 and name the files that are not in canonical form")
    .action((files: string[], options: { write?: boolean; check?: boolean }) =>
      run(() => {
        const unformatted: string[] = [];
        for (const file of files) {
          const { spec, source, syntax } = loadSpec(file);
          const formatted = printSpec(spec, syntax);
          if (options.check) {
            if (formatted !== source) unformatted.push(file);
          } else if (options.write) {
            if (formatted !== source) writeFile(file, formatted);
          } else {
            io.stdout(formatted);
          }
        }
        if (unformatted.length) {
          throw new UserError(
            `not in canonical form (run weft fmt --write): ${unformatted.join(", ")}`,
          );
        }
      }),
    );

  program
    .command("convert")
    .description("turn a YAML spec into .weft, or a .weft spec into YAML")
    .argument("<file>", "a spec file (.weft, .yaml)")
    .option("-o, --out <file>", "write here (its extension picks the syntax) instead of printing")
    .option("--to <syntax>", "the syntax to print: weft or yaml (default: the other one)")
    .action((file: string, options: { out?: string; to?: string }) =>
      run(() => {
        const { spec, syntax } = loadSpec(file);
        const to =
          options.to ??
          (options.out ? syntaxOf(options.out) : undefined) ??
          (syntax === "yaml" ? "weft" : "yaml");
        if (to !== "weft" && to !== "yaml")
          throw new UserError(`--to must be weft or yaml, not '${to}'`);
        const text = printSpec(spec, to);
        if (options.out) writeFile(options.out, text);
        else io.stdout(text);
      }),
    );

  program
    .command("ast")
    .description("print a spec's Spec AST as JSON")
    .argument("<file>", "a spec file (.weft, .yaml)")
    .option("--no-spans", "leave out source positions")
    .action((file: string, options: { spans: boolean }) =>
      run(() => io.stdout(dumpSpec(loadSpec(file).spec, { spans: options.spans }))),
    );
}
