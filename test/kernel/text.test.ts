/**
 * The kernel IR's text form: goldens of compiled programs that parse back to
 * themselves, syntax and name errors with their positions, and kernel passes
 * tested alone, kernel-IR text in and text out, with the result run against
 * the input.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TS_BACKEND } from "../../src/backends/ts/index.js";
import { findPass, type Compilation } from "../../src/driver/pipeline.js";
import { runProgram } from "../../src/driver/run.js";
import { Tensor } from "../../src/ir/tensor.js";
import type { Program } from "../../src/kernel/ir.js";
import { parsePrograms, printPrograms } from "../../src/kernel/text.js";
import { verifyProgram } from "../../src/kernel/verify.js";
import { compiled, specStart } from "../helpers/compile.js";
import { expectGolden } from "../helpers/golden.js";
import { expectClose } from "../helpers/tensors.js";

const MLP =
  'model Mlp {\n  input x: f32[batch, 4]\n  h = dense(x, 8, activation: relu, name: "fc1")\n  output y = dense(h, 3, name: "fc2")\n}\n\ntrain Mlp {\n  label: i32[batch]\n  loss: cross_entropy(y, label)\n  optimizer: sgd(lr: 0.1, momentum: 0.9)\n}\n';

function syntaxError(text: string): string {
  try {
    parsePrograms(text, "bad.kir");
  } catch (e) {
    const d = (e as { diagnostics: { message: string; span?: { line: number; col: number } }[] })
      .diagnostics[0];
    return `${d.span?.line}:${d.span?.col}: ${d.message}`;
  }
  return "parsed";
}

const program = (...body: string[]) =>
  [
    "program @g {",
    "  symbols batch",
    '  slot %0 "x": f32[batch, 2]',
    '  slot %1 "n": i32[2]',
    '  input "x" = %0',
    '  kernel k0 ["op %y"] {',
    ...body.map((l) => `    ${l}`),
    "  }",
    '  output "y" = %0',
    "}",
    "",
  ].join("\n");

describe("the kernel IR's text form", () => {
  for (const level of [0, 2] as const)
    it(`prints a trained MLP at -O${level} as its golden, which parses back to the same text`, () => {
      const c = compiled(specStart(MLP, "mlp.weft"), level);
      const text = printPrograms(c.programs!);
      expectGolden(`test/golden/kernel/mlp-O${level}.kir`, text);
      const parsed = parsePrograms(text);
      expect(parsed.flatMap(verifyProgram)).toEqual([]);
      expect(printPrograms(parsed)).toBe(text);
    });

  it("round-trips every example's programs at -O2, scans' loops included", () => {
    for (const example of ["text-classifier", "lstm-classifier", "mnist-mlp"]) {
      const spec = readFileSync(`examples/${example}/model.weft`, "utf8");
      const text = printPrograms(compiled(specStart(spec), 2).programs!);
      expect(printPrograms(parsePrograms(text)), example).toBe(text);
    }
  });

  it("reports syntax, name and type errors where they are", () => {
    expect(syntaxError(program("%2[0] = 1.0"))).toBe("7:5: slot %2 is not declared");
    expect(syntaxError(program("%0[i] = 1.0"))).toBe("7:8: 'i' is not bound here");
    expect(syntaxError(program("let t: i32 = 1.5"))).toBe(
      "7:12: t is declared i32 but its value is f32",
    );
    expect(syntaxError(program("%0[0] = add(1, 1.5)"))).toBe(
      "7:13: add takes f32 or i32 operands of one type, given i32, f32",
    );
    expect(syntaxError(program("%0[0] = softplus(1.5)"))).toBe(
      "7:13: no kernel function 'softplus'",
    );
    expect(syntaxError(program("for i < 2 sideways {", "}"))).toBe(
      "7:15: expected parallel, serial or reduction but found 'sideways'",
    );
    expect(syntaxError(program("%0[0] = 1.5 $"))).toBe("7:17: unexpected character '$'");
  });
});

describe("the kernel verifier", () => {
  const problems = (...body: string[]) =>
    parsePrograms(program(...body))
      .flatMap(verifyProgram)
      .map((d) => d.message);

  it("accepts a well-formed kernel", () => {
    expect(
      problems(
        "for i < batch parallel {",
        "  var acc: f32 = 0.0",
        "  for k < 2 reduction {",
        "    acc = add(acc, %0[add(mul(i, 2), k)])",
        "  }",
        "  %0[mul(i, 2)] = acc",
        "}",
      ),
    ).toEqual([]);
  });

  it("names each broken rule", () => {
    expect(problems("%0[0] = 1")).toEqual(["@g kernel k0: a i32 value stored into %0 (f32)"]);
    expect(problems("%0[0.5] = 1.0")).toEqual(["@g kernel k0: the offset into %0 must be i32"]);
    expect(problems("%0[0] = %0[1.5]")).toEqual([
      "@g kernel k0: the offset into %0 must be i32, found f32",
    ]);
    expect(problems("if 1 {", "}")).toEqual([
      "@g kernel k0: an if's condition must be bool, found i32",
    ]);
    expect(problems("let t: f32 = 1.0", "t = 2.0")).toEqual([
      "@g kernel k0: assignment to 't', which is not mutable",
    ]);
    expect(
      problems("var acc: f32 = 0.0", "for i < 2 parallel {", "  acc = add(acc, 1.0)", "}"),
    ).toEqual(["@g kernel k0: a parallel loop assigns 'acc', bound outside it (a reduction)"]);
    expect(problems("for i < 2 parallel {", "  %1[i] += 1", "}")).toEqual([
      "@g kernel k0: an accumulation into %1 inside a parallel loop",
    ]);
    expect(problems("for i < 2 serial {", "  %1[%1[i]] += 1", "}")).toEqual([]);
    expect(problems("for i < 2 parallel reassociate {", "  %0[i] = 1.0", "}")).toEqual([
      "@g kernel k0: loop i is parallel; only a reduction reassociates",
    ]);
    expect(
      problems(
        "contract [] i < 2, j < 2, depth 2, a %1[0] stride 2 step 1, b %0[0] stride 1 step 2, acc s {",
        "  %0[add(mul(i, 2), j)] = s",
        "}",
      ),
    ).toEqual(["@g kernel k0: a contraction reads %1, which is not f32"]);
  });
});

/** Runs a pass alone on kernel-IR text; returns the text it prints. */
function runPass(text: string, pass: string, options: Record<string, unknown> = {}): string {
  const c: Compilation = { module: undefined as never, programs: parsePrograms(text) };
  findPass(pass)!.run(c, options);
  expect(c.programs!.flatMap(verifyProgram)).toEqual([]);
  return findPass(pass)!.print(c);
}

