/**
 * `npm run bench:passes`: the reference text classifier's training step at
 * batch 32, compiled at -O0 and at -O2, timed alternately in one process;
 * prints the median of repeated steps and the ratio.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { emitPackage } from "../src/package/emit.js";
import { parseSpec } from "../src/parser/index.js";

const spec = parseSpec(readFileSync("examples/text-classifier/model.weft", "utf8"), "model.weft");
type Model = { trainStep(batch: Record<string, Int32Array>): unknown };
const models: Record<string, Model> = {};
for (const opt of [0, 2] as const) {
  const dir = mkdtempSync(join(tmpdir(), `weft-O${opt}-`));
  for (const f of (await emitPackage(spec, { opt })).files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.contents);
  }
  const { createModel } = await import(pathToFileURL(join(dir, "index.js")).href);
  models[`-O${opt}`] = createModel({ seed: 0 });
}
const tokens = Int32Array.from({ length: 32 * 64 }, (_, i) => (i * 7919) % 10000);
const label = Int32Array.from({ length: 32 }, (_, i) => i % 2);
const times: Record<string, number[]> = { "-O0": [], "-O2": [] };
for (let round = 0; round < 60; round++) {
  for (const [name, model] of Object.entries(models)) {
    const start = performance.now();
    model.trainStep({ tokens, label });
    if (round >= 10) times[name].push(performance.now() - start);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, xs] of Object.entries(times)) {
  console.log(
    `${name}: median ${median(xs).toFixed(2)} ms, min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)} (${xs.length} steps)`,
  );
}
console.log(`-O2 is ${(median(times["-O0"]) / median(times["-O2"])).toFixed(2)}x as fast as -O0`);
