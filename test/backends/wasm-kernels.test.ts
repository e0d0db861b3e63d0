/**
 * The WebAssembly backend's SIMD kernels against the same programs as plain
 * loops in the TypeScript backend: each contraction form (A·B, Aᵀ·B, Aᵀ·Bᵀ,
 * A·Bᵀ, batched, and strides no micro-kernel covers) at sizes that leave
 * rows, columns and depth steps over a tile, with an epilogue; contractions
 * with computed operands; and vector loops at lengths that leave iterations
 * over a group of four.
 */
import { describe, expect, it } from "vitest";
import { TS_BACKEND } from "../../src/backends/ts/index.js";
import { WASM_BACKEND } from "../../src/backends/wasm/index.js";
import { scheduleOf } from "../../src/backends/wasm/contract.js";
import { printWasm } from "../../src/backends/wasm/printer.js";
import { blockContractions } from "../../src/kernel/block-contractions.js";
import { runProgram } from "../../src/driver/run.js";
import { Tensor } from "../../src/ir/tensor.js";
import type { Contraction, Program } from "../../src/kernel/ir.js";
import { parsePrograms } from "../../src/kernel/text.js";
import { expectClose } from "../helpers/tensors.js";

interface Form {
  readonly name: string;
  readonly schedule: string | undefined;
  /** A's and B's slot sizes, and each operand's base, stride and step, for m × n by depth d (batch index b). */
  readonly a: (m: number, n: number, d: number) => [number, string, number, number];
  readonly b: (m: number, n: number, d: number) => [number, string, number, number];
  readonly batch?: number;
}

const FORMS: Form[] = [
  {
    name: "A·B",
    schedule: "columns",
    a: (m, _, d) => [m * d, "0", d, 1],
    b: (_, n, d) => [d * n, "0", 1, n],
  },
  {
    name: "Aᵀ·B",
    schedule: "columns",
    a: (m, _, d) => [m * d, "0", 1, m],
    b: (_, n, d) => [d * n, "0", 1, n],
  },
  {
    name: "Aᵀ·Bᵀ",
    schedule: "rows",
    a: (m, _, d) => [m * d, "0", 1, m],
    b: (_, n, d) => [d * n, "0", d, 1],
  },
  {
    name: "A·Bᵀ",
    schedule: "depth",
    a: (m, _, d) => [m * d, "0", d, 1],
    b: (_, n, d) => [d * n, "0", d, 1],
  },
  {
    name: "batched A·Bᵀ",
    schedule: "depth",
    batch: 3,
    a: (m, _, d) => [3 * m * d, `mul(b0, ${m * d})`, d, 1],
    b: (_, n, d) => [3 * d * n, `mul(b0, ${d * n})`, d, 1],
  },
  // One B for the whole batch, A's batches one after another: printed as one contraction of 3·m rows.
  {
    name: "batched A·B",
    schedule: "columns",
    batch: 3,
    a: (m, _, d) => [3 * m * d, `mul(b0, ${m * d})`, d, 1],
    b: (_, n, d) => [d * n, "0", 1, n],
  },
  {
    name: "every other element (scalar loops)",
    schedule: undefined,
    a: (m, _, d) => [2 * m * d, "0", 2 * d, 2],
    b: (_, n, d) => [2 * d * n, "0", 2, 2 * n],
  },
];

/** Rows, columns and depths that fill no tile, one, and one and some over (tiles are 4 or 8 wide, depth steps 4), and enough tiles to pack a block. */
const SIZES = [1, 3, 5, 9, 17].flatMap((m) =>
  [1, 7, 9, 17].flatMap((n) => [1, 4, 7].map((d) => [m, n, d] as const)),
);

/** One program with a kernel per size: the contraction and a bias added in its epilogue. */
type Size = readonly [m: number, n: number, depth: number];

