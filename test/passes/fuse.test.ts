/**
 * Fusion and memory planning, the two -O2 stages that work on the lowering
 * rather than on the graph: IR text in, the kernel grouping (as
 * `weft ir -O2 --print-after fuse` prints it) or the buffer plan
 * (`--print-after plan`) out, one case per rule. That the fused programs
 * compute what the interpreter does is tested in test/backends/ts.test.ts.
 */
import { describe, expect, it } from "vitest";
import type { Pipeline } from "../../src/backends/backend.js";
import { TS_BACKEND } from "../../src/backends/ts/index.js";
import { findPass, runPipeline, type Compilation } from "../../src/driver/pipeline.js";
import { printSchedule } from "../../src/kernel/ir.js";
import { parseModule } from "../../src/ir/parser.js";
import { interpret } from "../../src/ir/interpreter.js";
import { Tensor } from "../../src/ir/tensor.js";
import { runOn } from "../helpers/compile.js";
import { expectClose } from "../helpers/tensors.js";

const PARAMS = [
  "param @w: f32[4, 3] = normal()",
  "param @b: f32[4] = zeros()",
  "param @m: f32[4, 3] = zeros()",
  "",
].join("\n");

/** -O2 as the TypeScript target runs it. */
const O2 = TS_BACKEND.pipelines[2];

/** A graph of IR text through a pipeline (default -O2), up to and including pass `until`. */
function compiledText(body: string[], pipeline: Pipeline = O2, until?: string) {
  const module = parseModule(`${PARAMS}graph @g {\n${body.map((l) => `  ${l}`).join("\n")}\n}\n`);
  const c: Compilation = { module };
  const printed: string[] = [];
  // Not verified after each pass: some of these graphs only update parameters, which a model's graphs never do.
  runPipeline(c, pipeline, {
    until,
    printAfter: (pass) => pass === until,
    print: (_, text) => printed.push(text),
  });
  return { c, printed: printed.join("") };
}
const lowered = (body: string[], pipeline: Pipeline = O2) =>
  compiledText(body, pipeline).c.programs![0];
const fused = (...body: string[]) => printSchedule(lowered(body));
/** One kernel per op, memory reused: the plan's rules without fusion's. */
const UNFUSED: Pipeline = [
  { pass: "lower" },
  { pass: "block-contractions", options: { rows: 1, cols: 1 } },
  { pass: "plan", options: { reuse: true } },
];
const planned = (...args: [Pipeline, ...string[]] | string[]) => {
  const [pipeline, body] =
    typeof args[0] === "string" ? [O2, args as string[]] : [args[0], args.slice(1) as string[]];
  return compiledText(body, pipeline, "plan").printed.trimEnd();
};

describe("the fuse pass", () => {
  it("prints its grouping as text: one line per kernel, the ops fused into it first", () => {
    const { printed } = compiledText(
      [
        "input %x: f32[batch, 3]",
        "%y: f32[batch, 4] = matmul(%x, @w) {transpose_b: true}",
        "%z: f32[batch, 4] = add(%y, @b)",
        "%r: f32[batch, 4] = relu(%z)",
        "%s: f32[batch] = reduce_sum(%r) {axes: [1]}",
        "output s = %s",
      ],
      O2,
      "fuse",
    );
    // relu's result is read once, by the reduction, so the whole chain runs in the reduction's loop;
    // the matmul then has no pointwise kernel to be the contraction of, and keeps its own.
    expect(printed).toBe(["@g:", "  matmul %y", "  add %z, relu %r, reduce_sum %s", ""].join("\n"));
    expect(findPass("fuse")!.level).toBe("graph");
  });
});

