/**
 * ONNX files exported from PyTorch (test/fixtures/onnx/generate.py), read by
 * `weft import`, compiled, and run against onnxruntime-node on the same file.
 */
import { readFileSync, mkdtempSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as ort from "onnxruntime-node";
import fc from "fast-check";
import { importOnnx } from "../../src/onnx/import.js";
import { encodeModel, type NodeProto } from "../../src/onnx/schema.js";
import { parseSpec } from "../../src/parser/index.js";
import { buildModel } from "../../src/layers/build.js";
import { checkWeightsFile } from "../../src/ir/initializers.js";
import { DiagnosticError } from "../../src/core/diagnostics.js";
import { compileAndImport } from "../helpers/package.js";
import { run } from "../helpers/cli.js";
import {
  expectClose,
  ortInputs,
  typedInputs,
  weightsFile,
  HOST,
  type TensorJson,
} from "../helpers/onnx.js";

const DIR = join(import.meta.dirname, "../fixtures/onnx");
const MODELS = [
  "mlp",
  "embedding_classifier",
  "lstm_classifier",
  "gru_classifier",
  "rnn_classifier",
  "stacked_recurrent",
  "residual_mlp",
  "residual_mlp_opset14",
  "attention_block",
  "tiny_gpt",
];

interface Fixture {
  runs: { inputs: Record<string, TensorJson>; outputs: Record<string, TensorJson> }[];
  training?: {
    inputs: Record<string, TensorJson>;
    label: TensorJson;
    lr: number;
    losses: number[];
  };
}

const fixture = (name: string): Fixture =>
  JSON.parse(readFileSync(join(DIR, `${name}.json`), "utf8"));
const bytes = (name: string) => readFileSync(join(DIR, `${name}.onnx`));

async function importedModel(name: string, train = "") {
  const imported = importOnnx(bytes(name), `${name}.onnx`);
  const { createModel } = await compileAndImport(imported.spec + train, `${name}.weft`, HOST);
  const weights = weightsFile(imported.weights);
  return { imported, model: await createModel({ weights }) };
}

describe("weft import of models exported from PyTorch", () => {
  for (const name of MODELS)
    it(`${name}: the imported spec predicts what onnxruntime predicts (1e-4)`, async () => {
      const { model } = await importedModel(name);
      const session = await ort.InferenceSession.create(join(DIR, `${name}.onnx`));
      for (const run of fixture(name).runs) {
        const want = await session.run(ortInputs(run.inputs, "int64"));
        const got = model.predict(typedInputs(run.inputs));
        for (const [output, torch] of Object.entries(run.outputs)) {
          const ortOut = want[output].data as Float32Array;
          // The fixture's PyTorch outputs check that the file says what the module computed.
          expectClose(ortOut, torch.data, `${name} ${output}: onnxruntime vs PyTorch`);
          expectClose(got[output], ortOut, `${name} ${output} at batch ${torch.shape[0]}`);
        }
      }
    });

  it("recognises layers: dense with its activation, embedding, lstm; shape subgraphs and layout transposes leave nothing", () => {
    const { spec, weights } = importOnnx(bytes("lstm_classifier"), "lstm_classifier.onnx");
    expect(spec).toBe(
      [
        "// Imported from lstm_classifier.onnx by weft import.",
        "model Imported {",
        "  input tokens: i32[batch, 7]",
        '  emb = embedding(tokens, vocab: 30, dim: 8, name: "emb")',
        '  lstm = lstm(emb, 12, name: "lstm")',
        '  out = dense(lstm, 2, name: "out")',
        "  output logits = out",
        "}",
        "",
      ].join("\n"),
    );
    expect(weights.map((w) => `${w.name}[${w.shape}]`)).toEqual([
      "emb.weight[30,8]",
      "lstm.weight_ih_l0[48,8]",
      "lstm.weight_hh_l0[48,12]",
      "lstm.bias_ih_l0[48]",
      "lstm.bias_hh_l0[48]",
      "out.weight[2,12]",
      "out.bias[2]",
    ]);
    const mlp = importOnnx(bytes("mlp"), "mlp.onnx").spec;
    expect(mlp).toContain('fc1 = dense(x, 16, activation: relu, name: "fc1")');
    expect(mlp).toContain('fc2 = dense(fc1, 16, activation: tanh, name: "fc2")');
    const residual = importOnnx(bytes("residual_mlp"), "residual_mlp.onnx").spec;
    expect(residual).toContain('activation: gelu, name: "fc1"');
    expect(residual).toContain('activation: gelu_tanh, name: "fc3"');
    expect(residual).toContain('ln2 = layer_norm(add_1, name: "ln2")');
    expect(residual).not.toMatch(/erf|tanh\(|pow\(/);
    // Opset 14 has no LayerNormalization: the exporter writes it out, and it reads back as the layer.
    const decomposed = importOnnx(bytes("residual_mlp_opset14"), "residual_mlp.onnx").spec;
    expect(decomposed).toBe(residual);
  });

  it("a stacked LSTM and GRU (a node per layer in the file) are one layer each, with PyTorch's parameter names", () => {
    const { spec, weights } = importOnnx(bytes("stacked_recurrent"), "stacked_recurrent.onnx");
    expect(spec).toContain(
      'lstm, lstm_h, lstm_c = lstm(x, 6, num_layers: 2, bidirectional: true, return_sequences: true, return_state: true, name: "lstm")',
    );
    expect(spec).toContain("output h = lstm_h");
    const names = weights.map((w) => w.name);
    for (const n of [
      "lstm.weight_ih_l1_reverse",
      "lstm.bias_hh_l1",
      "gru.weight_hh_l1",
      "gru.bias_ih_l0",
    ])
      expect(names).toContain(n);
    expect(names).toHaveLength(24);
  });

  it("a tiny GPT's weights keep PyTorch's names, and its attention is op-level statements", () => {
    const { spec, weights } = importOnnx(bytes("tiny_gpt"), "tiny_gpt.onnx");
    const names = weights.map((w) => w.name);
    for (const n of [
      "tok.weight",
      "pos.weight",
      "blocks.1.attn.q.weight",
      "blocks.0.ln2.bias",
      "head.bias",
    ])
      expect(names).toContain(n);
    for (const statement of ["matmul(", "softmax(", "where(", "transpose(", "reshape("])
      expect(spec).toContain(statement);
    // Shape arithmetic (Shape, Gather, Concat, Unsqueeze) is folded: the batch stays symbolic.
    expect(spec).toContain("reshape(blocks_0_attn_q, [batch, 8, 2, 8])");
    expect(spec).not.toMatch(/\bshape\(|concat\(|unsqueeze/);
  });

  it("an imported MLP with a train section trains as PyTorch does (losses at 1e-4)", async () => {
    const fx = fixture("mlp").training!;
    const train = [
      "",
      "train Imported {",
      "  label: i32[batch]",
      "  loss: cross_entropy(logits, label)",
      `  optimizer: adam(lr: ${fx.lr})`,
      "  batch_size: 4",
      "}",
      "",
    ].join("\n");
    const { model } = await importedModel("mlp", train);
    const batch = { ...typedInputs(fx.inputs), label: Int32Array.from(fx.label.data) };
    const losses: number[] = [];
    for (let step = 0; step < fx.losses.length; step++) losses.push(model.trainStep(batch).loss);
    fx.losses.forEach((want, step) =>
      expect(Math.abs(losses[step] - want), `loss of step ${step}`).toBeLessThanOrEqual(
        1e-4 * Math.abs(want),
      ),
    );
    expect(losses[2]).toBeLessThan(losses[0]);
  });
});

/** A one-input model around `nodes`, written with Weft's own encoder. */
function modelWith(nodes: NodeProto[], opset = 17): Uint8Array {
  return encodeModel({
    irVersion: 8,
    opsetImport: [{ domain: "", version: opset }],
    graph: {
      name: "g",
      node: nodes,
      input: [
        {
          name: "x",
          type: {
            tensorType: { elemType: 1, shape: { dim: [{ dimParam: "batch" }, { dimValue: 4 }] } },
          },
        },
      ],
      output: [{ name: "y", type: { tensorType: { elemType: 1 } } }],
    },
  });
}

/** The import's diagnostics; where it succeeds, what it wrote must build and its weights fit. */
function diagnostics(file: Uint8Array): string[] {
  try {
    const { spec, weights } = importOnnx(file, "m.onnx");
    const { module } = buildModel(parseSpec(spec, "model.weft"));
    checkWeightsFile(module, weightsFile(weights), "weights");
  } catch (e) {
    if (e instanceof DiagnosticError) return e.diagnostics.map((d) => `${d.code}: ${d.message}`);
    throw e;
  }
  return [];
}

describe("weft import of files it cannot read", () => {
  it("names every unsupported node: its name, op type and the opset", () => {
    const file = modelWith([
      { name: "/a/Foo", opType: "Foo", input: ["x"], output: ["t"] },
      { name: "/b/Bar", opType: "Bar", input: ["x"], output: ["u"] },
      { name: "/Add", opType: "Add", input: ["t", "u"], output: ["y"] },
    ]);
    expect(diagnostics(file)).toEqual([
      "onnx-node: node '/a/Foo' (Foo, opset 17): is an operator Weft does not import (docs/interop.md lists the ones it does)",
      "onnx-node: node '/b/Bar' (Bar, opset 17): is an operator Weft does not import (docs/interop.md lists the ones it does)",
    ]);
  });

  it("refuses other opsets, other domains and attributes PyTorch's layers do not have", () => {
    expect(diagnostics(modelWith([{ opType: "Relu", input: ["x"], output: ["y"] }], 9))[0]).toMatch(
      /^onnx-opset: opset 9; Weft reads opsets 13 to 17/,
    );
    expect(
      diagnostics(
        modelWith([
          { name: "n", opType: "Relu", domain: "com.microsoft", input: ["x"], output: ["y"] },
        ]),
      )[0],
    ).toMatch(/is in domain 'com.microsoft'/);
  });

  it("a truncated or malformed file is an error, never a crash", () => {
    const whole = bytes("tiny_gpt");
    for (const cut of [0, 1, 7, 100, whole.length >> 1, whole.length - 1])
      expect(diagnostics(whole.subarray(0, cut)).length, `cut at ${cut}`).toBeGreaterThan(0);
    expect(diagnostics(new TextEncoder().encode("not an onnx file at all"))[0]).toMatch(
      /^onnx-malformed/,
    );
  });

  it("random corruptions of a model are imported or refused with diagnostics, never a crash", () => {
    const whole = bytes("lstm_classifier");
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: whole.length - 1 }), fc.nat({ max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (edits) => {
          const file = Uint8Array.from(whole);
          for (const [at, value] of edits) file[at] = value;
          diagnostics(file);
        },
      ),
      {
        numRuns: Number(process.env.FUZZ_RUNS ?? 300),
        seed: process.env.FUZZ_SEED === "random" ? Date.now() : Number(process.env.FUZZ_SEED ?? 7),
      },
    );
  });

  it("weft import writes model.weft and weights.safetensors that weft compile --weights reads; a bad file exits 1", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "weft-import-")), "imported");
    const ok = await run("import", join(DIR, "gru_classifier.onnx"), "--out", out);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(existsSync(join(out, "model.weft"))).toBe(true);
    expect(ok.stdout).toContain(
      `weft compile ${join(out, "model.weft")} --out PKG --weights ${join(out, "weights.safetensors")}`,
    );
    const pkg = join(out, "..", "pkg");
    const compiled = await run(
      "compile",
      join(out, "model.weft"),
      "--out",
      pkg,
      "--weights",
      join(out, "weights.safetensors"),
    );
    expect(compiled.code, compiled.stderr).toBe(0);
    expect(readFileSync(join(pkg, "weights.safetensors"))).toEqual(
      readFileSync(join(out, "weights.safetensors")),
    );
    // The package says how to load the weights it ships, and exports them.
    expect(readFileSync(join(pkg, "README.md"), "utf8")).toContain("createModel({ weights })");
    const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
    expect(manifest.exports["./weights.safetensors"]).toBe("./weights.safetensors");
    // Weights that do not fit the spec are refused when compiling.
    const wrong = await run(
      "compile",
      join(out, "model.weft"),
      "--out",
      pkg,
      "--force",
      "--weights",
      join(DIR, "..", "..", "..", "package.json"),
    );
    expect(wrong.code).toBe(1);
    const bad = join(out, "..", "bad.onnx");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(bad, modelWith([{ name: "/a/Foo", opType: "Foo", input: ["x"], output: ["y"] }]));
    const refused = await run("import", bad, "--out", join(out, "..", "never"));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `${bad}: error: node '/a/Foo' (Foo, opset 17): is an operator Weft does not import (docs/interop.md lists the ones it does)\n1 error\n`,
    );
    expect(existsSync(join(out, "..", "never"))).toBe(false);
  });
});
