/**
 * The WebAssembly backend's f32x4 math functions (src/backends/wasm/math.ts),
 * swept over their ranges in a vector loop and compared with the
 * double-precision functions the interpreter runs, rounded to float32: the
 * largest error in float32 ulps is stated per function, and the special
 * values (NaN, ±0, ±∞) must come out as the scalar functions give them.
 */
import { describe, expect, it } from "vitest";
import { WASM_BACKEND } from "../../src/backends/wasm/index.js";
import { runProgram } from "../../src/driver/run.js";
import { Tensor } from "../../src/ir/tensor.js";
import { parsePrograms } from "../../src/kernel/text.js";
import { erf, geluErf, GELU_TANH_K, sigmoid } from "../../src/runtime/numerics.js";

interface Sweep {
  readonly fn: string;
  readonly reference: (x: number) => number;
  /** The sweep's points: a uniform grid, or for log a geometric one. */
  readonly points: () => number[];
  /**
   * The largest error measured over the sweep, in float32 ulps: the test
   * fails above it. The GELUs' largest are in their far negative tails,
   * where the argument of exp (−x²/2, or 2u with its x³) carries float32
   * rounding that exp turns into a relative error: 64 ulp (4e-6) at x = −5.7
   * where GELU is 6e-8, 171 ulp (1e-5) at x = −9.1 where it is 1e-29.
   */
  readonly maxUlps: number;
}

const N = 1 << 16;
const uniform = (lo: number, hi: number) => () =>
  Array.from({ length: N }, (_, i) => lo + ((hi - lo) * i) / (N - 1));
const geometric = (lo: number, hi: number) => () =>
  Array.from({ length: N }, (_, i) => lo * (hi / lo) ** (i / (N - 1)));

const SWEEPS: Sweep[] = [
  { fn: "exp", reference: Math.exp, points: uniform(-103, 88.7), maxUlps: 1 },
  { fn: "log", reference: Math.log, points: geometric(1e-44, 3e38), maxUlps: 1 },
  { fn: "tanh", reference: Math.tanh, points: uniform(-10, 10), maxUlps: 1 },
  { fn: "sigmoid", reference: sigmoid, points: uniform(-80, 80), maxUlps: 2 },
  { fn: "erf", reference: erf, points: uniform(-5, 5), maxUlps: 2 },
  { fn: "gelu_erf", reference: geluErf, points: uniform(-6, 10), maxUlps: 64 },
  // ½x(1 + tanh u) cancels to 0 in double precision below x ≈ −5: the same value as x·sigmoid(2u).
  { fn: "gelu_tanh", reference: geluTanhExact, points: uniform(-10, 10), maxUlps: 171 },
  { fn: "sin", reference: Math.sin, points: uniform(-8192, 8192), maxUlps: 1 },
  { fn: "sin", reference: Math.sin, points: uniform(-7, 7), maxUlps: 1 },
  // Near a zero of cos far out (x = −5684.7), the reduction's error is large beside the result.
  { fn: "cos", reference: Math.cos, points: uniform(-8192, 8192), maxUlps: 16 },
  { fn: "cos", reference: Math.cos, points: uniform(-7, 7), maxUlps: 1 },
];

function geluTanhExact(x: number): number {
  const u = Math.sqrt(2 / Math.PI) * (x + GELU_TANH_K * x * x * x);
  return x * sigmoid(2 * u);
}

const SPECIALS = [NaN, Infinity, -Infinity, 0, -0, 1e-40, -1e-40, 3e38, -3e38];

/** A float32's position on the line of float32s, so that neighbours differ by 1. */
function ordinal(x: number): number {
  const bits = new Int32Array(new Float32Array([x]).buffer)[0];
  return bits < 0 ? -(bits & 0x7fffffff) : bits;
}

