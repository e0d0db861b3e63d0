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

async function run(fn: string, xs: number[]): Promise<Float32Array> {
  const n = xs.length;
  const program = parsePrograms(
    [
      "program @g {",
      `  slot %0 "x": f32[${n}]`,
      `  slot %1 "y": f32[${n}]`,
      '  input "x" = %0',
      "  kernel k0 [] {",
      `    for i < ${n} parallel {`,
      `      %1[i] = ${fn}(%0[i])`,
      "    }",
      "  }",
      '  output "y" = %1',
      "}",
      "",
    ].join("\n"),
  )[0];
  const runs = await WASM_BACKEND.load([program]);
  const feeds = { inputs: { x: Tensor.of("f32", [n], xs) }, params: {} };
  return runProgram(program, runs.g, feeds).outputs.y.data as Float32Array;
}

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
});
