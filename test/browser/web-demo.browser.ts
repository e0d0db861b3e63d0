/**
 * examples/web-demo in headless Chromium (Debian's chromium through
 * playwright-core): the text-classifier package, trained as the README's
 * command trains it, loads in the page, classifies what is typed, and fine-tunes on
 * examples labelled there. `SCREENSHOT=FILE` also saves the page.
 */
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { launchChromium } from "../helpers/chromium.js";

const scratch = mkdtempSync(join(tmpdir(), "weft-demo-"));
let url = "";
let close = () => {};

beforeAll(async () => {
  const dir = join(scratch, "package");
  const quiet = { stdout: () => {}, stderr: (t: string) => process.stderr.write(t) };
  const code = await main(["train", "examples/text-classifier", "--out", dir], quiet);
  expect(code).toBe(0);
  const serve = "../../examples/web-demo/serve.mjs";
  const { demoServer } = (await import(serve)) as {
    demoServer(dir: string): import("node:http").Server;
  };
  const server = demoServer(dir);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  close = () => server.close();
});
afterAll(() => close());

describe("the web demo", () => {
  it("classifies what is typed and fine-tunes on examples labelled in the page", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(url);
      await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
      expect(errors).toEqual([]);
      // The message in the box at load time is spam.
      expect(await page.textContent("#verdict")).toMatch(/^spam \(\d+\.\d%\)$/);
      await page.fill(
        "#text",
        "Hi Tom, the meeting about the kernel patch moved to Thursday at 10. See you there.",
      );
      expect(await page.textContent("#verdict")).toMatch(/^ham \(\d+\.\d%\)$/);
      await page.click("#add-ham");
      await page.fill("#text", "WIN a FREE cruise now!!! Reply YES to claim your prize today");
      await page.click("#add-spam");
      await page.click("#fine-tune");
      await page.waitForFunction("document.getElementById('training').textContent !== ''", null, {
        timeout: 30_000,
      });
      const [, before, after] = /loss (\d+\.\d+) → (\d+\.\d+)/.exec(
        (await page.textContent("#training"))!,
      )!;
      expect(Number(after)).toBeLessThan(Number(before));
      expect(await page.textContent("#training")).toMatch(/^fine-tuned on 2 examples: /);
      expect(errors).toEqual([]);
      const shot = await page.screenshot({
        fullPage: true,
        ...(process.env.SCREENSHOT ? { path: process.env.SCREENSHOT } : {}),
      });
      expect(shot.length).toBeGreaterThan(20_000);
    } finally {
      await browser.close();
    }
  });
});
