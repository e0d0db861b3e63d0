/**
 * Property-based fuzzing of everything that reads text: both spec front ends
 * (parsed, then built as `weft check` builds them), the graph-IR text parser
 * and the kernel-IR text parser. Every example and golden file, mutated —
 * tokens and lines deleted, duplicated and swapped; huge and odd numbers;
 * deep nesting; long names; odd bytes; YAML anchors and aliases — must end
 * in a result or in user errors with positions, never another exception,
 * and soon. `npm test` runs a fixed seed and a few hundred inputs;
 * `npm run fuzz` runs many with a random seed (FUZZ_RUNS, FUZZ_SEED).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DiagnosticError } from "../src/core/diagnostics.js";
import { parseSpec } from "../src/parser/index.js";
import { buildModel } from "../src/layers/build.js";
import { buildTraining } from "../src/training/train-step.js";
import { parseModule } from "../src/ir/parser.js";
import { verifyModule } from "../src/ir/verifier.js";
import { parsePrograms } from "../src/kernel/text.js";
import { EXAMPLE_MODELS } from "./helpers/examples.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const SEED = process.env.FUZZ_SEED === "random" ? Date.now() : Number(process.env.FUZZ_SEED ?? 7);
/** An input that takes longer than this is a hang, as far as the fuzzer is concerned. */
const SLOW_MS = 3000;

const files = (dir: string, ext: RegExp) =>
  readdirSync(dir)
    .filter((f) => ext.test(f))
    .map((f) => ({ file: f, text: readFileSync(join(dir, f), "utf8") }));
/** Every example's spec, in each syntax it is written in. */
const SPECS = EXAMPLE_MODELS.flatMap((e) => files(join("examples", e), /\.(weft|yaml)$/));
const texts = (dir: string, ext: RegExp) => files(dir, ext).map((f) => f.text);
const IRS = [...texts("examples/ir", /\.ir$/), ...texts("test/golden/ir", /\.ir$/)];
const KIRS = texts("test/golden/kernel", /\.kir$/);

/** Text pieces a mutation inserts: numbers at the edges, nesting, long names, odd bytes, YAML aliases. */
const ODD = [
  "99999999999999999999999",
  "1e308",
  "-0",
  "NaN",
  "-2147483649",
  "0x10",
  "1.5",
  "(".repeat(40) + ")".repeat(40),
  "[".repeat(80) + "]".repeat(80),
  "{".repeat(30),
  "a".repeat(5000),
  "\u0000",
  "\uFFFF",
  "\u2028",
  "\uD800",
  "🙂",
  '"',
  "'",
  "\\",
  "*/",
  "${x}",
  "__proto__",
  "constructor",
  "&a [*a, *a]",
  "<<: *a",
  "*undefined",
  "!!binary AAAA",
  "- - - -",
  ": :",
  "\t",
  "%",
  "#",
  "repeat 99999999",
];

type Mutation = { kind: number; a: number; b: number; odd: number };
const mutation = fc.record({
  kind: fc.nat(8),
  a: fc.nat(),
  b: fc.nat(),
  odd: fc.nat(ODD.length - 1),
});

/** The text with the mutations applied, on tokens (words, spaces, single characters) or lines. */
function mutate(text: string, mutations: readonly Mutation[]): string {
  for (const m of mutations) {
    const byLine = m.kind >= 5;
    const parts = byLine ? text.split("\n") : (text.match(/\w+|\s+|[^\w\s]/g) ?? []);
    if (!parts.length) return text;
    const i = m.a % parts.length;
    const j = m.b % parts.length;
    switch (m.kind % 5) {
      case 0:
        parts.splice(i, 1);
        break;
      case 1:
        parts.splice(i, 0, parts[i]);
        break;
      case 2:
        [parts[i], parts[j]] = [parts[j], parts[i]];
        break;
      case 3:
        parts.splice(i, 0, ODD[m.odd]);
        break;
      case 4:
        parts[i] = ODD[m.odd];
        break;
    }
    text = parts.join(byLine ? "\n" : "");
  }
  return text;
}

