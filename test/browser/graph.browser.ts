/**
 * `weft graph`'s diagrams in headless Chromium (Debian's, through
 * playwright-core): every example's SVG renders without errors and draws
 * something (its pixels, drawn on a canvas, are not all white), and every
 * example's Mermaid, as package READMEs and GitHub show it, parses and
 * renders with the Mermaid library. `SCREENSHOT=FILE` also saves the tiny
 * GPT's SVG page.
 */
import { existsSync, readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSpec } from "../../src/parser/index.js";
import { toMermaid, toSvg } from "../../src/diagram/diagram.js";
import { layerDiagram } from "../../src/diagram/layers.js";
import { EXAMPLE_MODELS } from "../helpers/examples.js";
import { CHROMIUM, launchChromium } from "../helpers/chromium.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const diagramOf = (example: string, collapse = false) => {
  const file = `examples/${example}/model.weft`;
  return layerDiagram(parseSpec(readFileSync(file, "utf8"), file), { collapse });
};

/** The share of a page's pixels that are not white, as a canvas draws the page's SVG. */
const INK = `(async () => {
  const svg = document.querySelector("svg");
  const { width, height } = svg.getBoundingClientRect();
  const image = new Image();
  image.src = URL.createObjectURL(new Blob([svg.outerHTML], { type: "image/svg+xml" }));
  await image.decode();
  const canvas = Object.assign(document.createElement("canvas"), { width, height });
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, width, height);
  context.drawImage(image, 0, 0, width, height);
  const { data } = context.getImageData(0, 0, width, height);
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < 720) ink++;
  return { width, height, ink: ink / (width * height) };
})()`;

describe("weft graph's SVG in Chromium", () => {
  it(`has ${CHROMIUM}`, () => expect(existsSync(CHROMIUM)).toBe(true));

  for (const example of EXAMPLE_MODELS)
    it(`${example}: renders without errors, and is not blank`, async () => {
      const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      await page.setContent(
        `<!doctype html><body style="margin:0">${await toSvg(diagramOf(example))}</body>`,
      );
      const { width, height, ink } = (await page.evaluate(INK)) as Record<string, number>;
      expect(errors).toEqual([]);
      expect(width).toBeGreaterThan(100);
      expect(height).toBeGreaterThan(200);
      // Boxes, text and edges: a few percent of the pixels, never none.
      expect(ink).toBeGreaterThan(0.01);
      if (process.env.SCREENSHOT && example === "tiny-gpt")
        await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
      await page.close();
    });
});

describe("weft graph's Mermaid with the Mermaid library", () => {
  it("parses and renders every example's diagram, and its collapsed form", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.setContent("<!doctype html><body></body>");
    await page.addScriptTag({ path: "node_modules/mermaid/dist/mermaid.min.js" });
    await page.evaluate(`mermaid.initialize({ startOnLoad: false })`);
    for (const example of EXAMPLE_MODELS)
      for (const collapse of [false, true]) {
        const diagram = diagramOf(example, collapse);
        const svg = (await page.evaluate(
          ([id, text]) =>
            (
              globalThis as unknown as {
                mermaid: { render(id: string, text: string): Promise<{ svg: string }> };
              }
            ).mermaid
              .render(id, text)
              .then((r) => r.svg),
          [`d${Math.random().toString(36).slice(2)}`, toMermaid(diagram)],
        )) as string;
        for (const node of diagram.nodes) expect(svg, example).toContain(node.lines[0]);
      }
    expect(errors).toEqual([]);
    await page.close();
  });
});
