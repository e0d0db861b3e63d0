/**
 * TensorFlow.js, on its cpu (JavaScript), wasm and webgpu backends (the
 * last from bench/webgpu.ts, which gives Node a navigator.gpu): the four models
 * written with tf ops as a TF.js user would (tf.fused.matMul for dense layers,
 * as tf.layers does), the weights from Weft's safetensors, trained with
 * tf.train.adam. Keras keeps dense kernels as [in, out], so PyTorch's
 * [out, in] weights are transposed once on load.
 */
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import {
  codeSize,
  feedsFor,
  packageDir,
  type BenchModel,
  type GemmForm,
  type Param,
  type Prepared,
  type System,
  type Task,
} from "../harness.js";

const distOf = (pkg: string) => join(packageDir(pkg), "dist");

type Vars = Map<string, tf.Variable>;
type Forward = (v: Vars, x: tf.Tensor) => tf.Tensor;

const dense = (v: Vars, name: string, x: tf.Tensor, activation?: "relu") => {
  const bias = v.get(`${name}.bias`);
  const flat = x.rank > 2 ? x.reshape([-1, x.shape[x.rank - 1]!]) : x;
  const y = tf.fused.matMul({
    a: flat as tf.Tensor2D,
    b: v.get(`${name}.weight`)! as tf.Tensor2D,
    ...(bias ? { bias } : {}),
    ...(activation ? { activation } : {}),
  });
  return x.rank > 2 ? y.reshape([...x.shape.slice(0, -1), y.shape[1]!]) : y;
};

const layerNorm = (v: Vars, name: string, x: tf.Tensor) => {
  const { mean, variance } = tf.moments(x, -1, true);
  const normed = x.sub(mean).mul(tf.rsqrt(variance.add(1e-5)));
  return normed.mul(v.get(`${name}.weight`)!).add(v.get(`${name}.bias`)!);
};

const gelu = (x: tf.Tensor) => x.mul(0.5).mul(tf.erf(x.mul(Math.SQRT1_2)).add(1));

function attention(v: Vars, name: string, x: tf.Tensor, heads: number, mask: tf.Tensor) {
  const [b, t, d] = x.shape;
  const split = (y: tf.Tensor) => y.reshape([b, t, heads, d / heads]).transpose([0, 2, 1, 3]);
  const q = split(dense(v, `${name}.q`, x));
  const k = split(dense(v, `${name}.k`, x));
  const val = split(dense(v, `${name}.v`, x));
  const scores = tf
    .matMul(q, k, false, true)
    .mul(1 / Math.sqrt(d / heads))
    .add(mask);
  const mixed = tf.matMul(tf.softmax(scores), val).transpose([0, 2, 1, 3]).reshape([b, t, d]);
  return dense(v, `${name}.o`, mixed);
}

/**
 * The LSTM one step at a time, both projections per step (x_t·W_ih + h·W_hh):
 * TF.js's fastest form here. Projecting every step's input at once first
 * (one [batch·T, in] product, then unstacking it) was slower on tfjs-wasm
 * (measured in one quick run: prediction at batch 64 140 ms against 83, a
 * training step 851 against 781).
 */
function lstm(v: Vars, name: string, x: tf.Tensor) {
  const [b] = x.shape;
  const hidden = v.get(`${name}.weight_hh_l0`)!.shape[0];
  const bias = v.get(`${name}.bias_ih_l0`)!.add(v.get(`${name}.bias_hh_l0`)!);
  let h: tf.Tensor = tf.zeros([b, hidden]);
  let c: tf.Tensor = tf.zeros([b, hidden]);
  for (const step of tf.unstack(x, 1)) {
    const gates = tf
      .matMul(step, v.get(`${name}.weight_ih_l0`)!)
      .add(tf.matMul(h, v.get(`${name}.weight_hh_l0`)!))
      .add(bias);
    const [i, f, g, o] = tf.split(gates, 4, 1);
    c = tf
      .sigmoid(f)
      .mul(c)
      .add(tf.sigmoid(i).mul(tf.tanh(g)));
    h = tf.sigmoid(o).mul(tf.tanh(c));
  }
  return h;
}

