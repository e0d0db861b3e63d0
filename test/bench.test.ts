/**
 * The benchmark harness's own logic (bench/harness.ts; the peers need
 * bench/node_modules and are not loaded here): the check that keeps a drifting
 * system out of the tables, and the alternating timer.
 */
import { describe, expect, it } from "vitest";
import {
  disagreement,
  feedsFor,
  MODELS,
  timeAlternating,
  type Prepared,
  type System,
} from "../bench/harness.js";

describe("the benchmark's check against the interpreter", () => {
  const want = { logits: Float32Array.from([2, -4, 0.5, 1]) };

  it("passes logits within 1e-4 of their largest magnitude", () => {
    expect(disagreement({ logits: Float32Array.from([2, -4.0003, 0.5, 1]) }, want)).toBeNull();
  });

  it("names drifted, non-finite or missing logits", () => {
    expect(disagreement({ logits: Float32Array.from([2, -4, 0.51, 1]) }, want)).toBe(
      "logits differ by 2.50e-3 of their largest magnitude",
    );
    expect(disagreement({ logits: Float32Array.from([2, NaN, 0.5, 1]) }, want)).toBe(
      "gave non-finite logits",
    );
    expect(disagreement({ logits: new Float32Array(3) }, want)).toBe("gave 3 logits, not 4");
    expect(disagreement({ losses: [1, 1] }, want)).toBe("gave no logits");
  });

  it("compares both training losses", () => {
    const losses = { losses: [0.69, 0.68] as [number, number] };
    expect(disagreement({ losses: [0.69, 0.68002] }, losses)).toBeNull();
    expect(disagreement({ losses: [0.69, 0.6805] }, losses)).toBe(
      "loss after 1 steps is 0.6805, the interpreter's 0.68",
    );
  });
});

describe("the benchmark's inputs", () => {
  it("are the same on every call, and in range", () => {
    const gpt = MODELS.find((m) => m.name === "tiny-gpt")!;
    const [tokens, targets] = feedsFor(gpt, { kind: "train", batch: 16 });
    expect(feedsFor(gpt, { kind: "train", batch: 16 })[0].data).toEqual(tokens.data);
    expect(tokens.shape).toEqual([16, 64]);
    expect(targets.shape).toEqual([16, 64]);
    expect(Math.max(...tokens.data)).toBeLessThan(96);
    expect(Math.min(...targets.data)).toBeGreaterThanOrEqual(0);
  });
});

describe("the alternating timer", () => {
  it("takes one sample per system per round, rotating the order, and reports the median", async () => {
    const order: string[] = [];
    const fake = (name: string, ms: number[]): { system: System; prepared: Prepared } => {
      let sample = 0;
      return {
        system: { name, trains: true } as System,
        prepared: {
          result: { losses: [0, 0] },
          call: () => undefined,
          // Times itself: the warm-up call, then the samples in order.
          timeCalls: async () => {
            order.push(name);
            return ms[Math.min(sample++, ms.length - 1)];
          },
        },
      };
    };
    const a = fake("a", [1, 5, 3, 4, 100]);
    const b = fake("b", [2, 2, 2, 2, 2]);
    const timings = await timeAlternating([a, b], {
      rounds: 4,
      minRounds: 4,
      sampleMs: 1,
      warmupMs: 0,
      budgetMs: 1000,
    });
    expect(order).toEqual(["a", "b", "a", "b", "b", "a", "a", "b", "b", "a"]);
    expect(timings.get(a.system)).toMatchObject({ median: 4.5, min: 3, max: 100, samples: 4 });
    expect(timings.get(b.system)).toMatchObject({ median: 2, min: 2, max: 2 });
  });
});
