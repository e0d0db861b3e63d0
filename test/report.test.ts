/**
 * report.html as data: the charts carry the epochs' and steps' values, the
 * page reloads itself while training runs and not after; and the learning
 * rates it draws are the schedule's, run from its IR.
 */
import { describe, expect, it } from "vitest";
import { reportHtml, type ReportInput } from "../src/cli/report.js";
import { learningRates, SCHEDULES } from "../src/training/schedules.js";
import { ArgReader, float, int } from "../src/core/signature.js";

const input: ReportInput = {
  model: "M",
  data: "d.jsonl",
  epochs: [
    {
      epoch: 0,
      loss: 0.9,
      accuracy: 0.5,
      valLoss: 0.8,
      valAccuracy: 0.55,
      seconds: 1.5,
      steps: [1, 0.8],
    },
    {
      epoch: 1,
      loss: 0.4,
      accuracy: 0.8,
      valLoss: 0.5,
      valAccuracy: 0.75,
      seconds: 1.25,
      steps: [0.5, 0.3],
    },
  ],
  totalEpochs: 5,
  learningRates: [0.1, 0.1, 0.05, 0.05],
  diagram: '<?xml version="1.0"?>\n<svg id="model"></svg>',
  running: true,
};

describe("report.html", () => {
  it("draws each series from the values given, one dot per epoch", () => {
    const html = reportHtml(input);
    const series = [...html.matchAll(/data-series="([^"]+)" data-points="([^"]+)"/g)].map((m) => [
      m[1],
      JSON.parse(m[2].replace(/&quot;/g, '"')),
    ]);
    expect(series).toEqual([
      [
        "training",
        [
          [1, 0.9],
          [2, 0.4],
        ],
      ],
      [
        "validation",
        [
          [1, 0.8],
          [2, 0.5],
        ],
      ],
      [
        "training",
        [
          [1, 0.5],
          [2, 0.8],
        ],
      ],
      [
        "validation",
        [
          [1, 0.55],
          [2, 0.75],
        ],
      ],
      [
        "per step",
        [
          [1, 1],
          [2, 0.8],
          [3, 0.5],
          [4, 0.3],
        ],
      ],
      [
        "smoothed (EMA 0.9)",
        [
          [1, 1],
          [2, 0.98],
          [3, 0.932],
          [4, 0.8688],
        ].map(([x, y]) => [x, expect.closeTo(y, 12)]),
      ],
      [
        "learning rate",
        [
          [1, 0.1],
          [2, 0.1],
          [3, 0.05],
          [4, 0.05],
        ],
      ],
    ]);
    expect(html.match(/<circle /g)).toHaveLength(8);
    expect(html).toContain('<div class="diagram"><svg id="model"></svg></div>');
  });

  it("reloads itself while training runs, and not once it is done", () => {
    const running = reportHtml(input);
    expect(running).toContain('<meta http-equiv="refresh" content="15">');
    expect(running).toContain("training: epoch 2 of 5 done");
    const done = reportHtml({ ...input, running: false, test: { loss: 0.45, accuracy: 0.8 } });
    expect(done).not.toContain("http-equiv");
    expect(done).toContain('<p id="test">Test: loss 0.4500, accuracy 0.8000</p>');
  });
});

describe("learningRates", () => {
  it("runs the schedule's IR: cosine with warmup, as torch computes it per step", () => {
    const def = SCHEDULES.get("cosine")!;
    const args = new ArgReader(
      def,
      new Map([
        ["total_steps", int(4)],
        ["min_lr", float(0.001)],
        ["warmup_steps", int(1)],
      ]),
    );
    const rates = learningRates({ def, args }, 0.01, 7);
    const cosine = (s: number) =>
      0.001 + (0.009 * (1 + Math.cos((Math.PI * Math.min(s, 4)) / 4))) / 2;
    expect(rates.map((r) => r.toFixed(10))).toEqual(
      [0.01, cosine(0), cosine(1), cosine(2), cosine(3), cosine(4), cosine(5)].map((r) =>
        r.toFixed(10),
      ),
    );
    expect(learningRates(undefined, 0.3, 3)).toEqual([0.3, 0.3, 0.3]);
  });
});
