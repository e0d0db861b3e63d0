/** Debian's headless Chromium through playwright-core, as the browser tests launch it. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, extname, join, normalize } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/**
 * With `webgpu`, the page gets a WebGPU adapter (Chromium's SwiftShader on a
 * machine without a GPU: ../shared/setup/README.md).
 */
export async function launchChromium(options: { webgpu?: boolean } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no ${CHROMIUM}: apt-get install chromium (the browser tests run in it)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      ...(options.webgpu ? ["--enable-unsafe-webgpu", "--disable-gpu-sandbox"] : ["--disable-gpu"]),
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * The share of a screenshot's pixels that are not white: the PNG drawn on a
 * canvas in `page`, which decodes it. A blank page gives 0.
 */
export async function inkOf(page: Page, png: Buffer): Promise<number> {
  const src = `data:image/png;base64,${png.toString("base64")}`;
  return (await page.evaluate(`(async () => {
    const image = new Image();
    image.src = ${JSON.stringify(src)};
    await image.decode();
    const canvas = Object.assign(document.createElement("canvas"), { width: image.width, height: image.height });
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < 720) ink++;
    return ink / (image.width * image.height);
  })()`)) as number;
}

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".json": "application/json",
  ".wasm": "application/wasm",
};

/** A folder served on 127.0.0.1 (a page imports packages from it as an app would). */
async function serveFolder(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(join(dir, new URL(req.url!, "http://x").pathname));
    try {
      const body = readFileSync(path.endsWith("/") ? join(path, "index.html") : path);
      res.writeHead(200, {
        "content-type": TYPES[extname(path) || ".html"] ?? "application/octet-stream",
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/** A page at / that imports a compiled package from ./package/, served from a temporary folder. */
export async function servePackagePage(
  files: readonly { path: string; contents: string | Uint8Array }[],
  page: string,
): Promise<{ server: Server; url: string }> {
  const dir = mkdtempSync(join(tmpdir(), "weft-page-"));
  for (const f of files) {
    const path = join(dir, "package", f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.contents);
  }
  writeFileSync(join(dir, "index.html"), page);
  return serveFolder(dir);
}

/** What a page at `url` leaves in window.result, and the errors it threw. */
export async function pageResult<T>(
  browser: Browser,
  url: string,
): Promise<{ result: T & { error?: string }; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction("window.result !== undefined", null, { timeout: 60_000 });
  return { result: (await page.evaluate("window.result")) as T & { error?: string }, errors };
}
