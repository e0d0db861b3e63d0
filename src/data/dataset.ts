/**
 * A model's training data from its source: the examples split into
 * training, validation and test, encoded into the typed arrays the model's
 * inputs and targets take, with the vocabulary and label names built from
 * the training split only.
 *
 * Records are read twice as a stream, so only the encoded arrays are held:
 * the first pass assigns each record its split, builds the vocabulary and
 * the label names from the training records and counts each split; the
 * second encodes every record into arrays of exactly that size. A record's
 * split is a seeded hash of its position, so it does not depend on how
 * many records follow it. A text corpus is read three times: to count its
 * tokens, to build the vocabulary from the first part (the training
 * split), and to encode it; its windows of the input's length, the target
 * one token on, are cut from the contiguous parts of the text in order.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pickRows, shuffled, type Data, type TensorSpec } from "../runtime/model.js";
import {
  splitText,
  Tokenizer,
  VocabularyBuilder,
  type TokenizerConfig,
  type Vocabulary,
} from "../runtime/text.js";
import { DataError, readRecords, readText, type DataRecord, type SourceDecl } from "./records.js";
import { readTensorSource } from "./tensors.js";

export interface DataPlan {
  readonly source: SourceDecl;
  /** The model's inputs, then its targets, as the manifest gives them. */
  readonly inputs: readonly TensorSpec[];
  readonly targets: readonly TensorSpec[];
  readonly tokenizer?: {
    readonly config: TokenizerConfig;
    /** The text field it reads, and the input it feeds. */
    readonly field: string;
    readonly input: string;
  };
  /** Fractions for training, validation and test. */
  readonly split: readonly [number, number, number];
  readonly seed: number;
  /** Bytes of encoded records held in memory; more go to files (default MEMORY_LIMIT). */
  readonly memoryLimit?: number;
}

/** Whole arrays by field name, and how many examples they hold. */
export interface Examples {
  readonly count: number;
  readonly fields: Record<string, Data>;
}

/**
 * Examples too many to hold (over DataPlan.memoryLimit): encoded into a
 * file per field, a row per example, and read a batch at a time.
 */
export interface StoredExamples {
  readonly count: number;
  /** The examples picked by `order` (all, in file order, by default), `batchSize` at a time. */
  batches(batchSize: number, order?: Uint32Array): Generator<Record<string, Data>>;
}

export type ExampleSet = Examples | StoredExamples;

export interface Splits {
  readonly train: ExampleSet;
  readonly validation: ExampleSet;
  readonly test: ExampleSet;
  readonly vocabulary: Vocabulary;
  /** Removes the files of stored examples. */
  dispose(): void;
}

/**
 * An example set as a model's fit and evaluate take it: whole arrays, or for
 * stored examples a function that gives each pass's batches — for training
 * (`shuffle`), in the order fit gives whole arrays in that epoch, so that
 * stored and held examples train the same weights.
 */
export function asDataset(
  examples: ExampleSet,
  batchSize: number,
  shuffle?: { readonly seed: number; readonly firstEpoch: number },
): Record<string, Data> | (() => Iterable<Record<string, Data>>) {
  if ("fields" in examples) return examples.fields;
  let epoch = shuffle?.firstEpoch ?? 0;
  return () =>
    examples.batches(
      batchSize,
      shuffle ? shuffled(examples.count, shuffle.seed, epoch++) : undefined,
    );
}

/** Encoded examples held in memory up to this many bytes by default; past it, on disk. */
export const MEMORY_LIMIT = 2 ** 30;

/** Which split the record at `index` falls in: a hash of (seed, index) against the fractions. */
export function splitOf(seed: number, index: number, split: readonly number[]): number {
  let h = Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  const u = (h >>> 0) / 2 ** 32;
  return u < split[0] ? 0 : u < split[0] + split[1] ? 1 : 2;
}

const perExample = (f: TensorSpec) =>
  f.shape.slice(1).reduce<number>((n, d) => n * (typeof d === "number" ? d : 1), 1);

export async function loadSplits(plan: DataPlan): Promise<Splits> {
  if (plan.source.kind === "tensors") return tensorSplits(plan);
  return plan.source.kind === "text" ? corpusSplits(plan) : recordSplits(plan);
}

