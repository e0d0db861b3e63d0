/**
 * `weft export --pytorch`: golden model.py and train.py for examples that
 * cover every kind of structure (blocks, repeat, attention, recurrent layers,
 * dropout, a schedule and clipping), names that Python or nn.Module would
 * take otherwise, and the command. That the exported code computes what Weft
 * computes is `npm run check:pytorch`'s job (it needs PyTorch).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exportPyTorch } from "../src/export/pytorch.js";
import { parseSpec } from "../src/parser/index.js";
import { readTensors } from "../src/runtime/model.js";
import { buildModel } from "../src/layers/build.js";
import { run } from "./helpers/cli.js";
import { expectGolden } from "./helpers/golden.js";

const exported = (file: string) =>
  exportPyTorch(parseSpec(readFileSync(file, "utf8"), file), file).files;

describe("weft export --pytorch", () => {
  for (const example of ["tiny-gpt", "lstm-classifier", "mnist-mlp"])
    it(`writes ${example} as golden model.py and train.py`, () => {
      const files = exported(`examples/${example}/model.weft`);
      expect(Object.keys(files)).toEqual(["model.py", "train.py"]);
      for (const [name, text] of Object.entries(files))
        expectGolden(`test/golden/pytorch/${example}.${name}`, text);
    });

  it("writes PyTorch's own modules for the recurrent layers, and no train.py without a train section", () => {
    const files = exportPyTorch(
      parseSpec(
        JSON.parse(readFileSync("test/fixtures/torch/recurrent_stacked.json", "utf8")).spec,
        "r.weft",
      ),
      "r.weft",
    ).files;
    expect(Object.keys(files)).toEqual(["model.py"]);
    expect(files["model.py"]).toContain(
      '_put(self, "lstm", nn.LSTM(3, 4, num_layers=2, bias=True, batch_first=True, dropout=0.25, bidirectional=False))',
    );
    expect(files["model.py"]).toContain(
      "lstm_0, lstm_1, lstm_2 = recurrent(self.lstm, x, (h0, c0), True, True)",
    );
  });

  it("keeps layer names off nn.Module's members and values off the module's globals", () => {
    const spec = parseSpec(
      [
        "model M {",
        "  input x: f32[batch, 5, 3]",
        "  input mask: i32[batch, 5]",
        '  h = dense(x, 3, name: "training")',
        '  h = dense(h, 3, name: "inputs")',
        '  output m = masked_mean(h, mask, name: "masked_mean")',
        "}",
        "",
      ].join("\n"),
      "n.weft",
    );
    const text = exportPyTorch(spec, "n.weft").files["model.py"];
    expect(text).toContain('training = self._modules["training"](x)');
    expect(text).toContain('inputs = self._modules["inputs"](training)');
    expect(text).toContain("masked_mean_2 = masked_mean(inputs, mask, 1)");
    expect(text).toContain("return masked_mean_2");
  });

  it("writes model.py, train.py and the initial weights under the package's names", async () => {
    const dir = mkdtempSync(join(tmpdir(), "weft-export-"));
    try {
      const r = await run("export", "examples/mnist-mlp", "--pytorch", dir, "--seed", "3");
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(readdirSync(dir).sort()).toEqual([
        ".weft",
        "model.py",
        "train.py",
        "weights.safetensors",
      ]);
      expect(r.stdout).toMatch(/train it: torchrun --nproc_per_node 2 .*train\.py --data DATA/);
      const weights = readTensors(readFileSync(join(dir, "weights.safetensors")), "weights");
      const spec = parseSpec(readFileSync("examples/mnist-mlp/model.weft", "utf8"), "m.weft");
      const params = [...buildModel(spec).module.params.values()].filter((p) => p.trainable);
      expect([...weights.keys()]).toEqual(params.map((p) => p.name));
      for (const p of params) expect(weights.get(p.name)!.shape).toEqual(p.type.shape);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("needs --pytorch or --onnx", async () => {
    const missing = await run("export", "examples/mnist-mlp");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      "weft: error: weft export takes one of --pytorch DIR and --onnx FILE\n",
    );
  });
});
