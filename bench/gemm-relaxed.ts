/**
 * Weft's WebAssembly product with relaxed SIMD (`f32x4.relaxed_madd`), in a
 * Node started with --experimental-wasm-relaxed-simd (Node 20 has relaxed
 * SIMD only behind that flag; current browsers have it). It answers one
 * JSON request per line on stdin, as bench/torch_peer.py does, so its
 * samples alternate with the other systems' and are timed in this process:
 *   {"form": {...}, "n": N, "a": path, "b": path} prepares the product and
 *     replies {"output": path of the result};
 *   {"reps": k} runs it k times and replies {"ms": elapsed}.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { weftWasmGemm } from "./gemm.js";
import { float32s, type GemmForm } from "./harness.js";

let call: (() => unknown) | undefined;
for await (const line of createInterface({ input: process.stdin })) {
  const request = JSON.parse(line) as {
    form?: GemmForm;
    n?: number;
    a?: string;
    b?: string;
    reps?: number;
  };
  let reply: object;
  if (request.form) {
    const prepared = await weftWasmGemm(
      request.form,
      request.n!,
      float32s(readFileSync(request.a!)),
      float32s(readFileSync(request.b!)),
      { relaxed: true },
    );
    call = prepared.call;
    const output = `${request.a}.relaxed.out`;
    const { logits } = prepared.result as { logits: Float32Array };
    writeFileSync(output, logits);
    reply = { output };
  } else {
    const start = performance.now();
    for (let i = 0; i < request.reps!; i++) call!();
    reply = { ms: performance.now() - start };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
}
