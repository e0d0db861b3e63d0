/**
 * A model's memory stays bounded however many shapes it runs at: one region
 * for its intermediate tensors, replaced by one at least twice as large only
 * when a call needs more, and the slot layouts of the last LAYOUTS shapes.
 * (Before, it kept an arena per batch size and sequence length forever.)
 * `npm run check:memory` measures heap and rss over long runs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { findBackend } from "../../src/backends/index.js";
import { compileAndImport } from "../helpers/package.js";

const SPEC = `model Bag {
  input tokens: i32[batch, seq]
  x = embedding(tokens, vocab: 50, dim: 8)
  x = mean(x, axis: 1)
  output logits = dense(x, 2)
}
train Bag {
  label: i32[batch]
  loss: cross_entropy(logits, label)
  optimizer: adam(lr: 0.01)
}
`;

/* eslint-disable @typescript-eslint/no-explicit-any */
let createModelFrom: (...args: any[]) => any;
let manifest: any;
let runs: Record<string, unknown>;
let LAYOUTS: number;

beforeAll(async () => {
  const pkg = await compileAndImport(SPEC, "bag.weft", { target: findBackend("ts") });
  const runtime = await import(pathToFileURL(join(pkg.dir, "runtime/model.js")).href);
  ({ createModelFrom, LAYOUTS } = runtime);
  const kernels = await import(pathToFileURL(join(pkg.dir, "kernels.js")).href);
  manifest = JSON.parse(readFileSync(join(pkg.dir, "manifest.json"), "utf8"));
  runs = {
    forward: kernels.run_forward,
    evaluate: kernels.run_evaluate,
    train_step: kernels.run_train_step,
  };
});

/** A TensorMemory that counts what it hands out. */
function counting() {
  const reserved: number[] = [];
  return {
    reserved,
    reserve(bytes: number) {
      reserved.push(bytes);
      const buffer = new ArrayBuffer(bytes);
      return { offset: 0, bytes, buffer: () => buffer };
    },
  };
}

describe("a model's memory", () => {
  it("stays within twice the largest call's over 200 sequence lengths, predicting and training", () => {
    const memory = counting();
    const model = createModelFrom(manifest, runs, { seed: 1 }, memory);
    const params = memory.reserved.length;
    const tokens = (rows: number, seq: number) => ({
      data: Int32Array.from({ length: rows * seq }, (_, i) => (i * 7) % 50),
      shape: [rows, seq],
    });
    for (let seq = 1; seq <= 200; seq++) {
      model.predict({ tokens: tokens(2, seq) });
      model.trainStep({ tokens: tokens(2, seq), label: Int32Array.from([0, 1]) });
    }
    const arenas = memory.reserved.slice(params);
    // What the largest call needs, reserved at the end: a region at least that large.
    const last = arenas.at(-1)!;
    const sum = arenas.reduce((a, b) => a + b, 0);
    expect(arenas.length).toBeLessThan(12);
    expect(sum).toBeLessThanOrEqual(2 * last);
    // The results do not depend on which layouts are still kept.
    const again = createModelFrom(manifest, runs, { seed: 1 }, counting());
    for (let seq = 1; seq <= 200; seq++)
      again.trainStep({ tokens: tokens(2, seq), label: Int32Array.from([0, 1]) });
    expect(model.predict({ tokens: tokens(3, 17) }).logits).toEqual(
      again.predict({ tokens: tokens(3, 17) }).logits,
    );
    expect(LAYOUTS).toBe(16);
  });
});