function program(form: Form, sizes: readonly Size[] = SIZES): Program {
  const nb = form.batch ?? 1;
  const batch = form.batch ? `b0 < ${form.batch}` : "";
  const lines = ["program @g {"];
  const kernels: string[] = [];
  sizes.forEach(([m, n, d], x) => {
    const [aSize, aBase, aStride, aStep] = form.a(m, n, d);
    const [bSize, bBase, bStride, bStep] = form.b(m, n, d);
    const out = form.batch
      ? `add(mul(b0, ${m * n}), add(mul(i, ${n}), j))`
      : `add(mul(i, ${n}), j)`;
    const [a, b, bias, y] = [0, 1, 2, 3].map((s) => 4 * x + s);
    lines.push(
      `  slot %${a} "a${x}": f32[${aSize}]`,
      `  slot %${b} "b${x}": f32[${bSize}]`,
      `  slot %${bias} "bias${x}": f32[${n}]`,
      `  slot %${y} "y${x}": f32[${nb * m * n}]`,
    );
    kernels.push(
      `  kernel k${x} [] {`,
      `    contract [${batch}] i < ${m}, j < ${n}, depth ${d}, a %${a}[${aBase}] stride ${aStride} step ${aStep}, b %${b}[${bBase}] stride ${bStride} step ${bStep}, acc s {`,
      `      %${y}[${out}] = add(s, %${bias}[j])`,
      "    }",
      "  }",
    );
  });
  sizes.forEach((_, x) => {
    for (const name of ["a", "b", "bias"])
      lines.push(`  input "${name}${x}" = %${4 * x + ["a", "b", "bias"].indexOf(name)}`);
  });
  lines.push(...kernels);
  sizes.forEach((_, x) => lines.push(`  output "y${x}" = %${4 * x + 3}`));
  lines.push("}", "");
  return parsePrograms(lines.join("\n"))[0];
}

const data = (n: number, seed: number) =>
  Tensor.of(
    "f32",
    [n],
    Array.from({ length: n }, (_, i) => Math.sin(i * 1.7 + seed) * 2),
  );

/**
 * Depths past one pass of a long contraction (256 steps): two passes, three, five; and 70 rows
 * at depth 256, whose 17 tiles of Aᵀ·B's splat values pack in two blocks (16 fit the panel).
 */
const LONG: Size[] = [
  [70, 9, 256],
  [5, 9, 256],
  [5, 9, 257],
  [9, 17, 600],
  [3, 7, 1100],
];

describe("the WebAssembly backend's contraction kernels", () => {
  const cases = [
    ...FORMS.map((form) => ({ form, sizes: SIZES, what: "at sizes around its tile" })),
    ...FORMS.filter((f) => !f.batch && f.schedule !== "depth" && f.schedule).map((form) => ({
      form,
      sizes: LONG,
      what: "at depths it takes in passes",
    })),
  ];
  for (const { form, sizes, what } of cases)
    it(`${form.name}: the ${form.schedule ?? "scalar"} kernel, ${what}`, async () => {
      const p = program(form, sizes);
      const inputs: Record<string, Tensor> = {};
      sizes.forEach(([m, n, d], x) => {
        const step = p.steps[x];
        // At depth 1 a stride of d is 1, and the columns kernel takes it.
        if (d > 1 && step.k === "kernel")
          expect(scheduleOf(step.kernel.body[0] as Contraction), `${m}×${n} by ${d}`).toBe(
            form.schedule,
          );
        inputs[`a${x}`] = data(p.slots[4 * x].shape[0] as number, 0);
        inputs[`b${x}`] = data(p.slots[4 * x + 1].shape[0] as number, 1);
        inputs[`bias${x}`] = data(n, 2);
      });
      const feeds = { inputs, params: {} };
      const plain = blockContractions(p, { rows: 1, cols: 1 });
      const want = (await runProgram(plain, (await TS_BACKEND.load([plain])).g, feeds)).outputs;
      const got = (await runProgram(p, (await WASM_BACKEND.load([p])).g, feeds)).outputs;
      sizes.forEach(([m, n, d], x) =>
        expectClose(
          got[`y${x}`],
          want[`y${x}`],
          { rtol: 1e-5, atol: 1e-5 },
          `${form.name} ${m}×${n} by ${d}`,
        ),
      );
    });
});

const matrix = (rows: number, cols: number, seed: number) =>
  Tensor.of("f32", [rows, cols], [...data(rows * cols, seed).data]);

describe("a contraction whose depth is known at run time", () => {
  it("takes it in one pass or several, as the depth is", async () => {
    // Aᵀ·B over the batch, as a weight's gradient: A is [d, 6], B is [d, 9].
    const p = parsePrograms(
      [
        "program @g {",
        "  symbols d",
        '  slot %0 "a": f32[d, 6]',
        '  slot %1 "b": f32[d, 9]',
        '  slot %2 "y": f32[6, 9]',
        '  input "a" = %0',
        '  input "b" = %1',
        "  kernel k0 [] {",
        "    contract [] i < 6, j < 9, depth d, a %0[0] stride 1 step 6, b %1[0] stride 1 step 9, acc s {",
        "      %2[add(mul(i, 9), j)] = mul(s, 0.5)",
        "    }",
        "  }",
        '  output "y" = %2',
        "}",
        "",
      ].join("\n"),
    )[0];
    const plain = blockContractions(p, { rows: 1, cols: 1 });
    const [ts, wasm] = [await TS_BACKEND.load([plain]), await WASM_BACKEND.load([p])];
    for (const d of [3, 256, 300, 700]) {
      const feeds = {
        inputs: { a: matrix(d, 6, 0), b: matrix(d, 9, 1) },
        params: {},
      };
      expectClose(
        (await runProgram(p, wasm.g, feeds)).outputs.y,
        (await runProgram(plain, ts.g, feeds)).outputs.y,
        { rtol: 1e-5, atol: 1e-5 },
        `depth ${d}`,
      );
    }
  });
});

