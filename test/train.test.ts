/**
 * `weft train` and `weft predict` end to end: the reference model on a
 * slice of its corpus, the plain output (a golden file), checkpoints that
 * resume to the same weights, and what stops training with an error.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "./helpers/cli.js";
import { expectGolden } from "./helpers/golden.js";

const scratch = mkdtempSync(join(tmpdir(), "weft-train-"));
const file = (name: string, text: string) => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};
const out = (name: string) => join(scratch, name);
const jsonl = (records: readonly object[]) => records.map((r) => JSON.stringify(r)).join("\n");

/** A small word classifier: 'good' and 'bad' words, a few of each in every text. */
const SPEC = `model Tiny {
  input tokens: i32[batch, 6]
  x = embedding(tokens, vocab: 20, dim: 8)
  x = mean(x, axis: 1)
  output logits = dense(x, 2)
}

train Tiny {
  label: i32[batch]
  loss: cross_entropy(logits, label)
  optimizer: adam(lr: 0.05)
  batch_size: 8
  epochs: 4
  metrics: [accuracy]
  data: jsonl("tiny.jsonl")
  tokenizer: words(20)
}
`;
const GOOD = ["fine", "great", "nice", "lovely"];
const BAD = ["awful", "poor", "sad", "grim"];
const tiny = Array.from({ length: 60 }, (_, i) => {
  const words = i % 2 ? BAD : GOOD;
  return {
    text: `${words[i % 4]} day ${words[(i >> 2) % 4]} and ${words[(i >> 1) % 4]}`,
    label: i % 2 ? "bad" : "good",
  };
});
file("tiny.jsonl", jsonl(tiny));
const spec = file("tiny.weft", SPEC);

