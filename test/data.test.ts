/**
 * Training data: the tokenizers, the sources (JSON Lines, CSV, a text
 * corpus, a module), the seeded split, the vocabulary and labels built from
 * the training split only, and errors that name the file, line and field.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  splitText,
  Tokenizer,
  VocabularyBuilder,
  type TokenizerConfig,
} from "../src/runtime/text.js";
import { loadSplits, splitOf, type DataPlan, type ExampleSet } from "../src/data/dataset.js";
import { readRecords, sourceForFile } from "../src/data/records.js";
import { writeSafetensors, type TensorSpec } from "../src/runtime/model.js";
import { mkdirSync } from "node:fs";

const WORDS: TokenizerConfig = {
  kind: "words",
  vocab: 6,
  lowercase: true,
  split: "words",
  pad: "right",
  truncate: "right",
};

const dir = mkdtempSync(join(tmpdir(), "weft-data-"));

/** The arrays of examples held in memory (a test's data always fits). */
const held = (e: ExampleSet) => {
  if (!("fields" in e)) throw new Error("the examples were stored, not held");
  return e.fields;
};
const file = (name: string, contents: string) => {
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
};

describe("tokenizers", () => {
  it("splits words by letters, digits and apostrophes, lowercased, or at whitespace", () => {
    expect(splitText(WORDS, "Don't STOP, 2 me!")).toEqual(["don't", "stop", "2", "me"]);
    expect(splitText({ ...WORDS, split: "whitespace" }, "a,b  c!")).toEqual(["a,b", "c!"]);
    expect(splitText({ ...WORDS, kind: "chars", lowercase: false }, "Hé!")).toEqual([
      "H",
      "é",
      "!",
    ]);
  });

  it("keeps the most frequent words (ties by first appearance) after padding and unknown", () => {
    const b = new VocabularyBuilder(WORDS);
    b.add("b a a c");
    b.add("d c e b");
    // a, b, c twice; d, e once: four fit beside <pad> and <unk>, and d came before e.
    expect(b.build()).toEqual(["<pad>", "<unk>", "b", "a", "c", "d"]);
  });

  it("pads and cuts to the input's length at the end it is told, unknown words as 1", () => {
    const tokens = ["<pad>", "<unk>", "a", "b", "c"];
    const right = new Tokenizer(WORDS, tokens);
    expect([...right.encode("a b zz", 5)]).toEqual([2, 3, 1, 0, 0]);
    expect([...right.encode("a b c a b", 3)]).toEqual([2, 3, 4]);
    const left = new Tokenizer({ ...WORDS, pad: "left", truncate: "left" }, tokens);
    expect([...left.encode("a b", 4)]).toEqual([0, 0, 2, 3]);
    expect([...left.encode("a b c a b", 3)]).toEqual([4, 2, 3]);
    expect(right.decode([2, 3, 1, 0])).toBe("a b <unk>");
  });
});

const TOKENS: TensorSpec = { name: "tokens", dtype: "i32", shape: ["batch", 4] };
const LABEL: TensorSpec = { name: "label", dtype: "i32", shape: ["batch"] };
const plan = (path: string, more: Partial<DataPlan> = {}): DataPlan => ({
  source: sourceForFile(path),
  inputs: [TOKENS],
  targets: [LABEL],
  tokenizer: { config: { ...WORDS, vocab: 100 }, field: "text", input: "tokens" },
  split: [0.6, 0.2, 0.2],
  seed: 0,
  ...more,
});

const jsonl = (records: object[]) => records.map((r) => JSON.stringify(r)).join("\n") + "\n";
const messages = Array.from({ length: 50 }, (_, i) => ({
  text: i % 2 ? `cheap pills offer ${i}` : `meeting notes ${i}`,
  label: i % 2 ? "spam" : "ham",
}));

