/**
 * The WebAssembly backend's own checks (the conformance suite and the model
 * tests run it like every backend): its module as golden text, and a
 * module that validates for every example.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { WASM_BACKEND } from "../../src/backends/wasm/index.js";
import { printWasm } from "../../src/backends/wasm/printer.js";
import { compiled, specStart } from "../helpers/compile.js";
import { expectGolden } from "../helpers/golden.js";

/** The WebAssembly JavaScript API (this project's TypeScript libraries do not declare it). */
const wasm = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } })
  .WebAssembly;

const MLP =
  'model Mlp {\n  input x: f32[batch, 4]\n  h = dense(x, 8, activation: relu, name: "fc1")\n  output y = dense(h, 3, name: "fc2")\n}\n';

describe("the WebAssembly backend", () => {
  it("prints a 2-layer MLP as its golden WAT", async () => {
    const { programs } = compiled(specStart(MLP, "mlp.weft"), 2, WASM_BACKEND);
    expectGolden("test/golden/wasm/mlp.wat", (await printWasm(programs!, { text: true })).text!);
  });

  it("builds a module that validates for every example, and compiles it", async () => {
    for (const example of ["text-classifier", "lstm-classifier", "mnist-mlp"]) {
      const spec = readFileSync(`examples/${example}/model.weft`, "utf8");
      const { programs } = compiled(specStart(spec), 2, WASM_BACKEND);
      const { binary } = await printWasm(programs!);
      expect(wasm.validate(binary), example).toBe(true);
    }
  }, 60_000);
});
