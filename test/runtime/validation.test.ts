/**
 * A package's calls refuse bad input with an Error that says what is wrong,
 * and a refused call changes nothing: the weights and the optimizer's state
 * are byte for byte what they were. NaN and Infinity are refused in
 * training; in prediction they flow through to the outputs (documented in
 * docs/security.md).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { findBackend } from "../../src/backends/index.js";
import { compileAndImport, type AnyModel } from "../helpers/package.js";

const SPEC = `model M {
  input x: f32[batch, 4]
  output logits = dense(x, 3)
}
train M {
  label: i32[batch]
  loss: cross_entropy(logits, label)
  optimizer: adam(lr: 0.01)
}
`;

let createModel: (o?: object) => AnyModel;
beforeAll(async () => {
  ({ createModel } = await compileAndImport(SPEC, "m.weft", { target: findBackend("ts") }));
});

const x = (rows: number) => Float32Array.from({ length: 4 * rows }, (_, i) => Math.sin(i));
const label = (rows: number) => Int32Array.from({ length: rows }, (_, i) => i % 3);

/** A trained model, and a check that a call is refused with `message` and leaves it as it was. */
function refuses(model: AnyModel) {
  return async (call: () => unknown, message: string) => {
    const before = model.saveWeights({ optimizer: true });
    await expect(async () => await call()).rejects.toThrow(message);
    expect(Buffer.from(model.saveWeights({ optimizer: true })).equals(Buffer.from(before))).toBe(
      true,
    );
  };
}

describe("a package refuses bad input and changes nothing", () => {
  it("in a training step: NaN, Infinity, a batch of 0, a fractional or negative shape, a label out of range", async () => {
    const model = createModel({ seed: 1 });
    model.trainStep({ x: x(2), label: label(2) });
    const check = refuses(model);
    const nan = x(2);
    nan[5] = NaN;
    await check(
      () => model.trainStep({ x: nan, label: label(2) }),
      "field 'x': value NaN at index 5 is not finite; training takes finite numbers only",
    );
    const inf = x(2);
    inf[0] = -Infinity;
    await check(
      () => model.trainStep({ x: inf, label: label(2) }),
      "field 'x': value -Infinity at index 0 is not finite",
    );
    await check(
      () =>
        model.trainStep({
          x: { data: new Float32Array(0), shape: [0, 4] },
          label: new Int32Array(0),
        }),
      "field 'x': shape [0,4] is not a list of integers of at least 1",
    );
    await check(
      () => model.trainStep({ x: { data: x(1), shape: [1.5, 4] }, label: label(1) }),
      "field 'x': shape [1.5,4] is not a list of integers of at least 1",
    );
    await check(
      () => model.trainStep({ x: new Float32Array(0), label: new Int32Array(0) }),
      "field 'x' has 0 values, not a positive multiple of 4",
    );
    await check(
      () => model.trainStep({ x: x(2), label: Int32Array.from([0, 3]) }),
      "field 'label': value 3 at index 1 is outside [0, 3)",
    );
    await check(
      () => model.trainStep({ x: Array.from(x(1)), label: label(1) }),
      "field 'x' must be a Float32Array, got an Array",
    );
    await check(
      () => model.computeGradients({ x: nan, label: label(2) }),
      "was compiled without gradients",
    );
  });

  it("in fit: bad batch sizes, epochs and seeds, no data, and NaN anywhere in whole arrays before any step", async () => {
    const model = createModel({ seed: 2 });
    const check = refuses(model);
    const data = { x: x(8), label: label(8) };
    for (const batchSize of [0, -1, 2.5, NaN, "4"])
      await check(
        () => model.fit(data, { batchSize }),
        `fit: batchSize must be an integer of at least 1, got ${typeof batchSize === "string" ? '"4"' : batchSize}`,
      );
    for (const epochs of [-1, 1.5, NaN])
      await check(
        () => model.fit(data, { epochs }),
        `fit: epochs must be an integer of at least 0, got ${epochs}`,
      );
    for (const seed of [NaN, 2 ** 32, -1, "seven"])
      await check(
        () => model.fit(data, { seed }),
        `fit: seed must be an integer from 0 to 4294967295, got ${seed === "seven" ? '"seven"' : seed}`,
      );
    await check(
      () => model.fit(data, { epochs: 2, initialEpoch: 3 }),
      "fit: initialEpoch must be an integer from 0 to 2, got 3",
    );
    await check(() => model.fit([]), "fit: epoch 1 got no batches");
    const late = x(8);
    late[31] = NaN;
    await check(
      () => model.fit({ x: late, label: label(8) }, { batchSize: 2 }),
      "field 'x': value NaN at index 31 is not finite",
    );
    await check(() => model.evaluate([]), "evaluate: the data holds no batches");
    await check(
      () => model.evaluate(data, { batchSize: -2 }),
      "evaluate: batchSize must be an integer of at least 1, got -2",
    );
  });

  it("in createModel: a seed that is not a 32-bit unsigned integer", () => {
    for (const seed of [NaN, 2 ** 32, -3, "seven", 1.5])
      expect(() => createModel({ seed })).toThrow(
        "createModel: seed must be an integer from 0 to 4294967295",
      );
    expect(createModel({ seed: 2 ** 32 - 1 }).getWeights()).toBeDefined();
  });

  it("predicts NaN where an input holds NaN, the other rows untouched", () => {
    const model = createModel({ seed: 3 });
    const clean = model.predict({ x: x(2) }).logits;
    const dirty = x(2);
    dirty[1] = NaN;
    const out = model.predict({ x: dirty }).logits;
    expect([...out.slice(0, 3)].every(Number.isNaN)).toBe(true);
    expect(out.slice(3)).toEqual(clean.slice(3));
  });
});