describe("a contraction with computed operands (fused prologues)", () => {
  /**
   * Operands as the fusion pass makes them (a bias and relu on A's rows, a mask on B's rows read
   * along the depth) and as it does not (A computed from its transpose, packed element by
   * element), each beside a strided partner of every layout, batched or not. `D` is the depth.
   */
  const A_ROWS = "(p, q): relu(add(%0[add(mul(p, D), q)], %1[q]))";
  const A_BATCHED = "(p, q): relu(add(%0[add(mul(add(mul(b0, M), p), D), q)], %1[q]))";
  const A_ACROSS = "(p, q): mul(%0[add(mul(q, M), p)], 2.0)";
  const B_ROWS = "(p, q): mul(%2[add(mul(p, D), q)], %3[add(mul(p, D), q)])";
  const CASES: { name: string; a: string; b: string; batch?: number }[] = [
    { name: "A computed, B's columns contiguous", a: A_ROWS, b: "%2[0] stride 1 step N" },
    { name: "A computed, B along the depth", a: A_ROWS, b: "%2[0] stride D step 1" },
    { name: "B computed, A along the depth", a: "%0[0] stride D step 1", b: B_ROWS },
    { name: "B computed, A's rows contiguous", a: "%0[0] stride 1 step M", b: B_ROWS },
    { name: "both computed", a: A_ROWS, b: B_ROWS },
    { name: "A computed across its rows", a: A_ACROSS, b: "%2[0] stride 1 step N" },
    { name: "batched, A computed", a: A_BATCHED, b: "%2[0] stride D step 1", batch: 2 },
  ];

  /** One kernel: y = A·B + 1 for m × n by depth `depth` (a number, or the symbol d). */
  const text = (c: (typeof CASES)[number], m: number, n: number, depth: number | "d") => {
    const nb = c.batch ?? 1;
    const fill = (e: string) =>
      e.replaceAll("D", String(depth)).replaceAll("M", String(m)).replaceAll("N", String(n));
    const out = c.batch ? `add(mul(b0, ${m * n}), add(mul(i, ${n}), j))` : `add(mul(i, ${n}), j)`;
    return [
      "program @g {",
      ...(depth === "d" ? ["  symbols d"] : []),
      `  slot %0 "x": f32[${nb * m}, ${depth}]`,
      `  slot %1 "bias": f32[${depth}]`,
      `  slot %2 "w": f32[${n}, ${depth}]`,
      `  slot %3 "mask": f32[${n}, ${depth}]`,
      `  slot %4 "y": f32[${nb * m * n}]`,
      ...["x", "bias", "w", "mask"].map((name, s) => `  input "${name}" = %${s}`),
      "  kernel k0 [] {",
      `    contract [${c.batch ? `b0 < ${c.batch}` : ""}] i < ${m}, j < ${n}, depth ${depth}, a ${fill(c.a)}, b ${fill(c.b)}, acc s {`,
      `      %4[${out}] = add(s, 1.0)`,
      "    }",
      "  }",
      '  output "y" = %4',
      "}",
      "",
    ].join("\n");
  };

  /**
   * Multiples of 1/8 from -1/2 to 1/2, whose products and sums float32 holds exactly: the lanes'
   * float32 sums and the scalar loops' double ones then agree to the last bit at any depth.
   */
  const eighths = (rows: number, cols: number, seed: number) =>
    Tensor.of(
      "f32",
      [rows, cols],
      Array.from({ length: rows * cols }, (_, i) => (((i * 5 + seed) % 9) - 4) / 8),
    );
  const feeds = (m: number, n: number, depth: number, batch = 1) => ({
    inputs: {
      x: eighths(batch * m, depth, 0),
      bias: Tensor.of("f32", [depth], [...eighths(1, depth, 1).data]),
      w: eighths(n, depth, 2),
      mask: eighths(n, depth, 3),
    },
    params: {},
  });
  const expectAsScalarLoops = async (p: Program, f: ReturnType<typeof feeds>, what: string) => {
    const plain = blockContractions(p, { rows: 1, cols: 1 });
    expectClose(
      (await runProgram(p, (await WASM_BACKEND.load([p])).g, f)).outputs.y,
      (await runProgram(plain, (await TS_BACKEND.load([plain])).g, f)).outputs.y,
      { rtol: 0, atol: 0 },
      what,
    );
  };

  // One tile and less; a depth of 1; a block of positions and more (700 deep: 20 per block).
  const SIZES: Size[] = [
    [1, 9, 7],
    [5, 17, 1],
    [45, 9, 700],
    [17, 20, 300],
  ];
  for (const c of CASES)
    it(`${c.name}: computes each block once and contracts it as the scalar loops do`, async () => {
      for (const [m, n, d] of SIZES) {
        const p = parsePrograms(text(c, m, n, d))[0];
        await expectAsScalarLoops(p, feeds(m, n, d, c.batch), `${m}×${n} by ${d}`);
      }
    });

  it("computes an operand that lies along the depth four elements at a time", async () => {
    const [p] = parsePrograms(text(CASES[0], 17, 20, 300));
    expect((await printWasm([p], { text: true })).text).toMatch(/f32x4\.pmax/);
  });

  it("takes a depth known at run time in blocks of 4 positions or more, of fewer past 4096, or in scalar loops past what a block holds", async () => {
    const p = parsePrograms(text(CASES[4], 9, 5, "d"))[0];
    for (const d of [5, 700, 5000, 20000])
      await expectAsScalarLoops(p, feeds(9, 5, d), `depth ${d}`);
  });
});

