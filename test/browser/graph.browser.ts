/**
 * `weft graph`'s diagrams in headless Chromium (Debian's, through
 * playwright-core): every example's SVG renders without errors and draws
 * something (a screenshot of the page is not all white), and every
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
import { CHROMIUM, inkOf, launchChromium } from "../helpers/chromium.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const diagramOf = (example: string, collapse = false) => {
  const file = `examples/${example}/model.weft`;
  return layerDiagram(parseSpec(readFileSync(file, "utf8"), file), { collapse });
};

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
      const box = (await page.locator("svg").boundingBox())!;
      expect(errors).toEqual([]);
      expect(box.width).toBeGreaterThan(100);
      expect(box.height).toBeGreaterThan(200);
      const shot = await page.screenshot({
        fullPage: true,
        ...(process.env.SCREENSHOT && example === "tiny-gpt"
          ? { path: process.env.SCREENSHOT }
          : {}),
      });
      // Boxes, text and edges: a few percent of the pixels, never none.
      expect(await inkOf(page, shot)).toBeGreaterThan(0.01);
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
