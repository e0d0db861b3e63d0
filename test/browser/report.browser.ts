/**
 * report.html from a short `weft train` run, in headless Chromium: it loads
 * with no errors and no requests beyond the file, its curves' points are
 * metrics.json's values (each series' data and each dot's place on its
 * chart's scale), and it shows the test metrics and the model's diagram.
 * `SCREENSHOT=FILE` also saves the page (docs/report.png is one).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { inkOf, launchChromium } from "../helpers/chromium.js";

const dir = join(mkdtempSync(join(tmpdir(), "weft-report-")), "package");
let browser: Browser;

beforeAll(async () => {
  const quiet = { stdout: () => {}, stderr: (t: string) => process.stderr.write(t) };
  expect(
    await main(["train", "examples/text-classifier", "--epochs", "3", "--out", dir], quiet),
  ).toBe(0);
  browser = await launchChromium();
});
afterAll(() => browser?.close());

interface Epoch {
  loss: number;
  accuracy: number;
  valLoss: number;
  valAccuracy: number;
  steps: number[];
}

describe("report.html", () => {
  it("shows curves whose points are metrics.json's, the test metrics and the model", async () => {
    const metrics = JSON.parse(readFileSync(join(dir, "metrics.json"), "utf8")) as {
      epochs: Epoch[];
      test: { loss: number; accuracy: number };
      learningRate: number;
    };
    const page = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("request", (r) => requests.push(r.url()));
    const url = pathToFileURL(join(dir, "report.html")).href;
    await page.goto(url);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);

    const drawn = (await page.evaluate(`(() => {
      const charts = {};
      for (const svg of document.querySelectorAll("svg.chart")) {
        const n = (k) => Number(svg.dataset[k]);
        const series = {};
        for (const g of svg.querySelectorAll("g.series")) {
          // Each dot's place against the value it carries, through the chart's scale.
          let off = 0;
          for (const c of g.querySelectorAll("circle")) {
            const x = n("px0") + ((Number(c.dataset.x) - n("x0")) / (n("x1") - n("x0"))) * (n("px1") - n("px0"));
            const y = n("py0") + ((Number(c.dataset.y) - n("y0")) / (n("y1") - n("y0"))) * (n("py1") - n("py0"));
            off = Math.max(off, Math.abs(x - c.cx.baseVal.value), Math.abs(y - c.cy.baseVal.value));
          }
          series[g.dataset.series] = { points: JSON.parse(g.dataset.points), dots: g.querySelectorAll("circle").length, off };
        }
        charts[svg.id] = series;
      }
      return charts;
    })()`)) as Record<
      string,
      Record<string, { points: [number, number][]; dots: number; off: number }>
    >;

    const epochs = metrics.epochs;
    const perEpoch = (key: keyof Epoch) => epochs.map((e, i) => [i + 1, e[key]]);
    expect(drawn.loss.training.points).toEqual(perEpoch("loss"));
    expect(drawn.loss.validation.points).toEqual(perEpoch("valLoss"));
    expect(drawn.accuracy.training.points).toEqual(perEpoch("accuracy"));
    expect(drawn.accuracy.validation.points).toEqual(perEpoch("valAccuracy"));
    for (const chart of ["loss", "accuracy"])
      for (const s of Object.values(drawn[chart])) {
        expect(s.dots).toBe(epochs.length);
        expect(s.off).toBeLessThan(0.01);
      }
    const steps = epochs.flatMap((e) => e.steps);
    expect(steps.length).toBeGreaterThan(3 * 100);
    expect(drawn.steps["per step"].points).toEqual(steps.map((l, i) => [i + 1, l]));
    expect(drawn.lr["learning rate"].points).toEqual(
      steps.map((_, i) => [i + 1, metrics.learningRate]),
    );

    expect(await page.textContent("#status")).toMatch(/^trained 3 epochs; data /);
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
    expect(await page.textContent("#test")).toBe(
      `Test: loss ${metrics.test.loss.toFixed(4)}, accuracy ${metrics.test.accuracy.toFixed(4)}`,
    );
    expect(
      await page.locator(".diagram svg text", { hasText: "embedding" }).count(),
    ).toBeGreaterThan(0);
    const shot = await page.screenshot({
      fullPage: true,
      ...(process.env.SCREENSHOT ? { path: process.env.SCREENSHOT } : {}),
    });
    expect(await inkOf(page, shot)).toBeGreaterThan(0.02);
    await page.close();
  });
});
