/**
 * The GEMM row: GFLOP/s of an n×n f32 matrix product in the three forms a
 * training step needs (A·B, Aᵀ·B, A·Bᵀ), for Weft's two backends and the
 * peers that take one matrix product as a call. Weft's products are one
 * `contract` kernel each, printed by the backend as a model's would be (the
 * Wasm one on matrices in the module's memory, as a model's tensors are).
 * Every product is checked against Weft (TS)'s before timing.
 */
import { OVERREAD, RESERVED } from "../src/backends/wasm/contract.js";
import { printWasm } from "../src/backends/wasm/printer.js";
import { TS_BACKEND } from "../src/backends/ts/index.js";
import { blockContractions } from "../src/kernel/block-contractions.js";
import { parsePrograms } from "../src/kernel/text.js";
import { instantiate } from "../src/runtime/wasm.js";
import type { Program } from "../src/kernel/ir.js";
import { readFileSync } from "node:fs";
import { LinePeer } from "./peers/child.js";
import { float32s, matrixFiles, type GemmForm, type Prepared, type System } from "./harness.js";

/**
 * The product as a one-kernel program: A and B as stored, transposed
 * operands read through strides. `resident`: A and B are parameters and C no
 * output, so a device's run writes nothing to it and reads nothing back.
 */
export function gemmProgram(form: GemmForm, n: number, resident = false): Program {
  const a = form.transpose_a ? `stride 1 step ${n}` : `stride ${n} step 1`;
  const b = form.transpose_b ? `stride ${n} step 1` : `stride 1 step ${n}`;
  const text = [
    "program @gemm {",
    `  slot %0 "a": f32[${n * n}]`,
    `  slot %1 "b": f32[${n * n}]`,
    `  slot %2 "c": f32[${n * n}]`,
    ...(resident
      ? ['  param "a" = %0', '  param "b" = %1']
      : ['  input "a" = %0', '  input "b" = %1']),
    '  kernel k0_matmul ["matmul"] {',
    `    contract [] i < ${n}, j < ${n}, depth ${n}, a %0[0] ${a}, b %1[0] ${b}, acc s {`,
    `      %2[add(mul(i, ${n}), j)] = s`,
    "    }",
    "  }",
    ...(resident ? [] : ['  output "c" = %2']),
    "}",
    "",
  ].join("\n");
  return parsePrograms(text)[0];
}

/** Weft's WebAssembly product, its matrices in the module's memory. */
export async function weftWasmGemm(
  form: GemmForm,
  n: number,
  a: Float32Array,
  b: Float32Array,
  options: { relaxed?: boolean } = {},
): Promise<Prepared> {
  const { binary } = await printWasm([gemmProgram(form, n)], options);
  const kernels = await instantiate(binary, {
    programs: { gemm: { slots: 3 } },
    dims: [],
    reserved: RESERVED,
    overread: OVERREAD,
  });
  const regions = [0, 1, 2].map(() => kernels.memory.reserve(n * n * 4));
  const slots = regions.map((r) => new Float32Array(r.buffer(), r.offset, n * n));
  slots[0].set(a);
  slots[1].set(b);
  const call = () => kernels.runs.gemm(slots, {});
  call();
  return { result: { logits: slots[2].slice() }, call };
}

/** Weft's TypeScript product, blocked as at -O2. */
export async function weftTsGemm(
  form: GemmForm,
  n: number,
  a: Float32Array,
  b: Float32Array,
): Promise<Prepared> {
  const program = blockContractions(gemmProgram(form, n), { rows: 4, cols: 4, vector: 8 });
  const run = (await TS_BACKEND.load([program])).gemm;
  const slots = [a, b, new Float32Array(n * n)];
  const call = () => run(slots, {});
  call();
  return { result: { logits: slots[2].slice() }, call };
}

export const gflops = (n: number, ms: number) => (2 * n ** 3) / (ms * 1e6);

/**
 * Weft's WebAssembly product with relaxed SIMD's fused multiply-add, which
 * Node 20 has only behind --experimental-wasm-relaxed-simd: a Node process
 * of its own (bench/gemm-relaxed.ts) that times its own calls, as the
 * PyTorch peer does.
 */
export class RelaxedGemm implements System {
  readonly name = "Weft (Wasm, relaxed SIMD)";
  readonly trains = false;
  private readonly peer = new LinePeer("gemm-relaxed.ts", process.execPath, [
    "--experimental-wasm-relaxed-simd",
    "--import",
    "tsx",
    new URL("./gemm-relaxed.ts", import.meta.url).pathname,
  ]);

  constructor(private readonly scratch: string) {}

  async prepareGemm(
    form: GemmForm,
    n: number,
    a: Float32Array,
    b: Float32Array,
  ): Promise<Prepared> {
    const [pathA, pathB] = matrixFiles(this.scratch, "gemm-relaxed", n, a, b);
    const reply = await this.peer.ask({ form, n, a: pathA, b: pathB });
    const logits = float32s(readFileSync(reply.output as string));
    const timeCalls = async (reps: number) => (await this.peer.ask({ reps })).ms as number;
    return { result: { logits }, call: () => timeCalls(1), timeCalls };
  }

  async size(): Promise<{ bytes: number; gzip: number }> {
    return { bytes: NaN, gzip: NaN };
  }

  prepare(): Promise<Prepared> {
    throw new Error("the relaxed-SIMD system times matrix products only");
  }

  async close() {
    this.peer.close();
  }
}
