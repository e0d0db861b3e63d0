/**
 * jax-js (npm @jax-js/jax) on its Wasm device: the four models written as a
 * jax-js user would (numpy-style ops and nn.* activations, as the TF.js peer),
 * the prediction and the whole training step (loss, valueAndGrad and the
 * Adam update) each one jit-compiled function, so jax-js fuses and plans
 * them as it can. jax-js has no optimizer library on npm (@jax-js/optax is
 * not published), so Adam is written out with PyTorch's update rule. In Node
 * there is no global Worker, so its Wasm device runs on one thread, as every
 * system here.
 *
 * jax-js's arrays are reference counted: every function takes ownership of
 * its arguments, and `.ref` keeps an array for one more use. Parameters are
 * a flat tree keyed by PyTorch name, with PyTorch's [out, in] layouts.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import {
  blockUntilReady,
  defaultDevice,
  init,
  jit,
  nn,
  numpy as np,
  tree,
  valueAndGrad,
} from "@jax-js/jax";
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

type Arr = np.Array;
type Params = Record<string, Arr>;
/** The model's logits; `one` is the 1 that `embed` multiplies by. */
type Forward = (p: Params, x: Arr, one: Arr) => Arr;

/**
 * An embedding's rows for the ids, times 1 given at run time: jit fails on
 * the plain np.take's gradient in a model whose gradient reaches the
 * embedding through a reshape or a broadcast ("jit: routine primitive
 * scatter input is not imm", jax-js 0.1.25: the scatter-add takes only a
 * computed array as its input, not a view of one); the product by a value
 * jit cannot fold makes its gradient a computed array. It costs one
 * elementwise pass over the embedded tokens.
 */
const embed = (p: Params, name: string, x: Arr, one: Arr) =>
  np.take(p[`${name}.weight`], x, 0).mul(one);

/** x·Wᵀ + b over the last axis, as torch.nn.Linear. */
function dense(p: Params, name: string, x: Arr): Arr {
  const y = np.matmul(x, p[`${name}.weight`].transpose());
  const bias = p[`${name}.bias`];
  return bias ? y.add(bias) : y;
}

const layerNorm = (p: Params, name: string, x: Arr) =>
  nn.standardize(x, -1, { epsilon: 1e-5 }).mul(p[`${name}.weight`]).add(p[`${name}.bias`]);

/**
 * Causal self-attention written out: nn.dotProductAttention would be the
 * natural call, but in jax-js 0.1.25 it parses its einsum with iterator
 * helpers (`matchAll(...).map`), which Node 20 lacks.
 */
function attention(p: Params, name: string, x: Arr, heads: number, mask: Arr): Arr {
  const [b, t, d] = x.shape;
  const split = (y: Arr) => y.reshape([b, t, heads, d / heads]).transpose([0, 2, 1, 3]);
  const q = split(dense(p, `${name}.q`, x.ref));
  const k = split(dense(p, `${name}.k`, x.ref));
  const v = split(dense(p, `${name}.v`, x));
  const scores = np
    .matmul(q, k.transpose([0, 1, 3, 2]))
    .mul(1 / Math.sqrt(d / heads))
    .add(mask);
  const mixed = np.matmul(nn.softmax(scores, -1), v).transpose([0, 2, 1, 3]);
  return dense(p, `${name}.o`, mixed.reshape([b, t, d]));
}

/**
 * The LSTM one step at a time, both projections per step (x_t·W_ihᵀ +
 * h·W_hhᵀ), unrolled by jit. Projecting every step's input at once first
 * (one [batch·T, in] product, then a slice per step) was slower to train
 * with jax-js (one quick run: 343 ms a step against 279) and about even in
 * prediction (4.3 / 63 ms at batch 1 / 64 against 5.2 / 66).
 */