const FORWARD: Record<string, Forward> = {
  "text-classifier": (v, x) => {
    const pooled = tf.gather(v.get("embed.weight")!, x).mean(1);
    return dense(v, "out", dense(v, "fc2", dense(v, "fc1", pooled, "relu"), "relu"));
  },
  "mnist-mlp": (v, x) => dense(v, "out", dense(v, "fc2", dense(v, "fc1", x, "relu"), "relu")),
  "lstm-classifier": (v, x) =>
    dense(v, "out", lstm(v, "lstm", tf.gather(v.get("embed.weight")!, x))),
  "tiny-gpt": (v, x) => {
    const t = x.shape[1]!;
    const mask = tf.linalg
      .bandPart(tf.ones([t, t]), -1, 0)
      .sub(1)
      .mul(1e9);
    let h = tf.gather(v.get("tok_emb.weight")!, x).add(v.get("pos_emb.weight")!.slice(0, t));
    for (const block of ["blocks.0", "blocks.1"]) {
      h = h.add(attention(v, `${block}.attn`, layerNorm(v, `${block}.ln_1`, h), 4, mask));
      const mlp = gelu(dense(v, `${block}.fc`, layerNorm(v, `${block}.ln_2`, h)));
      h = h.add(dense(v, `${block}.proj`, mlp));
    }
    return dense(v, "head", layerNorm(v, "ln_f", h));
  },
};

/** Dense and recurrent weights are [out, in] in PyTorch; tf.matMul wants [in, out]. Embeddings stay. */
const transposed = (p: Param) => p.shape.length === 2 && !/emb/.test(p.name);

export class TfjsPeer implements System {
  readonly name: string;
  readonly trains = true;
  readonly slow: boolean;
  private readonly live: { dispose(): void }[] = [];

  constructor(
    private readonly backend: "cpu" | "wasm" | "webgpu",
    private readonly params: (model: BenchModel) => Param[],
  ) {
    this.name = `TF.js ${backend}`;
    this.slow = backend === "cpu";
  }

  async activate() {
    if (tf.getBackend() !== this.backend) await tf.setBackend(this.backend);
  }

  /**
   * A tensor's values, disposed of: read synchronously on cpu and wasm, as
   * their users do; awaited on webgpu, which cannot read synchronously in
   * Node (no OffscreenCanvas).
   */
  private read<T>(t: tf.Tensor, then: (data: Float32Array) => T): T | Promise<T> {
    const done = (data: Float32Array) => {
      t.dispose();
      return then(data);
    };
    if (this.backend === "webgpu") return t.data().then((d) => done(d as Float32Array));
    return done(t.dataSync() as Float32Array);
  }

  /** An n×n product through tf.matMul, transposes by its flags. */
  async prepareGemm(
    form: GemmForm,
    n: number,
    a: Float32Array,
    b: Float32Array,
  ): Promise<Prepared> {
    await this.activate();
    const [x, y] = [a, b].map((m) => tf.tensor2d(m, [n, n]));
    this.live.push(x, y);
    const call = () => this.read(tf.matMul(x, y, form.transpose_a, form.transpose_b), (d) => d);
    return { result: { logits: (await call()).slice() }, call };
  }

  async size() {
    const files = [join(distOf("@tensorflow/tfjs-core"), "tf-core.min.js")];
    if (this.backend === "cpu")
      files.push(join(distOf("@tensorflow/tfjs-backend-cpu"), "tf-backend-cpu.min.js"));
    else if (this.backend === "webgpu")
      files.push(join(distOf("@tensorflow/tfjs-backend-webgpu"), "tf-backend-webgpu.min.js"));
    else
      files.push(
        join(distOf("@tensorflow/tfjs-backend-wasm"), "tf-backend-wasm.min.js"),
        join(distOf("@tensorflow/tfjs-backend-wasm"), "tfjs-backend-wasm-simd.wasm"),
      );
    return codeSize(files, "core + backend");
  }

