/**
 * The simplify pass: IR text in, IR text out, one case per rewrite (in the
 * spirit of MLIR's FileCheck tests), and the same outputs and training step
 * before and after it for every example.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { initialParams } from "../../src/ir/initializers.js";
import { interpret } from "../../src/ir/interpreter.js";
import { parseModule } from "../../src/ir/parser.js";
import { printGraph } from "../../src/ir/printer.js";
import { Tensor } from "../../src/ir/tensor.js";
import { verifyModule } from "../../src/ir/verifier.js";
import { parseSpec } from "../../src/parser/index.js";
import { runPipeline } from "../../src/driver/pipeline.js";
import { simplify } from "../../src/passes/simplify.js";
import { buildTraining } from "../../src/training/train-step.js";
import { expectClose } from "../helpers/tensors.js";
import { EXAMPLE_MODELS } from "../helpers/examples.js";

/** The graph's body after simplify, without its header and closing brace. */
function after(body: string): string {
  const module = parseModule(`graph @g {\n${body}\n}\n`, "in.ir");
  simplify(module);
  expect(verifyModule(module)).toEqual([]);
  return printGraph(module.graph("g")).split("\n").slice(1, -1).join("\n");
}

const lines = (...l: string[]) => l.map((x) => `  ${x}`).join("\n");

describe("simplify rewrites", () => {
  it("drops x*1, x+0, x-0, x/1 and --x, but not a broadcasting multiply by ones", () => {
    expect(
      after(
        lines(
          "input %x: f32[batch, 3]",
          "%one: f32[] = constant() {dtype: f32, shape: [], value: 1}",
          "%zero: f32[] = constant() {dtype: f32, shape: [], value: 0}",
          "%ones: f32[2, batch, 3] = constant() {dtype: f32, shape: [2, batch, 3], value: 1}",
          "%a: f32[batch, 3] = mul(%x, %one)",
          "%b: f32[batch, 3] = add(%zero, %a)",
          "%c: f32[batch, 3] = sub(%b, %zero)",
          "%d: f32[batch, 3] = div(%c, %one)",
          "%e: f32[batch, 3] = neg(%d)",
          "%f: f32[batch, 3] = neg(%e)",
          "%g: f32[2, batch, 3] = mul(%f, %ones)",
          "output g = %g",
        ),
      ),
    ).toBe(
      lines(
        "input %x: f32[batch, 3]",
        "%ones: f32[2, batch, 3] = constant() {dtype: f32, shape: [2, batch, 3], value: 1}",
        "%g: f32[2, batch, 3] = mul(%x, %ones)",
        "output g = %g",
      ),
    );
  });

  it("merges reshapes and transposes, and drops those that change nothing", () => {
    expect(
      after(
        lines(
          "input %x: f32[batch, 2, 3]",
          "%a: f32[batch, 6] = reshape(%x) {shape: [batch, 6]}",
          "%b: f32[batch, 3, 2] = reshape(%a) {shape: [batch, 3, 2]}",
          "%c: f32[batch, 3, 2] = reshape(%b) {shape: [batch, 3, 2]}",
          "%t: f32[3, batch, 2] = transpose(%c) {perm: [1, 0, 2]}",
          "%u: f32[batch, 3, 2] = transpose(%t) {perm: [1, 0, 2]}",
          "%v: f32[2, batch, 3] = transpose(%u) {perm: [2, 0, 1]}",
          "%w: f32[batch, 3, 2] = transpose(%v) {perm: [1, 2, 0]}",
          "output w = %w",
        ),
      ),
    ).toBe(
      lines(
        "input %x: f32[batch, 2, 3]",
        "%b: f32[batch, 3, 2] = reshape(%x) {shape: [batch, 3, 2]}",
        "output w = %b",
      ),
    );
  });

  it("folds small constant expressions", () => {
    expect(
      after(
        lines(
          "%a: f32[3] = constant() {dtype: f32, shape: [3], value: [1, 2, 3]}",
          "%b: f32[] = constant() {dtype: f32, shape: [], value: 2}",
          "%c: f32[3] = mul(%a, %b)",
          "%d: f32[] = reduce_sum(%c) {axes: [0]}",
          "output d = %d",
        ),
      ),
    ).toBe(lines("%d: f32[] = constant() {dtype: f32, shape: [], value: 12}", "output d = %d"));
  });

  it("merges repeated constants whatever other constants come before them", () => {
    expect(
      after(
        lines(
          "input %x: f32[]",
          "%one: f32[] = constant() {dtype: f32, shape: [], value: 1}",
          "%a: f32[] = constant() {dtype: f32, shape: [], value: 0.9}",
          "%b: f32[] = constant() {dtype: f32, shape: [], value: 0.9}",
          "%p: f32[] = pow(%a, %x)",
          "%q: f32[] = pow(%b, %x)",
          "%s: f32[] = sub(%one, %p)",
          "%t: f32[] = sub(%one, %q)",
          "%u: f32[] = mul(%s, %t)",
          "output u = %u",
        ),
      ),
    ).toBe(
      lines(
        "input %x: f32[]",
        "%one: f32[] = constant() {dtype: f32, shape: [], value: 1}",
        "%a: f32[] = constant() {dtype: f32, shape: [], value: 0.9}",
        "%p: f32[] = pow(%a, %x)",
        "%s: f32[] = sub(%one, %p)",
        "%u: f32[] = mul(%s, %s)",
        "output u = %u",
      ),
    );
  });

  it("merges common subexpressions and removes dead code, inside scan bodies too", () => {
    expect(
      after(
        lines(
          "input %x: f32[4]",
          "input %xs: f32[seq, 4]",
          "%a: f32[4] = exp(%x)",
          "%b: f32[4] = exp(%x)",
          "%unused: f32[4] = tanh(%a)",
          "%c: f32[4] = add(%a, %b)",
          "%h: f32[4], %ys: f32[seq, 4] = scan(%c, %xs) {num_carry: 1, num_seq: 1} body(%h0: f32[4], %x0: f32[4]) {",
          "  %p: f32[4] = mul(%h0, %x0)",
          "  %q: f32[4] = mul(%h0, %x0)",
          "  %dead: f32[4] = sin(%q)",
          "  %r: f32[4] = add(%p, %q)",
          "  yield %r, %r",
          "}",
          "output h = %h",
        ),
      ),
    ).toBe(
      lines(
        "input %x: f32[4]",
        "input %xs: f32[seq, 4]",
        "%a: f32[4] = exp(%x)",
        "%c: f32[4] = add(%a, %a)",
        "%h: f32[4], %ys: f32[seq, 4] = scan(%c, %xs) {num_carry: 1, num_seq: 1} body(%h0: f32[4], %x0: f32[4]) {",
        "  %p: f32[4] = mul(%h0, %x0)",
        "  %r: f32[4] = add(%p, %p)",
        "  yield %r, %r",
        "}",
        "output h = %h",
      ),
    );
  });
});