describe("fuse", () => {
  it("runs a pointwise chain as one kernel, and a value with two uses as a kernel of its own", () => {
    expect(
      fused(
        "input %x: f32[batch, 3]",
        "%a: f32[batch, 3] = exp(%x)",
        "%b: f32[batch, 3] = neg(%a)",
        "%c: f32[batch, 3] = mul(%b, %b)",
        "%d: f32[batch, 3] = tanh(%c)",
        "output d = %d",
      ),
    ).toBe(["@g: 2 kernels", "  k0_neg: exp %a, neg %b", "  k1_tanh: mul %c, tanh %d"].join("\n"));
  });

  it("computes pointwise producers inside a reduction, and inlines one-value constants", () => {
    expect(
      fused(
        "input %x: f32[batch, 3]",
        "%half: f32[] = constant() {dtype: f32, shape: [], value: 0.5}",
        "%a: f32[batch, 3] = mul(%x, %half)",
        "%s: f32[batch] = reduce_sum(%a) {axes: [1]}",
        "%t: f32[batch] = add(%s, %half)",
        "output t = %t",
      ),
    ).toBe(
      [
        "@g: 2 kernels",
        "  k0_reduce_sum: constant %half, mul %a, reduce_sum %s",
        "  k1_add: constant %half, add %t",
      ].join("\n"),
    );
  });

  it("fuses a matmul into its bias add and activation, but not into a chain that ends in a reduction", () => {
    expect(
      fused(
        "input %x: f32[batch, 3]",
        "%y: f32[batch, 4] = matmul(%x, @w) {transpose_b: true}",
        "%z: f32[batch, 4] = add(%y, @b)",
        "%r: f32[batch, 4] = relu(%z)",
        "%y2: f32[batch, 4] = matmul(%x, @m) {transpose_b: true}",
        "%e: f32[batch, 4] = exp(%y2)",
        "%s: f32[batch] = reduce_sum(%e) {axes: [1]}",
        "output r = %r",
        "output s = %s",
      ),
    ).toBe(
      [
        "@g: 3 kernels",
        "  k0_relu: matmul %y, add %z, relu %r",
        "  k1_matmul: matmul %y2",
        "  k2_reduce_sum: exp %e, reduce_sum %s",
      ].join("\n"),
    );
  });

  it("stores an output where its one consumer computes it: an optimizer's moment and its update in one loop", () => {
    expect(
      fused(
        "input %g: f32[4, 3]",
        "%decay: f32[] = constant() {dtype: f32, shape: [], value: 0.9}",
        "%kept: f32[4, 3] = mul(@m, %decay)",
        "%m2: f32[4, 3] = add(%kept, %g)",
        "%step: f32[4, 3] = mul(%m2, %decay)",
        "%w2: f32[4, 3] = sub(@w, %step)",
        "update @m = %m2",
        "update @w = %w2",
      ),
    ).toBe(
      [
        "@g: 1 kernels",
        "  k0_sub: constant %decay, mul %kept, add %m2, constant %decay, mul %step, sub %w2",
      ].join("\n"),
    );
  });
});

describe("plan", () => {
  it("gives a buffer to a slot only while it lives, reusing it once the last reader has run", () => {
    expect(
      planned(
        "input %x: f32[batch, 3]",
        "%a: f32[batch, 3] = exp(%x)",
        "%b: f32[batch, 3] = mul(%a, %a)",
        "%c: f32[batch, 3] = mul(%b, %b)",
        "%d: f32[batch, 3] = mul(%c, %c)",
        "output d = %d",
      ),
    ).toBe(
      [
        "@g: 2 buffers for 5 slots",
        "  buffer 0: %x -1..0, %b 1..2, %d 3..4",
        "  buffer 1: %a 0..1, %c 2..3",
      ].join("\n"),
    );
  });

  it("keeps a small slot that lives long out of a large free buffer (unfused, a kernel per op)", () => {
    expect(
      planned(
        UNFUSED,
        "input %x: f32[batch, 100]",
        "input %q: f32[batch, 1]",
        "%big: f32[batch, 100] = add(%x, %q)",
        "%s: f32[batch] = reduce_sum(%big) {axes: [1]}",
        "%big2: f32[batch, 100] = mul(%big, %big)",
        "%r: f32[batch] = reduce_sum(%big2) {axes: [1]}",
        "%t: f32[batch] = add(%s, %r)",
        "output t = %t",
      ),
    ).toBe(
      [
        "@g: 3 buffers for 7 slots",
        "  buffer 0: %x -1..0, %big2 2..3, %t 4..5",
        "  buffer 1: %q -1..0, %s 1..4",
        "  buffer 2: %big 0..2, %r 3..4",
      ].join("\n"),
    );
  });

  it("leaves parameters and state to the model", () => {
    expect(
      planned(
        "input %x: f32[batch, 3]",
        "%y: f32[batch, 4] = matmul(%x, @w) {transpose_b: true}",
        "%z: f32[batch, 4] = add(%y, @b)",
        "output z = %z",
      ),
    ).toBe(
      [
        "@g: 2 buffers for 2 slots",
        "  buffer 0: %x -1..0",
        "  buffer 1: %z 0..1",
        "  supplied by the model: @w, @b",
      ].join("\n"),
    );
  });
});

