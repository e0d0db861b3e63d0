/**
 * A WGSL package in headless Chromium (Debian's, through playwright-core,
 * with WebGPU enabled: SwiftShader's adapter on a machine without a GPU): a
 * page served on 127.0.0.1 imports the compiled package, creates the model
 * on navigator.gpu's device, predicts and takes a training step; the
 * results are the TypeScript package's.
 */
import type { Server } from "node:http";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emitPackage } from "../../src/package/emit.js";
import { parseSpec } from "../../src/parser/index.js";
import { findBackend } from "../../src/backends/index.js";
import { compileAndImport } from "../helpers/package.js";
import { launchChromium, pageResult, servePackagePage } from "../helpers/chromium.js";

const SPEC = readFileSync("examples/mnist-mlp/model.weft", "utf8");
let server: Server;
let url = "";

const PAGE = `<!doctype html><meta charset="utf-8"><title>weft on WebGPU</title>
<script type="module">
import { createModel } from "./package/index.js";
try {
  const model = await createModel({ seed: 3 });
  const pixels = Float32Array.from({ length: 2 * 784 }, (_, i) => Math.sin(i));
  const digit = Int32Array.from([3, 8]);
  const scores = Array.from((await model.predict({ pixels })).scores);
  const step = await model.trainStep({ pixels, digit });
  const after = Array.from((await model.predict({ pixels })).scores);
  window.result = { scores, loss: step.loss, after, dispatches: model.lastRun.dispatches };
} catch (e) {
  window.result = { error: String(e && e.stack || e) };
}
</script>`;

beforeAll(async () => {
  const result = await emitPackage(parseSpec(SPEC, "mnist.weft"), { target: findBackend("wgsl") });
  ({ server, url } = await servePackagePage(result.files, PAGE));
});
afterAll(() => server?.close());

describe("a WGSL package in Chromium", () => {
  it("predicts and trains on navigator.gpu as the TypeScript package does", async () => {
    const browser = await launchChromium({ webgpu: true });
    try {
      const { result: got, errors } = await pageResult<{
        scores: number[];
        loss: number;
        after: number[];
        dispatches: number;
      }>(browser, url);
      expect(got.error).toBeUndefined();
      expect(errors).toEqual([]);
      const host = (
        await compileAndImport(SPEC, "mnist.weft", { target: findBackend("ts") })
      ).createModel({ seed: 3 });
      const pixels = Float32Array.from({ length: 2 * 784 }, (_, i) => Math.sin(i));
      const close = (a: number[], b: ArrayLike<number>, what: string) =>
        a.forEach((x, i) =>
          expect(Math.abs(x - b[i]), `${what} ${i}`).toBeLessThanOrEqual(
            1e-4 * Math.abs(b[i]) + 1e-6,
          ),
        );
      close(got.scores, host.predict({ pixels }).scores, "scores");
      const want = host.trainStep({ pixels, digit: Int32Array.from([3, 8]) });
      expect(Math.abs(got.loss - want.loss)).toBeLessThanOrEqual(1e-4 * Math.abs(want.loss));
      close(got.after, host.predict({ pixels }).scores, "scores after a step");
      expect(got.dispatches).toBeGreaterThan(0);
    } finally {
      await browser.close();
    }
  });
});
