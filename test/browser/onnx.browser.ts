/**
 * The fine-tune-in-the-browser walkthrough of docs/interop.md: a classifier
 * exported from PyTorch (test/fixtures/onnx), imported, given a train
 * section and compiled with its weights; in headless Chromium the page
 * fetches the weights, predicts what onnxruntime predicted, fine-tunes with
 * fit, and saves weights that a Node package reading them agrees with.
 */
import type { Server } from "node:http";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ort from "onnxruntime-node";
import { emitPackage } from "../../src/package/emit.js";
import { parseSpec } from "../../src/parser/index.js";
import { importOnnx } from "../../src/onnx/import.js";
import { compileAndImport } from "../helpers/package.js";
import { weightsFile } from "../helpers/onnx.js";
import { launchChromium, pageResult, servePackagePage } from "../helpers/chromium.js";

const ONNX = "test/fixtures/onnx/embedding_classifier.onnx";
const TRAIN = `
train Imported {
  label: i32[batch]
  loss: cross_entropy(logits, label)
  optimizer: adam(lr: 0.01)
  batch_size: 8
}
`;
const tokens = Int32Array.from({ length: 16 * 10 }, (_, i) => (i * 7 + (i >> 3)) % 50);
const label = Int32Array.from({ length: 16 }, (_, i) => i % 3);

const PAGE = `<!doctype html><meta charset="utf-8"><title>fine-tune an imported model</title>
<script type="module">
import { createModel } from "./package/index.js";
try {
  const weights = await (await fetch("package/weights.safetensors")).arrayBuffer();
  const model = await createModel({ weights });
  const tokens = Int32Array.from(${JSON.stringify(Array.from(tokens))});
  const label = Int32Array.from(${JSON.stringify(Array.from(label))});
  const before = Array.from(model.predict({ tokens }).logits);
  const history = await model.fit({ tokens, label }, { epochs: 5 });
  const tuned = Array.from(model.saveWeights());
  window.result = { before, loss: history.loss, tuned };
} catch (e) {
  window.result = { error: String(e && e.stack || e) };
}
</script>`;

let server: Server;
let url = "";
const imported = importOnnx(readFileSync(ONNX), "embedding_classifier.onnx");
const spec = imported.spec + TRAIN;

beforeAll(async () => {
  const result = await emitPackage(parseSpec(spec, "model.weft"), {
    weightsFile: {
      bytes: weightsFile(imported.weights),
      path: "weights.safetensors",
    },
  });
  ({ server, url } = await servePackagePage(result.files, PAGE));
});
afterAll(() => server?.close());

describe("a model imported from ONNX, in Chromium", () => {
  it("predicts what onnxruntime predicts, fine-tunes, and saves weights a package reads back", async () => {
    const browser = await launchChromium();
    try {
      const { result: got, errors } = await pageResult<{
        before: number[];
        loss: number[];
        tuned: number[];
      }>(browser, url);
      expect(got.error).toBeUndefined();
      expect(errors).toEqual([]);
      const session = await ort.InferenceSession.create(ONNX);
      const feeds = {
        tokens: new ort.Tensor("int64", BigInt64Array.from(Array.from(tokens, BigInt)), [16, 10]),
      };
      const want = (await session.run(feeds)).logits.data as Float32Array;
      got.before.forEach((x, i) =>
        expect(Math.abs(x - want[i]), `logit ${i}`).toBeLessThanOrEqual(
          1e-5 + 1e-4 * Math.abs(want[i]),
        ),
      );
      expect(got.loss).toHaveLength(5);
      expect(got.loss[4]).toBeLessThan(got.loss[0]);
      // The tuned weights, read by a Node package, give a lower loss than the imported ones.
      const host = (await compileAndImport(spec, "model.weft")).createModel({
        weights: Uint8Array.from(got.tuned),
      });
      const original = (await compileAndImport(spec, "model.weft")).createModel({
        weights: weightsFile(imported.weights),
      });
      // A training step's loss is the loss before it changes anything.
      const lossOf = (m: { trainStep(b: object): { loss: number } }) =>
        m.trainStep({ tokens, label }).loss;
      expect(lossOf(host)).toBeLessThan(lossOf(original));
    } finally {
      await browser.close();
    }
  });
});
