/**
 * `npm run check:pytorch`: every example, exported with `weft export
 * --pytorch`, computes in PyTorch what it computes in Weft, and trains the
 * same under torchrun as on one process.
 *
 * Per example, on a batch of 4 made up within the inputs' ranges, starting
 * from Weft's initial weights (seed 0, as float32 in safetensors):
 *   - the exported module's outputs (float64) against Weft's reference
 *     interpreter (float64);
 *   - three steps of the exported train.py on that batch (--float64): its
 *     losses and final weights against three of Weft's train_step;
 *   - the same three steps on two processes under torchrun (gloo, two rows
 *     each) against the one process.
 * Dropout is set to 0 on both sides: the two draw different random masks.
 * Skips with a message where /usr/bin/python3 has no torch.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseSpec } from "../src/parser/index.js";
import type { Arg, Layer, Spec } from "../src/spec/ast.js";
import { exportPyTorch } from "../src/export/pytorch.js";
import { buildTraining } from "../src/training/train-step.js";
import { initialParams, initialWeightsFile } from "../src/ir/initializers.js";
import { interpret } from "../src/ir/interpreter.js";
import { Tensor } from "../src/ir/tensor.js";
import { valueRanges } from "../src/package/emit.js";
import { readTensors, writeSafetensors } from "../src/runtime/model.js";

const PYTHON = "/usr/bin/python3";
const ROWS = 4;
const STEPS = 3;
const TOLERANCE = 1e-5;

function python(args: string[], what: string): string {
  const r = spawnSync(PYTHON, args, { encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.stderr}`);
  return r.stdout;
}

/** The spec with every dropout probability 0. */
function withoutDropout(spec: Spec): Spec {
  const zero = (layer: Layer, name: string): Arg => ({
    name,
    value: { type: "float", value: 0 },
    span: layer.span,
  });
  const layer = (l: Layer): Layer =>
    l.kind.text === "dropout"
      ? { ...l, args: [...l.args.filter((a) => a.name !== "p"), zero(l, "p")] }
      : { ...l, args: l.args.map((a) => (a.name === "dropout" ? zero(l, "dropout") : a)) };
  return {
    ...spec,
    model: { ...spec.model, layers: spec.model.layers.map(layer) },
    blocks: spec.blocks.map((b) => ({ ...b, layers: b.layers.map(layer) })),
  };
}

