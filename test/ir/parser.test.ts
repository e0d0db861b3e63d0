/** The IR parser reports every problem it finds, each at its line and column. */
import { describe, expect, it } from "vitest";
import { parseModule } from "../../src/ir/parser.js";
import { DiagnosticError } from "../../src/core/diagnostics.js";

/** `line:col: message` for each diagnostic of a text that must fail to parse. */
function errors(text: string): string[] {
  try {
    parseModule(text, "t.ir");
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    return e.diagnostics.map((d) => `${d.span?.line}:${d.span?.col}: ${d.message}`);
  }
  throw new Error("parsed without errors");
}

const g = (...lines: string[]) => ["graph @g {", ...lines.map((l) => "  " + l), "}"].join("\n");

describe("IR parser errors", () => {
  const cases: [string, string, string[]][] = [
    [
      "several syntax errors in one run",
      g("input %x: f32[2]", "%y: f32[2] = relu(%x", "%z: f32[2 3] = exp(%y)", "output z = %z"),
      ["4:3: expected ')' but found '%z'", "4:13: expected ']' but found '3'"],
    ],
    [
      "a character outside the language",
      g("input %x: f32[2] $", "output x = %x"),
      ["2:20: unexpected character '$'"],
    ],
    [
      "the end of the file too soon",
      "graph @g {\n  input %x: f32[2]",
      ["2:19: expected '}' but found the end of the file"],
    ],
    [
      "an unknown op",
      g("input %x: f32[2]", "%y: f32[2] = frob(%x)", "output y = %y"),
      ["3:16: unknown op 'frob'"],
    ],
    [
      "a use of an undefined value",
      g("input %x: f32[2]", "%y: f32[2] = add(%x, %q)", "output y = %y"),
      ["3:24: use of undefined value %q"],
    ],
    [
      "a value defined twice",
      g("input %x: f32[2]", "%x: f32[2] = exp(%x)", "output x = %x"),
      ["3:3: %x is defined twice"],
    ],
    [
      "an unknown dtype",
      g("input %x: f16[2]", "output x = %x"),
      ["2:13: unknown dtype 'f16' (expected f32 or i32)"],
    ],
    [
      "a missing attribute",
      g("input %x: f32[2]", "%y: f32[] = reduce_sum(%x)", "output y = %y"),
      ["3:15: reduce_sum: missing required attribute 'axes'"],
    ],
    [
      "an attribute of the wrong type",
      g("input %x: f32[2]", "%y: f32[] = reduce_sum(%x) {axes: 0}", "output y = %y"),
      ["3:31: reduce_sum: attribute 'axes' must be a list of integers, got 0"],
    ],
    [
      "an unknown attribute",
      g("input %x: f32[2]", "%y: f32[2] = exp(%x) {axis: 0}", "output y = %y"),
      ["3:25: exp: unknown attribute 'axis' (it takes none)"],
    ],
    [
      "an attribute given twice",
      g("input %x: f32[2]", "%y: f32[] = reduce_sum(%x) {axes: [0], axes: [0]}", "output y = %y"),
      ["3:42: attribute 'axes' is given twice"],
    ],
    [
      "an undeclared parameter",
      g("%y: f32[2] = exp(@w)", "output y = %y"),
      ["2:20: unknown parameter @w"],
    ],
    [
      "an unknown initializer",
      "param @w: f32[2] = glorot()\ngraph @g {\n  output w = @w\n}",
      [
        "1:7: unknown initializer 'glorot' (expected one of: zeros, ones, constant, uniform, normal, kaiming_uniform, xavier_uniform)",
      ],
    ],
    [
      "a bad initializer attribute",
      "param @w: f32[2] = uniform(low: 0)\ngraph @g {\n  output w = @w\n}",
      ["1:7: initializer uniform: missing required attribute 'high'"],
    ],
    [
      "a region that reads a parameter",
      [
        "param @w: f32[1] = zeros()",
        g(
          "input %xs: f32[3, 1]",
          "%c: f32[1], %ys: f32[3, 1] = scan(@w, %xs) {num_carry: 1, num_seq: 1} body(%c: f32[1], %x: f32[1]) {",
          "  %n: f32[1] = add(%c, @w)",
          "  yield %n, %n",
          "}",
          "output ys = %ys",
        ),
      ].join("\n"),
      ["5:26: a region cannot read parameter @w; pass it in as an operand"],
    ],
    [
      "a region under the wrong name",
      g(
        "input %xs: f32[3, 1]",
        "%c: f32[1], %ys: f32[3, 1] = scan(%xs, %xs) {num_carry: 0, num_seq: 1} loop(%x: f32[1]) {",
        "  yield %x",
        "}",
        "output ys = %ys",
      ),
      ["3:74: expected scan's region 'body', found 'loop'"],
    ],
    [
      "'yield' in a graph",
      g("input %x: f32[2]", "yield %x"),
      ["3:3: 'yield' ends a region; a graph ends in 'output' lines"],
    ],
  ];
  for (const [what, text, expected] of cases) {
    it(`reports ${what}`, () => expect(errors(text)).toEqual(expected));
  }

  it("reports every semantic error of a file in order, without cascades from failed ops", () => {
    const text = g(
      "input %x: f32[2]",
      "%a: f32[2] = frob(%x)",
      "%b: f32[2] = exp(%a)",
      "%c: f32[2] = exp(%nope)",
      "%d: f32[] = reduce_sum(%x) {axes: [true]}",
      "output d = %d",
    );
    expect(errors(text)).toEqual([
      "3:16: unknown op 'frob'",
      "5:20: use of undefined value %nope",
      "6:31: reduce_sum: attribute 'axes' must be a list of integers, got [true]",
    ]);
  });

  it("reads comments, quoted output names, exponents and special floats", () => {
    const module = parseModule(
      [
        "// a comment line",
        "graph @g {",
        "  %c: f32[3] = constant() {dtype: f32, shape: [3], value: [1e-3, -inf, nan]} // trailing",
        '  output "c/out" = %c',
        "}",
      ].join("\n"),
    );
    const graph = module.graph("g");
    expect(graph.outputs[0].name).toBe("c/out");
    expect(graph.ops[0].attrs.value).toEqual([0.001, -Infinity, NaN]);
    expect(module.name).toBe("module");
  });
});