/** Runs `read`; it may succeed or throw user errors with positions, nothing else, and not slowly. */
function onlyUserErrors(read: () => void, what: () => string): void {
  const started = performance.now();
  try {
    read();
  } catch (e) {
    if (!(e instanceof DiagnosticError)) {
      throw new Error(`${what()}\nthrew ${(e as Error)?.stack ?? String(e)}`);
    }
    for (const d of e.diagnostics)
      if (!d.span) throw new Error(`${what()}\na diagnostic without a position: ${d.message}`);
  }
  const ms = performance.now() - started;
  if (ms > SLOW_MS) throw new Error(`${what()}\ntook ${ms.toFixed(0)} ms`);
}

const options = { seed: SEED, numRuns: RUNS };

describe("fuzzing", () => {
  it("the spec front ends and the layer library: a result or user errors with positions", () => {
    fc.assert(
      fc.property(
        fc.nat(SPECS.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (which, mutations) => {
          const { text, file } = SPECS[which];
          const mutated = mutate(text, mutations);
          onlyUserErrors(
            () => {
              const spec = parseSpec(mutated, file);
              if (spec.train) buildTraining(spec);
              else buildModel(spec);
            },
            () => `${file}:\n${mutated.slice(0, 2000)}`,
          );
        },
      ),
      options,
    );
  }, 120_000);

  it("random text to both spec front ends", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: "binary" }), fc.boolean(), (text, yaml) => {
        onlyUserErrors(
          () => parseSpec(text, yaml ? "r.yaml" : "r.weft"),
          () => JSON.stringify(text),
        );
      }),
      options,
    );
  });

  it("the graph-IR text parser and verifier", () => {
    fc.assert(
      fc.property(
        fc.nat(IRS.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (which, mutations) => {
          const mutated = mutate(IRS[which], mutations);
          onlyUserErrors(
            () => {
              const problems = verifyModule(parseModule(mutated, "m.ir"));
              if (problems.length) throw new DiagnosticError(problems);
            },
            () => mutated.slice(0, 2000),
          );
        },
      ),
      options,
    );
  }, 120_000);

  it("the kernel-IR text parser", () => {
    fc.assert(
      fc.property(
        fc.nat(KIRS.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (which, mutations) => {
          const mutated = mutate(KIRS[which], mutations);
          onlyUserErrors(
            () => parsePrograms(mutated, "m.kir"),
            () => mutated.slice(0, 2000),
          );
        },
      ),
      options,
    );
  });

  it("finds what it looks for: an exception other than user errors, and an error without a position", () => {
    expect(() =>
      onlyUserErrors(
        () => {
          throw new TypeError("x is undefined");
        },
        () => "input",
      ),
    ).toThrow(/^input\nthrew TypeError: x is undefined/);
    expect(() =>
      onlyUserErrors(
        () => {
          throw new DiagnosticError([{ code: "c", severity: "error", message: "m" }]);
        },
        () => "input",
      ),
    ).toThrow("input\na diagnostic without a position: m");
    expect(mutate("model M {", [{ kind: 0, a: 0, b: 0, odd: 0 }])).toBe(" M {");
  });
});

describe("what fuzzing found", () => {
  const userError = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(DiagnosticError);
      for (const d of (e as DiagnosticError).diagnostics) expect(d.span).toBeDefined();
      return (e as DiagnosticError).diagnostics.map((d) => d.message);
    }
    throw new Error("no error");
  };

  it("a loss whose target does not fit the output, in a built training step", () => {
    const text = readFileSync("examples/text-classifier/model.weft", "utf8").replace(
      "label: i32[batch]",
      "label: i32[]",
    );
    expect(userError(() => buildTraining(parseSpec(text, "m.weft")))).toEqual([
      "cross_entropy expects integer labels i32[batch] for logits f32[batch, 2], found i32[]",
    ]);
  });

  it("an escape JSON does not have, in a string of a spec, of graph IR and of kernel IR", () => {
    const spec = 'model M {\n  input x: f32[batch, 4]\n  output y = dense(x, 2, name: "a\\x")\n}\n';
    expect(userError(() => parseSpec(spec, "m.weft"))[0]).toMatch(/^unexpected character/);
    const kir = KIRS[0].replace(/"([^"]*)"/, '"\\$1"');
    expect(kir).not.toBe(KIRS[0]);
    userError(() => parsePrograms(kir.replace(/"\\/, '"\\x'), "m.kir"));
  });

  it("a graph of IR text with no outputs, at the graph's position", () => {
    const text = IRS[0].replace(/\n\s*output [^\n]*/g, "");
    const problems = verifyModule(parseModule(text, "m.ir"));
    expect(problems.map((p) => [p.message, p.span?.line])).toContainEqual([
      "@forward: the graph has no outputs",
      expect.any(Number),
    ]);
  });
});

