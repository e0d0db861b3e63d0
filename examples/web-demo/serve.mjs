// Serves the demo page, with a trained text-classifier package at /package/:
//   node examples/web-demo/serve.mjs [PACKAGE_DIR] [PORT]   (defaults: build/text-classifier, 8080)
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".safetensors": "application/octet-stream",
};

/** A server for the page (this folder) and the package (`packageDir` at /package/). */
export function demoServer(packageDir) {
  const page = fileURLToPath(new URL(".", import.meta.url));
  return createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname));
    const file = path.startsWith("/package/")
      ? join(resolve(packageDir), path.slice("/package/".length))
      : join(page, path === "/" ? "index.html" : path);
    if (path.includes("..")) return response.writeHead(403).end();
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = "build/text-classifier", port = "8080"] = process.argv.slice(2);
  demoServer(dir).listen(Number(port), "127.0.0.1", () =>
    console.log(`the demo: http://127.0.0.1:${port}/ (the package in ${dir})`),
  );
}