/** Tensors by field name, their examples split by the same hash as records'. */
function tensorSplits(plan: DataPlan): Splits {
  const tensors = readTensorSource(plan.source.path);
  const fields = [...plan.inputs, ...plan.targets];
  let count: number | undefined;
  for (const f of fields) {
    const t = tensors.get(f.name);
    if (!t)
      throw new DataError(
        plan.source.path,
        `no tensor '${f.name}' (${describeField(f)}); the tensors: ${[...tensors.keys()].join(", ")}`,
      );
    const want = f.shape.slice(1).map((d) => (typeof d === "number" ? d : undefined));
    const fits =
      t.shape.length === f.shape.length &&
      t.shape.slice(1).every((d, i) => want[i] === undefined || want[i] === d);
    if (!fits || t.dtype !== f.dtype)
      throw new DataError(
        plan.source.path,
        `tensor '${f.name}' is ${t.dtype}[${t.shape.join(", ")}], but the model takes ${describeField(f)} (the first dim counts examples)`,
      );
    if (count !== undefined && t.shape[0] !== count)
      throw new DataError(
        plan.source.path,
        `tensor '${f.name}' holds ${t.shape[0]} examples, the others ${count}`,
      );
    count = t.shape[0];
  }
  const n = count ?? 0;
  if (n === 0) throw new DataError(plan.source.path, "the tensors hold no examples");
  const which = Array.from({ length: n }, (_, i) => splitOf(plan.seed, i, plan.split));
  const [train, validation, test] = [0, 1, 2].map((split): Examples => {
    const picked = which.flatMap((s, i) => (s === split ? [i] : []));
    return {
      count: picked.length,
      fields: Object.fromEntries(
        fields.map((f) => [f.name, pickRows(tensors.get(f.name)!.data, n, picked)]),
      ),
    };
  });
  if (train.count === 0)
    throw new DataError(plan.source.path, `none of the ${n} examples fell in the training split`);
  return { train, validation, test, vocabulary: { format: 1 }, dispose: () => {} };
}

/**
 * Every example of a source encoded with a vocabulary and label names made
 * before (a trained package's): for evaluating on more data. Its words
 * outside the vocabulary are unknown; a label outside the names is an error.
 */
export async function loadExamples(plan: DataPlan, vocabulary: Vocabulary): Promise<ExampleSet> {
  const whole = { ...plan, split: [1, 0, 0] as const };
  if (plan.source.kind === "tensors") return tensorSplits(whole).train;
  const splits =
    plan.source.kind === "text"
      ? await corpusSplits(whole, vocabulary)
      : await recordSplits(whole, vocabulary);
  return splits.train;
}

async function recordSplits(plan: DataPlan, given?: Vocabulary): Promise<Splits> {
  const fields = [...plan.inputs, ...plan.targets];
  const tokenized = plan.tokenizer?.input;
  const builder = plan.tokenizer && new VocabularyBuilder(plan.tokenizer.config);
  const labelSets = new Map<string, Set<string>>();
  const counts = [0, 0, 0];
  const text = (r: DataRecord, where: string, field: string) => {
    const value = r[field];
    if (typeof value !== "string")
      throw new DataError(where, fieldProblem(r, field, "a text field", value));
    return value;
  };

  // Pass 1: splits, vocabulary and labels from the training records, counts.
  let index = 0;
  for await (const { record, where } of readRecords(plan.source)) {
    const split = splitOf(plan.seed, index++, plan.split);
    counts[split]++;
    for (const f of fields) {
      if (f.name === tokenized) {
        const t = text(record, where, plan.tokenizer!.field);
        if (split === 0 && !given) builder!.add(t);
      } else if (!(f.name in record)) {
        throw new DataError(where, fieldProblem(record, f.name, describeField(f), undefined));
      } else if (typeof record[f.name] === "string" && f.dtype === "i32" && perExample(f) === 1) {
        if (!labelSets.has(f.name)) labelSets.set(f.name, new Set());
        if (split === 0) labelSets.get(f.name)!.add(record[f.name] as string);
      }
    }
  }
  if (index === 0) throw new DataError(plan.source.path, "the data has no records");
  if (counts[0] === 0)
    throw new DataError(
      plan.source.path,
      `none of the ${index} records fell in the training split`,
    );
  const labels = Object.fromEntries(
    [...labelSets].map(([name, set]) => [name, given?.labels?.[name] ?? [...set].sort()]),
  ) as Record<string, readonly string[]>;
  const tokens = given ? given.tokens : builder?.build();
  const tokenizer = tokens && new Tokenizer(plan.tokenizer!.config, tokens);

  // Pass 2: every record encoded into a row, and the row stored in its split's arrays (or files).
  const bytesPerExample = fields.reduce((n, f) => n + 4 * perExample(f), 0);
  const total = counts.reduce((a, b) => a + b, 0) * bytesPerExample;
  const stores = counts.map((n) =>
    total > (plan.memoryLimit ?? MEMORY_LIMIT) ? new RowFiles(fields, n) : new RowArrays(fields, n),
  );
  const row = Object.fromEntries(
    fields.map((f) => [
      f.name,
      f.dtype === "i32" ? new Int32Array(perExample(f)) : new Float32Array(perExample(f)),
    ]),
  );
  const filled = [0, 0, 0];
  const labelIndex = new Map(
    Object.entries(labels).map(([name, names]) => [name, new Map(names.map((l, i) => [l, i]))]),
  );
  index = 0;
  try {
    for await (const { record, where } of readRecords(plan.source)) {
      const split = splitOf(plan.seed, index++, plan.split);
      if (filled[split] === counts[split])
        throw new DataError(where, "the source gave more records the second time it was read");
      for (const f of fields) {
        const array = row[f.name];
        const size = perExample(f);
        if (f.name === tokenized) {
          tokenizer!.encodeInto(
            text(record, where, plan.tokenizer!.field),
            array as Int32Array,
            0,
            size,
          );
          continue;
        }
        const value = record[f.name];
        const names = labelIndex.get(f.name);
        if (names) {
          const id = typeof value === "string" ? names.get(value) : undefined;
          if (id === undefined)
            throw new DataError(
              where,
              typeof value === "string"
                ? `label '${value}' of '${f.name}' is not in the training split (its labels: ${[...names.keys()].join(", ")})`
                : `'${f.name}' must be a label (a string), as in the training split, found ${JSON.stringify(value)}`,
            );
          array[0] = id;
          continue;
        }
        writeNumbers(value, f, array, 0, size, where);
      }
      stores[split].put(filled[split]++, row);
    }
    if (filled.some((n, s) => n !== counts[s]))
      throw new DataError(
        plan.source.path,
        `the source gave ${index} records the second time it was read, not ${counts.reduce((a, b) => a + b)}; a module should export a function that returns the records afresh`,
      );
  } catch (e) {
    for (const store of stores) store.dispose();
    throw e;
  }
  const out = stores.map((store) => store.done());
  const [train, validation, test] = out;
  return {
    train,
    validation,
    test,
    dispose: () => stores.forEach((store) => store.dispose()),
    vocabulary: {
      format: 1,
      ...(tokenizer
        ? { tokenizer: tokenizer.config, field: plan.tokenizer!.field, tokens: tokenizer.tokens }
        : {}),
      ...(Object.keys(labels).length ? { labels } : {}),
    },
  };
}