describe("a data set from records", () => {
  it("splits by a seeded hash of each record's place, the same every time and different per seed", () => {
    const split = [0.8, 0.1, 0.1];
    const a = Array.from({ length: 1000 }, (_, i) => splitOf(0, i, split));
    expect(Array.from({ length: 1000 }, (_, i) => splitOf(0, i, split))).toEqual(a);
    expect(Array.from({ length: 1000 }, (_, i) => splitOf(1, i, split))).not.toEqual(a);
    const train = a.filter((s) => s === 0).length;
    expect(train).toBeGreaterThan(750);
    expect(train).toBeLessThan(850);
  });

  it("encodes text and labels into the model's arrays; labels and words come from the training split", async () => {
    const path = file("messages.jsonl", jsonl(messages));
    const splits = await loadSplits(plan(path));
    const { train, validation, test } = splits;
    expect(train.count + validation.count + test.count).toBe(50);
    expect(splits.vocabulary.labels).toEqual({ label: ["ham", "spam"] });
    expect(held(train).tokens.length).toBe(4 * train.count);
    // Every record's number is a word of its own: those of the other splits are unknown (1).
    const tokens = splits.vocabulary.tokens!;
    const inTest = messages.filter((_, i) => splitOf(0, i, [0.6, 0.2, 0.2]) === 2);
    expect(tokens).not.toContain(inTest[0].text.split(" ").pop());
    const words = inTest[0].text.split(" ").length;
    expect(held(test).tokens[words - 1]).toBe(1);
    expect([...held(test).label]).toEqual(inTest.map((m) => (m.label === "spam" ? 1 : 0)));
  });

  it("stores examples past its memory limit in files, and reads them back a batch at a time", async () => {
    const path = file("stored.jsonl", jsonl(messages));
    const inMemory = await loadSplits(plan(path));
    const stored = await loadSplits({ ...plan(path), memoryLimit: 100 });
    expect("fields" in stored.train).toBe(false);
    expect(stored.train.count).toBe(inMemory.train.count);
    const order = Uint32Array.from(
      { length: stored.train.count },
      (_, i) => stored.train.count - 1 - i,
    );
    const batches = [
      ...(stored.train as Exclude<ExampleSet, { fields: unknown }>).batches(7, order),
    ];
    expect(batches).toHaveLength(Math.ceil(stored.train.count / 7));
    const tokens = held(inMemory.train).tokens;
    const last = stored.train.count - 1;
    expect([...batches[0].tokens.subarray(0, 4)]).toEqual([
      ...tokens.subarray(4 * last, 4 * last + 4),
    ]);
    expect(batches[0].label[1]).toBe(held(inMemory.train).label[last - 1]);
    stored.dispose();
  });

  it("reads CSV with a header, numbers as numbers, and a text corpus as windows one token on", async () => {
    const csv = file("points.csv", "x,y,label\n1,2,a\n3,4.5,b\n\n5,6,a\n");
    const records = [];
    for await (const r of readRecords(sourceForFile(csv))) records.push(r);
    expect(records.map((r) => r.record)).toEqual([
      { x: 1, y: 2, label: "a" },
      { x: 3, y: 4.5, label: "b" },
      { x: 5, y: 6, label: "a" },
    ]);
    expect(records[2].where).toBe(`${csv}:5`);

    const corpus = file("corpus.txt", "abcabcabcabcabcabcabcabcabcabc");
    const chars: TokenizerConfig = { ...WORDS, kind: "chars", vocab: undefined, lowercase: false };
    const splits = await loadSplits({
      ...plan(corpus),
      targets: [{ ...TOKENS, name: "next" }],
      tokenizer: { config: chars, field: "text", input: "tokens" },
      split: [0.8, 0.1, 0.1],
    });
    expect(splits.vocabulary.tokens).toEqual(["<pad>", "<unk>", "a", "b", "c"]);
    // 24 training characters: 5 windows of 4, each target the window one character on.
    expect(splits.train.count).toBe(5);
    expect([...held(splits.train).tokens.subarray(0, 4)]).toEqual([2, 3, 4, 2]);
    expect([...held(splits.train).next.subarray(0, 4)]).toEqual([3, 4, 2, 3]);
  });

  it("takes records from a module's default export, a generator function read afresh for each pass", async () => {
    const path = file(
      "data.mjs",
      `export default function* () {\n  for (let i = 0; i < 20; i++) yield { text: "w" + (i % 3), label: i % 2 ? "odd" : "even" };\n}\n`,
    );
    const splits = await loadSplits(plan(path));
    expect(splits.train.count + splits.validation.count + splits.test.count).toBe(20);
    const once = file(
      "once.mjs",
      `export default (function* () { yield { text: "a", label: "x" }; yield { text: "b", label: "y" }; })();\n`,
    );
    await expect(loadSplits(plan(once))).rejects.toThrow(
      /function that returns the records afresh/,
    );
  });

  it("names the file, line and field of bad data", async () => {
    const bad = async (name: string, contents: string, more: Partial<DataPlan> = {}) => {
      await expect(loadSplits(plan(file(name, contents), more))).rejects.toThrow();
      return loadSplits(plan(join(dir, name), more)).catch((e: Error) => e.message);
    };
    const p = (name: string) => join(dir, name);
    expect(await bad("missing.jsonl", jsonl([{ text: "a", label: "x" }, { text: "b" }]))).toBe(
      `${p("missing.jsonl")}:2: no field 'label' (i32[batch]); the record's fields: text`,
    );
    expect(await bad("notjson.jsonl", '{"text": "a", "label": "x"}\n{oops\n')).toMatch(
      new RegExp(`^${p("notjson.jsonl")}:2: not JSON`),
    );
    expect(await bad("empty.jsonl", "")).toBe(`${p("empty.jsonl")}: the data file is empty`);
    expect(await bad("nontext.jsonl", jsonl([{ text: 3, label: "x" }]))).toBe(
      `${p("nontext.jsonl")}:1: 'text' must be a text field, found 3`,
    );
    const numbers = {
      inputs: [{ name: "x", dtype: "f32" as const, shape: ["batch", 2] }],
      tokenizer: undefined,
    };
    expect(await bad("nan.jsonl", jsonl([{ x: [1, "two"], label: "a" }]), numbers)).toBe(
      `${p("nan.jsonl")}:1: 'x' needs finite numbers, found "two"`,
    );
    expect(await bad("short.jsonl", jsonl([{ x: [1], label: "a" }]), numbers)).toBe(
      `${p("short.jsonl")}:1: 'x' needs 2 numbers (f32[batch, 2]), found 1`,
    );
    // A label only outside the training split: a seed that puts the last record there.
    const unseen = jsonl([
      ...Array.from({ length: 10 }, () => ({ text: "a", label: "x" })),
      { text: "b", label: "never" },
    ]);
    const split = [0.5, 0.5, 0] as const;
    let seed = 0;
    while (splitOf(seed, 10, split) === 0 || splitOf(seed, 0, split) !== 0) seed++;
    expect(await bad("unseen.jsonl", unseen, { split, seed })).toBe(
      `${p("unseen.jsonl")}:11: label 'never' of 'label' is not in the training split (its labels: x)`,
    );
    await expect(loadSplits(plan(p("absent.jsonl")))).rejects.toThrow(
      /absent\.jsonl: cannot read the data: ENOENT/,
    );
  });
});

