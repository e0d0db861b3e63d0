/**
 * Every op on every backend: for each op of the registry, small graphs —
 * broadcasting, symbolic dims, edge values (0, -0, negatives, large
 * magnitudes, infinities, NaN) — compiled through each registered backend's
 * -O0 and -O2 pipelines, run, and compared with the interpreter (float32):
 * |got − ref| ≤ atol + rtol·|ref|, NaN where the interpreter gives NaN. A
 * pointwise op is also checked fused into a consumer. An op with no cases
 * fails the suite, and a new backend is picked up from the registry.
 */
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { BACKENDS } from "../src/backends/index.js";
import type { Backend } from "../src/backends/backend.js";
import { parseModule } from "../src/ir/parser.js";
import { interpret, type Feeds } from "../src/ir/interpreter.js";
import { allOps } from "../src/ir/registry.js";
import { fusesAs } from "../src/ir/op-def.js";
import { Tensor } from "../src/ir/tensor.js";
import { compiled, programOf, runOn } from "./helpers/compile.js";
import { expectClose, type Tolerance } from "./helpers/tensors.js";

/** Float32 kernels against the float32 interpreter: sums may be taken in another order. */
const TOLERANCE: Tolerance = { rtol: 1e-5, atol: 1e-6 };

/** Values every float input cycles through, then pseudo-random ones in [-3, 3). */
const EDGES = [0, -0, 1, -1, 0.5, -2.5, 3, 88.5, -88.5, 1e20, -1e-20, Infinity, -Infinity, NaN];
const INT_EDGES = [0, 1, -1, 7, -7, 2147483647, -2147483648, 46341];

interface Input {
  readonly dtype: "f32" | "i32";
  readonly shape: readonly number[];
  /** Fixed values (indices, conditions); otherwise edges then pseudo-random values. */
  readonly values?: readonly number[];
  /** For i32 inputs without values: draw from [0, below) instead of the integer edges. */
  readonly below?: number;
  /** Leave out the edge values: the op is tested on ordinary ones (a matmul's sums). */
  readonly plain?: boolean;
}

interface Case {
  /** The graph's body as IR text; it reads the inputs by name, its result is %y. */
  readonly body: readonly string[];
  readonly inputs: Readonly<Record<string, Input>>;
  /** The input dims each symbolic dim takes, by name: the graph's input declarations use these. */
  readonly symbols?: Readonly<Record<string, number>>;
}

function values(input: Input, seed: number): number[] {
  if (input.values) return [...input.values];
  const n = input.shape.reduce((a, b) => a * b, 1);
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const edges = input.plain ? [] : input.dtype === "f32" ? EDGES : INT_EDGES;
  return Array.from({ length: n }, (_, i) => {
    if (input.dtype === "i32" && input.below !== undefined) return Math.floor(next() * input.below);
    if (i < edges.length) return edges[i];
    return input.dtype === "f32" ? 6 * next() - 3 : Math.floor(200 * next()) - 100;
  });
}

const f = (...shape: number[]): Input => ({ dtype: "f32", shape });
const i = (...shape: number[]): Input => ({ dtype: "i32", shape });
/** A case with one input %x of type `type` (as IR text) and the op applied to it. */
const on = (type: string, input: Input, op: string, result = type): Case => ({
  body: [`input %x: ${type}`, `%y: ${result} = ${op}`],
  inputs: { x: input },
  symbols: { batch: input.shape[0] },
});

const UNARY_F32 = [
  "neg",
  "abs",
  "exp",
  "log",
  "sqrt",
  "rsqrt",
  "reciprocal",
  "tanh",
  "sigmoid",
  "relu",
  "erf",
  "sin",
  "cos",
  "gelu_erf",
  "gelu_tanh",
];
const BINARY = ["add", "sub", "mul", "div", "pow", "max", "min"];
const COMPARE = ["eq", "ne", "lt", "le", "gt", "ge"];