  async prepare(model: BenchModel, task: Task): Promise<Prepared> {
    await this.activate();
    // The previous task's variables and optimizer are done with.
    for (const owned of this.live.splice(0)) owned.dispose();
    const vars: Vars = new Map(
      this.params(model).map((p) => {
        const variable = tf.tidy(() => {
          const t = tf.tensor(p.data, p.shape);
          return tf.variable(transposed(p) ? t.transpose() : t);
        });
        this.live.push(variable);
        return [p.name, variable];
      }),
    );
    const forward = FORWARD[model.name];
    const [input, target] = feedsFor(model, task);
    const inputTensor = () =>
      tf.tensor(input.data, input.shape, input.dtype === "i32" ? "int32" : "float32");
    if (task.kind === "predict") {
      const predict = () =>
        this.read(
          tf.tidy(() => forward(vars, inputTensor())),
          (d) => d,
        );
      return { result: { logits: await predict() }, call: predict };
    }
    const optimizer = tf.train.adam(model.lr, 0.9, 0.999, 1e-8);
    this.live.push(optimizer);
    const classes = model.target.classes;
    const step = () => {
      const loss = optimizer.minimize(() => {
        const logits = forward(vars, inputTensor()).reshape([-1, classes]);
        const labels = tf.oneHot(tf.tensor(target.data, [target.data.length], "int32"), classes);
        return tf.logSoftmax(logits).mul(labels).sum(1).mean().neg() as tf.Scalar;
      }, true)!;
      return this.read(loss, (d) => d[0]);
    };
    const losses: [number, number] = [await step(), await step()];
    // The parameters after the two steps, back in PyTorch's layout.
    const params = Object.fromEntries(
      await Promise.all(
        this.params(model).map(async (p) => {
          const value = tf.tidy(() => {
            const v = vars.get(p.name)!;
            return transposed(p) ? v.transpose() : v.clone();
          });
          return [p.name, await this.read(value, (d) => d)] as const;
        }),
      ),
    );
    return { result: { losses, params }, call: step };
  }
}

/**
 * The gradient of tf.gather (an embedding) is an UnsortedSegmentSum, which
 * tfjs-backend-wasm lacks and tfjs-backend-cpu computes as one masked sum per
 * segment (10000 of them for a 10000-word vocabulary: minutes per step). A
 * TF.js user training an embedding registers a direct one, as this does.
 */
function segmentSum(
  data: Float32Array | Int32Array,
  ids: Float32Array | Int32Array,
  sums: Float32Array,
): void {
  const inner = data.length / ids.length;
  sums.fill(0);
  for (let i = 0; i < ids.length; i++) {
    const row = ids[i] * inner;
    for (let j = 0; j < inner; j++) sums[row + j] += data[i * inner + j];
  }
}

type SegmentInputs = { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
type Reader = { readSync(id: unknown): Float32Array | Int32Array };

export async function initTfjs(): Promise<void> {
  setThreadsCount(1);
  await tf.setBackend("wasm");
  await tf.ready();
  const outShape = (x: tf.TensorInfo, attrs: unknown) => [
    (attrs as { numSegments: number }).numSegments,
    ...x.shape.slice(1),
  ];
  tf.registerKernel({
    kernelName: "UnsortedSegmentSum",
    backendName: "wasm",
    kernelFunc: ({ inputs, backend, attrs }) => {
      const wasm = backend as unknown as Reader & {
        makeOutput(shape: number[], dtype: string): tf.TensorInfo;
        typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
      };
      const { x, segmentIds } = inputs as SegmentInputs;
      const out = wasm.makeOutput(outShape(x, attrs), "float32");
      segmentSum(
        wasm.readSync(x.dataId),
        wasm.readSync(segmentIds.dataId),
        wasm.typedArrayFromHeap(out),
      );
      return out;
    },
  });
  await tf.setBackend("cpu");
  tf.unregisterKernel("UnsortedSegmentSum", "cpu");
  tf.registerKernel({
    kernelName: "UnsortedSegmentSum",
    backendName: "cpu",
    kernelFunc: ({ inputs, backend, attrs }) => {
      const cpu = backend as unknown as Reader & {
        makeTensorInfo(shape: number[], dtype: string, values: Float32Array): tf.TensorInfo;
      };
      const { x, segmentIds } = inputs as SegmentInputs;
      const shape = outShape(x, attrs);
      const sums = new Float32Array(shape.reduce((a, b) => a * b, 1));
      segmentSum(cpu.readSync(x.dataId), cpu.readSync(segmentIds.dataId), sums);
      return cpu.makeTensorInfo(shape, "float32", sums);
    },
  });
}