describe("the pipeline keeps what every example computes", () => {
  for (const name of EXAMPLE_MODELS) {
    it(name, () => {
      const spec = parseSpec(readFileSync(`examples/${name}/model.weft`, "utf8"), `${name}.weft`);
      const { module } = buildTraining(spec);
      const params = initialParams(module, 4, "f64");
      const feeds = (graph: string) => {
        let s = 9;
        return Object.fromEntries(
          module.graph(graph).inputs.map((v) => {
            const shape = v.type.shape.map((d) => (typeof d === "number" ? d : 3));
            const n = shape.reduce((a, b) => a * b, 1);
            const data = Array.from(
              { length: n },
              () =>
                ((s = (s * 1103515245 + 12345) % 2 ** 31) % 2) + (v.type.dtype === "f32" ? 0.5 : 0),
            );
            return [v.name, Tensor.of(v.type.dtype, shape, data, "f64")];
          }),
        );
      };
      const inputs = { forward: feeds("forward"), train_step: feeds("train_step") };
      const before = {
        forward: interpret(
          module,
          "forward",
          { inputs: inputs.forward, params },
          { precision: "f64" },
        ),
        train_step: interpret(
          module,
          "train_step",
          { inputs: inputs.train_step, params },
          { precision: "f64" },
        ),
      };
      const [report] = runPipeline({ module }, [{ pass: "simplify" }], { verifyEach: true });
      expect(report.stats.opsAfter).toBeLessThan(report.stats.opsBefore);
      for (const graph of ["forward", "train_step"] as const) {
        const now = interpret(
          module,
          graph,
          { inputs: inputs[graph], params },
          { precision: "f64" },
        );
        for (const [k, t] of Object.entries(before[graph].outputs))
          expectClose(now.outputs[k], t, { rtol: 1e-6, atol: 1e-7 }, `${graph} ${k}`);
        for (const [k, t] of Object.entries(before[graph].updates))
          expectClose(now.updates[k], t, { rtol: 1e-6, atol: 1e-7 }, `${graph} update ${k}`);
      }
    });
  }
});
