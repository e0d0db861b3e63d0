/** The weft CLI: help and version, `weft ir`, and the exit codes 0, 1 and 2. */
import { PASSES } from "../src/driver/pipeline.js";
import { TS_BACKEND } from "../src/backends/ts/index.js";
import { BACKENDS } from "../src/backends/index.js";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { writePackageFiles } from "../src/cli/files.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { run } from "./helpers/cli.js";
import { withErrorHandling } from "../src/cli/errors.js";

const scratch = mkdtempSync(join(tmpdir(), "weft-cli-"));
function file(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

const example = "examples/ir/text-classifier.ir";

describe("weft", () => {
  it("--version prints the package version", async () => {
    const { version } = JSON.parse(readFileSync("package.json", "utf8"));
    expect(await run("--version")).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("--help lists the commands, and every command has --help", async () => {
    const top = await run("--help");
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Usage: weft \[options\] \[command\]/);
    expect(top.stdout).toMatch(/\n {2}ir \[options\] \[file\]/);
    const ir = await run("ir", "--help");
    expect(ir.code).toBe(0);
    expect(ir.stdout).toMatch(/Usage: weft ir \[options\] \[file\]/);
    expect(ir.stdout).toMatch(/--graph <name>/);
  });

  it("prints the help to stderr and exits 1 when run without a command", async () => {
    const { code, stdout, stderr } = await run();
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^Usage: weft/);
  });

  it("exits 1 on an unknown command or option, without a stack", async () => {
    const bad = await run("frobnicate");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^weft: error: unknown command 'frobnicate'/);
    const opt = await run("ir", example, "--bogus");
    expect(opt.code).toBe(1);
    expect(opt.stderr).toMatch(/^weft: error: unknown option '--bogus'/);
  });
});

describe("weft ir", () => {
  it("parses, verifies and prints a file in canonical form", async () => {
    expect(await run("ir", example)).toEqual({
      code: 0,
      stdout: readFileSync(example, "utf8"),
      stderr: "",
    });
  });

  it("prints one graph with --graph, and names the graphs when it is missing", async () => {
    const one = await run("ir", example, "--graph", "forward");
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^graph @forward \{\n/);
    const missing = await run("ir", example, "-g", "train_step");
    expect(missing).toEqual({
      code: 1,
      stdout: "",
      stderr: `weft: error: ${example} has no graph 'train_step' (graphs: forward)\n`,
    });
  });

  it("reports syntax errors as file:line:col with a code frame, exit 1", async () => {
    const path = file(
      "bad.ir",
      "graph @g {\n  input %x: f32[2]\n  %y: f32[2] = relu(%x\n  output y = %y\n}\n",
    );
    const { code, stdout, stderr } = await run("ir", path);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      [
        `${path}:4:3: error: expected ')' but found 'output'`,
        "  2 |   input %x: f32[2]",
        "  3 |   %y: f32[2] = relu(%x",
        "> 4 |   output y = %y",
        "    |   ^^^^^^",
        "  5 | }",
        "  6 |",
        "1 error",
        "",
      ].join("\n"),
    );
  });

  it("reports every verifier error, exit 1; --no-verify prints anyway", async () => {
    const path = file(
      "unverified.ir",
      "graph @g {\n  input %x: f32[2]\n  %y: f32[3] = exp(%x)\n  %z: i32[2] = log(%x)\n}\n",
    );
    const { code, stderr } = await run("ir", path);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `${path}:3:16: error: exp: result %y is declared f32[3] but its shape rule gives f32[2]`,
    );
    expect(stderr).toContain(
      `${path}:4:16: error: log: result %z is declared i32[2] but its shape rule gives f32[2]`,
    );
    expect(stderr).toContain("error: @g: the graph has no outputs");
    expect(stderr).toMatch(/3 errors\n$/);
    expect(stderr).not.toMatch(/\n\s+at /);
    const unchecked = await run("ir", path, "--no-verify");
    expect(unchecked.code).toBe(0);
    expect(unchecked.stdout).toContain("%y: f32[3] = exp(%x)");
  });

  it("says why a file cannot be read, exit 1", async () => {
    expect(await run("ir", join(scratch, "missing.ir"))).toEqual({
      code: 1,
      stdout: "",
      stderr: `weft: error: cannot read ${join(scratch, "missing.ir")}: no such file\n`,
    });
  });
});

