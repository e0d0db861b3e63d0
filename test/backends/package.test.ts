/**
 * The generated package, end to end: compiled in the test, written to disk,
 * imported with a real import(), and used as an app would.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { initialParams } from "../../src/ir/initializers.js";
import { interpret } from "../../src/ir/interpreter.js";
import { Tensor } from "../../src/ir/tensor.js";
import { parseSpec } from "../../src/parser/index.js";
import { buildTraining } from "../../src/training/train-step.js";
import { buildModel } from "../../src/layers/build.js";
import { expectGolden } from "../helpers/golden.js";
import { BACKENDS, findBackend } from "../../src/backends/index.js";
import { expectClose } from "../helpers/tensors.js";
import { shuffled, writeSafetensors } from "../../src/runtime/model.js";
import { compileAndImport } from "../helpers/package.js";

/** Equal weights, compared element by element (faster than a deep equality on large arrays). */
function same(a: Record<string, Float32Array>, b: Record<string, Float32Array>): boolean {
  return (
    Object.keys(a).join() === Object.keys(b).join() &&
    Object.keys(a).every((k) => a[k].every((x, i) => Object.is(x, b[k][i])))
  );
}

const reference = readFileSync("examples/text-classifier/model.weft", "utf8");
/** Tokens per example of the reference model. */
const LENGTH = 128;

/** "Does the sequence contain token 7": 32 examples of LENGTH tokens. */
function containsSeven() {
  let s = 1;
  const random = (n: number) => (s = (s * 1103515245 + 12345) % 2 ** 31) % n;
  const tokens = new Int32Array(32 * LENGTH).map(() => 8 + random(500));
  const label = new Int32Array(32).map((_, i) => i % 2);
  for (let i = 0; i < 32; i++) if (label[i]) tokens[i * LENGTH + random(LENGTH)] = 7;
  return { tokens, label };
}

