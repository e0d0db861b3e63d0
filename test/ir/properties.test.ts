/** Property tests of the text form: any float, dim and name survives print → parse exactly. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GraphBuilder, Module } from "../../src/ir/graph.js";
import { parseModule } from "../../src/ir/parser.js";
import { printModule } from "../../src/ir/printer.js";
import { makeDim, type Dim } from "../../src/core/types.js";

const symbol = fc.constantFrom("batch", "seq", "heads", "n_1");
const dim: fc.Arbitrary<Dim> = fc.oneof(
  fc.nat({ max: 4096 }),
  fc
    .array(fc.oneof(symbol, fc.integer({ min: 1, max: 16 })), { minLength: 1, maxLength: 3 })
    .map((f) => makeDim(f)),
);

describe("text form properties", () => {
  it("every double, including -0, infinities and NaN, round-trips bit for bit", () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { minLength: 1, maxLength: 8 }), (values) => {
        const module = new Module("m");
        const b = new GraphBuilder(module.addGraph("g"));
        b.output(
          "c",
          b.op1("constant", [], { dtype: "f32", shape: [values.length], value: values }),
        );
        const text = printModule(module);
        const parsed = parseModule(text).graph("g").ops[0].attrs.value as number[];
        expect(parsed.map((v) => (Object.is(v, -0) ? "-0" : String(v)))).toEqual(
          values.map((v) => (Object.is(v, -0) ? "-0" : String(v))),
        );
        expect(printModule(parseModule(text))).toBe(text);
      }),
    );
  });

  it("any shape of concrete and symbolic dims, and any value names, round-trip", () => {
    const name = fc.stringMatching(/^[A-Za-z_][\w.]{0,12}$/);
    fc.assert(
      fc.property(
        fc.array(dim, { maxLength: 5 }),
        fc.uniqueArray(name, { minLength: 2, maxLength: 2 }),
        (shape, [a, b]) => {
          const module = new Module("m");
          const builder = new GraphBuilder(module.addGraph("g"));
          const x = builder.input(a, { dtype: "f32", shape });
          builder.output("y", builder.op1("exp", [x], {}, b));
          const text = printModule(module);
          const again = parseModule(text);
          expect(again.graph("g").inputs[0].type.shape).toEqual(shape);
          expect(printModule(again)).toBe(text);
        },
      ),
    );
  });
});
