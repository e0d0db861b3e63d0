/**
 * The WGSL backend on a real WebGPU implementation (Dawn in Node; on a
 * machine without a GPU, Mesa's lavapipe): golden shaders, every example's
 * shaders compiled with no message, the dispatches an LSTM step takes,
 * errors that name their kernel, a lost device, and a training run against
 * the TypeScript package's. Tests that need a device skip where there is
 * none, saying why.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { WGSL_BACKEND } from "../../src/backends/wgsl/index.js";
import { printWgsl } from "../../src/backends/wgsl/printer.js";
import { freshNodeDevice, requireNodeDevice } from "../../src/backends/wgsl/device.js";
import { findBackend } from "../../src/backends/index.js";
import { compileKernels, requestDevice } from "../../src/runtime/webgpu.js";
import { compiled, programOf, specStart } from "../helpers/compile.js";
import { expectGolden } from "../helpers/golden.js";
import { compileAndImport } from "../helpers/package.js";
import { itOn } from "../helpers/backends.js";
import { EXAMPLE_MODELS } from "../helpers/examples.js";

const SPECS: Record<string, string> = {
  mlp: 'model Mlp {\n  input x: f32[batch, 4]\n  h = dense(x, 8, activation: relu, name: "fc1")\n  output y = dense(h, 3, name: "fc2")\n}\n',
  gru: 'model Gru {\n  input x: f32[batch, seq, 3]\n  output h = gru(x, 4, name: "gru")\n}\n',
};

describe("the WGSL printer", () => {
  for (const [name, text] of Object.entries(SPECS))
    it(`is golden for a ${name} at -O2`, () => {
      const programs = compiled(specStart(text, `${name}.weft`), 2, WGSL_BACKEND).programs!;
      const printed = printWgsl(programs);
      const text_ = [
        ...printed.shaders.map((s) => `// ===== ${s.name}\n${s.code}`),
        `// ===== dispatches\n${JSON.stringify(printed.programs, null, 1)}\n`,
      ].join("\n");
      expectGolden(`test/golden/wgsl/${name}.wgsl`, text_);
    });

  it("runs an LSTM classifier's forward step in 2 dispatches and its training step in 6 per time step", () => {
    const text = readFileSync("examples/lstm-classifier/model.weft", "utf8");
    const c = compiled(specStart(text, "lstm.weft"), 2, WGSL_BACKEND);
    const count = (graph: string) => WGSL_BACKEND.dispatches!(programOf(c, graph), { batch: 64 });
    const forward = count("forward");
    expect(forward.loops.map((l) => l.perStep)).toEqual([2]);
    const train = count("train_step");
    expect(train.loops.map((l) => l.steps)).toEqual([128, 128]);
    // The forward step and the backward one: 2 + 4.
    expect(train.loops.map((l) => l.perStep)).toEqual([2, 4]);
    expect(train.total).toBe(
      train.outside + 128 * (train.loops[0].perStep + train.loops[1].perStep),
    );
  });
});

describe("the WGSL backend on WebGPU", () => {
  itOn(
    WGSL_BACKEND,
    "compiles every shader of every example with no error or warning",
    async () => {
      const device = await requireNodeDevice();
      for (const example of EXAMPLE_MODELS) {
        const text = readFileSync(`examples/${example}/model.weft`, "utf8");
        const programs = compiled(specStart(text, `${example}.weft`), 2, WGSL_BACKEND).programs!;
        // compileKernels rejects on any message the compiler gives, warnings included.
        await expect(compileKernels(device, printWgsl(programs)), example).resolves.toBeDefined();
      }
    },
    120_000,
  );

  itOn(
    WGSL_BACKEND,
    "names the kernel and the WGSL line of a shader that does not compile",
    async () => {
      const device = await requireNodeDevice();
      const shaders = [
        { name: "forward.k0_bad", code: "fn phase0() {\n  let x = ;\n}\n", entries: 1 },
      ];
      await expect(compileKernels(device, { shaders, programs: {} })).rejects.toThrow(
        /kernel forward\.k0_bad: WGSL error at line 2:/,
      );
    },
  );

  it("says there is no WebGPU where navigator.gpu is missing", async () => {
    await expect(requestDevice()).rejects.toThrow(
      /WebGPU is not available here .*createModel\(\{ device \}\)/,
    );
  });

  itOn(
    WGSL_BACKEND,
    "rejects calls on a lost device with an Error, and does not hang",
    async () => {
      const device = await freshNodeDevice();
      const { createModel } = await compileAndImport(SPECS.mlp, "mlp.weft", {
        target: WGSL_BACKEND,
      });
      const model = await createModel({ device });
      const x = new Float32Array(8);
      expect((await model.predict({ x })).y).toHaveLength(6);
      device.destroy();
      await expect(model.predict({ x })).rejects.toThrow(/WebGPU device was lost/);
    },
  );

  itOn(
    WGSL_BACKEND,
    "reads back only the outputs: a prediction's bytes, a training step's loss and metrics",
    async () => {
      const text = readFileSync("examples/mnist-mlp/model.weft", "utf8");
      const { createModel } = await compileAndImport(text, "mnist.weft", { target: WGSL_BACKEND });
      const model = await createModel({ seed: 1 });
      const pixels = new Float32Array(4 * 784);
      await model.predict({ pixels });
      expect(model.lastRun.bytesRead).toBe(4 * 10 * 4);
      await model.trainStep({ pixels, digit: Int32Array.from([1, 2, 3, 4]) });
      // loss, correct, count
      expect(model.lastRun.bytesRead).toBe(12);
    },
    60_000,
  );

  itOn(
    WGSL_BACKEND,
    "fits, evaluates and saves as the TypeScript package does, its weights readable by it",
    async () => {
      const text = readFileSync("examples/mnist-mlp/model.weft", "utf8");
      const [gpu, ts] = await Promise.all(
        ["wgsl", "ts"].map((t) => compileAndImport(text, "mnist.weft", { target: findBackend(t) })),
      );
      const [device, host] = [await gpu.createModel({ seed: 1 }), ts.createModel({ seed: 1 })];
      const pixels = Float32Array.from({ length: 40 * 784 }, (_, i) => Math.sin(i * 0.1));
      const digit = Int32Array.from({ length: 40 }, (_, i) => i % 10);
      const data = { pixels, digit };
      const [got, want] = [
        await device.fit(data, { epochs: 2, batchSize: 16 }),
        await host.fit(data, { epochs: 2, batchSize: 16 }),
      ];
      got.loss.forEach((l: number, e: number) =>
        expect(Math.abs(l - want.loss[e]), `epoch ${e}`).toBeLessThanOrEqual(1e-4 * want.loss[e]),
      );
      const [a, b] = [await device.evaluate(data), await host.evaluate(data)];
      expect(Math.abs(a.loss - b.loss)).toBeLessThanOrEqual(1e-4 * b.loss);
      // The device's weights and optimizer state, read back, in the TypeScript package.
      const saved = await device.saveWeights({ optimizer: true });
      const copy = ts.createModel({ weights: saved });
      const one = { pixels: pixels.subarray(0, 784) };
      const [x, y] = [(await device.predict(one)).scores, copy.predict(one).scores];
      x.forEach((v: number, i: number) => expect(Math.abs(v - y[i])).toBeLessThanOrEqual(1e-5));
      // A runtime learning rate reaches the device; weights loaded and the optimizer reset train as a fresh copy does.
      await device.loadWeights(saved);
      await device.resetOptimizer();
      device.learningRate = 0.01;
      expect(device.describe().optimizer.learningRate).toBe(Math.fround(0.01));
      copy.resetOptimizer();
      copy.learningRate = 0.01;
      for (let step = 0; step < 2; step++) {
        const [s, t] = [(await device.trainStep(data)).loss, copy.trainStep(data).loss];
        expect(Math.abs(s - t), `step ${step}`).toBeLessThanOrEqual(1e-4 * t);
      }
    },
    60_000,
  );

  itOn(
    WGSL_BACKEND,
    "trains the reference text classifier to 100% training accuracy, its losses the TypeScript package's over 20 steps",
    async () => {
      // The reference model over 64 tokens (as the interpreter's training test), on 'does the text contain token 7'.
      const text = readFileSync("examples/text-classifier/model.weft", "utf8").replace(
        "i32[batch, 128]",
        "i32[batch, 64]",
      );
      const [gpu, ts] = await Promise.all(
        ["wgsl", "ts"].map((t) => compileAndImport(text, "model.weft", { target: findBackend(t) })),
      );
      const [device, host] = [await gpu.createModel({ seed: 42 }), ts.createModel({ seed: 42 })];
      let s = 1;
      const random = (n: number) => (s = (s * 1103515245 + 12345) % 2 ** 31) % n;
      const tokens = Int32Array.from({ length: 32 * 64 }, () => 8 + random(500));
      const label = Int32Array.from({ length: 32 }, (_, i) => i % 2);
      for (let i = 0; i < 32; i++) if (label[i]) tokens[i * 64 + random(64)] = 7;
      let correct = 0;
      let steps = 0;
      while (correct < 32 && steps < 300) {
        const got = await device.trainStep({ tokens, label });
        if (steps < 20) {
          const want = host.trainStep({ tokens, label });
          expect(Math.abs(got.loss - want.loss), `loss of step ${steps}`).toBeLessThanOrEqual(
            1e-3 * Math.abs(want.loss),
          );
        }
        correct = got.correct;
        steps++;
      }
      expect(correct).toBe(32);
      expect(steps).toBeLessThan(300);
    },
    120_000,
  );
});