/** Two inputs %a: [batch, 4] and %b broadcast along the batch ([4]) or a scalar. */
function binaryCases(op: string, dtype: "f32" | "i32", result = dtype): Case[] {
  const input = (...shape: number[]): Input => ({ dtype, shape });
  return [
    {
      body: [
        `input %a: ${dtype}[batch, 4]`,
        `input %b: ${dtype}[4]`,
        `%y: ${result}[batch, 4] = ${op}(%a, %b)`,
      ],
      inputs: { a: input(5, 4), b: input(4) },
      symbols: { batch: 5 },
    },
    {
      body: [
        `input %a: ${dtype}[]`,
        `input %b: ${dtype}[batch, 3]`,
        `%y: ${result}[batch, 3] = ${op}(%a, %b)`,
      ],
      inputs: { a: { dtype, shape: [], values: [dtype === "f32" ? -1.5 : -3] }, b: input(6, 3) },
      symbols: { batch: 6 },
    },
  ];
}

/** A scan whose body adds the step's slice to the carry and yields it scaled. */
const SCAN: Case = {
  body: [
    "input %c0: f32[batch, 2]",
    "input %xs: f32[seq, batch, 2]",
    "input %k: f32[]",
    "%last: f32[batch, 2], %ys: f32[seq, batch, 2] = scan(%c0, %xs, %k) {num_carry: 1, num_seq: 1} body(%c: f32[batch, 2], %x: f32[batch, 2], %kk: f32[]) {",
    "  %next: f32[batch, 2] = add(%c, %x)",
    "  %scaled: f32[batch, 2] = mul(%next, %kk)",
    "  yield %next, %scaled",
    "}",
    "%y: f32[seq, batch, 2] = add(%ys, %last)",
  ],
  inputs: { c0: f(3, 2), xs: { ...f(4, 3, 2), plain: true }, k: { ...f(), values: [0.5] } },
  symbols: { batch: 3, seq: 4 },
};

const CASES: Record<string, Case[]> = {
  ...Object.fromEntries(UNARY_F32.map((op) => [op, [on("f32[batch, 7]", f(3, 7), `${op}(%x)`)]])),
  ...Object.fromEntries(BINARY.map((op) => [op, binaryCases(op, "f32")])),
  ...Object.fromEntries(COMPARE.map((op) => [op, binaryCases(op, "f32", "i32")])),
};
for (const op of ["neg", "abs", "relu"]) CASES[op].push(on("i32[batch, 3]", i(4, 3), `${op}(%x)`));
for (const op of ["add", "sub", "mul", "max", "min"]) CASES[op].push(...binaryCases(op, "i32"));
for (const op of COMPARE) CASES[op].push(binaryCases(op, "i32", "i32")[0]);

