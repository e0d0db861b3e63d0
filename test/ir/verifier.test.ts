/** The verifier rejects each broken module with a specific message, and accepts what the builder makes. */
import { describe, expect, it } from "vitest";
import { GraphBuilder, Module } from "../../src/ir/graph.js";
import { parseModule } from "../../src/ir/parser.js";
import { verifyModule } from "../../src/ir/verifier.js";

/** The verifier's messages for a module given as text (which must parse). */
function problems(text: string): string[] {
  return verifyModule(parseModule(text, "broken.ir")).map((d) =>
    d.span ? `${d.span.line}:${d.span.col}: ${d.message}` : d.message,
  );
}

const graph = (body: string, params = "") =>
  `${params ? params + "\n" : ""}graph @g {\n${body}\n}\n`;

describe("verifier on broken text", () => {
  const cases: [string, string, string[]][] = [
    [
      "operands that do not broadcast",
      graph(
        "  input %a: f32[2, 3]\n  input %b: f32[4]\n  %c: f32[2, 3] = add(%a, %b)\n  output c = %c",
      ),
      ["4:19: add: cannot broadcast f32[2, 3] and f32[4]: dim 1 is 3 vs 4"],
    ],
    [
      "a declared result type the shape rule disagrees with",
      graph("  input %x: f32[2]\n  %y: f32[3] = relu(%x)\n  output y = %y"),
      ["3:16: relu: result %y is declared f32[3] but its shape rule gives f32[2]"],
    ],
    [
      "a use before the definition",
      graph(
        "  input %x: f32[2]\n  %y: f32[2] = add(%x, %z)\n  %z: f32[2] = exp(%x)\n  output y = %y",
      ),
      ["3:16: %z is used by add before it is defined"],
    ],
    [
      "a dtype the op does not take",
      graph("  input %x: i32[2]\n  %y: i32[2] = exp(%x)\n  output y = %y"),
      ["3:16: exp: operand must be f32, found i32[2]"],
    ],
    [
      "a wrong operand count",
      graph("  input %x: f32[2]\n  %y: f32[2] = add(%x)\n  output y = %y"),
      ["3:16: add: takes 2 operands (a, b), found 1: (f32[2])"],
    ],
    [
      "a reshape that changes the element count",
      graph(
        "  input %x: f32[batch, 6]\n  %y: f32[batch, 4] = reshape(%x) {shape: [batch, 4]}\n  output y = %y",
      ),
      [
        "3:23: reshape: cannot reshape f32[batch, 6] (6*batch elements) to [batch, 4] (4*batch elements)",
      ],
    ],
    [
      "a matmul whose contracting dims differ",
      graph(
        "  input %a: f32[batch, 3]\n  input %b: f32[4, 2]\n  %c: f32[batch, 2] = matmul(%a, %b)\n  output c = %c",
      ),
      ["4:23: matmul: contracting dims differ: f32[batch, 3] has 3 columns, f32[4, 2] has 4 rows"],
    ],
    [
      "an axis out of range",
      graph("  input %x: f32[2, 3]\n  %y: f32[2] = reduce_sum(%x) {axes: [2]}\n  output y = %y"),
      ["3:16: reduce_sum: axis 2 is out of range for rank 2 (0..1)"],
    ],
    [
      "a scan body whose arguments do not match the operands",
      graph(
        [
          "  input %c0: f32[1]",
          "  input %xs: f32[5, 2]",
          "  %c: f32[1], %ys: f32[5, 1] = scan(%c0, %xs) {num_carry: 1, num_seq: 1} body(%c: f32[1], %x: f32[1]) {",
          "    %n: f32[1] = add(%c, %x)",
          "    yield %n, %n",
          "  }",
          "  output ys = %ys",
        ].join("\n"),
      ),
      ["4:32: scan: body takes (f32[1], f32[1]) but the operands give (f32[1], f32[2])"],
    ],
    [
      "a scan body that does not yield its carries first",
      graph(
        [
          "  input %c0: f32[1]",
          "  input %xs: f32[5, 2]",
          "  %c: f32[1], %ys: f32[5, 2] = scan(%c0, %xs) {num_carry: 1, num_seq: 1} body(%c: f32[1], %x: f32[2]) {",
          "    yield %x",
          "  }",
          "  output ys = %ys",
        ].join("\n"),
      ),
      ["4:32: scan: body yields (f32[2]) but must begin with its carries (f32[1])"],
    ],
    [
      "an error inside a scan body",
      graph(
        [
          "  input %c0: f32[1]",
          "  input %xs: f32[5, 1]",
          "  %c: f32[1], %ys: f32[5, 1] = scan(%c0, %xs) {num_carry: 1, num_seq: 1} body(%c: f32[1], %x: f32[1]) {",
          "    %n: f32[2] = add(%c, %x)",
          "    yield %c, %n",
          "  }",
          "  output ys = %ys",
        ].join("\n"),
      ),
      [
        "5:18: add: result %n is declared f32[2] but its shape rule gives f32[1]",
        "4:32: scan: result %ys is declared f32[5, 1] but its shape rule gives f32[5, 2]",
      ],
    ],
    ["a graph without outputs", graph("  input %x: f32[2]"), ["1:7: @g: the graph has no outputs"]],
    [
      "two outputs of one name",
      graph("  input %x: f32[2]\n  output y = %x\n  output y = %x"),
      ["1:7: @g: output 'y' is defined twice"],
    ],
    [
      "an update of another type",
      graph(
        "  input %x: f32[2]\n  output x = %x\n  update @w = %x",
        "param @w: f32[2, 2] = zeros()",
      ),
      ["2:7: @g: updates @w (f32[2, 2]) with f32[2]"],
    ],
    [
      "an update of an undeclared parameter, and one updated twice",
      graph(
        "  input %x: f32[2]\n  output x = %x\n  update @v = %x\n  update @w = %x\n  update @w = %x",
        "param @w: f32[2] = zeros()",
      ),
      ["2:7: @g: updates undeclared parameter @v", "2:7: @g: @w is updated twice"],
    ],
    [
      "a parameter with a symbolic shape",
      graph("  %y: f32[batch, 2] = relu(@w)\n  output y = %y", "param @w: f32[batch, 2] = zeros()"),
      ["1:7: parameter @w has a symbolic shape f32[batch, 2]"],
    ],
  ];
  for (const [what, text, expected] of cases) {
    it(`reports ${what}`, () => expect(problems(text)).toEqual(expected));
  }

  it("reports several problems in one run", () => {
    const text = graph(
      "  input %x: f32[2]\n  %y: i32[2] = exp(%x)\n  %z: f32[2] = log(%w)\n  %w: f32[2] = exp(%x)",
    );
    expect(problems(text)).toEqual([
      "3:16: exp: result %y is declared i32[2] but its shape rule gives f32[2]",
      "4:16: %w is used by log before it is defined",
      "1:7: @g: the graph has no outputs",
    ]);
  });
});