/** fn over the xs in a vector loop (and the ys as its second operand, when given). */
async function run(fn: string, xs: number[], ys?: number[]): Promise<Float32Array> {
  const n = xs.length;
  const program = parsePrograms(
    [
      "program @g {",
      `  slot %0 "x": f32[${n}]`,
      `  slot %1 "y": f32[${n}]`,
      `  slot %2 "b": f32[${n}]`,
      '  input "x" = %0',
      '  input "b" = %2',
      "  kernel k0 [] {",
      `    for i < ${n} parallel {`,
      `      %1[i] = ${fn}(%0[i]${ys ? ", %2[i]" : ""})`,
      "    }",
      "  }",
      '  output "y" = %1',
      "}",
      "",
    ].join("\n"),
  )[0];
  const runs = await WASM_BACKEND.load([program]);
  const feeds = {
    inputs: { x: Tensor.of("f32", [n], xs), b: Tensor.of("f32", [n], ys ?? xs) },
    params: {},
  };
  return (await runProgram(program, runs.g, feeds)).outputs.y.data as Float32Array;
}

const ulpsFrom = (got: number, want: number) => Math.abs(ordinal(got) - ordinal(Math.fround(want)));

describe("the WebAssembly backend's vector math", () => {
  for (const sweep of SWEEPS)
    it(`${sweep.fn}: at most ${sweep.maxUlps} ulp over its sweep; special values as the scalar code`, async () => {
      const xs = Float32Array.from(sweep.points());
      const got = await run(sweep.fn, [...xs]);
      let worst = 0;
      let at = 0;
      xs.forEach((x, i) => {
        const ulps = Math.abs(ordinal(got[i]) - ordinal(Math.fround(sweep.reference(x))));
        if (ulps > worst) [worst, at] = [ulps, x];
      });
      expect(worst, `${sweep.fn}: ${worst} ulp at ${at}`).toBeLessThanOrEqual(sweep.maxUlps);
      // Four of them in a group each, so every one takes the vector path.
      const specials = await run(
        sweep.fn,
        SPECIALS.flatMap((x) => [x, x, x, x]),
      );
      SPECIALS.forEach((x, i) => {
        const want = Math.fround(sweep.reference(Math.fround(x)));
        const value = specials[4 * i];
        if (Number.isNaN(want)) expect(value, `${sweep.fn}(${x})`).toBeNaN();
        else
          expect(
            Math.abs(ordinal(value) - ordinal(want)),
            `${sweep.fn}(${x}) = ${value}, not ${want}`,
          ).toBeLessThanOrEqual(sweep.maxUlps);
      });
    });

  /**
   * pow as exp(y·ln x) where x > 0 and |y·ln x| ≤ 16, whose float32 rounding
   * grows the error with |y·ln x|; other lanes (x ≤ 0, non-finite operands,
   * larger results) take the scalar function, and give exactly its value.
   */
  it("pow: at most 15 ulp over its sweep of x and y; other lanes exactly as the scalar code", async () => {
    const xs = Float32Array.from(geometric(1e-3, 1e3)());
    const ys = Float32Array.from(xs, (_, i) => -2.3 + 4.6 * ((i * 0.6180339887) % 1));
    const got = await run("pow", [...xs], [...ys]);
    let worst = 0;
    let at = "";
    xs.forEach((x, i) => {
      const ulps = ulpsFrom(got[i], Math.pow(x, ys[i]));
      if (ulps > worst) [worst, at] = [ulps, `${x} ** ${ys[i]}`];
    });
    // The largest where |y·ln x| nears 16: 15 ulp at 0.001145 ** −2.236.
    expect(worst, `pow: ${worst} ulp at ${at}`).toBeLessThanOrEqual(15);
    const pairs: [number, number][] = [
      [0, 2],
      [0, -1],
      [-0, 3],
      [-2, 3],
      [-2, 0.5],
      [2, 0],
      [NaN, 0],
      [1, NaN],
      [Infinity, -1],
      [10, 30],
      [1e-30, 2],
      [3, 1e-40],
    ];
    // Each pair in a group of four with ordinary lanes, so the group falls back as a whole.
    const group = pairs.flatMap(([x, y]) => [
      [x, y],
      [2, 0.5],
      [3, 2],
      [0.5, -1],
    ]);
    const special = await run(
      "pow",
      group.map(([x]) => x),
      group.map(([, y]) => y),
    );
    group.forEach(([x, y], i) => {
      const want = Math.fround(Math.pow(Math.fround(x), Math.fround(y)));
      if (Number.isNaN(want)) expect(special[i], `pow(${x}, ${y})`).toBeNaN();
      else expect(special[i], `pow(${x}, ${y})`).toBe(want);
    });
  });
});