describe("in-place updates", () => {
  const slotsOf = (...body: string[]) => {
    const program = lowered(body);
    const slot = (name: string) => program.params.find((p) => p.name === name)?.slot;
    return program.updates.map((u) => [u.name, u.slot === slot(u.name)]);
  };

  it("writes a parameter's update where the parameter lives when nothing reads it later", () => {
    expect(
      slotsOf(
        "input %g: f32[4, 3]",
        "%m2: f32[4, 3] = add(@m, %g)",
        "%w2: f32[4, 3] = sub(@w, %m2)",
        "update @m = %m2",
        "update @w = %w2",
      ),
    ).toEqual([
      ["m", true],
      ["w", true],
    ]);
  });

  it("keeps an update in a slot of its own when a later kernel still reads the old value, or it reads another element", () => {
    expect(
      slotsOf(
        "input %g: f32[4, 3]",
        "input %rows: i32[4]",
        "%w2: f32[4, 3] = sub(@w, %g)",
        "%old: f32[] = reduce_sum(@w) {axes: [0, 1]}",
        "%other: f32[4, 3] = gather(@m, %rows)",
        "%m2: f32[4, 3] = add(@m, %other)",
        "update @w = %w2",
        "update @m = %m2",
        "output old = %old",
      ),
    ).toEqual([
      ["w", false],
      ["m", false],
    ]);
  });
});

describe("contraction prologues", () => {
  /** -O2 for a target that computes a contraction's operands once per element (packing them). */
  const PACKING: Pipeline = O2.map((s) =>
    s.pass === "fuse"
      ? { pass: "fuse", options: { contractionEpilogues: true, contractionPrologues: true } }
      : s,
  );
  const body = [
    "input %x: f32[batch, 3]",
    "input %mask: f32[batch, 3]",
    "%masked: f32[batch, 3] = mul(%x, %mask)",
    "%y: f32[batch, 4] = matmul(%masked, @w) {transpose_b: true}",
    "%scaled: f32[4, 3] = mul(@w, @m)",
    "%t: f32[3, batch] = transpose(%x) {perm: [1, 0]}",
    "%z: f32[4, batch] = matmul(%scaled, %t)",
    "output y = %y",
    "output z = %z",
  ];

  it("computes a matmul's pointwise operand inside its contraction, for a target that packs operands", () => {
    const { printed } = compiledText(body, PACKING, "fuse");
    expect(printed).toContain("  mul %masked, matmul %y\n");
    expect(printed).toContain("  mul %scaled, matmul %z\n");
    // TypeScript's blocked loops would compute each such element once per column block: no prologue.
    expect(compiledText(body, O2, "fuse").printed).toContain("  mul %masked\n");
  });

  it("leaves an operand read across its rows (A transposed, B not) to a kernel of its own", () => {
    const { printed } = compiledText(
      [
        "input %x: f32[3, batch]",
        "input %mask: f32[3, batch]",
        "%masked: f32[3, batch] = mul(%x, %mask)",
        "%y: f32[batch, 4] = matmul(%masked, @w) {transpose_a: true, transpose_b: true}",
        "%scaled: f32[4, 3] = mul(@w, @m)",
        "%z: f32[batch, 3] = matmul(%y, %scaled)",
        "output z = %z",
      ],
      PACKING,
      "fuse",
    );
    expect(printed).toContain("  mul %masked\n");
    expect(printed).toContain("  mul %scaled\n");
  });

  it("computes what the interpreter does, the operands transposed or not", async () => {
    const module = () =>
      parseModule(`${PARAMS}graph @g {\n${body.map((l) => `  ${l}`).join("\n")}\n}\n`);
    const values = (n: number, seed: number) =>
      Array.from({ length: n }, (_, i) => Math.sin(i * 1.3 + seed));
    const feeds = {
      inputs: {
        x: Tensor.of("f32", [5, 3], values(15, 1)),
        mask: Tensor.of("f32", [5, 3], values(15, 2)),
      },
      params: {
        w: Tensor.of("f32", [4, 3], values(12, 3)),
        m: Tensor.of("f32", [4, 3], values(12, 4)),
      },
    };
    const want = interpret(module(), "g", feeds);
    const c: Compilation = { module: module() };
    runPipeline(c, PACKING, { verifyEach: true });
    const program = c.programs![0];
    // As lowered: a contraction whose operand A is computed, (row, depth) → mask·x.
    expect(compiledText(body, PACKING, "lower").printed).toMatch(
      /, a \(p\d+, k\d+\): fround\(mul\(%0\[add\(mul\(p\d+, 3\), k\d+\)\], %1\[/,
    );
    const got = await runOn(TS_BACKEND, program, feeds);
    for (const name of ["y", "z"])
      expectClose(got.outputs[name], want.outputs[name], { rtol: 1e-6, atol: 1e-7 }, name);
  });
});