async function sameResults(before: Program, after: Program, batch: number): Promise<void> {
  const feeds = {
    inputs: {
      x: Tensor.of(
        "f32",
        [batch, 9],
        Array.from({ length: batch * 9 }, (_, i) => Math.sin(i * 2.3)),
      ),
    },
    params: {
      w: Tensor.of(
        "f32",
        [3, 9],
        Array.from({ length: 27 }, (_, i) => Math.cos(i)),
      ),
      b: Tensor.of("f32", [3], [0.5, -1, 0]),
    },
  };
  const run = async (p: Program) =>
    (await runProgram(p, (await TS_BACKEND.load([p]))[p.name], feeds)).outputs.y;
  expectClose(await run(after), await run(before), { rtol: 1e-6, atol: 1e-7 }, `batch ${batch}`);
}

describe("kernel passes alone, kernel-IR text in and out", () => {
  const input = readFileSync("test/golden/kernel/contract.kir", "utf8");

  it("block-contractions writes a contraction as blocked loops, with the leftover rows and columns", async () => {
    const blocked = runPass(input, "block-contractions", { rows: 2, cols: 2, vector: 4 });
    expectGolden("test/golden/kernel/contract.blocked.kir", blocked);
    // The unblocked contraction, as plain loops, against the blocked one, at batches that leave rows over.
    const plain = parsePrograms(runPass(input, "block-contractions", { rows: 1, cols: 1 }))[0];
    for (const batch of [1, 2, 3, 5]) await sameResults(plain, parsePrograms(blocked)[0], batch);
  });

  it("split-accumulators splits a lone dot product's loop four ways, with its remainder", () => {
    const plain = runPass(input, "block-contractions", { rows: 1, cols: 1 });
    const split = runPass(plain, "split-accumulators");
    expectGolden("test/golden/kernel/contract.split.kir", split);
    expect(split).toMatch(/for \w+_r < 1 reduction \{/);
  });

  it("split-accumulators with lanes marks that loop reassociate and leaves it whole", () => {
    const plain = runPass(input, "block-contractions", { rows: 1, cols: 1 });
    const marked = runPass(plain, "split-accumulators", { lanes: true });
    const reduction = /for (\w+) < (\w+) reduction( reassociate)? \{/g;
    expect([...plain.matchAll(reduction)].map((m) => m[3])).toEqual([undefined]);
    expect([...marked.matchAll(reduction)].map((m) => m[3])).toEqual([" reassociate"]);
    // Nothing else changes, and the text reads back as it prints.
    expect(marked.replace(" reassociate", "")).toBe(plain);
    expect(printPrograms(parsePrograms(marked))).toBe(marked);
  });
});