describe("the WebAssembly backend's vector loops", () => {
  /**
   * An elementwise kernel with a condition, a splat value, a function
   * without an instruction and an accumulation; and a reduction per
   * iteration (column sums).
   */
  const text = (n: number) =>
    [
      "program @g {",
      `  slot %0 "x": f32[${n}]`,
      '  slot %1 "s": f32[1]',
      `  slot %2 "y": f32[${n}]`,
      `  slot %3 "z": f32[${n}]`,
      `  slot %4 "sums": f32[${n}]`,
      `  slot %5 "m": f32[${3 * n}]`,
      '  input "x" = %0',
      '  input "s" = %1',
      '  input "z" = %3',
      '  input "m" = %5',
      "  kernel k0 [] {",
      `    for i < ${n} parallel {`,
      "      let t: f32 = mul(%0[i], %1[0])",
      "      let c: bool = gt(t, 0.5)",
      "      %2[i] = select(c, exp(t), div(t, add(abs(t), 1.0)))",
      "      %3[i] += cast<f32>(c)",
      "    }",
      "  }",
      // A sum over rows per column: one accumulator per lane.
      "  kernel k1 [] {",
      `    for j < ${n} parallel {`,
      "      var acc: f32 = 0.0",
      "      for r < 3 reduction {",
      `        acc = add(acc, mul(%5[add(mul(r, ${n}), j)], 0.5))`,
      "      }",
      "      %4[j] = max(acc, -0.25)",
      "    }",
      "  }",
      '  output "y" = %2',
      '  output "z" = %3',
      '  output "sums" = %4',
      "}",
      "",
    ].join("\n");

  it("runs four iterations at a time and the rest one by one, as the scalar loop computes", async () => {
    for (const n of [1, 3, 4, 5, 8, 11]) {
      const p = parsePrograms(text(n))[0];
      const feeds = {
        inputs: { x: data(n, 0), s: data(1, 1), z: data(n, 3), m: data(3 * n, 4) },
        params: {},
      };
      const want = await runProgram(p, (await TS_BACKEND.load([p])).g, feeds);
      const got = await runProgram(p, (await WASM_BACKEND.load([p])).g, feeds);
      for (const name of ["y", "z", "sums"])
        expectClose(
          got.outputs[name],
          want.outputs[name],
          { rtol: 1e-6, atol: 1e-7 },
          `${name} at ${n}`,
        );
    }
    const { text: wat } = await printWasm([parsePrograms(text(8))[0]], { text: true });
    expect(wat).toMatch(/f32x4\.mul/);
    expect(wat).toMatch(/v128\.bitselect/);
    expect(wat, "the column sums, one accumulator per lane").toMatch(/f32x4\.max/);
  });
});