/** The largest |a - b| / (1 + |b|) over two arrays of one length. */
function worst(a: ArrayLike<number>, b: ArrayLike<number>, what: string): number {
  if (a.length !== b.length) throw new Error(`${what}: ${a.length} values, expected ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++)
    max = Math.max(max, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  return max;
}

function check(file: string, dir: string): Record<string, number> {
  const spec = withoutDropout(parseSpec(readFileSync(file, "utf8"), file));
  for (const [name, contents] of Object.entries(exportPyTorch(spec, file).files))
    writeFileSync(join(dir, name), contents);
  const { module } = buildTraining(spec);
  const ranges = valueRanges(spec, module);

  // A batch within the ranges, of values float32 holds exactly.
  let state = 12345;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const batch = [...spec.model.inputs, ...spec.train!.targets].map((t) => {
    const shape = t.type.shape.map((d, i) => (typeof d === "number" ? d : i === 0 ? ROWS : 5));
    const size = shape.reduce((n, d) => n * d, 1);
    const max = ranges[t.name.text]?.max ?? 2;
    const values = Array.from({ length: size }, () =>
      t.type.dtype === "i32" ? Math.floor(random() * max) : Math.fround(random()),
    );
    return { name: t.name.text, dtype: t.type.dtype, shape, values };
  });
  writeFileSync(
    join(dir, "data.safetensors"),
    writeSafetensors(
      batch.map((t) => ({
        ...t,
        data: t.dtype === "i32" ? Int32Array.from(t.values) : Float32Array.from(t.values),
      })),
    ),
  );
  writeFileSync(join(dir, "weights.safetensors"), initialWeightsFile(module, 0));
  const feeds = Object.fromEntries(
    batch.map((t) => [t.name, Tensor.of(t.dtype, t.shape, t.values, "f64")]),
  );
  let params = Object.fromEntries(
    Object.entries(initialParams(module, 0)).map(([k, t]) => [k, t.withPrecision("f64")]),
  );

  const diffs: Record<string, number> = {};
  const inputs = Object.fromEntries(
    spec.model.inputs.map((i) => [i.name.text, feeds[i.name.text]]),
  );
  const forward = interpret(module, "forward", { inputs, params }, { precision: "f64" });
  const torchForward = JSON.parse(
    python(
      [
        "scripts/pytorch_forward.py",
        dir,
        join(dir, "weights.safetensors"),
        join(dir, "data.safetensors"),
      ],
      "the exported module's forward",
    ),
  ) as Record<string, number[]>;
  diffs.forward = Math.max(
    ...spec.model.outputs.map((o) =>
      worst(torchForward[o.name.text], forward.outputs[o.name.text].data, o.name.text),
    ),
  );

  const losses: number[] = [];
  for (let s = 0; s < STEPS; s++) {
    const r = interpret(module, "train_step", { inputs: feeds, params }, { precision: "f64" });
    losses.push(r.outputs.loss.data[0]);
    params = { ...params, ...r.updates };
  }
  const steps = [
    ...["--data", join(dir, "data.safetensors"), "--weights", join(dir, "weights.safetensors")],
    ...["--epochs", String(STEPS), "--batch-size", String(ROWS), "--no-shuffle", "--float64"],
  ];
  const train = (name: string, launcher: string[]) => {
    python(
      [
        ...launcher,
        join(dir, "train.py"),
        ...steps,
        "--out",
        join(dir, `${name}.safetensors`),
        "--losses",
        join(dir, `${name}.json`),
      ],
      `train.py (${name})`,
    );
    return {
      losses: JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8")) as number[],
      weights: readTensors(readFileSync(join(dir, `${name}.safetensors`)), name),
    };
  };
  const one = train("one", []);
  // torchrun; its --redirects and --tee spelled per rank, since Debian's torch 1.13 on Python 3.11
  // cannot read their defaults (an IntFlag lookup that finds no member for 0).
  const torchrun = ["-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2"];
  const perRank = ["--redirects", "0:1,1:1", "--tee", "0:1,1:1", "--log_dir", join(dir, "logs")];
  const two = train("two", [...torchrun, ...perRank]);
  diffs.losses = worst(one.losses, losses, "losses");
  const trainable = [...module.params.values()].filter((p) => p.trainable).map((p) => p.name);
  diffs.weights = Math.max(
    ...trainable.map((n) => worst(one.weights.get(n)!.data, params[n].data, n)),
  );
  diffs.torchrun = Math.max(
    worst(two.losses, one.losses, "losses"),
    ...trainable.map((n) => worst(two.weights.get(n)!.data, one.weights.get(n)!.data, n)),
  );
  return diffs;
}

type FixtureTensor = { dtype: "f32" | "i32"; shape: number[]; data: number[] };

/** A fixture's tensors (JSON, float64) as a safetensors file (float32 and int32). */
function fixtureTensors(tensors: Record<string, FixtureTensor>): Uint8Array {
  return writeSafetensors(
    Object.entries(tensors).map(([name, t]) => ({
      name,
      dtype: t.dtype,
      shape: t.shape,
      data: t.dtype === "i32" ? Int32Array.from(t.data) : Float32Array.from(t.data),
    })),
  );
}

/**
 * A layer fixture's spec (test/fixtures/torch), exported, on the fixture's
 * weights and inputs: the largest difference from the outputs PyTorch's own
 * modules gave.
 */
function checkLayers(file: string, dir: string): number {
  const fx = JSON.parse(readFileSync(file, "utf8")) as {
    spec: string;
    params: Record<string, FixtureTensor>;
    runs: { inputs: Record<string, FixtureTensor>; outputs: Record<string, FixtureTensor> }[];
  };
  const spec = parseSpec(fx.spec, file);
  writeFileSync(join(dir, "model.py"), exportPyTorch(spec, file).files["model.py"]);
  writeFileSync(join(dir, "weights.safetensors"), fixtureTensors(fx.params));
  let max = 0;
  for (const run of fx.runs) {
    writeFileSync(join(dir, "data.safetensors"), fixtureTensors(run.inputs));
    const got = JSON.parse(
      python(
        [
          "scripts/pytorch_forward.py",
          dir,
          join(dir, "weights.safetensors"),
          join(dir, "data.safetensors"),
        ],
        `${file}'s exported module`,
      ),
    ) as Record<string, number[]>;
    for (const [name, want] of Object.entries(run.outputs))
      max = Math.max(max, worst(got[name], want.data, name));
  }
  return max;
}