/** A .npy file: version 1, a header padded to 64 bytes, little-endian data. */
function npy(descr: string, shape: number[], bytes: Uint8Array): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(", ")}${shape.length === 1 ? "," : ""}), }`;
  header = header.padEnd(64 - 10 - 1) + "\n";
  const out = new Uint8Array(10 + header.length + bytes.length);
  out.set([0x93, ...Buffer.from("NUMPY"), 1, 0, header.length & 255, header.length >> 8]);
  out.set(Buffer.from(header), 10);
  out.set(bytes, 10 + header.length);
  return out;
}

describe("a data set from tensors", () => {
  const X: TensorSpec = { name: "x", dtype: "f32", shape: ["batch", 3] };
  const Y: TensorSpec = { name: "y", dtype: "i32", shape: ["batch"] };
  const tensorPlan = (path: string): DataPlan => ({
    source: sourceForFile(path),
    inputs: [X],
    targets: [Y],
    split: [0.5, 0.25, 0.25],
    seed: 0,
  });
  const n = 40;
  const x = Float64Array.from({ length: 3 * n }, (_, i) => i / 4);
  const y = BigInt64Array.from({ length: n }, (_, i) => BigInt(i % 3));

  it("reads a folder of .npy files (float64 and int64 converted) and a safetensors file alike", async () => {
    const folder = join(dir, "arrays");
    mkdirSync(folder);
    writeFileSync(join(folder, "x.npy"), npy("<f8", [n, 3], new Uint8Array(x.buffer)));
    writeFileSync(join(folder, "y.npy"), npy("<i8", [n], new Uint8Array(y.buffer)));
    const fromNpy = await loadSplits(tensorPlan(folder));
    const safetensors = file("arrays.safetensors", "");
    writeFileSync(
      safetensors,
      writeSafetensors([
        { name: "x", dtype: "f32", shape: [n, 3], data: Float32Array.from(x) },
        { name: "y", dtype: "i32", shape: [n], data: Int32Array.from(y, Number) },
      ]),
    );
    const fromSafetensors = await loadSplits(tensorPlan(safetensors));
    const { train } = fromNpy;
    expect(train.count + fromNpy.validation.count + fromNpy.test.count).toBe(n);
    expect(fromSafetensors.train).toEqual(train);
    // Each training example keeps its row: x's first value is 3/4 of its index, y its index mod 3.
    const first = held(train).x[0] / 0.75;
    expect(held(train).y[0]).toBe(first % 3);
    expect([...held(train).x.subarray(0, 3)]).toEqual([0, 1, 2].map((k) => (3 * first + k) / 4));
  });

  it("names a tensor that is missing or whose shape is not the field's", async () => {
    const bad = join(dir, "bad.safetensors");
    writeFileSync(
      bad,
      writeSafetensors([
        { name: "x", dtype: "f32", shape: [n, 4], data: new Float32Array(4 * n) },
        { name: "y", dtype: "i32", shape: [n], data: new Int32Array(n) },
      ]),
    );
    await expect(loadSplits(tensorPlan(bad))).rejects.toThrow(
      `${bad}: tensor 'x' is f32[40, 4], but the model takes f32[batch, 3] (the first dim counts examples)`,
    );
    const missing = join(dir, "missing.safetensors");
    writeFileSync(
      missing,
      writeSafetensors([{ name: "x", dtype: "f32", shape: [n, 3], data: new Float32Array(3 * n) }]),
    );
    await expect(loadSplits(tensorPlan(missing))).rejects.toThrow(
      `${missing}: no tensor 'y' (i32[batch]); the tensors: x`,
    );
  });
});