describe("internal errors", () => {
  it("exit 2 with the stack and a request to report", async () => {
    let stderr = "";
    const code = await withErrorHandling({ stdout: () => {}, stderr: (t) => (stderr += t) }, () => {
      throw new TypeError("something impossible");
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^weft: internal error: TypeError: something impossible\n\s+at /);
    expect(stderr).toContain("This is a bug in weft. Please report it");
  });
});

describe("the weft process", () => {
  it("sets its exit code: 0 on success, 1 on a user error", async () => {
    const exec = promisify(execFile);
    const weft = (...args: string[]) =>
      exec(process.execPath, ["--import", "tsx", "src/cli/weft.ts", ...args]);
    const ok = await weft("ir", example);
    expect(ok.stdout).toBe(readFileSync(example, "utf8"));
    const failed = await weft("ir", join(scratch, "missing.ir")).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^weft: error: cannot read /);
  });
});

describe("weft fmt, convert and ast", () => {
  const weft = "examples/text-classifier/model.weft";
  const yaml = "examples/text-classifier/model.yaml";

  it("fmt prints canonical .weft and --check passes on the examples", async () => {
    expect(await run("fmt", weft)).toEqual({
      code: 0,
      stdout: readFileSync(weft, "utf8"),
      stderr: "",
    });
    expect(await run("fmt", "--check", weft, yaml)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("fmt --check names a file out of canonical form; --write fixes it", async () => {
    const path = file(
      "messy.weft",
      "model M{input x:f32[batch,4]\n  output y=dense(x,units:2,activation:relu)}\n",
    );
    expect(await run("fmt", "--check", path)).toEqual({
      code: 1,
      stdout: "",
      stderr: `weft: error: not in canonical form (run weft fmt --write): ${path}\n`,
    });
    expect((await run("fmt", "--write", path)).code).toBe(0);
    expect(readFileSync(path, "utf8")).toBe(
      "model M {\n  input x: f32[batch, 4]\n  output y = dense(x, 2, activation: relu)\n}\n",
    );
    expect((await run("fmt", "--check", path)).code).toBe(0);
  });

  it("convert turns YAML into .weft and back, to stdout or a file", async () => {
    expect((await run("convert", yaml)).stdout).toBe(readFileSync(weft, "utf8"));
    expect((await run("convert", weft)).stdout).toBe(readFileSync(yaml, "utf8"));
    const out = join(scratch, "converted.yaml");
    expect((await run("convert", weft, "-o", out)).code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(yaml, "utf8"));
    expect(await run("convert", weft, "--to", "json")).toEqual({
      code: 1,
      stdout: "",
      stderr: "weft: error: --to must be weft or yaml, not 'json'\n",
    });
  });

  it("ast prints the Spec AST, with or without spans", async () => {
    const withSpans = JSON.parse((await run("ast", weft)).stdout);
    expect(withSpans.model.name).toBe("TextClassifier @3:7");
    const plain = JSON.parse((await run("ast", "--no-spans", yaml)).stdout);
    expect(plain.model.layers.map((l: { kind: string }) => l.kind)).toEqual([
      "embedding",
      "mean",
      "dense",
      "dense",
      "dense",
    ]);
  });

  it("reports spec errors with code frames, exit 1, and rejects other extensions", async () => {
    const path = file(
      "bad.weft",
      "model M {\n  input x: f32[batch, 4]\n  output y = dens(x, 2)\n}\n",
    );
    const { code, stderr } = await run("fmt", path);
    expect(code).toBe(1);
    expect(stderr).toBe(
      [
        `${path}:3:14: error: unknown layer kind 'dens'; did you mean 'dense'?`,
        "  1 | model M {",
        "  2 |   input x: f32[batch, 4]",
        "> 3 |   output y = dens(x, 2)",
        "    |              ^^^^",
        "  4 | }",
        "  5 |",
        "1 error",
        "",
      ].join("\n"),
    );
    expect(await run("ast", example)).toEqual({
      code: 1,
      stdout: "",
      stderr: `weft: error: ${example}: a spec file ends in .weft, .yaml or .yml\n`,
    });
  });
});

describe("weft check", () => {
  it("prints the model summary: layers, output shapes, parameter counts, totals, symbolic dims", async () => {
    const { code, stdout } = await run("check", "examples/text-classifier/model.weft");
    expect(code).toBe(0);
    expect(stdout).toContain("Model: TextClassifier");
    expect(stdout).toMatch(/tokens \(input\)\s+i32\[batch, 128\]\s+0\n/);
    expect(stdout).toMatch(/embedding \(embedding\)\s+f32\[batch, 128, 64\]\s+640,000\s+tokens\n/);
    expect(stdout).toMatch(/dense_2 \(dense\)\s+f32\[batch, 2\]\s+130\s+dense_1\n/);
    expect(stdout).toContain("Total params: 648,450 (2.47 MiB as f32)");
    expect(stdout).toContain("Trainable params: 648,450\nNon-trainable params: 0\n");
    expect(stdout).toContain("Outputs: logits f32[batch, 2]");
    expect(stdout).toContain("Symbolic dims: batch");
    expect(stdout).toContain(
      "Loss: cross_entropy(logits, label, label_smoothing: 0.0, ignore_index: -100)\n" +
        "Optimizer: adam(lr: 0.001, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0.0)\n" +
        "Batch size: 32, epochs: 10\n" +
        "Training state: 1,296,902 elements (the optimizer's state and hyperparameters, the step count)\n",
    );
    expect(stdout).not.toContain("warning");
  });

  it("names what each layer reads, so residuals show, and gives each repeat instance a row", async () => {
    const mnist = (await run("check", "examples/mnist-mlp/model.weft")).stdout;
    expect(mnist).toMatch(/\nadd \(add\)\s+f32\[batch, 256\]\s+0\s+fc1, fc2\n/);
    const gpt = (await run("check", "examples/tiny-gpt/model.weft")).stdout;
    expect(gpt).toMatch(
      /\nblocks\.0 \(TransformerBlock\)\s+f32\[batch, 64, 128\]\s+198,272\s+pos_emb\n/,
    );
    expect(gpt).toMatch(
      /\nblocks\.1 \(TransformerBlock\)\s+f32\[batch, 64, 128\]\s+198,272\s+blocks\.0\n/,
    );
    expect(gpt).toContain("Schedule: cosine(total_steps: 5000, min_lr: 0.0, warmup_steps: 100)\n");
    expect(gpt).toContain("Gradient clipping: global norm 1\n");
  });

  it("warns where the parameters or a value pass a stated size", async () => {
    const path = join(scratch, "huge.weft");
    writeFileSync(
      path,
      "model Huge {\n  input tokens: i32[batch, 4096]\n  x = embedding(tokens, vocab: 300000, dim: 1024)\n  output y = dense(x, 300000)\n}\n",
    );
    const { code, stdout } = await run("check", path);
    expect(code).toBe(0);
    expect(stdout).toContain(
      "warning: 614,700,000 parameters take 2,344.9 MiB as f32, over the 1,024 MiB a package can be expected to hold",
    );
    expect(stdout).toMatch(
      /warning: the value \S+ f32\[batch, 4096, 300000\] takes [\d,.]+ MiB at batch 32, over 1,024 MiB/,
    );
  });

  it("--json gives the same as data", async () => {
    const summary = JSON.parse(
      (await run("check", "--json", "examples/tiny-gpt/model.yaml")).stdout,
    );
    expect(summary.model).toBe("TinyGPT");
    expect(summary.totalParams).toBe(429568);
    expect(summary.layers.map((l: { name: string }) => l.name)).toEqual([
      "tok_emb",
      "pos_emb",
      "blocks.0",
      "blocks.1",
      "ln_f",
      "head",
    ]);
    expect(summary.trainableParams).toBe(429568);
    expect(summary.training.optimizer).toBe(
      "adamw(lr: 0.0003, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0.1)",
    );
    expect(summary.symbols).toEqual(["batch"]);
  });

  it("refuses a layer whose parameters would take the optimizer's state's names", async () => {
    const { code, stderr } = await run("check", "test/golden/cli/optimizer-state-name.weft");
    expect(code).toBe(1);
    expect(stderr).toBe(readFileSync("test/golden/cli/optimizer-state-name.weft.err", "utf8"));
  });

  it("reports a shape error at the layer, exit 1", async () => {
    const { code, stderr } = await run("check", "test/golden/shape/add-mismatch.weft");
    expect(code).toBe(1);
    expect(stderr).toBe(
      readFileSync("test/golden/shape/add-mismatch.weft.err", "utf8") + "1 error\n",
    );
  });
});

describe("--out", () => {
  it("refuses a file, and a folder of files weft did not write unless --force; writes again where it wrote", async () => {
    const file = join(scratch, "notes.txt");
    writeFileSync(file, "mine");
    expect(await run("compile", "examples/mnist-mlp/model.weft", "--out", file)).toEqual({
      code: 1,
      stdout: "",
      stderr: `weft: error: --out ${file}: it is a file, not a folder\n`,
    });
    const app = join(scratch, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), '{"name":"my-app"}');
    writeFileSync(join(app, "README.md"), "my app");
    const refused = await run("compile", "examples/mnist-mlp/model.weft", "--out", app);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `weft: error: --out ${app}: the folder holds files weft did not write (README.md, package.json); choose another folder, or pass --force to write over them\n`,
    );
    expect(readFileSync(join(app, "package.json"), "utf8")).toBe('{"name":"my-app"}');
    expect(
      (await run("compile", "examples/mnist-mlp/model.weft", "--out", app, "--force")).code,
    ).toBe(0);
    expect(JSON.parse(readFileSync(join(app, "package.json"), "utf8")).name).toBe("mnist-mlp");
    const pkg = join(scratch, "twice");
    for (let i = 0; i < 2; i++)
      expect((await run("compile", "examples/mnist-mlp/model.weft", "--out", pkg)).code).toBe(0);
  });

  it("leaves what the folder held as it was when a write fails part way", async () => {
    const out = join(scratch, "kept");
    writePackageFiles(out, [
      { path: "a.txt", contents: "old a" },
      { path: "sub/b.txt", contents: "old b" },
    ]);
    // A name past the file system's limit fails as a full disk would, after other files were written.
    const long = "x".repeat(300);
    expect(() =>
      writePackageFiles(out, [
        { path: "a.txt", contents: "new a" },
        { path: "sub/b.txt", contents: "new b" },
        { path: long, contents: "never" },
      ]),
    ).toThrow(new RegExp(`^cannot write ${out}/${long}: ENAMETOOLONG`));
    expect(readFileSync(join(out, "a.txt"), "utf8")).toBe("old a");
    expect(readFileSync(join(out, "sub/b.txt"), "utf8")).toBe("old b");
    expect(readdirSync(scratch).filter((f) => f.startsWith(".weft-staging-"))).toEqual([]);
  });
});

describe("weft compile", () => {
  it("writes the package and prints its files, kernel count, arena bytes and, with --time, each phase's time", async () => {
    const out = join(scratch, "mlp-package");
    const { code, stdout, stderr } = await run(
      "compile",
      "examples/mnist-mlp/model.weft",
      "--out",
      out,
      "--time",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^wrote ${out}:\\n`));
    expect(stdout).toMatch(/\n {2}kernels\.js +[\d,]+ bytes\n/);
    // WebAssembly is the default target: the module beside the glue, named in the manifest.
    expect(stdout).toMatch(/\n {2}kernels\.wasm +[\d,]+ bytes\n/);
    expect(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")).target).toBe("wasm");
    expect(stdout).toMatch(/\n\d+ kernels\n/);
    expect(stdout).toMatch(
      /\narena @train_step: [\d,]+ bytes at batch 1, [\d,]+ at batch 128 \([\d,]+ without reuse\)\n/,
    );
    for (const phase of ["build IR", "lower", "print", "format", "compile"])
      expect(stdout).toMatch(new RegExp(`\\ntime ${phase} +[\\d.]+ ms`));
    expect(JSON.parse(readFileSync(join(out, "package.json"), "utf8")).name).toBe("mnist-mlp");
  }, 30_000);

  it("rejects an unknown target, exit 1", async () => {
    expect(
      await run("compile", "examples/mnist-mlp/model.weft", "--out", scratch, "--target", "cuda"),
    ).toEqual({
      code: 1,
      stdout: "",
      stderr: `weft: error: unknown target 'cuda' (targets: ${BACKENDS.map((b) => b.name).join(", ")})\n`,
    });
  });
});

describe("weft ir with the pass pipeline", () => {
  it("-O2 simplifies; --print-after prints the module after the pass; --verify-each verifies", async () => {
    const raw = await run("ir", "examples/mnist-mlp/model.weft", "-g", "train_step");
    const optimized = await run(
      "ir",
      "examples/mnist-mlp/model.weft",
      "-g",
      "train_step",
      "-O2",
      "--verify-each",
    );
    expect(optimized.code).toBe(0);
    expect(optimized.stdout.split("\n").length).toBeLessThan(raw.stdout.split("\n").length);
    const printed = await run(
      "ir",
      "examples/mnist-mlp/model.weft",
      "-O1",
      "--print-after",
      "simplify",
    );
    expect(printed.stdout).toMatch(/^\/\/ after simplify\nmodule @MnistMLP\n/);
  });

  it("--print-after fuse prints each graph's kernels and the ops fused into each", async () => {
    const printed = await run(
      "ir",
      "examples/text-classifier/model.weft",
      "-O2",
      "-g",
      "forward",
      "--print-after",
      "fuse",
    );
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(
      /^\/\/ after fuse\n@forward:\n {2}gather %embedding, reduce_mean %mean\n/,
    );
    // Each dense layer is one kernel: the matmul with its bias and activation as the epilogue.
    expect(printed.stdout).toContain("\n  matmul %dense.matmul, add %dense.add, relu %dense\n");
    expect(printed.stdout).toContain("\ngraph @forward {\n");
  });

  it("--list-passes lists every pass, and --print-after prints after each of them at -O2", async () => {
    const listed = await run("ir", "--list-passes");
    expect(listed.code).toBe(0);
    const names = listed.stdout
      .trimEnd()
      .split("\n")
      .map((l) => l.split(/ +/));
    expect(names.map(([name]) => name)).toEqual(PASSES.map((p) => p.name));
    expect(names.map(([, level]) => level)).toEqual(PASSES.map((p) => p.level));
    for (const pass of PASSES) {
      // Every pass runs in some target's -O2 pipeline (the TypeScript one runs all but merge-kernels).
      const target = BACKENDS.find((b) => b.pipelines[2].some((s) => s.pass === pass.name));
      expect(target, pass.name).toBeDefined();
      const printed = await run(
        "ir",
        "examples/mnist-mlp/model.weft",
        "-O2",
        "--target",
        target!.name,
        "--print-after",
        pass.name,
      );
      expect(printed.code, pass.name).toBe(0);
      expect(printed.stdout, pass.name).toMatch(new RegExp(`^// after ${pass.name}\n\\S`));
    }
  }, 60_000);

  it("--time and --verify-each cover the kernel passes too", async () => {
    const timed = await run(
      "ir",
      "examples/mnist-mlp/model.weft",
      "-O2",
      "--target",
      "ts",
      "--time",
      "--verify-each",
    );
    expect(timed.code).toBe(0);
    const passes = [...timed.stderr.matchAll(/^time (\S+) [\d.]+ ms$/gm)].map((m) => m[1]);
    expect(passes).toEqual(TS_BACKEND.pipelines[2].map((s) => s.pass));
  }, 30_000);

  it("--kernel prints the kernel IR, which weft ir reads back byte for byte", async () => {
    const printed = await run("ir", "examples/mnist-mlp/model.weft", "-O2", "--kernel");
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^program @forward \{\n/);
    const path = file("mnist.kir", printed.stdout);
    const back = await run("ir", path);
    expect(back.stderr).toBe("");
    expect(back.stdout).toBe(printed.stdout);
  }, 30_000);

  it("--print-after plan prints each graph's buffers, the slots in each and their lifetimes", async () => {
    const printed = await run(
      "ir",
      "examples/text-classifier/model.weft",
      "-O2",
      "-g",
      "forward",
      "--print-after",
      "plan",
    );
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(
      /^\/\/ after plan\n@forward: 2 buffers for 5 slots\n {2}buffer 0: %tokens -1\.\.0, /,
    );
    expect(printed.stdout).toContain("  supplied by the model: @embedding.weight, ");
  });

  it("names an unknown pass or level, exit 1", async () => {
    expect((await run("ir", example, "--print-after", "fold")).stderr).toBe(
      `weft: error: no pass 'fold' (passes: ${PASSES.map((p) => p.name).join(", ")})\n`,
    );
    expect((await run("ir", example, "--print-after", "fuse")).stderr).toBe(
      "weft: error: fuse does not run at -O0 for target wasm; it runs at -O2\n",
    );
    expect((await run("ir", example, "-O", "3")).stderr).toBe(
      "weft: error: -O takes 0, 1 or 2, not '3'\n",
    );
  });
});

describe("weft compile --stats", () => {
  it("reports per graph ops before and after simplification, kernels without and with fusion, buffer bytes without and with reuse, and the largest buffers", async () => {
    const out = join(scratch, "stats-package");
    const text = await run(
      "compile",
      "examples/text-classifier/model.weft",
      "--out",
      out,
      "--stats",
    );
    expect(text.stdout).toMatch(
      /\n@train_step: ops \d+ → \d+, kernels \d+ → \d+, buffers [\d,]+ → [\d,]+ bytes at batch 32; largest %\S+ [\d,]+/,
    );
    const json = await run(
      "compile",
      "examples/text-classifier/model.weft",
      "--out",
      out,
      "--stats",
      "--json",
    );
    const stats = JSON.parse(json.stdout);
    expect(Object.keys(stats)).toEqual(["forward", "evaluate", "train_step"]);
    const train = stats.train_step;
    expect(train.opsAfter).toBeLessThan(train.opsBefore);
    expect(train.kernels).toBeLessThan(train.kernelsUnfused);
    // Adam's state and updates of the embedding table are live to the end: reuse saves a quarter.
    expect(train.atBatchSize).toBeLessThan(train.withoutReuse * 0.75);
    expect(train.largest[0].bytes).toBe(10000 * 64 * 4);
  }, 30_000);

  it("on WebGPU, reports the dispatches of a run, outside scans and per scan step, and the bytes read back", async () => {
    const out = join(scratch, "stats-wgsl");
    const text = await run(
      "compile",
      "examples/lstm-classifier/model.weft",
      "--target",
      "wgsl",
      "--out",
      out,
      "--stats",
    );
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /\n@forward: .*; dispatches [\d,]+ \(\d+ outside scans, 2 per step × 128 steps of loop t\d+\), reads back 512 bytes\n/,
    );
    expect(text.stdout).toMatch(
      /\n@train_step: .*; dispatches [\d,]+ \(\d+ outside scans, 2 per step × 128 steps of loop t\d+, 4 per step × 128 steps of loop t\d+\), reads back 12 bytes\n/,
    );
  }, 30_000);
});