/** A field's numbers (a number, or nested arrays of them), checked, into `array` at `offset`. */
function writeNumbers(
  value: unknown,
  f: TensorSpec,
  array: Data,
  offset: number,
  size: number,
  where: string,
): void {
  const flat = Array.isArray(value) ? (value as unknown[]).flat(Infinity) : [value];
  if (flat.length !== size)
    throw new DataError(
      where,
      `'${f.name}' needs ${size} number${size === 1 ? "" : "s"} (${describeField(f)}), found ${flat.length}`,
    );
  for (let i = 0; i < size; i++) {
    const x = flat[i];
    if (typeof x !== "number" || !Number.isFinite(x) || (f.dtype === "i32" && !Number.isInteger(x)))
      throw new DataError(
        where,
        `'${f.name}' needs ${f.dtype === "i32" ? "integers" : "finite numbers"}, found ${JSON.stringify(x)}`,
      );
    array[offset + i] = x;
  }
}

const describeField = (f: TensorSpec) => `${f.dtype}[${f.shape.join(", ")}]`;

function fieldProblem(r: DataRecord, field: string, what: string, found: unknown): string {
  if (!(field in r))
    return `no field '${field}' (${what}); the record's fields: ${Object.keys(r).join(", ") || "none"}`;
  return `'${field}' must be ${what}, found ${JSON.stringify(found)?.slice(0, 40)}`;
}