Object.assign(CASES, {
  select: [
    {
      body: [
        "input %c: i32[batch, 3]",
        "input %a: f32[batch, 3]",
        "input %b: f32[3]",
        "%y: f32[batch, 3] = select(%c, %a, %b)",
      ],
      inputs: {
        c: { ...i(4, 3), values: [1, 0, 2, -1, 0, 0, 1, 1, 0, 5, 0, 1] },
        a: f(4, 3),
        b: f(3),
      },
      symbols: { batch: 4 },
    },
  ],
  reduce_sum: [
    on(
      "f32[batch, 5, 3]",
      { ...f(2, 5, 3), plain: true },
      "reduce_sum(%x) {axes: [1]}",
      "f32[batch, 3]",
    ),
    on(
      "f32[batch, 5, 3]",
      f(2, 5, 3),
      "reduce_sum(%x) {axes: [0, 2], keepdims: true}",
      "f32[1, 5, 1]",
    ),
    on("i32[batch, 9]", { ...i(3, 9), below: 50 }, "reduce_sum(%x) {axes: [1]}", "i32[batch]"),
  ],
  reduce_max: [
    on("f32[batch, 6]", f(4, 6), "reduce_max(%x) {axes: [1]}", "f32[batch]"),
    on("i32[batch, 4]", i(3, 4), "reduce_max(%x) {axes: [0]}", "i32[4]"),
  ],
  reduce_mean: [
    on("f32[batch, 11]", { ...f(3, 11), plain: true }, "reduce_mean(%x) {axes: [1]}", "f32[batch]"),
    on("f32[batch, 4]", f(5, 4), "reduce_mean(%x) {axes: [0, 1]}", "f32[]"),
  ],
  argmax: [
    on("f32[batch, 5]", f(4, 5), "argmax(%x) {axis: 1}", "i32[batch]"),
    on(
      "f32[batch, 3]",
      { ...f(3, 3), values: [1, 1, 0, NaN, 2, NaN, -Infinity, -Infinity, -Infinity] },
      "argmax(%x) {axis: 1}",
      "i32[batch]",
    ),
  ],
  reshape: [on("f32[batch, 2, 3]", f(2, 2, 3), "reshape(%x) {shape: [batch, 6]}", "f32[batch, 6]")],
  transpose: [
    on("f32[batch, 2, 3]", f(4, 2, 3), "transpose(%x) {perm: [2, 0, 1]}", "f32[3, batch, 2]"),
  ],
  broadcast_to: [
    on("f32[batch, 1]", f(3, 1), "broadcast_to(%x) {shape: [2, batch, 4]}", "f32[2, batch, 4]"),
  ],
  slice: [
    on("f32[batch, 7]", f(3, 7), "slice(%x) {axes: [1], starts: [2], ends: [6]}", "f32[batch, 4]"),
  ],
  concat: [
    {
      body: [
        "input %a: f32[batch, 2]",
        "input %b: f32[batch, 3]",
        "%y: f32[batch, 5] = concat(%a, %b) {axis: 1}",
      ],
      inputs: { a: f(3, 2), b: f(3, 3) },
      symbols: { batch: 3 },
    },
  ],
  matmul: [
    ...[
      ["", "[batch, 5]", "[5, 3]"],
      ["{transpose_a: true}", "[5, batch]", "[5, 3]"],
      ["{transpose_b: true}", "[batch, 5]", "[3, 5]"],
      ["{transpose_a: true, transpose_b: true}", "[5, batch]", "[3, 5]"],
    ].map(([attrs, a, b]): Case => ({
      body: [
        `input %a: f32${a}`,
        `input %b: f32${b}`,
        `%y: f32[batch, 3] = matmul(%a, %b) ${attrs}`.trimEnd(),
      ],
      inputs: {
        a: { ...f(...(a === "[5, batch]" ? [5, 7] : [7, 5])), plain: true },
        b: { ...f(...(b === "[3, 5]" ? [3, 5] : [5, 3])), plain: true },
      },
      symbols: { batch: 7 },
    })),
    {
      body: [
        "input %a: f32[batch, 2, 3, 4]",
        "input %b: f32[2, 4, 5]",
        "%y: f32[batch, 2, 3, 5] = matmul(%a, %b)",
      ],
      inputs: { a: { ...f(3, 2, 3, 4), plain: true }, b: { ...f(2, 4, 5), plain: true } },
      symbols: { batch: 3 },
    },
    {
      // Inf and NaN in an operand reach the products they feed.
      body: [
        "input %a: f32[batch, 4]",
        "input %b: f32[4, 2]",
        "%y: f32[batch, 2] = matmul(%a, %b)",
      ],
      inputs: { a: f(4, 4), b: { ...f(4, 2), plain: true } },
      symbols: { batch: 4 },
    },
  ],
  gather: [
    {
      body: [
        "input %t: f32[6, 3]",
        "input %ix: i32[batch, 2]",
        "%y: f32[batch, 2, 3] = gather(%t, %ix) {axis: 0}",
      ],
      inputs: { t: f(6, 3), ix: { ...i(4, 2), values: [0, 5, 5, 1, 2, 3, 0, 0] } },
      symbols: { batch: 4 },
    },
    {
      body: [
        "input %t: f32[batch, 5]",
        "input %ix: i32[3]",
        "%y: f32[batch, 3] = gather(%t, %ix) {axis: 1}",
      ],
      inputs: { t: f(2, 5), ix: { ...i(3), values: [4, 0, 4] } },
      symbols: { batch: 2 },
    },
  ],
  scatter_add: [
    {
      body: [
        "input %u: f32[batch, 3]",
        "input %ix: i32[batch]",
        "%y: f32[4, 3] = scatter_add(%u, %ix) {axis: 0, size: 4}",
      ],
      inputs: { u: { ...f(6, 3), plain: true }, ix: { ...i(6), values: [1, 3, 1, 1, 0, 3] } },
      symbols: { batch: 6 },
    },
  ],
  one_hot: [
    on(
      "i32[batch]",
      { ...i(6), values: [0, 3, -1, 4, 2, 3] },
      "one_hot(%x) {depth: 4}",
      "f32[batch, 4]",
    ),
    on(
      "i32[batch]",
      { ...i(3), values: [1, 0, 1] },
      "one_hot(%x) {depth: 2, dtype: i32}",
      "i32[batch, 2]",
    ),
  ],
  cast: [
    on("f32[batch, 7]", f(2, 7), "cast(%x) {dtype: i32}", "i32[batch, 7]"),
    on("i32[batch, 4]", i(2, 4), "cast(%x) {dtype: f32}", "f32[batch, 4]"),
  ],
  constant: [
    on(
      "f32[batch]",
      f(2),
      "constant() {dtype: f32, shape: [2, 3], value: [1, -2.5, 0, 3, 1e20, -0]}",
      "f32[2, 3]",
    ),
    {
      body: [
        "input %x: f32[batch, 3]",
        "%k: f32[] = constant() {dtype: f32, shape: [], value: -0.25}",
        "%y: f32[batch, 3] = mul(%x, %k)",
      ],
      inputs: { x: f(3, 3) },
      symbols: { batch: 3 },
    },
  ],
  iota: [
    on("f32[batch]", f(2), "iota() {shape: [batch, 4], axis: 1}", "i32[batch, 4]"),
    on("f32[batch]", f(3), "iota() {shape: [batch, 2], axis: 0, dtype: f32}", "f32[batch, 2]"),
  ],
  random_uniform: [
    on(
      "i32[]",
      { ...i(), values: [12] },
      "random_uniform(%x) {seed: 4000000000, shape: [3, 5]}",
      "f32[3, 5]",
    ),
  ],
  scan: [SCAN],
} satisfies Record<string, Case[]>);