function lstm(p: Params, name: string, x: Arr): Arr {
  const [b, t] = x.shape;
  const hidden = p[`${name}.weight_hh_l0`].shape[1];
  const input = p[`${name}.weight_ih_l0`].transpose();
  const recurrent = p[`${name}.weight_hh_l0`].transpose();
  const bias = p[`${name}.bias_ih_l0`].add(p[`${name}.bias_hh_l0`]);
  let h = np.zeros([b, hidden]);
  let c = np.zeros([b, hidden]);
  for (let step = 0; step < t; step++) {
    const gates = np
      .matmul(x.ref.slice([], step), input.ref)
      .add(np.matmul(h, recurrent.ref))
      .add(bias.ref);
    const [i, f, g, o] = np.split(gates, 4, 1);
    c = nn
      .sigmoid(f)
      .mul(c)
      .add(nn.sigmoid(i).mul(np.tanh(g)));
    h = nn.sigmoid(o).mul(np.tanh(c.ref));
  }
  tree.dispose([x, input, recurrent, bias, c]);
  return h;
}

const FORWARD: Record<string, Forward> = {
  "text-classifier": (p, x, one) => {
    const pooled = embed(p, "embed", x, one).mean(1);
    return dense(p, "out", nn.relu(dense(p, "fc2", nn.relu(dense(p, "fc1", pooled)))));
  },
  "mnist-mlp": (p, x, one) => {
    one.dispose();
    return dense(p, "out", nn.relu(dense(p, "fc2", nn.relu(dense(p, "fc1", x)))));
  },
  "lstm-classifier": (p, x, one) => dense(p, "out", lstm(p, "lstm", embed(p, "embed", x, one))),
  "tiny-gpt": (p, x, one) => {
    const t = x.shape[1];
    // 0 where a token may attend, -1e9 above the diagonal (its future).
    const mask = np
      .tril(np.ones([t, t]))
      .sub(1)
      .mul(1e9);
    let h = embed(p, "tok_emb", x, one).add(p["pos_emb.weight"].slice([0, t]));
    for (const block of ["blocks.0", "blocks.1"]) {
      const ln = layerNorm(p, `${block}.ln_1`, h.ref);
      h = h.add(attention(p, `${block}.attn`, ln, 4, mask.ref));
      const mlp = nn.gelu(dense(p, `${block}.fc`, layerNorm(p, `${block}.ln_2`, h.ref)), {
        approximate: false,
      });
      h = h.add(dense(p, `${block}.proj`, mlp));
    }
    mask.dispose();
    return dense(p, "head", layerNorm(p, "ln_f", h));
  },
};

/**
 * jax-js decides whether its Wasm memory is shared by looking for a global
 * Worker, at start-up and again when it compiles a kernel; onnxruntime-web's
 * threaded build defines one in Node when it loads, after which jax-js's
 * kernels no longer link with its memory. Every jax-js call runs with the
 * global hidden, as it was when jax-js started.
 */