describe("the reference text classifier's package", () => {
  let pkg: Awaited<ReturnType<typeof compileAndImport>>;
  beforeAll(async () => {
    pkg = await compileAndImport(reference, "model.weft", { weightsSeed: 3 });
  }, 60_000);

  it("is an ESM package with no dependencies, typed by the spec, without eval", () => {
    const json = JSON.parse(readFileSync(join(pkg.dir, "package.json"), "utf8"));
    expect(json).toMatchObject({ name: "text-classifier", type: "module", types: "./index.d.ts" });
    expect(json.dependencies).toBeUndefined();
    const dts = readFileSync(join(pkg.dir, "model.d.ts"), "utf8");
    expect(dts).toContain("tokens: Int32Array | Shaped<Int32Array>;");
    expect(dts).toContain("logits: Float32Array;");
    expect(dts).toContain("label: Int32Array | Shaped<Int32Array>;");
    for (const f of pkg.result.files.filter((f) => f.path.endsWith(".js"))) {
      expect(String(f.contents), f.path).not.toMatch(/\beval\(|new Function/);
    }
    expect(readFileSync(join(pkg.dir, "README.md"), "utf8")).toContain(
      "| `tokens` | `i32[batch, 128]` |",
    );
  });

  it("describes the model as data: manifest.json, which the runtime reads", async () => {
    const manifest = JSON.parse(readFileSync(join(pkg.dir, "manifest.json"), "utf8"));
    const module = await import(pathToFileURL(join(pkg.dir, "index.js")).href);
    expect(module.manifest).toEqual(manifest);
    expect(manifest).toMatchObject({
      format: 1,
      name: "TextClassifier",
      target: BACKENDS[0].name,
    });
    expect(manifest.inputs).toEqual([{ name: "tokens", dtype: "i32", shape: ["batch", LENGTH] }]);
    expect(manifest.targets).toEqual([{ name: "label", dtype: "i32", shape: ["batch"] }]);
    const params = new Map(manifest.params.map((p: { name: string }) => [p.name, p]));
    expect(params.get("embedding.weight")).toMatchObject({ shape: [10000, 64], trainable: true });
    expect(params.get("adam.exp_avg.dense.weight")).toMatchObject({
      shape: [64, 64],
      trainable: false,
    });
    expect(Object.keys(manifest.programs)).toEqual(["forward", "evaluate", "train_step"]);
    const forward = manifest.programs.forward;
    expect(forward.symbols).toEqual(["batch"]);
    expect(forward.slots.length).toBe(forward.slotBuffer.length);
    // The runtime builds the model from the manifest and the kernels: a changed layout changes the model.
    const { createModelFrom } = await import(pathToFileURL(join(pkg.dir, "runtime/model.js")).href);
    const kernels = await import(pathToFileURL(join(pkg.dir, "kernels.js")).href);
    const runs = { forward: kernels.run_forward };
    const fromManifest = createModelFrom(manifest, runs, { seed: 3 });
    const tokens = new Int32Array(LENGTH).map((_, i) => i);
    expect(fromManifest.predict({ tokens }).logits).toEqual(
      pkg.createModel({ seed: 3 }).predict({ tokens }).logits,
    );
    const renamed = {
      ...manifest,
      inputs: [{ ...manifest.inputs[0], name: "ids" }],
      programs: {
        forward: { ...forward, inputs: [{ ...forward.inputs[0], name: "ids" }] },
      },
    };
    expect(() => createModelFrom(renamed, runs).predict({ tokens })).toThrow(/ids/);
  });

  it("predicts for any batch size as the interpreter does, and trains a step as it does", () => {
    const model = pkg.createModel({ seed: 5 });
    const { module } = buildTraining(parseSpec(reference, "model.weft"));
    const params = initialParams(module, 5);
    for (const batch of [1, 3]) {
      const tokens = new Int32Array(batch * LENGTH).map((_, i) => (i * 7919) % 10000);
      const want = interpret(module, "forward", {
        inputs: { tokens: Tensor.of("i32", [batch, LENGTH], tokens) },
        params,
      }).outputs.logits;
      expectClose(Tensor.of("f32", [batch, 2], model.predict({ tokens }).logits), want, {
        rtol: 1e-5,
        atol: 1e-6,
      });
    }
    const { tokens, label } = containsSeven();
    const step = interpret(module, "train_step", {
      inputs: {
        tokens: Tensor.of("i32", [32, LENGTH], tokens),
        label: Tensor.of("i32", [32], label),
      },
      params,
    });
    const result = model.trainStep({ tokens, label });
    expect(result.loss).toBeCloseTo(step.outputs.loss.data[0], 5);
    expect(result.correct).toBe(step.outputs.correct.data[0]);
    expectClose(
      Tensor.of("f32", [64, 64], model.getWeights()["dense.weight"]),
      step.updates["dense.weight"],
      { rtol: 1e-5, atol: 1e-6 },
    );
  });

  it("trains to 100% training accuracy on 'contains token 7', with fit", async () => {
    const model = pkg.createModel({ seed: 0 });
    const data = containsSeven();
    const epochs: number[] = [];
    const history = await model.fit(data, {
      epochs: 60,
      batchSize: 32,
      onEpoch: (e: { accuracy: number }) => epochs.push(e.accuracy),
    });
    expect(history.loss[59]).toBeLessThan(history.loss[0]);
    const { accuracy } = await model.evaluate(data);
    expect(accuracy).toBe(1);
  });

  it("shuffles each epoch by the seed the model was created with, seeds 0 and 1 and consecutive epochs apart", async () => {
    const data = containsSeven();
    const fitted = async (create: number, fit?: number) => {
      const model = pkg.createModel({ seed: create });
      await model.fit(data, {
        epochs: 2,
        batchSize: 8,
        ...(fit === undefined ? {} : { seed: fit }),
      });
      return model.getWeights();
    };
    // The spec's seed is 0: without a seed of its own, fit shuffles by the model's, 3.
    expect(same(await fitted(3), await fitted(3, 3))).toBe(true);
    expect(same(await fitted(3), await fitted(3, 0))).toBe(false);
    const order = (seed: number, epoch: number) => [...shuffled(64, seed, epoch)];
    expect(order(5, 1)).toEqual(order(5, 1));
    expect([...order(5, 1)].sort((a, b) => a - b)).toEqual([...Array(64).keys()]);
    expect(order(0, 0)).not.toEqual(order(1, 0));
    expect(order(5, 1)).not.toEqual(order(6, 0));
  });

  it("yields to the event loop a few times a second, not after every step", async () => {
    const model = pkg.createModel();
    const data = containsSeven();
    const timeout = vi.spyOn(globalThis, "setTimeout");
    const start = performance.now();
    await model.fit(data, { epochs: 4, batchSize: 1 });
    const elapsed = performance.now() - start;
    const yields = timeout.mock.calls.length;
    timeout.mockRestore();
    // 128 steps; a yield at most every 50 ms of training.
    expect(yields).toBeLessThanOrEqual(elapsed / 50 + 1);
  });

  it("rejects an iterator that the first epoch used up, and takes a function for fresh batches each epoch", async () => {
    const data = containsSeven();
    const batches = function* () {
      yield data;
    };
    await expect(pkg.createModel().fit(batches(), { epochs: 2 })).rejects.toThrow(
      "fit: epoch 2 got no batches: the data is an iterator the first epoch used up",
    );
    const history = await pkg.createModel().fit(batches, { epochs: 3 });
    expect(history.loss).toHaveLength(3);
    expect(history.loss[2]).toBeGreaterThan(0);
  });

  it("awaits onEpoch before the next epoch, and evaluates validation data after each", async () => {
    const data = containsSeven();
    const model = pkg.createModel({ seed: 1 });
    const seen: string[] = [];
    const history = await model.fit(data, {
      epochs: 3,
      validation: data,
      onBatch: ({ epoch, batch }: { epoch: number; batch: number }) =>
        batch === 0 && seen.push(`start ${epoch}`),
      onEpoch: async ({ epoch, valAccuracy }: { epoch: number; valAccuracy?: number }) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        seen.push(`end ${epoch} ${typeof valAccuracy}`);
      },
    });
    expect(seen).toEqual([
      "start 0",
      "end 0 number",
      "start 1",
      "end 1 number",
      "start 2",
      "end 2 number",
    ]);
    expect(history.valLoss).toHaveLength(3);
    expect(history.valAccuracy[2]).toBe((await model.evaluate(data)).accuracy);
  });

  it("encodes text with the vocabulary it is given and gives each label's probability", () => {
    expect(() => pkg.createModel().encode("hello")).toThrow(
      "model TextClassifier has no vocabulary: train it with `weft train`",
    );
    const vocabulary = {
      format: 1 as const,
      tokenizer: {
        kind: "words" as const,
        vocab: 10000,
        lowercase: true,
        split: "words" as const,
        pad: "right" as const,
        truncate: "right" as const,
      },
      tokens: ["<pad>", "<unk>", "free", "money"],
      labels: { label: ["ham", "spam"] },
    };
    const model = pkg.createModel({ vocabulary });
    const ids = model.encode(["Free MONEY now", "money"]);
    expect(ids.length).toBe(2 * LENGTH);
    expect([...ids.subarray(0, 4)]).toEqual([2, 3, 1, 0]);
    expect(ids[LENGTH]).toBe(3);
    const [first, second] = model.predictText(["Free MONEY now", "money"]);
    const logits = model.predict({ tokens: ids }).logits;
    const p = 1 / (1 + Math.exp(logits[0] - logits[1]));
    expect(first.probabilities.spam).toBeCloseTo(p, 6);
    expect(first.label).toBe(p > 0.5 ? "spam" : "ham");
    expect(Object.keys(second.probabilities)).toEqual(["ham", "spam"]);
  });

  it("takes its learning rate at run time: the same steps as a package compiled with that rate", async () => {
    const faster = await compileAndImport(
      reference.replace("adam(lr: 0.001)", "adam(lr: 0.01)"),
      "model.weft",
    );
    const data = containsSeven();
    const set = pkg.createModel({ seed: 4 });
    expect(set.learningRate).toBeCloseTo(0.001, 9);
    set.learningRate = 0.01;
    const compiled = faster.createModel({ seed: 4 });
    for (let i = 0; i < 3; i++)
      expect(set.trainStep(data).loss).toBe(compiled.trainStep(data).loss);
    expect(same(set.getWeights(), compiled.getWeights())).toBe(true);
    // Saved with the optimizer's state, so a resumed model keeps it.
    const resumed = pkg.createModel({ weights: set.saveWeights({ optimizer: true }) });
    expect(resumed.learningRate).toBeCloseTo(0.01, 9);
    expect(() => (set.learningRate = -1)).toThrow(
      "learningRate must be a finite number of at least 0, got -1",
    );
    expect(() => (set.weightDecay = 0.1)).toThrow(
      "model TextClassifier was compiled without weight decay; give its optimizer weight_decay in the spec",
    );
  });

  it("returns the async methods' promises before their steps run", async () => {
    const model = pkg.createModel({ seed: 2 });
    const before = model.getWeights()["dense.weight"];
    const step = model.trainStepAsync(containsSeven());
    // The call returned without training: the weights are as they were until the promise settles.
    expect(model.getWeights()["dense.weight"]).toEqual(before);
    expect((await step).loss).toBeGreaterThan(0);
    expect(model.getWeights()["dense.weight"]).not.toEqual(before);
  });

  it("fits on an iterable and an async iterable of batches as on whole arrays", async () => {
    const data = containsSeven();
    const half = (k: number) => ({
      tokens: data.tokens.slice(k * 16 * LENGTH, (k + 1) * 16 * LENGTH),
      label: data.label.slice(k * 16, (k + 1) * 16),
    });
    const fromArray = pkg.createModel({ seed: 2 });
    const fromIterable = pkg.createModel({ seed: 2 });
    const fromAsync = pkg.createModel({ seed: 2 });
    await fromArray.fit(data, { epochs: 2, batchSize: 16, shuffle: false });
    await fromIterable.fit([half(0), half(1)], { epochs: 2 });
    await fromAsync.fit(
      (async function* () {
        yield half(0);
        yield half(1);
      })(),
      { epochs: 1 },
    );
    expect(same(fromIterable.getWeights(), fromArray.getWeights())).toBe(true);
    expect(fromAsync.trainStep(half(0)).loss).toBeGreaterThan(0);
    const controller = new AbortController();
    controller.abort();
    await expect(fromArray.fit(data, { signal: controller.signal })).rejects.toThrow(
      "fit was aborted",
    );
  });

  it("rejects bad inputs with an Error naming the field, changing nothing", () => {
    const model = pkg.createModel();
    const before = model.getWeights()["dense.weight"];
    const tokens = new Int32Array(LENGTH);
    expect(() => model.predict({ tokenz: tokens })).toThrow(
      "unknown field 'tokenz' (expected tokens)",
    );
    expect(() => model.predict({})).toThrow("missing field 'tokens' (i32[batch, 128])");
    expect(() => model.predict({ tokens: new Float32Array(LENGTH) })).toThrow(
      "field 'tokens' must be an Int32Array, got a Float32Array",
    );
    expect(() => model.predict({ tokens: new Int32Array(LENGTH + 1) })).toThrow(
      "field 'tokens' has 129 values, not a positive multiple of 128",
    );
    expect(() => model.predict({ tokens: new Int32Array(LENGTH).fill(10000) })).toThrow(
      "field 'tokens': value 10000 at index 0 is outside [0, 10000)",
    );
    expect(() => model.trainStep({ tokens, label: new Int32Array([2]) })).toThrow(
      "field 'label': value 2 at index 0 is outside [0, 2)",
    );
    expect(() =>
      model.trainStep({ tokens: new Int32Array(2 * LENGTH), label: new Int32Array([0]) }),
    ).toThrow("field 'label': batch is 1, but 2 in another field");
    expect(model.getWeights()["dense.weight"]).toEqual(before);
  });

  it("saves and loads weights as safetensors, and resumes training exactly with the optimizer state", () => {
    const model = pkg.createModel({ seed: 1 });
    const batch = containsSeven();
    model.trainStep(batch);
    const saved = model.saveWeights({ optimizer: true });
    const copy = pkg.createModel({ seed: 99, weights: saved });
    expect(same(copy.getWeights(), model.getWeights())).toBe(true);
    // What fetch gives (an ArrayBuffer), and a Node Buffer's view of a shared pool.
    const fetched = pkg.createModel({ seed: 98, weights: saved.slice().buffer });
    const pooled = Buffer.concat([Buffer.from("x"), Buffer.from(saved)]).subarray(1);
    const viewed = pkg.createModel({ seed: 97, weights: pooled });
    for (const m of [fetched, viewed]) expect(same(m.getWeights(), model.getWeights())).toBe(true);
    expect(model.trainStep(batch)).toEqual(copy.trainStep(batch));
    expect(same(copy.getWeights(), model.getWeights())).toBe(true);
    const onlyParams = model.saveWeights();
    expect(onlyParams.length).toBeLessThan(saved.length);
    expect(() => model.loadWeights(new Uint8Array([1, 2, 3]))).toThrow(
      "loadWeights: not safetensors bytes (3 bytes)",
    );
    expect(() => model.setWeights({ "dense.weight": new Float32Array(3) })).toThrow(
      "setWeights: 'dense.weight' needs 4096 values for [64, 64], got 3",
    );
  });

  it("loads weights with their shapes checked, renamed, or only some of them, and resets the optimizer", () => {
    const trained = pkg.createModel({ seed: 1 });
    const batch = containsSeven();
    trained.trainStep(batch);
    const file = (tensors: { name: string; shape: number[]; data: Float32Array }[]) =>
      writeSafetensors(tensors.map((t) => ({ ...t, dtype: "f32" as const })));
    const weights = trained.getWeights() as Record<string, Float32Array>;
    const all = Object.entries(weights).map(([name, data]) => {
      const shape = trained
        .describe()
        .parameters.find((p: { name: string }) => p.name === name).shape;
      return { name, shape, data };
    });
    const model = pkg.createModel({ seed: 2 });
    const before = model.getWeights();
    // A transposed weight has the right number of values and the wrong shape.
    const transposed = all.map((t) => (t.name === "dense_2.weight" ? { ...t, shape: [64, 2] } : t));
    expect(() => model.loadWeights(file(transposed))).toThrow(
      "loadWeights: 'dense_2.weight' has shape [64, 2], but the model's is [2, 64]",
    );
    expect(same(model.getWeights(), before)).toBe(true);
    // PyTorch names of another module, renamed; only the head, the rest left as it was.
    const renamed = file(all.map((t) => ({ ...t, name: `classifier.${t.name}` })));
    model.loadWeights(renamed, {
      rename: (name: string) => name.replace(/^classifier\./, ""),
      only: ["dense_2."],
    });
    const mixed = model.getWeights();
    expect(mixed["dense_2.weight"]).toEqual(weights["dense_2.weight"]);
    expect(mixed["dense.weight"]).toEqual(before["dense.weight"]);
    expect(() => model.loadWeights(renamed)).toThrow(
      "loadWeights: unknown tensor 'classifier.embedding.weight'",
    );
    const head = file(all.filter((t) => t.name.startsWith("dense_2.")));
    expect(() => model.loadWeights(head)).toThrow("loadWeights: missing 'embedding.weight'");
    model.loadWeights(head, { strict: false });
    // resetOptimizer: a fresh optimizer's state, the hyperparameters kept.
    trained.learningRate = 0.002;
    trained.resetOptimizer();
    const fresh = pkg.createModel({ seed: 9, weights: trained.saveWeights() });
    fresh.learningRate = 0.002;
    expect(trained.trainStep(batch)).toEqual(fresh.trainStep(batch));
    expect(same(trained.getWeights(), fresh.getWeights())).toBe(true);
  });

  it("describes itself: inputs, outputs, targets, parameters and the optimizer", () => {
    const d = pkg.createModel().describe();
    expect(d.name).toBe("TextClassifier");
    expect(d.inputs).toEqual([{ name: "tokens", dtype: "i32", shape: ["batch", LENGTH] }]);
    expect(d.outputs).toEqual([{ name: "logits", dtype: "f32", shape: ["batch", 2] }]);
    expect(d.targets).toEqual([{ name: "label", dtype: "i32", shape: ["batch"] }]);
    expect(d.parameters.map((p: { name: string }) => p.name)).toEqual([
      "embedding.weight",
      "dense.weight",
      "dense.bias",
      "dense_1.weight",
      "dense_1.bias",
      "dense_2.weight",
      "dense_2.bias",
    ]);
    expect(() => pkg.createModel().computeGradients(containsSeven())).toThrow(
      "model TextClassifier was compiled without gradients: compile it with weft compile --gradients",
    );
    expect(d.optimizer.name).toBe("adam");
    expect(d.optimizer.learningRate).toBeCloseTo(0.001, 9);
  });

  it("ships weights.safetensors that loads as the seed's initial weights", () => {
    const shipped = readFileSync(join(pkg.dir, "weights.safetensors"));
    expect(
      same(
        pkg.createModel({ weights: new Uint8Array(shipped) }).getWeights(),
        pkg.createModel({ seed: 3 }).getWeights(),
      ),
    ).toBe(true);
  });
});