/** The tokens of a corpus, a chunk at a time; a token cut by a chunk's end waits for the next. */
async function* corpusTokens(config: TokenizerConfig, file: string): AsyncGenerator<string[]> {
  let held = "";
  const tail =
    config.kind === "chars" ? /$/u : config.split === "whitespace" ? /\S+$/u : /[\p{L}\p{N}']+$/u;
  for await (const chunk of readText(file)) {
    const text = held + chunk;
    const cut = text.search(tail);
    held = text.slice(cut);
    yield splitText(config, text.slice(0, cut));
  }
  if (held) yield splitText(config, held);
}

async function corpusSplits(plan: DataPlan, given?: Vocabulary): Promise<Splits> {
  if (!plan.tokenizer)
    throw new DataError(plan.source.path, "a text corpus needs a tokenizer: words(N) or chars()");
  const { config, input } = plan.tokenizer;
  const inputSpec = plan.inputs.find((i) => i.name === input)!;
  const target = plan.targets.find(
    (t) => t.dtype === "i32" && t.shape.join() === inputSpec.shape.join(),
  );
  if (!target)
    throw new DataError(
      plan.source.path,
      `a text corpus trains a next-token model: it needs a target of the input's type, ${describeField(inputSpec)}`,
    );
  const length = perExample(inputSpec);
  let total = 0;
  for await (const tokens of corpusTokens(config, plan.source.path)) total += tokens.length;
  const bounds = [
    0,
    Math.floor(total * plan.split[0]),
    Math.floor(total * (plan.split[0] + plan.split[1])),
    total,
  ];
  const builder = new VocabularyBuilder(config);
  let seen = 0;
  if (!given)
    for await (const tokens of corpusTokens(config, plan.source.path)) {
      const room = bounds[1] - seen;
      if (room > 0) for (const t of tokens.slice(0, room)) builder.add(t);
      seen += tokens.length;
    }
  const tokenizer = new Tokenizer(config, given?.tokens ?? builder.build());
  const ids = new Int32Array(total);
  let at = 0;
  for await (const tokens of corpusTokens(config, plan.source.path)) {
    for (const t of tokens) ids[at++] = tokenizer.id(t);
  }
  const windows = (s: number): Examples => {
    const [from, to] = [bounds[s], bounds[s + 1]];
    const count = Math.max(0, Math.floor((to - from - 1) / length));
    const x = new Int32Array(count * length);
    const y = new Int32Array(count * length);
    for (let w = 0; w < count; w++) {
      x.set(ids.subarray(from + w * length, from + (w + 1) * length), w * length);
      y.set(ids.subarray(from + w * length + 1, from + (w + 1) * length + 1), w * length);
    }
    return { count, fields: { [input]: x, [target.name]: y } };
  };
  const [train, validation, test] = [0, 1, 2].map(windows);
  if (train.count === 0)
    throw new DataError(plan.source.path, `the training part holds no window of ${length} tokens`);
  return {
    train,
    validation,
    test,
    vocabulary: { format: 1, tokenizer: config, tokens: tokenizer.tokens },
    dispose: () => {},
  };
}

/** Encoded rows into whole arrays, for examples that fit in memory. */
class RowArrays {
  private readonly fields: Record<string, Data>;

  constructor(
    private readonly specs: readonly TensorSpec[],
    private readonly count: number,
  ) {
    this.fields = Object.fromEntries(
      specs.map((f) => [
        f.name,
        f.dtype === "i32"
          ? new Int32Array(count * perExample(f))
          : new Float32Array(count * perExample(f)),
      ]),
    );
  }

  put(at: number, row: Record<string, Data>): void {
    for (const f of this.specs) this.fields[f.name].set(row[f.name], at * row[f.name].length);
  }

  done(): Examples {
    return { count: this.count, fields: this.fields };
  }

  dispose(): void {}
}

/** Encoded rows appended to a temporary file per field (through a buffer), read back a batch at a time. */
class RowFiles {
  private readonly dir = mkdtempSync(join(tmpdir(), "weft-examples-"));
  private readonly files = new Map<
    string,
    { fd: number; buffer: Buffer; used: number; rowBytes: number }
  >();

  constructor(
    private readonly specs: readonly TensorSpec[],
    private readonly count: number,
  ) {
    for (const f of specs)
      this.files.set(f.name, {
        fd: openSync(join(this.dir, `${f.name.replace(/[^\w.-]/g, "_")}.rows`), "w+"),
        buffer: Buffer.alloc(1 << 20),
        used: 0,
        rowBytes: 4 * perExample(f),
      });
  }

  put(_at: number, row: Record<string, Data>): void {
    for (const f of this.specs) {
      const file = this.files.get(f.name)!;
      if (file.used + file.rowBytes > file.buffer.length) this.flush(file);
      const bytes = row[f.name];
      file.buffer.set(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), file.used);
      file.used += file.rowBytes;
    }
  }

  private flush(file: { fd: number; buffer: Buffer; used: number }): void {
    writeSync(file.fd, file.buffer, 0, file.used);
    file.used = 0;
  }

  done(): StoredExamples {
    for (const file of this.files.values()) this.flush(file);
    const { specs, files, count } = this;
    return {
      count,
      *batches(batchSize: number, order?: Uint32Array) {
        const picks = order ?? Uint32Array.from({ length: count }, (_, i) => i);
        for (let start = 0; start < count; start += batchSize) {
          const picked = picks.subarray(start, start + batchSize);
          const batch: Record<string, Data> = {};
          for (const f of specs) {
            const { fd, rowBytes } = files.get(f.name)!;
            const bytes = new Uint8Array(picked.length * rowBytes);
            picked.forEach((example, k) =>
              readSync(fd, bytes, k * rowBytes, rowBytes, example * rowBytes),
            );
            batch[f.name] =
              f.dtype === "i32" ? new Int32Array(bytes.buffer) : new Float32Array(bytes.buffer);
          }
          yield batch;
        }
      },
    };
  }

  dispose(): void {
    for (const file of this.files.values()) closeSync(file.fd);
    this.files.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