/** The case's module: one graph @forward with the body, %y its output, and (fused) y·y. */
function moduleText(c: Case, fused: boolean): string {
  const result = c.body.find((l) => l.startsWith("%y: "))!;
  const type = result.slice(4, result.indexOf(" = "));
  const body = fused
    ? [...c.body, `%fused: ${type} = mul(%y, %y)`, "output fused = %fused"]
    : [...c.body, "output y = %y"];
  return `module @Case\n\ngraph @forward {\n${body.map((l) => `  ${l}`).join("\n")}\n}\n`;
}

function feeds(c: Case): Feeds {
  return {
    inputs: Object.fromEntries(
      Object.entries(c.inputs).map(([name, input], k) => [
        name,
        Tensor.of(input.dtype, [...input.shape], values(input, 17 + k)),
      ]),
    ),
  };
}

async function check(backend: Backend, c: Case, fused: boolean): Promise<void> {
  const text = moduleText(c, fused);
  const fed = feeds(c);
  const want = interpret(parseModule(text), "forward", fed);
  for (const level of [0, 2] as const) {
    const program = programOf(compiled({ module: parseModule(text) }, level, backend), "forward");
    const got = await runOn(backend, program, fed);
    for (const [name, t] of Object.entries(want.outputs))
      expectClose(got.outputs[name], t, TOLERANCE, `${backend.name} -O${level} ${name}`);
  }
}

describe("every op on every backend", () => {
  for (const op of allOps()) {
    describe(op.name, () => {
      it("has cases", () => expect(CASES[op.name]?.length ?? 0).toBeGreaterThan(0));
      // A pointwise op also runs fused into its consumer's kernel at -O2.
      const fusable = fusesAs(op.fusion, "broadcast") || op.defersReads === true;
      for (const backend of BACKENDS)
        (CASES[op.name] ?? []).forEach((c, k) => {
          it(`${backend.name}: case ${k}`, async () => {
            await check(backend, c, false);
            if (fusable) await check(backend, c, true);
          });
        });
    });
  }
});

describe("a new op without a kernel function", () => {
  it("fails to type-check: ops lower to kernel functions by name, and each backend's table of them is total", () => {
    // What an op declaration does in src/ir/ops/unary.ts, for a function the kernel IR lacks.
    const source = [
      'import { call, v } from "./src/kernel/ir.js";',
      'export const y = call("softplus", v("x", "f32"));',
    ].join("\n");
    const host = ts.createCompilerHost({});
    const read = host.readFile;
    host.readFile = (name) => (name.endsWith("probe.ts") ? source : read(name));
    const program = ts.createProgram(
      ["probe.ts"],
      {
        strict: true,
        noEmit: true,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        skipLibCheck: true,
      },
      host,
    );
    const messages = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName.endsWith("probe.ts"))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(messages.join("\n")).toMatch(/"softplus"' is not assignable to parameter of type/);
  });
});