describe("names from a spec in the package", () => {
  it("Object.prototype keys, quotes, newlines, comment ends and template markers stay names", async () => {
    const hostile = 'a*/ throw 1; /*\\n evil ${1} \\"q\\\\ \u2028 z';
    const text = [
      "model M {",
      "  input constructor: f32[batch, 4]",
      "  input __proto__: f32[batch, 4]",
      "  s = add(constructor, __proto__)",
      `  h = dense(s, 4, name: "${hostile}")`,
      '  output toString = dense(h, 2, name: "hasOwnProperty")',
      "}",
      "train M {",
      "  label: i32[batch]",
      "  loss: cross_entropy(toString, label)",
      "  optimizer: sgd(lr: 0.1)",
      "}",
      "",
    ].join("\n");
    const pkg = await compileAndImport(text, "names.weft", { target: findBackend("ts") });
    const model = pkg.createModel({ seed: 1 });
    const a = Float32Array.from([1, 2, 3, 4]);
    const b = Float32Array.from([0, 1, 0, 1]);
    const inputs = Object.fromEntries([
      ["constructor", a],
      ["__proto__", b],
    ]);
    const y = model.predict(inputs).toString as Float32Array;
    expect(y).toHaveLength(2);
    expect(model.predict({ constructor: a, ["__proto__"]: b }).toString).toEqual(y);
    expect(() => model.predict({ constructor: a })).toThrow("missing field '__proto__'");
    const loss = model.trainStep({ ...inputs, label: Int32Array.from([1]) }).loss;
    expect(Number.isFinite(loss)).toBe(true);
    expect(Object.keys(model.getWeights())).toEqual([
      'a*/ throw 1; /*\n evil ${1} "q\\ \u2028 z.weight',
      'a*/ throw 1; /*\n evil ${1} "q\\ \u2028 z.bias',
      "hasOwnProperty.weight",
      "hasOwnProperty.bias",
    ]);
    const copy = pkg.createModel({ seed: 2, weights: model.saveWeights() });
    expect(copy.predict(inputs).toString).toEqual(model.predict(inputs).toString);
    JSON.parse(readFileSync(join(pkg.dir, "package.json"), "utf8"));
  });
});

