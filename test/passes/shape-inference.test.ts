/** The shape-inference pass, IR text in → IR text out. */
import { describe, expect, it } from "vitest";
import { parseModule } from "../../src/ir/parser.js";
import { printModule } from "../../src/ir/printer.js";
import { verifyModule } from "../../src/ir/verifier.js";
import { inferShapes } from "../../src/passes/shape-inference.js";

const run = (text: string) => {
  const module = parseModule(text, "in.ir");
  const problems = inferShapes(module).map((d) => `${d.span?.line}:${d.span?.col}: ${d.message}`);
  return {
    text: printModule(module),
    problems,
    verified: verifyModule(module).map((d) => d.message),
  };
};

describe("shape-inference", () => {
  it("re-types everything downstream of a changed input, symbolic dims kept", () => {
    const input = [
      "module @m",
      "",
      "param @w: f32[3, 32] = zeros()",
      "",
      "graph @forward {",
      "  input %x: f32[batch, seq, 32]",
      "  %h: f32[batch, 64] = reduce_mean(%x) {axes: [1]}",
      "  %y: f32[batch, 64] = matmul(%h, @w) {transpose_b: true}",
      "  %flat: f32[64] = reshape(%x) {shape: [batch, 32, seq]}",
      "  output y = %y",
      "  output flat = %flat",
      "}",
      "",
    ].join("\n");
    const { text, problems, verified } = run(input);
    expect(problems).toEqual([]);
    expect(verified).toEqual([]);
    expect(text).toBe(
      input
        .replace("%h: f32[batch, 64]", "%h: f32[batch, 32]")
        .replace("%y: f32[batch, 64]", "%y: f32[batch, 3]")
        .replace("%flat: f32[64]", "%flat: f32[batch, 32, seq]"),
    );
  });

  it("types a scan body from the scan's operands", () => {
    const input = [
      "graph @g {",
      "  input %h0: f32[batch, 4]",
      "  input %xs: f32[seq, batch, 4]",
      "  %h: f32[1], %hs: f32[1] = scan(%h0, %xs) {num_carry: 1, num_seq: 1} body(%c: f32[1], %x: f32[1]) {",
      "    %n: f32[1] = add(%c, %x)",
      "    yield %n, %n",
      "  }",
      "  output hs = %hs",
      "}",
    ].join("\n");
    const { text, problems, verified } = run(input);
    expect(problems).toEqual([]);
    expect(verified).toEqual([]);
    expect(text).toContain(
      "%h: f32[batch, 4], %hs: f32[seq, batch, 4] = scan(%h0, %xs) {num_carry: 1, num_seq: 1} body(%c: f32[batch, 4], %x: f32[batch, 4]) {",
    );
    expect(text).toContain("    %n: f32[batch, 4] = add(%c, %x)");
  });

  it("reports each failing op at its line and goes on", () => {
    const input = [
      "graph @g {",
      "  input %a: f32[2, 3]",
      "  %b: f32[2, 3] = matmul(%a, %a)",
      "  %c: f32[2, 3] = exp(%a)",
      "  %d: f32[2] = reduce_sum(%c) {axes: [2]}",
      "  output d = %d",
      "}",
    ].join("\n");
    expect(run(input).problems).toEqual([
      "3:19: matmul: contracting dims differ: f32[2, 3] has 3 columns, f32[2, 3] has 2 rows",
      "5:16: reduce_sum: axis 2 is out of range for rank 2 (0..1)",
    ]);
  });
});
