/**
 * `weft graph`: golden Mermaid and DOT of every example at the layer level
 * (and collapsed, where it has blocks), of the MNIST MLP's ops after fusion
 * and its kernel schedule; and the command's formats and errors. That the SVG
 * of every example renders is test/browser/graph.browser.ts's.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSpec } from "../src/parser/index.js";
import { toDot, toMermaid } from "../src/diagram/diagram.js";
import { layerDiagram } from "../src/diagram/layers.js";
import { EXAMPLE_MODELS } from "./helpers/examples.js";
import { expectGolden } from "./helpers/golden.js";
import { run } from "./helpers/cli.js";

const specOf = (example: string) => {
  const file = `examples/${example}/model.weft`;
  return parseSpec(readFileSync(file, "utf8"), file);
};

describe("the layer diagram", () => {
  for (const example of EXAMPLE_MODELS)
    it(`of ${example}, as Mermaid and DOT`, () => {
      const diagram = layerDiagram(specOf(example));
      expectGolden(`test/golden/graph/${example}.mmd`, toMermaid(diagram));
      expectGolden(`test/golden/graph/${example}.dot`, toDot(diagram));
    });

  it("collapsed, draws each block instance as one node inside its repeat", () => {
    const diagram = layerDiagram(specOf("tiny-gpt"), { collapse: true });
    expectGolden("test/golden/graph/tiny-gpt.collapsed.mmd", toMermaid(diagram));
    const blocks = diagram.nodes.filter((n) => n.lines[1] === "TransformerBlock");
    expect(blocks.map((n) => [n.lines[0], n.group, n.lines.at(-1)])).toEqual([
      ["blocks.0", "blocks", "198,272 params"],
      ["blocks.1", "blocks", "198,272 params"],
    ]);
  });

  it("draws an edge for every input: the residual add reads both its inputs", () => {
    const diagram = layerDiagram(specOf("mnist-mlp"));
    const into = (name: string) =>
      diagram.edges.filter((e) => e.to === `layer:${name}`).map((e) => e.from);
    expect(into("add")).toEqual(["layer:fc1", "layer:fc2"]);
  });
});

describe("weft graph", () => {
  const scratch = mkdtempSync(join(tmpdir(), "weft-graph-"));

  it("draws a graph's ops after a pass, fused groups coloured, and a program's kernels", async () => {
    const ops = await run(
      "graph",
      "examples/mnist-mlp",
      "--level",
      "ops",
      "--after",
      "fuse",
      "--format",
      "dot",
    );
    expect(ops.code).toBe(0);
    expectGolden("test/golden/graph/mnist-mlp.ops-after-fuse.dot", ops.stdout);
    const kernels = await run("graph", "examples/mnist-mlp", "--level", "kernels", "--batch", "64");
    expect(kernels.code).toBe(0);
    expectGolden("test/golden/graph/mnist-mlp.kernels.mmd", kernels.stdout);
  });

  it("takes the format from --out's extension and writes SVG laid out by Graphviz", async () => {
    const out = join(scratch, "mnist.svg");
    const r = await run("graph", "examples/mnist-mlp/model.weft", "-o", out);
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
    const svg = readFileSync(out, "utf8");
    expect(svg).toMatch(/^<\?xml[\s\S]*<svg /);
    expect(svg).toContain("<title>MnistMLP: layers</title>");
    for (const layer of ["fc1", "fc2", "add", "out"]) expect(svg).toContain(`>${layer}</text>`);
  });

  it("names what it takes when given something else", async () => {
    expect(await run("graph", "examples/mnist-mlp", "--level", "bytes")).toEqual({
      code: 1,
      stdout: "",
      stderr: "weft: error: --level takes layers, ops, kernels, not 'bytes'\n",
    });
    const after = await run("graph", "examples/mnist-mlp", "--level", "ops", "--after", "tile");
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(
      /^weft: error: tile is not a graph pass of -O2 for target wasm \(its passes: /,
    );
    const graph = await run("graph", "examples/mnist-mlp", "--level", "ops", "-g", "backward");
    expect(graph.stderr).toBe(
      "weft: error: the model has no graph 'backward' (graphs: forward, evaluate, train_step)\n",
    );
  });
});
