import { describe, expect, it } from "vitest";
import {
  dimAdd,
  dimDiv,
  dimMul,
  dimProduct,
  evalDim,
  makeDim,
  symbolsOf,
} from "../../src/core/types.js";
import { broadcastShapes } from "../../src/ir/ops/util.js";

describe("symbolic dims", () => {
  it("have one canonical form: coefficient first, symbols sorted", () => {
    expect(makeDim(["seq", 4, "batch"])).toBe("4*batch*seq");
    expect(makeDim([2, 3])).toBe(6);
    expect(makeDim(["batch"])).toBe("batch");
    expect(() => makeDim(["no-dash"])).toThrow("invalid dim symbol 'no-dash'");
  });

  it("multiply, divide exactly, and add when the symbols agree", () => {
    expect(dimMul("batch", 8)).toBe("8*batch");
    expect(dimProduct(["batch", 8, 8])).toBe("64*batch");
    expect(dimProduct(["batch", "seq", 2])).toBe("2*batch*seq");
    expect(dimDiv("64*batch", 8)).toBe("8*batch");
    expect(dimDiv("batch*seq", "seq")).toBe("batch");
    expect(dimDiv("batch", "seq")).toBeUndefined();
    expect(dimDiv(10, 4)).toBeUndefined();
    expect(dimAdd("batch", "batch")).toBe("2*batch");
    expect(dimAdd(3, 4)).toBe(7);
    expect(dimAdd("batch", 1)).toBeUndefined();
  });

  it("evaluate under bindings and name an unbound symbol", () => {
    const bindings = new Map([
      ["batch", 3],
      ["seq", 5],
    ]);
    expect(evalDim("2*batch*seq", bindings)).toBe(30);
    expect(evalDim(7, bindings)).toBe(7);
    expect(() => evalDim("heads", bindings)).toThrow(
      "symbolic dim 'heads' is not bound by any input",
    );
    expect(symbolsOf(["batch", "2*batch*seq", 4])).toEqual(["batch", "seq"]);
  });

  it("broadcast: 1 stretches to a symbol, two different symbols do not meet", () => {
    const t = (...shape: (number | string)[]) => ({ dtype: "f32" as const, shape });
    expect(broadcastShapes([t("batch", 1, 4), t(3, 1)])).toEqual(["batch", 3, 4]);
    expect(broadcastShapes([t("batch", 4), t("batch", 4)])).toEqual(["batch", 4]);
    expect(() => broadcastShapes([t("batch", 4), t("seq", 4)])).toThrow(
      "cannot broadcast f32[batch, 4] and f32[seq, 4]: dim 0 is batch vs seq",
    );
  });
});