function isolated<T>(call: () => T): () => T {
  return () => {
    const g = globalThis as { Worker?: unknown };
    const worker = g.Worker;
    delete g.Worker;
    const restore = () => {
      if (worker !== undefined) g.Worker = worker;
    };
    try {
      const result = call();
      if (result instanceof Promise) return result.finally(restore) as T;
      restore();
      return result;
    } catch (error) {
      restore();
      throw error;
    }
  };
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-8;

export async function initJax(device: "wasm" | "webgpu" = "wasm"): Promise<void> {
  await init(device);
}

export class JaxPeer implements System {
  readonly name: string;
  readonly trains = true;
  /** Gives up the previous task's arrays. */
  private release = () => {};

  /** On `webgpu`, from bench/webgpu.ts, which gives Node a navigator.gpu. */
  constructor(
    private readonly params: (model: BenchModel) => Param[],
    private readonly device: "wasm" | "webgpu" = "wasm",
  ) {
    this.name = `jax-js ${device}`;
  }

  async activate() {
    defaultDevice(this.device);
  }

  /** An array's values: dataSync on wasm, awaited on webgpu (no synchronous read in Node). */
  private read(a: Arr): Float32Array | Promise<Float32Array> {
    return this.device === "webgpu"
      ? (a.data() as Promise<Float32Array>)
      : (a.dataSync() as Float32Array);
  }

  async size() {
    const dist = join(packageDir("@jax-js/jax"), "dist");
    // The ES build an app bundles: the library and its Wasm backend (WebGPU and WebGL load apart).
    const files = ["index.js", ...readdirSync(dist).filter((f) => /^backend-.*\.js$/.test(f))];
    return codeSize(
      files.map((f) => join(dist, f)),
      "library + Wasm backend, unminified",
    );
  }

  /** An n×n product through jit(np.matmul), a transposed operand as a transposed view. */
  async prepareGemm(
    form: GemmForm,
    n: number,
    a: Float32Array,
    b: Float32Array,
  ): Promise<Prepared> {
    await this.activate();
    this.release();
    const [x, y] = [a, b].map((m) => np.array(m.slice()).reshape([n, n]));
    this.release = () => tree.dispose([x, y]);
    const product = jit((x: Arr, y: Arr) =>
      np.matmul(form.transpose_a ? x.transpose() : x, form.transpose_b ? y.transpose() : y),
    );
    // Reading gives up the array read, as every jax-js function.
    const call = isolated(() => this.read(product(x.ref, y.ref)));
    return { result: { logits: (await call()).slice() }, call };
  }

  async prepare(model: BenchModel, task: Task): Promise<Prepared> {
    await this.activate();
    this.release();
    const forward = FORWARD[model.name];
    const [input, target] = feedsFor(model, task);
    const x = np
      .array(input.data.slice(), { dtype: input.dtype === "i32" ? np.int32 : np.float32 })
      .reshape(input.shape);
    let params: Params = Object.fromEntries(
      this.params(model).map((p) => [p.name, np.array(p.data.slice()).reshape(p.shape)]),
    );
    const one = np.array(1);
    if (task.kind === "predict") {
      this.release = () => tree.dispose([params, x, one]);
      const predict = jit(forward);
      const call = isolated(() => this.read(predict(tree.ref(params), x.ref, one.ref)));
      return { result: { logits: await call() }, call };
    }
    const classes = model.target.classes;
    const labels = np.array(target.data.slice(), { dtype: np.int32 }).reshape([-1]);
    const loss = (p: Params, x: Arr, y: Arr, one: Arr) =>
      nn
        .logSoftmax(forward(p, x, one).reshape([-1, classes]))
        .mul(nn.oneHot(y, classes))
        .sum(1)
        .mean()
        .neg();
    // scale = [lr / (1 − β1ᵗ), 1 / √(1 − β2ᵗ)]: Adam's bias corrections, computed outside the jit.
    const step = jit((p: Params, m: Params, v: Params, scale: Arr, x: Arr, y: Arr, one: Arr) => {
      const [value, g] = valueAndGrad(loss)(tree.ref(p), x, y, one);
      const m2 = tree.map(
        (mi: Arr, gi: Arr) => mi.mul(BETA1).add(gi.mul(1 - BETA1)),
        m,
        tree.ref(g),
      );
      const v2 = tree.map(
        (vi: Arr, gi: Arr) => vi.mul(BETA2).add(gi.ref.mul(gi).mul(1 - BETA2)),
        v,
        g,
      );
      const p2 = tree.map(
        (pi: Arr, mi: Arr, vi: Arr) =>
          pi.sub(
            mi.mul(scale.ref.slice([0, 1])).div(
              np
                .sqrt(vi)
                .mul(scale.ref.slice([1, 2]))
                .add(EPS),
            ),
          ),
        p,
        tree.ref(m2),
        tree.ref(v2),
      );
      scale.dispose();
      return [value, p2, m2, v2] as const;
    });
    let m: Params = tree.map((a: Arr) => np.zerosLike(a), tree.ref(params));
    let v: Params = tree.map((a: Arr) => np.zerosLike(a), tree.ref(params));
    this.release = () => tree.dispose([params, m, v, x, labels, one]);
    let t = 0;
    // One step, waited for: jax-js is lazy, and the step's updates count as much as its loss.
    const call = isolated(async () => {
      t++;
      const scale = np.array(
        new Float32Array([model.lr / (1 - BETA1 ** t), 1 / Math.sqrt(1 - BETA2 ** t)]),
      );
      const [value, p2, m2, v2] = step(params, m, v, scale, x.ref, labels.ref, one.ref);
      [params, m, v] = [p2, m2, v2];
      await blockUntilReady([params, m, v]);
      return (await this.read(value))[0];
    });
    const losses: [number, number] = [await call(), await call()];
    const after = Object.fromEntries(
      await Promise.all(
        Object.entries(params).map(async ([name, a]) => [name, await this.read(a.ref)] as const),
      ),
    );
    return { result: { losses, params: after }, call };
  }
}
