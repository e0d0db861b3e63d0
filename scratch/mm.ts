import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { emitPackage } from "../src/backends/package.js";
import { parseSpec } from "../src/parser/index.js";
for (const name of process.argv.slice(2)) {
  const spec = parseSpec(readFileSync(`bench/models/${name}.weft`, "utf8"), "m.weft");
  const dir = mkdtempSync(join(tmpdir(), "mm-"));
  for (const f of (await emitPackage(spec, {})).files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.contents);
  }
  const { createModel } = await import(pathToFileURL(join(dir, "index.js")).href);
  const m = createModel({ seed: 0 });
  const B = 64;
  const input = name === "mnist-mlp" ? { pixels: new Float32Array(B * 784).fill(0.5) } : { tokens: new Int32Array(B * 64).fill(3) };
  const label = name === "tiny-gpt" ? { next_tokens: new Int32Array(B * 64) } : { label: new Int32Array(B) };
  const time = (f: () => void, n: number) => { f(); const xs = []; for (let i = 0; i < n; i++) { const t = performance.now(); f(); xs.push(performance.now() - t); } xs.sort((a, b) => a - b); return xs[n >> 1].toFixed(2); };
  console.log(name, "predict", time(() => m.predict(input), name === "lstm-classifier" || name === "tiny-gpt" ? 3 : 20), "train", time(() => m.trainStep({ ...input, ...label }), 3));
}