describe("symbolic dims named after Object.prototype keys", () => {
  for (const target of ["ts", "wasm"])
    it(`bind and size the arrays on ${target}`, async () => {
      const text = [
        "model M {",
        "  input x: f32[batch, constructor, 3]",
        "  input y: f32[batch, __proto__, 3]",
        "  a = mean(x, axis: 1)",
        "  b = mean(y, axis: 1)",
        "  output z = add(a, b)",
        "}",
        "",
      ].join("\n");
      const pkg = await compileAndImport(text, "dims.weft", { target: findBackend(target) });
      const model = await pkg.createModel();
      const x = { data: Float32Array.from({ length: 24 }, (_, i) => i), shape: [2, 4, 3] };
      const y = { data: new Float32Array(30).fill(1), shape: [2, 5, 3] };
      expect([...model.predict({ x, y }).z]).toEqual([5.5, 6.5, 7.5, 17.5, 18.5, 19.5]);
    });
});

describe("the WebAssembly package", () => {
  it("keeps every model's tensors valid when another model of the package grows the memory they share", async () => {
    const pkg = await compileAndImport(
      readFileSync("examples/mnist-mlp/model.weft", "utf8"),
      "mnist.weft",
      { target: findBackend("wasm") },
    );
    const kernels = await import(pathToFileURL(join(pkg.dir, "kernels.js")).href);
    const pixels = Float32Array.from({ length: 2 * 784 }, (_, i) => Math.cos(i));
    const digit = Int32Array.from([7, 2]);
    const [first, twin] = [pkg.createModel({ seed: 4 }), pkg.createModel({ seed: 4 })];
    first.trainStep({ pixels, digit });
    twin.trainStep({ pixels, digit });
    const bufferNow = () => kernels.memory.reserve(0).buffer();
    const before = bufferNow();
    // A batch of 512 needs arenas larger than the memory holds: the module grows it.
    pkg.createModel().predict({ pixels: new Float32Array(512 * 784) });
    expect(bufferNow()).not.toBe(before);
    expect(same(first.getWeights(), twin.getWeights())).toBe(true);
    expect(first.trainStep({ pixels, digit }).loss).toBe(twin.trainStep({ pixels, digit }).loss);
    expect(first.predict({ pixels }).scores).toEqual(twin.predict({ pixels }).scores);
  });

  it("with --relaxed-simd, loads the relaxed module where the engine has relaxed SIMD and the plain one elsewhere", async () => {
    const text = readFileSync("examples/mnist-mlp/model.weft", "utf8");
    const target = BACKENDS.find((b) => b.name === "wasm");
    const pkg = await compileAndImport(text, "mnist.weft", {
      target,
      print: { relaxedSimd: true },
    });
    const paths = pkg.result.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["kernels.wasm", "kernels-relaxed.wasm"]));
    // This process has no relaxed SIMD (Node 20 without its flag): the plain module ran.
    const pixels = Array.from({ length: 2 * 784 }, (_, i) => Math.sin(i));
    const plain = [
      ...pkg.createModel({ seed: 3 }).predict({ pixels: Float32Array.from(pixels) }).scores,
    ];
    // Without the plain module, only an engine with relaxed SIMD can load the package.
    rmSync(join(pkg.dir, "kernels.wasm"));
    const script = [
      `const { createModel } = await import(${JSON.stringify(pathToFileURL(join(pkg.dir, "index.js")).href)});`,
      `const pixels = Float32Array.from(${JSON.stringify(pixels)});`,
      "console.log(JSON.stringify([...createModel({ seed: 3 }).predict({ pixels }).scores]));",
    ].join("\n");
    const run = (flags: string[]) =>
      spawnSync(process.execPath, [...flags, "--input-type=module", "-e", script], {
        encoding: "utf8",
      });
    const relaxed = run(["--experimental-wasm-relaxed-simd"]);
    expect(relaxed.stderr).toBe("");
    expectClose(
      Tensor.of("f32", [20], JSON.parse(relaxed.stdout)),
      Tensor.of("f32", [20], plain),
      { rtol: 1e-5, atol: 1e-6 },
      "relaxed against plain",
    );
    expect(
      run([]).status,
      "the plain module is gone, and this engine has no relaxed SIMD",
    ).not.toBe(0);
  }, 60_000);

  it("loads its module from kernels.wasm beside the glue, or from its embedded entry point without the file", async () => {
    const text = readFileSync("examples/mnist-mlp/model.weft", "utf8");
    const wasm = { target: BACKENDS.find((b) => b.name === "wasm") };
    const pkg = await compileAndImport(text, "mnist.weft", wasm);
    const binary = pkg.result.files.find((f) => f.path === "kernels.wasm")!.contents as Uint8Array;
    expect(new TextDecoder().decode(binary.slice(1, 4))).toBe("asm");
    expect(String(pkg.result.files.find((f) => f.path === "kernels.js")!.contents)).not.toMatch(
      /AGFzbQ/,
    );
    const pixels = Float32Array.from({ length: 2 * 784 }, (_, i) => Math.sin(i));
    const want = pkg.createModel({ seed: 3 }).predict({ pixels }).scores;
    // A copy of the package without its .wasm file, through the embedded entry point.
    const dir = mkdtempSync(join(tmpdir(), "weft-embedded-"));
    for (const f of pkg.result.files.filter((f) => f.path !== "kernels.wasm")) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.contents);
    }
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    expect(manifest.exports["./embedded"].import).toBe("./embedded.js");
    const embedded = await import(pathToFileURL(join(dir, "embedded.js")).href);
    expect(embedded.createModel({ seed: 3 }).predict({ pixels }).scores).toEqual(want);
    expect(want).toHaveLength(20);
  }, 60_000);

  it("keeps its tensors in the module's memory: 100 training steps reserve nothing and grow neither its memory nor the JS heap", async () => {
    const pkg = await compileAndImport(
      readFileSync("examples/mnist-mlp/model.weft", "utf8"),
      "mnist.weft",
      {
        target: BACKENDS.find((b) => b.name === "wasm"),
      },
    );
    const kernels = await import(pathToFileURL(join(pkg.dir, "kernels.js")).href);
    const reserve = kernels.memory.reserve;
    const reserved: number[] = [];
    kernels.memory.reserve = (bytes: number) => (reserved.push(bytes), reserve(bytes));
    const model = pkg.createModel({ seed: 1 });
    const pixels = Float32Array.from({ length: 8 * 784 }, (_, i) => Math.cos(i));
    const digit = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);
    model.trainStep({ pixels, digit });
    const size = reserve(0).buffer().byteLength;
    for (let step = 0; step < 100; step++) model.trainStep({ pixels, digit });
    kernels.memory.reserve = reserve;
    // The parameters and optimizer state, then the training step's arena: no scratch to copy through.
    expect(reserved.length).toBe(2);
    expect(reserve(0).buffer().byteLength).toBe(size);
    // The JS heap after a collection, 2000 steps apart, in a process of its own (for --expose-gc).
    const script = [
      `const { createModel } = await import(${JSON.stringify(pathToFileURL(join(pkg.dir, "index.js")).href)});`,
      "const model = createModel({ seed: 1 });",
      "const pixels = Float32Array.from({ length: 8 * 784 }, (_, i) => Math.cos(i));",
      "const digit = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);",
      "const heap = () => (gc(), gc(), process.memoryUsage().heapUsed);",
      "for (let step = 0; step < 200; step++) model.trainStep({ pixels, digit });",
      "const before = heap();",
      "for (let step = 0; step < 2000; step++) model.trainStep({ pixels, digit });",
      "console.log(heap() - before);",
    ].join("\n");
    const run = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", script], {
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    // What 2000 steps leave on the heap, warmed up: under 32 bytes a step (the collector's own
    // noise is tens of kB either way), where a copy per step would leave megabytes.
    expect(Number(run.stdout)).toBeLessThan(65_536);
  }, 60_000);
});