describe("verifier on graphs broken by hand", () => {
  function small() {
    const module = new Module("m");
    module.declareParam("w", { dtype: "f32", shape: [2] }, { kind: "zeros" });
    const g = module.addGraph("g");
    const b = new GraphBuilder(g);
    const x = b.input("x", { dtype: "f32", shape: [2] });
    const y = b.op1("add", [x, b.param("w")], {}, "y");
    b.output("y", y);
    return { module, g, x, y };
  }

  it("accepts what the builder makes", () => expect(verifyModule(small().module)).toEqual([]));

  it("reports a parameter read at another type than declared", () => {
    const { module } = small();
    module.params.set("w", {
      name: "w",
      type: { dtype: "f32", shape: [3] },
      init: { kind: "zeros", attrs: {} },
      trainable: true,
    });
    expect(verifyModule(module).map((d) => d.message)).toEqual([
      "@g: reads @w as f32[2] but it is declared f32[3]",
    ]);
  });

  it("reports an operand from another graph", () => {
    const { module, g } = small();
    const other = module.addGraph("other");
    const stranger = new GraphBuilder(other).input("s", { dtype: "f32", shape: [2] });
    other.outputs.push({ name: "s", value: stranger });
    g.ops[0].setOperand(0, stranger);
    expect(verifyModule(module).map((d) => d.message)).toEqual([
      "@g: operand %s of add belongs to another graph",
    ]);
  });

  it("reports a use list that disagrees with the operands", () => {
    const { module, x } = small();
    x.uses.length = 0;
    expect(verifyModule(module).map((d) => d.message)).toEqual([
      "@g: %x's use list misses add operand 0",
      "@g: %x's use list has 0 entries for 1 uses",
    ]);
  });

  it("reports attributes broken after building", () => {
    const { module, g } = small();
    g.ops[0].attrs = { bogus: 1 };
    expect(verifyModule(module).map((d) => d.message)).toEqual([
      "@g: add: unknown attribute 'bogus' (it takes none)",
    ]);
  });
});
