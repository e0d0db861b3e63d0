/**
 * PyTorch (native, single-threaded), through bench/torch_peer.py: a Python
 * process that loads the same safetensors and answers one JSON request per
 * line, so its samples alternate with the others'. Each sample's time is
 * measured inside Python, without the pipe.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LinePeer } from "./child.js";
import {
  feedsFor,
  matrixFiles,
  float32s,
  namedFloat32s,
  type BenchModel,
  type GemmForm,
  type Prepared,
  type System,
  type Task,
} from "../harness.js";

export const PYTHON = "/usr/bin/python3";
export const TORCH_PEER = new URL("../torch_peer.py", import.meta.url).pathname;

/** Why PyTorch cannot run here, or undefined when it can. */
export function torchMissing(): string | undefined {
  const probe = spawnSync(PYTHON, ["-c", "import torch; print(torch.__version__)"], {
    encoding: "utf8",
  });
  return probe.status === 0
    ? undefined
    : "needs Debian's python3-torch (apt install python3-torch)";
}

/** The BLAS libraries a PyTorch process maps once it has multiplied matrices. */
export function torchBlas(): string[] {
  const probe = spawnSync(
    PYTHON,
    [
      "-c",
      [
        "import torch",
        "a = torch.randn(64, 64); (a @ a).sum()",
        'print("\\n".join(sorted({l.split()[-1] for l in open("/proc/self/maps") if "blas" in l.lower()})))',
      ].join("\n"),
    ],
    { encoding: "utf8", env: SINGLE_THREADED },
  );
  return probe.stdout.trim().split("\n").filter(Boolean);
}

/**
 * Why PyTorch's times would not be honest here, or undefined: Debian's
 * PyTorch calls whatever libblas.so.3 resolves to, and netlib's reference
 * BLAS (the default without OpenBLAS) is 10–30× slower than what users run.
 */
export function torchBlasProblem(libraries: readonly string[]): string | undefined {
  return libraries.some((l) => /openblas/i.test(l))
    ? undefined
    : "runs on netlib's reference BLAS here; needs Debian's OpenBLAS (apt install libopenblas0-pthread)";
}

/** PyTorch and OpenBLAS on one thread, as every peer runs. */
const SINGLE_THREADED = { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1" };

export function torchVersion(): string {
  return spawnSync(PYTHON, ["-c", "import torch; print(torch.__version__)"], {
    encoding: "utf8",
  }).stdout.trim();
}

export class TorchPeer implements System {
  readonly name = "PyTorch (native)";
  readonly trains = true;
  readonly slow = true;
  private readonly peer = new LinePeer(
    "torch_peer.py",
    PYTHON,
    [TORCH_PEER, "serve"],
    SINGLE_THREADED,
  );

  constructor(
    private readonly weights: (model: BenchModel) => string,
    private readonly scratch: string,
    readonly unavailable?: string,
  ) {}

  private ask(request: object): Promise<Record<string, unknown>> {
    return this.peer.ask(request);
  }

  async size() {
    const lib = spawnSync(
      PYTHON,
      ["-c", "import torch, os; print(os.path.dirname(torch.__file__))"],
      {
        encoding: "utf8",
      },
    ).stdout.trim();
    const dir = join(lib, "lib");
    // Debian links these to /usr/lib; some links dangle (optional parts not installed).
    let bytes = 0;
    for (const f of readdirSync(dir))
      if (existsSync(join(dir, f))) bytes += statSync(join(dir, f)).size;
    return { bytes, gzip: NaN, note: "native libraries" };
  }

  async prepare(model: BenchModel, task: Task): Promise<Prepared> {
    const inputs = Object.fromEntries(
      feedsFor(model, task).map((f) => {
        const path = join(this.scratch, `${model.name}-${task.kind}-${task.batch}-${f.name}.bin`);
        writeFileSync(path, new Uint8Array(f.data.buffer, f.data.byteOffset, f.data.byteLength));
        return [f.name, { path, dtype: f.dtype, shape: f.shape }];
      }),
    );
    const reply = await this.ask({
      cmd: "prepare",
      model: model.name,
      weights: this.weights(model),
      lr: model.lr,
      task: task.kind,
      inputs,
    });
    const result =
      task.kind === "predict"
        ? { logits: float32s(readFileSync(reply.output as string)) }
        : { losses: reply.losses as [number, number], params: paramsFrom(reply.params) };
    const timeCalls = async (reps: number) =>
      ((await this.ask({ cmd: "time", reps })).seconds as number) * 1000;
    return { result, call: () => timeCalls(1), timeCalls };
  }

  /** An n×n product of A (or Aᵀ) and B (or Bᵀ), the matrices as stored given. */
  async prepareGemm(
    form: GemmForm,
    n: number,
    a: Float32Array,
    b: Float32Array,
  ): Promise<Prepared> {
    const [pathA, pathB] = matrixFiles(this.scratch, "gemm", n, a, b);
    const reply = await this.ask({ cmd: "gemm", n, a: pathA, b: pathB, ...form });
    const timeCalls = async (reps: number) =>
      ((await this.ask({ cmd: "time", reps })).seconds as number) * 1000;
    return {
      result: { logits: float32s(readFileSync(reply.output as string)) },
      call: () => timeCalls(1),
      timeCalls,
    };
  }

  async close() {
    this.peer.close();
  }
}

/** The parameters the peer wrote after its training steps: raw float32, in its index's order. */
function paramsFrom(written: unknown): Record<string, Float32Array> {
  const { path, index } = written as { path: string; index: [string, number][] };
  return namedFloat32s(readFileSync(path), index);
}
