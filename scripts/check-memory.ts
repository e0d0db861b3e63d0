/**
 * `npm run check:memory`: a package's heap and rss over long runs stay
 * within a stated bound. The reference text classifier (WebAssembly)
 * predicts 10,000 times and trains 2,000 steps; a model with a symbolic
 * sequence length predicts and trains at 200 lengths. Each phase reports the
 * growth of the JS heap and of rss after a collection; the bound is 32 MiB
 * over the first run of the phase (the arena a call needs is reserved then,
 * and memory after it must not keep growing).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { emitPackage } from "../src/package/emit.js";
import { parseSpec } from "../src/parser/index.js";

const BOUND = 32 * 2 ** 20;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc (npm run check:memory does)");

async function load(text: string, file: string) {
  const { files } = await emitPackage(parseSpec(text, file));
  const dir = mkdtempSync(join(tmpdir(), "weft-memory-"));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.contents);
  }
  return (await import(pathToFileURL(join(dir, "index.js")).href)) as {
    createModel(o?: object): Promise<Record<string, (...a: unknown[]) => unknown>>;
  };
}

const usage = () => {
  gc!();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
};
const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
let failed = false;

/** Runs `step` `times` times; reports heap and rss growth after the first run. */
function phase(name: string, times: number, step: (i: number) => void): void {
  step(0);
  const before = usage();
  for (let i = 1; i < times; i++) step(i);
  const after = usage();
  const heap = after.heapUsed - before.heapUsed;
  const rss = after.rss - before.rss;
  const ok = heap < BOUND && rss < BOUND;
  failed ||= !ok;
  console.log(
    `${name.padEnd(44)} heap ${mib(heap).padStart(9)}  rss ${mib(rss).padStart(9)}  ${ok ? "ok" : "OVER " + mib(BOUND)}`,
  );
}

const reference = await load(
  readFileSync("examples/text-classifier/model.weft", "utf8"),
  "tc.weft",
);
const model = await reference.createModel({ seed: 1 });
const tokens = (rows: number) =>
  Int32Array.from({ length: rows * 128 }, (_, i) => (i * 31) % 10000);
const one = tokens(1);
phase("reference model: 10,000 predictions (batch 1)", 10_000, () =>
  model.predict({ tokens: one }),
);
const batch = { tokens: tokens(32), label: Int32Array.from({ length: 32 }, (_, i) => i % 2) };
phase("reference model: 2,000 training steps (batch 32)", 2_000, () => model.trainStep(batch));

const bag = await load(
  `model Bag {
  input tokens: i32[batch, seq]
  x = embedding(tokens, vocab: 1000, dim: 64)
  x = mean(x, axis: 1)
  output logits = dense(x, 2)
}
train Bag {
  label: i32[batch]
  loss: cross_entropy(logits, label)
  optimizer: adam(lr: 0.01)
}
`,
  "bag.weft",
);
const varying = await bag.createModel({ seed: 1 });
const ids = (seq: number) => ({
  data: Int32Array.from({ length: 8 * seq }, (_, i) => (i * 7) % 1000),
  shape: [8, seq],
});
const label = Int32Array.from({ length: 8 }, (_, i) => i % 2);
// Longest first: the arena the phase needs is reserved by its first call.
phase("symbolic length: 200 lengths, predict and train", 200, (i) => {
  varying.predict({ tokens: ids(200 - i) });
  varying.trainStep({ tokens: ids(200 - i), label });
});
console.log(failed ? "check:memory FAILED" : `check:memory passed (bound ${mib(BOUND)} a phase)`);
process.exit(failed ? 1 : 0);