describe("fuzzing names into packages", () => {
  const FRAGMENTS = [
    '"',
    "'",
    "\\",
    "\n",
    "*/",
    "/*",
    "${",
    "}",
    "`",
    "\u2028",
    "\u2029",
    "</script>",
    "é",
    "🙂",
    " ",
    ".",
    "__proto__",
    "constructor",
  ];
  const IDENTIFIERS = [
    "constructor",
    "__proto__",
    "toString",
    "valueOf",
    "hasOwnProperty",
    "prototype",
    "then",
    "default",
    "class",
    "x",
  ];

  it("layer names with quotes, escapes, comment ends, template markers and line separators, and inputs and outputs named after Object.prototype keys: the package loads and behaves", async () => {
    const { compileAndImport } = await import("./helpers/package.js");
    const { findBackend } = await import("../src/backends/index.js");
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 5 })
          .map((p) => `n${p.join("")}`),
        fc.uniqueArray(fc.constantFrom(...IDENTIFIERS), { minLength: 3, maxLength: 3 }),
        async (layer, [a, b, out]) => {
          const text = [
            "model M {",
            `  input ${a}: f32[batch, 2]`,
            `  input ${b}: f32[batch, 2]`,
            `  s = add(${a}, ${b})`,
            `  output ${out} = dense(s, 2, name: ${JSON.stringify(layer)})`,
            "}",
            "train M {",
            "  label: i32[batch]",
            `  loss: cross_entropy(${out}, label)`,
            "  optimizer: sgd(lr: 0.1)",
            "}",
            "",
          ].join("\n");
          const pkg = await compileAndImport(text, "names.weft", { target: findBackend("ts") });
          const model = pkg.createModel({ seed: 1 });
          const inputs = Object.fromEntries([
            [a, Float32Array.from([1, 2])],
            [b, Float32Array.from([3, 4])],
          ]);
          const y = model.predict(inputs);
          expect(Object.keys(y)).toEqual([out]);
          expect(Object.hasOwn(y, out) && y[out].length).toBe(2);
          const loss = model.trainStep({ ...inputs, label: Int32Array.from([1]) }).loss;
          expect(Number.isFinite(loss)).toBe(true);
          expect(Object.keys(model.getWeights())).toEqual([`${layer}.weight`, `${layer}.bias`]);
        },
      ),
      { seed: SEED, numRuns: Math.max(3, Math.floor(RUNS / 40)) },
    );
  }, 120_000);
});

describe("fuzzing specs through the compiler", () => {
  it("a mutated example that builds also compiles to a package, or is a user error", async () => {
    const { emitPackage } = await import("../src/package/emit.js");
    const { findBackend } = await import("../src/backends/index.js");
    await fc.assert(
      fc.asyncProperty(
        fc.nat(SPECS.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 2 }),
        async (which, mutations) => {
          const { text, file } = SPECS[which];
          const mutated = mutate(text, mutations);
          let spec;
          try {
            spec = parseSpec(mutated, file);
            if (spec.train) buildTraining(spec);
            else buildModel(spec);
          } catch {
            return; // what the front ends refuse, the first property covers
          }
          try {
            await emitPackage(spec, { target: findBackend("ts") });
          } catch (e) {
            if (!(e instanceof DiagnosticError))
              throw new Error(`${file}:\n${mutated.slice(0, 2000)}\nthrew ${(e as Error).stack}`);
          }
        },
      ),
      { seed: SEED, numRuns: Math.max(4, Math.floor(RUNS / 30)) },
    );
  }, 120_000);
});
