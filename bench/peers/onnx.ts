/**
 * ONNX Runtime, as onnxruntime-web (its WebAssembly build, run in Node) and
 * onnxruntime-node (the native library), on ONNX files that
 * bench/torch_peer.py exports from Weft's weights with torch.onnx.export.
 * Inference only: neither package trains.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import * as ortNode from "onnxruntime-node";
import * as ortWeb from "onnxruntime-web";
import {
  codeSize,
  feedsFor,
  packageDir,
  type BenchModel,
  type Prepared,
  type System,
  type Task,
} from "../harness.js";

export class OnnxPeer implements System {
  readonly name: string;
  readonly trains = false;
  private readonly ort: typeof ortWeb;

  constructor(
    private readonly flavour: "web" | "node",
    private readonly onnxFile: (model: BenchModel) => string,
    readonly unavailable?: string,
  ) {
    this.name = `onnxruntime-${flavour}`;
    this.ort = (flavour === "web" ? ortWeb : ortNode) as typeof ortWeb;
    if (flavour === "web") ortWeb.env.wasm.numThreads = 1;
  }

  async size() {
    const files =
      this.flavour === "web"
        ? ["ort.wasm.min.mjs", "ort-wasm-simd-threaded.mjs", "ort-wasm-simd-threaded.wasm"].map(
            (f) => join(packageDir("onnxruntime-web"), "dist", f),
          )
        : nativeFiles(join(packageDir("onnxruntime-node"), "bin"));
    return codeSize(files, this.flavour === "web" ? "JS + wasm" : "native library");
  }

  async prepare(model: BenchModel, task: Task): Promise<Prepared> {
    const options =
      this.flavour === "node"
        ? { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: "sequential" as const }
        : { executionProviders: ["wasm"] };
    const session = await this.ort.InferenceSession.create(this.onnxFile(model), {
      graphOptimizationLevel: "all",
      ...options,
    });
    const [input] = feedsFor(model, task);
    // torch.onnx.export keeps PyTorch's int64 token ids.
    const tensor =
      input.dtype === "i32"
        ? new this.ort.Tensor(
            "int64",
            BigInt64Array.from(input.data, (v) => BigInt(v)),
            input.shape,
          )
        : new this.ort.Tensor("float32", input.data as Float32Array, input.shape);
    const predict = async () =>
      (await session.run({ [input.name]: tensor })).logits.data as Float32Array;
    return { result: { logits: await predict() }, call: predict };
  }
}

/** The native binding and library for this platform. */
function nativeFiles(bin: string): string[] {
  const dir = join(bin, "napi-v6", process.platform, process.arch);
  return readdirSync(dir).map((f) => join(dir, f));
}