describe("weft train", () => {
  it("trains the reference model on a slice of SpamAssassin far above chance, and predicts on text", async () => {
    // Every 6th message: 1008 of them, 69% ham, so chance (always ham) is 0.69.
    const corpus = "../examples/text-classifier/data.mjs";
    const { default: messages } = (await import(corpus)) as { default: () => Iterable<object> };
    const slice = [...messages()].filter((_, i) => i % 6 === 0);
    const data = file("spam-slice.jsonl", jsonl(slice));
    const dir = out("spam");
    const trained = await run(
      "train",
      "examples/text-classifier",
      "--data",
      data,
      "--epochs",
      "4",
      "--out",
      dir,
    );
    expect(trained.stderr).toBe("");
    expect(trained.code).toBe(0);
    const metrics = JSON.parse(readFileSync(join(dir, "metrics.json"), "utf8"));
    expect(metrics.epochs).toHaveLength(4);
    expect(metrics.test.accuracy).toBeGreaterThan(0.9);
    const predicted = await run(
      "predict",
      dir,
      "--text",
      "FREE money!!! click here to claim your prize now",
      "--json",
    );
    expect(predicted.code).toBe(0);
    const [p] = JSON.parse(predicted.stdout);
    expect(Object.keys(p.probabilities).sort()).toEqual(["ham", "spam"]);
    expect(p.probabilities.ham + p.probabilities.spam).toBeCloseTo(1, 5);
  }, 60_000);

  it("prints its progress as plain lines where stdout is not a terminal", async () => {
    const dir = out("tiny");
    const { code, stdout } = await run("train", spec, "--out", dir);
    expect(code).toBe(0);
    const masked = stdout.replaceAll(scratch, "TMP").replace(/\d+\.\d+ s/g, "T s");
    expectGolden("test/golden/cli/train.txt", masked);
    const predicted = await run(
      "predict",
      dir,
      "--text",
      "fine day great and nice",
      "awful day poor and sad",
    );
    expect(predicted.stdout).toMatch(
      /^good 0\.9\d+, bad 0\.0\d+  "fine day great and nice"\nbad 0\.9\d+, good 0\.0\d+  "awful day poor and sad"\n$/,
    );
  }, 60_000);

  it("resumes from its checkpoint to the weights an uninterrupted run reaches", async () => {
    const whole = out("whole");
    const halves = out("halves");
    expect((await run("train", spec, "--out", whole, "--epochs", "4")).code).toBe(0);
    expect((await run("train", spec, "--out", halves, "--epochs", "2")).code).toBe(0);
    const resumed = await run("train", spec, "--out", halves, "--epochs", "4", "--resume");
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain("resuming after epoch 2 of 4");
    expect(readFileSync(join(halves, "weights.safetensors"))).toEqual(
      readFileSync(join(whole, "weights.safetensors")),
    );
    const history = (dir: string) =>
      JSON.parse(readFileSync(join(dir, "metrics.json"), "utf8")).epochs.map(
        (e: { loss: number; steps: number[] }) => [e.loss, e.steps],
      );
    expect(history(halves)).toEqual(history(whole));
    // The report of the resumed run draws the steps of all four epochs.
    const report = readFileSync(join(halves, "report.html"), "utf8");
    const steps = history(whole).flatMap(([, s]: [number, number[]]) => s);
    expect(report).toContain(
      `data-series="per step" data-points="${JSON.stringify(steps.map((l: number, i: number) => [i + 1, l])).replace(/"/g, "&quot;")}"`,
    );
  }, 60_000);

  it("trains the same weights from examples stored on disk as from examples held in memory", async () => {
    const [held, stored] = [out("held"), out("stored")];
    expect((await run("train", spec, "--out", held)).code).toBe(0);
    expect((await run("train", spec, "--out", stored, "--memory-limit", "0")).code).toBe(0);
    expect(readFileSync(join(stored, "weights.safetensors"))).toEqual(
      readFileSync(join(held, "weights.safetensors")),
    );
  }, 60_000);

  it("evaluates a trained package on more data, encoded with its vocabulary", async () => {
    const dir = out("tiny-eval");
    expect((await run("train", spec, "--out", dir)).code).toBe(0);
    const more = file(
      "more.jsonl",
      jsonl(tiny.slice(0, 20).map((r) => ({ ...r, text: `${r.text} unseen` }))),
    );
    const evaluated = await run("eval", dir, "--data", more);
    expect(evaluated.stderr).toBe("");
    expect(evaluated.stdout).toMatch(
      new RegExp(`^${more}: loss 0\\.\\d+, accuracy 1\\.0000 \\(20 examples\\)\n$`),
    );
  }, 60_000);

  it("trains a character model on a text corpus, and samples from it", async () => {
    const corpus = file("abc.txt", "abcd".repeat(200));
    const lm = file(
      "lm.weft",
      `model LM {\n  input tokens: i32[batch, 8]\n  x = embedding(tokens, vocab: 8, dim: 8)\n  x = gru(x, 16, return_sequences: true)\n  output logits = dense(x, 8)\n}\n\ntrain LM {\n  next: i32[batch, 8]\n  loss: cross_entropy(logits, next)\n  optimizer: adam(lr: 0.05)\n  batch_size: 8\n  epochs: 6\n  data: text("abc.txt")\n  tokenizer: chars()\n}\n`,
    );
    const dir = out("lm");
    const trained = await run("train", lm, "--out", dir);
    expect(trained.code).toBe(0);
    expect(trained.stdout).toContain(
      `LM on ${corpus}: 79 training, 9 validation, 9 test examples; vocabulary of 6`,
    );
    const greedy = await run(
      "sample",
      dir,
      "--prompt",
      "abc",
      "--max-tokens",
      "9",
      "--temperature",
      "0",
    );
    expect(greedy).toMatchObject({ code: 0, stdout: "abcdabcdabcd\n" });
    const sampled = async (seed: string) =>
      (
        await run(
          "sample",
          dir,
          "--prompt",
          "a",
          "--max-tokens",
          "40",
          "--seed",
          seed,
          "--temperature",
          "3",
        )
      ).stdout;
    expect(await sampled("1")).toBe(await sampled("1"));
    expect(await sampled("1")).not.toBe(await sampled("2"));
    expect(await sampled("1")).toMatch(/^a[abcd]{40}\n$/);
    const classifier = await run("sample", out("tiny"), "--prompt", "x");
    expect(classifier.code).toBe(1);
  }, 60_000);

  it("predicts on inputs from a JSON file, the outputs as JSON", async () => {
    const linear = file(
      "linear.weft",
      `model L {\n  input x: f32[batch, 2]\n  output y = dense(x, 1)\n}\n\ntrain L {\n  target: f32[batch, 1]\n  loss: mse(y, target)\n  optimizer: adam(lr: 0.05)\n  batch_size: 8\n  epochs: 40\n  data: jsonl("linear.jsonl")\n}\n`,
    );
    file(
      "linear.jsonl",
      jsonl(Array.from({ length: 64 }, (_, i) => ({ x: [i / 64, 1], target: [3 * (i / 64) - 1] }))),
    );
    const dir = out("linear");
    expect((await run("train", linear, "--out", dir)).code).toBe(0);
    const input = file(
      "in.json",
      JSON.stringify({
        x: [
          [0.5, 1],
          [0.25, 1],
        ],
      }),
    );
    const predicted = await run("predict", dir, "--input", input);
    expect(predicted.code).toBe(0);
    const { y } = JSON.parse(predicted.stdout);
    expect(y[0]).toBeCloseTo(0.5, 1);
    expect(y[1]).toBeCloseTo(-0.25, 1);
    const wrong = await run(
      "predict",
      dir,
      "--input",
      file("bad-in.json", JSON.stringify({ z: [1] })),
    );
    expect(wrong).toMatchObject({
      code: 1,
      stderr: `weft: error: ${join(scratch, "bad-in.json")}: the model has no input 'z' (inputs: x)\n`,
    });
  }, 60_000);

  it("stops after the current step on Ctrl-C, keeping the last epoch's checkpoint", async () => {
    // Enough steps that the signal lands mid-epoch: 400 examples in batches of 1 (TypeScript
    // kernels: the child need not load binaryen).
    const slow = file(
      "slow.weft",
      SPEC.replace("batch_size: 8", "batch_size: 1").replace("epochs: 4", "epochs: 50"),
    );
    const dir = out("interrupted");
    const child = spawn(process.execPath, [
      "--import",
      "tsx",
      "src/cli/weft.ts",
      "train",
      slow,
      "--data",
      file(
        "many.jsonl",
        jsonl([...tiny, ...tiny, ...tiny, ...tiny, ...tiny, ...tiny].slice(0, 400)),
      ),
      "--out",
      dir,
      "--target",
      "ts",
    ]);
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on("data", (d) => {
        stdout += d;
        // The first epoch's row: its checkpoint is written.
        if (/\n {4}1 /.test(stdout) && !child.killed) child.kill("SIGINT");
      });
      child.on("close", resolve);
    });
    expect(code).toBe(1);
    const state = JSON.parse(readFileSync(join(dir, "checkpoint", "state.json"), "utf8"));
    expect(stderr).toBe(
      `weft: error: interrupted; the checkpoint of epoch ${state.epochs} is in ${join(dir, "checkpoint")}: continue with --resume\n`,
    );
    expect(state.epochs).toBeGreaterThanOrEqual(1);
    expect(state.epochs).toBeLessThan(50);
  }, 60_000);

  it("stops with an error naming the file and line of bad data, the step where the loss became NaN, or a bad flag", async () => {
    const bad = file("bad.jsonl", jsonl([...tiny.slice(0, 5), { text: "fine day" }]));
    const missing = await run("train", spec, "--data", bad, "--out", out("bad"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `weft: error: ${bad}:6: no field 'label' (i32[batch]); the record's fields: text\n`,
    );

    const regression = file(
      "huge.weft",
      `model R {\n  input x: f32[batch, 2]\n  output y = dense(x, 1)\n}\n\ntrain R {\n  target: f32[batch, 1]\n  loss: mse(y, target)\n  optimizer: sgd(lr: 1.0)\n  batch_size: 4\n  epochs: 3\n  data: jsonl("huge.jsonl")\n}\n`,
    );
    file(
      "huge.jsonl",
      jsonl(Array.from({ length: 40 }, (_, i) => ({ x: [1e18 * i, 1], target: [1] }))),
    );
    const diverged = await run("train", regression, "--out", out("huge"));
    expect(diverged.code).toBe(1);
    expect(diverged.stderr).toMatch(
      /^weft: error: the loss became (NaN|Infinity) at epoch 1, step \d+; training stopped/,
    );

    const flag = await run("train", spec, "--epochs", "0");
    expect(flag).toMatchObject({
      code: 1,
      stderr: "weft: error: --epochs takes an integer of at least 1, not '0'\n",
    });
    const resume = await run("train", spec, "--out", out("never"), "--resume");
    expect(resume.stderr).toMatch(/--resume: no checkpoint in/);
  }, 60_000);
});
