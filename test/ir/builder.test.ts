/** The builder checks every op as it builds; the graph keeps values, users and names consistent. */
import { describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/ir/registry.js";
import { GraphBuilder, IRError, Module } from "../../src/ir/graph.js";
import { printGraph } from "../../src/ir/printer.js";
import { verifyModule } from "../../src/ir/verifier.js";
import { GATHER_OP } from "../../src/ir/ops/gather.js";

const F = (...shape: (number | string)[]) => ({ dtype: "f32" as const, shape });

function setup() {
  const module = new Module("m");
  module.declareParam("w", F(4, 3), { kind: "kaiming_uniform", attrs: { fan_in: 3 } });
  const graph = module.addGraph("forward");
  return { module, graph, b: new GraphBuilder(graph) };
}

function thrown(fn: () => unknown): IRError {
  try {
    fn();
  } catch (e) {
    if (e instanceof IRError) return e;
    throw e;
  }
  throw new Error("did not throw");
}

describe("GraphBuilder", () => {
  it("builds a typed graph, filling attribute defaults", () => {
    const { module, b, graph } = setup();
    const x = b.input("x", F("batch", 3));
    const y = b.op1("matmul", [x, b.param("w")], { transpose_b: true }, "y");
    const s = b.op1("reduce_sum", [y], { axes: [1] });
    b.output("s", s);
    expect(y.type).toEqual(F("batch", 4));
    expect(s.def?.attrs).toEqual({ axes: [1], keepdims: false });
    expect(x.uses.map((u) => u.op.name)).toEqual(["matmul"]);
    expect(verifyModule(module)).toEqual([]);
    expect(printGraph(graph)).toBe(
      [
        "graph @forward {",
        "  input %x: f32[batch, 3]",
        "  %y: f32[batch, 4] = matmul(%x, @w) {transpose_b: true}",
        "  %0: f32[batch] = reduce_sum(%y) {axes: [1]}",
        "  output s = %0",
        "}",
      ].join("\n"),
    );
  });

  it("rejects a shape error naming the op, the dims and the span", () => {
    const { b } = setup();
    b.span = { file: "model.weft", line: 7, col: 3 };
    const x = b.input("x", F("batch", 5));
    const e = thrown(() => b.op1("matmul", [x, b.param("w")], { transpose_b: true }));
    expect(e.message).toBe(
      "matmul: contracting dims differ: f32[batch, 5] has 5 columns, f32[4, 3]ᵀ has 3 rows",
    );
    expect(e.span).toEqual({ file: "model.weft", line: 7, col: 3 });
  });

  it("rejects unknown ops, bad attributes, wrong arity and foreign operands", () => {
    const { module, b } = setup();
    const x = b.input("x", F(2));
    expect(thrown(() => b.op1("frob", [x])).message).toBe("unknown op 'frob'");
    expect(thrown(() => b.op1("reduce_sum", [x], { axes: "0" })).message).toBe(
      "reduce_sum: attribute 'axes' must be a list of integers, got \"0\"",
    );
    expect(thrown(() => b.op1("exp", [x, x])).message).toBe(
      "exp: takes 1 operand (x), found 2: (f32[2], f32[2])",
    );
    expect(thrown(() => b.op1("concat", [], { axis: 0 })).message).toBe(
      "concat: takes at least 1 operand (inputs...), found 0: ()",
    );
    const other = new GraphBuilder(module.addGraph("other")).input("z", F(2));
    expect(thrown(() => b.op1("add", [x, other])).message).toBe(
      "add: operand %z belongs to graph @other, not @forward",
    );
    expect(thrown(() => b.param("nope")).message).toBe("unknown parameter @nope");
  });

  it("checks outputs and updates", () => {
    const { b } = setup();
    const x = b.input("x", F(2));
    b.output("x", x);
    expect(thrown(() => b.output("x", x)).message).toBe("output 'x' is defined twice");
    expect(thrown(() => b.update("w", x)).message).toBe(
      "update of @w: f32[4, 3] expected, found f32[2]",
    );
    expect(thrown(() => b.update("v", x)).message).toBe("update of unknown parameter @v");
  });

  it("names values uniquely, in a form the text can spell", () => {
    const { b } = setup();
    const x = b.input("x", F(2));
    const names = [
      b.op1("exp", [x], {}, "h"),
      b.op1("exp", [x], {}, "h"),
      b.op1("exp", [x]),
      b.op1("exp", [x], {}, "a b/c"),
    ];
    expect(names.map((v) => v.name)).toEqual(["h", "h.1", "0", "a_b_c"]);
  });

  it("builds regions closed over their own arguments", () => {
    const { module, b } = setup();
    const c0 = b.input("c0", F(2));
    const xs = b.input("xs", F("seq", 2));
    const body = b.region(
      [
        { name: "c", type: F(2) },
        { name: "x", type: F(2) },
      ],
      (r, [c, x]) => [r.op1("add", [c, x])],
    );
    const [last] = b.op("scan", [c0, xs], { num_carry: 1, num_seq: 1 }, { regions: [body] });
    b.output("last", last);
    expect(body.parentOp?.name).toBe("scan");
    expect(verifyModule(module)).toEqual([]);
    expect(thrown(() => body.readParam("w")).message).toBe(
      "a region cannot read parameter @w; pass it in as an operand",
    );
  });
});

describe("Graph rewriting", () => {
  it("replaces all uses (ops and outputs) and erases dead ops", () => {
    const { module, graph, b } = setup();
    const x = b.input("x", F(2));
    const e = b.op1("exp", [x], {}, "e");
    const n = b.op1("neg", [e], {}, "n");
    b.output("e", e);
    b.output("n", n);
    expect(thrown(() => graph.eraseOp(e.def!)).message).toBe(
      "cannot erase exp: its result %e is still used",
    );
    const t = b.op1("tanh", [x], {}, "t");
    graph.replaceAllUses(e, t);
    expect(n.def?.operands[0]).toBe(t);
    expect(graph.outputs[0].value).toBe(t);
    expect(e.uses).toEqual([]);
    graph.eraseOp(e.def!);
    expect(x.uses.map((u) => u.op.name)).toEqual(["tanh"]);
    expect(graph.ops.map((op) => op.name)).toEqual(["neg", "tanh"]);
    // The verifier sees the use of %t before its definition that this rewrite made.
    expect(verifyModule(module).map((d) => d.message)).toEqual([
      "@forward: %t is used by neg before it is defined",
    ]);
  });
});

describe("Module", () => {
  it("rejects duplicate parameters, unknown initializers and bad initializer attributes", () => {
    const { module } = setup();
    expect(thrown(() => module.declareParam("w", F(1), { kind: "zeros" })).message).toBe(
      "parameter @w is declared twice",
    );
    expect(thrown(() => module.declareParam("v", F(1), { kind: "he" })).message).toMatch(
      /^unknown initializer 'he' \(expected one of: zeros, /,
    );
    expect(
      thrown(() => module.declareParam("v", F(1), { kind: "normal", attrs: { std: "big" } }))
        .message,
    ).toBe("initializer normal: attribute 'std' must be a number, got \"big\"");
    expect(thrown(() => module.addGraph("forward")).message).toBe(
      "graph @forward is defined twice",
    );
    expect(thrown(() => module.graph("train")).message).toBe(
      "no graph @train in module @m (it has: @forward)",
    );
  });
});

describe("op registry", () => {
  it("rejects an op declared twice", () => {
    expect(() => buildRegistry([GATHER_OP, GATHER_OP])).toThrow("op 'gather' is declared twice");
  });
});