/**
 * A training fixture's spec (test/fixtures/torch/training), exported, trained
 * three steps by its train.py from the fixture's initial weights on its
 * batch: the largest difference from PyTorch's losses and final parameters
 * (each optimizer, schedule and clipping as the fixture's torch.optim ran them).
 */
function checkTraining(file: string, dir: string): number {
  const fx = JSON.parse(readFileSync(file, "utf8")) as {
    spec: string;
    inputs: Record<string, FixtureTensor>;
    label: FixtureTensor;
    initial: Record<string, FixtureTensor>;
    losses: number[];
    final: Record<string, FixtureTensor>;
  };
  const spec = parseSpec(fx.spec, file);
  for (const [name, contents] of Object.entries(exportPyTorch(spec, file).files))
    writeFileSync(join(dir, name), contents);
  writeFileSync(join(dir, "weights.safetensors"), fixtureTensors(fx.initial));
  writeFileSync(join(dir, "data.safetensors"), fixtureTensors({ ...fx.inputs, label: fx.label }));
  python(
    [
      join(dir, "train.py"),
      ...["--data", join(dir, "data.safetensors"), "--weights", join(dir, "weights.safetensors")],
      ...["--epochs", String(fx.losses.length), "--batch-size", String(fx.label.shape[0])],
      ...["--no-shuffle", "--float64", "--out", join(dir, "out.safetensors")],
      ...["--losses", join(dir, "losses.json")],
    ],
    `${file}'s train.py`,
  );
  const losses = JSON.parse(readFileSync(join(dir, "losses.json"), "utf8")) as number[];
  const weights = readTensors(readFileSync(join(dir, "out.safetensors")), "out");
  return Math.max(
    worst(losses, fx.losses, "losses"),
    ...Object.entries(fx.final).map(([n, t]) => worst(weights.get(n)!.data, t.data, n)),
  );
}

if (spawnSync(PYTHON, ["-c", "import torch"]).status !== 0) {
  console.log(`check:pytorch skipped: ${PYTHON} has no torch (Debian: apt install python3-torch)`);
  process.exit(0);
}
// Every example with a train section, or those named on the command line.
const wanted = process.argv.slice(2);
const examples = readdirSync("examples")
  .filter((e) => !wanted.length || wanted.includes(e))
  .map((e) => join("examples", e, "model.weft"))
  .filter((f) => existsSync(f) && parseSpec(readFileSync(f, "utf8"), f).train);

let failed = false;
const section = (title: string, dir: string, check: (file: string, tmp: string) => number) => {
  console.log(title);
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const tmp = mkdtempSync(join(tmpdir(), "weft-pytorch-"));
    try {
      const d = check(join(dir, name), tmp);
      failed ||= !(d <= TOLERANCE);
      console.log(`  ${name.padEnd(30)} ${d.toExponential(1)}${d <= TOLERANCE ? "" : "  FAIL"}`);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
};
console.log(`largest |PyTorch − expected| / (1 + |expected|); tolerance ${TOLERANCE}`);
if (!wanted.length) {
  section(
    "layer fixtures (test/fixtures/torch): the exported forward against PyTorch's own modules",
    "test/fixtures/torch",
    checkLayers,
  );
  section(
    "training fixtures (test/fixtures/torch/training): train.py's steps against torch.optim's",
    "test/fixtures/torch/training",
    checkTraining,
  );
}
console.log(
  `examples, against Weft's interpreter (float64, ${STEPS} steps on a batch of ${ROWS}), and torchrun on 2 processes against 1`,
);
console.log("  example            forward    losses     weights    torchrun");
for (const file of examples) {
  const dir = mkdtempSync(join(tmpdir(), "weft-pytorch-"));
  try {
    const d = check(file, dir);
    const bad = Object.values(d).some((v) => !(v <= TOLERANCE));
    failed ||= bad;
    const cells = [d.forward, d.losses, d.weights, d.torchrun].map((v) =>
      v.toExponential(1).padEnd(10),
    );
    console.log(`  ${file.split("/")[1].padEnd(18)} ${cells.join(" ")}${bad ? "  FAIL" : ""}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(failed ? "check:pytorch FAILED" : "check:pytorch passed");
process.exit(failed ? 1 : 0);