describe("the WebAssembly backend's vector reductions", () => {
  /**
   * Rows of n: a sum, a max and a min of each row's terms, and a sum of
   * squares through a bound term (layer norm's variance), each starting
   * from a value that is not its identity; `mark` says whether the loops
   * are marked reassociate (as split-accumulators marks them for this
   * backend at -O2).
   */
  const text = (n: number, mark: boolean) => {
    const kind = mark ? "reduction reassociate" : "reduction";
    const row = (fn: string, init: string, term: string, out: number, lets: string[] = []) => [
      "    for r < 2 parallel {",
      `      var acc: f32 = ${init}`,
      `      for k < ${n} ${kind} {`,
      ...lets.map((l) => `        ${l}`),
      `        acc = ${fn}(acc, ${term})`,
      "      }",
      `      %${out}[r] = acc`,
      "    }",
    ];
    const x = `%0[add(mul(r, ${n}), k)]`;
    return [
      "program @g {",
      `  slot %0 "x": f32[${2 * n}]`,
      ...[1, 2, 3, 4].map((s) => `  slot %${s} "y${s}": f32[2]`),
      '  input "x" = %0',
      "  kernel k0 [] {",
      ...row("add", "0.5", x, 1),
      ...row("max", "-2.0", x, 2),
      ...row("min", "2.0", `mul(${x}, 3.0)`, 3),
      ...row("add", "0.0", "mul(d, d)", 4, [`let d: f32 = sub(${x}, 0.25)`]),
      "  }",
      ...[1, 2, 3, 4].map((s) => `  output "y${s}" = %${s}`),
      "}",
      "",
    ].join("\n");
  };

  it("runs a marked reduction four terms at a time into lanes, then the rest, as the scalar loop computes", async () => {
    for (const n of [1, 3, 4, 5, 8, 11, 37]) {
      const p = parsePrograms(text(n, true))[0];
      const feeds = { inputs: { x: data(2 * n, 5) }, params: {} };
      const want = await runProgram(p, (await TS_BACKEND.load([p])).g, feeds);
      const got = await runProgram(p, (await WASM_BACKEND.load([p])).g, feeds);
      for (const s of [1, 2, 3, 4])
        expectClose(
          got.outputs[`y${s}`],
          want.outputs[`y${s}`],
          { rtol: 1e-6, atol: 1e-6 },
          `y${s} at ${n}`,
        );
    }
    const wat = async (mark: boolean) =>
      (await printWasm([parsePrograms(text(8, mark))[0]], { text: true })).text!;
    const marked = await wat(true);
    for (const op of ["add", "max", "min"]) expect(marked).toMatch(`f32x4.${op}`);
    // Unmarked, a reduction's terms combine in order, one at a time.
    expect(await wat(false)).not.toMatch(/f32x4/);
  });
});

describe("the WebAssembly backend's column sums", () => {
  /**
   * Sums down the columns of rows n floats apart, from a start that is not
   * zero and through a function of the sum (as a bias gradient's, or the
   * LSTM's over steps and batch: two reduction loops); with n of 16 or more
   * the printer turns them to read row after row.
   */
  const text = (n: number, rows: number) =>
    [
      "program @g {",
      `  slot %0 "x": f32[${2 * rows * n}]`,
      `  slot %1 "y": f32[${n}]`,
      `  slot %2 "z": f32[${n}]`,
      '  input "x" = %0',
      "  kernel k0 [] {",
      `    for j < ${n} parallel {`,
      "      var acc: f32 = 0.5",
      `      for r < ${rows} reduction {`,
      `        acc = add(acc, mul(%0[add(mul(r, ${n}), j)], 0.5))`,
      "      }",
      "      %1[j] = max(acc, -0.25)",
      "    }",
      `    for j < ${n} parallel {`,
      "      var acc: f32 = 0.0",
      "      for t < 2 reduction {",
      `        for r < ${rows} reduction {`,
      `          let d: f32 = %0[add(add(mul(t, ${rows * n}), mul(r, ${n})), j)]`,
      "          acc = add(acc, mul(d, d))",
      "        }",
      "      }",
      "      %2[j] = acc",
      "    }",
      "  }",
      '  output "y" = %1',
      '  output "z" = %2',
      "}",
      "",
    ].join("\n");

  it("sums rows a line apart or more row after row, as the scalar loops compute", async () => {
    for (const [n, rows] of [
      [16, 1],
      [17, 5],
      [40, 33],
      [9, 7],
    ]) {
      const p = parsePrograms(text(n, rows))[0];
      const feeds = { inputs: { x: data(2 * rows * n, 6) }, params: {} };
      const want = await runProgram(p, (await TS_BACKEND.load([p])).g, feeds);
      const got = await runProgram(p, (await WASM_BACKEND.load([p])).g, feeds);
      for (const name of ["y", "z"])
        expectClose(
          got.outputs[name],
          want.outputs[name],
          { rtol: 1e-6, atol: 1e-6 },
          `${name} at ${n} × ${rows}`,
        );
    }
  });
});
