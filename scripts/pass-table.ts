/**
 * `npm run passes:table`: kernels and buffer bytes of the examples' forward
 * and train_step graphs at -O0 and -O2, written to docs/pass-table.md.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { format } from "prettier";
import { emitPackage } from "../src/package/emit.js";
import { parseSpec } from "../src/parser/index.js";

const EXAMPLES = ["text-classifier", "lstm-classifier", "mnist-mlp", "tiny-gpt"];
const rows: string[] = [];
for (const example of EXAMPLES) {
  const spec = parseSpec(readFileSync(`examples/${example}/model.weft`, "utf8"), `${example}.weft`);
  const [o0, o2] = [await emitPackage(spec, { opt: 0 }), await emitPackage(spec, { opt: 2 })];
  for (const graph of ["forward", "train_step"]) {
    const a = o0.arena[graph];
    const b = o2.arena[graph];
    const pct = (x: number, y: number) => `${Math.round((100 * y) / x)}%`;
    rows.push(
      `| ${example} | ${graph} | ${a.kernels} | ${b.kernels} | ${pct(a.kernels, b.kernels)} | ${a.atBatchSize.toLocaleString("en-US")} | ${b.atBatchSize.toLocaleString("en-US")} | ${pct(a.atBatchSize, b.atBatchSize)} |`,
    );
  }
}
const table = [
  "# Kernels and buffers at -O0 and -O2",
  "",
  "Made by `npm run passes:table`. Buffer bytes at the spec's batch size (other symbolic dims 1);",
  "-O0 optimizes nothing (a kernel per op, a buffer per value), -O2 simplifies, fuses, blocks and reuses buffers.",
  "",
  "| example | graph | kernels -O0 | kernels -O2 | ratio | bytes -O0 | bytes -O2 | ratio |",
  "| --- | --- | --: | --: | --: | --: | --: | --: |",
  ...rows,
  "",
].join("\n");
const formatted = await format(table, { parser: "markdown" });
writeFileSync("docs/pass-table.md", formatted);
console.log(formatted);