describe("generated TypeScript", () => {
  const specs: Record<string, string> = {
    mlp: 'model Mlp {\n  input x: f32[batch, 4]\n  h = dense(x, 8, activation: relu, name: "fc1")\n  output y = dense(h, 3, name: "fc2")\n}\n',
    gru: 'model Gru {\n  input x: f32[batch, seq, 3]\n  output h = gru(x, 4, name: "gru")\n}\n',
  };
  for (const [name, text] of Object.entries(specs)) {
    it(`is golden for a ${name}, and the golden code predicts what the interpreter does`, async () => {
      const file = `${name}.weft`;
      const { result, createModel } = await compileAndImport(text, file, {
        target: findBackend("ts"),
      });
      expectGolden(
        `test/golden/ts/${name}.kernels.ts`,
        String(result.files.find((f) => f.path === "kernels.ts")!.contents),
      );
      const model = createModel({ seed: 5 });
      const { module } = buildModel(parseSpec(text, file));
      const input = module.graph("forward").inputs[0];
      const shape = input.type.shape.map((d) =>
        d === "batch" ? 3 : typeof d === "number" ? d : 4,
      );
      const data = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) =>
        Math.sin(i * 1.7),
      );
      const params = Object.fromEntries(
        Object.entries(model.getWeights() as Record<string, Float32Array>).map(([k, v]) => [
          k,
          Tensor.of("f32", [...module.params.get(k)!.type.shape] as number[], v),
        ]),
      );
      const want = interpret(module, "forward", {
        inputs: { [input.name]: Tensor.of("f32", shape, data) },
        params,
      });
      const fed = shape.length > 2 ? { data, shape } : data;
      const got = model.predict({ [input.name]: fed });
      for (const [k, t] of Object.entries(want.outputs))
        expectClose(Tensor.of("f32", t.shape, got[k]), t, { rtol: 1e-5, atol: 1e-6 }, k);
    }, 30_000);
  }

  it("keeps hostile layer names as data, never as code", async () => {
    const evil = [
      'a"; globalThis.pwned = 1; "',
      "b`${globalThis.pwned = 2}`",
      "c */ globalThis.pwned = 3; /*",
      "d\\u0027\n</script>",
    ];
    const layers = evil
      .map(
        (n, i) => `  ${i === 0 ? "output y" : `h${i}`} = dense(x, 2, name: ${JSON.stringify(n)})`,
      )
      .join("\n");
    for (const target of BACKENDS) {
      const { createModel } = await compileAndImport(
        `model Evil {\n  input x: f32[batch, 2]\n${layers}\n}\n`,
        "evil.weft",
        { target },
      );
      expect((globalThis as { pwned?: number }).pwned, target.name).toBeUndefined();
      if (target.device && (await target.unavailable?.())) continue;
      const model = await createModel();
      expect(Object.keys(await model.getWeights()).sort()).toEqual(
        evil.flatMap((n) => [`${n}.bias`, `${n}.weight`]).sort(),
      );
      expect((await model.predict({ x: new Float32Array([1, 2]) })).y.length).toBe(2);
    }
  }, 30_000);
});
