/**
 * The layering rule of docs/architecture.md: each folder of src/ imports only
 * the folders its row of the table there names. The table is read from the
 * document, so the document and the rule cannot drift apart.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

function allowedImports(): Map<string, Set<string>> {
  const doc = readFileSync("docs/architecture.md", "utf8");
  const section = doc.slice(doc.indexOf("## Which layer may import which"));
  const rows = section
    .split("\n")
    .filter((l) => /^\| `\w+`/.test(l))
    .map((l) => l.split("|").map((c) => c.trim()));
  return new Map(
    rows.map(([, folder, allowed]) => [
      folder.replace(/`/g, ""),
      new Set([...allowed.matchAll(/`(\w+)`/g)].map((m) => m[1])),
    ]),
  );
}

/** Every relative import of a file (static, re-exports and dynamic), as the folder of src/ it reaches. */
function importedFolders(file: string, text = readFileSync(file, "utf8")) {
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)].map(
    (m) => m[1],
  );
  return specs.map((spec) => ({
    spec,
    folder: relative("src", resolve(dirname(file), spec)).split("/")[0],
  }));
}

const allowed = allowedImports();

/** The imports of a file in `folder` that its row does not allow. */
function violations(file: string, folder: string, text?: string): string[] {
  return importedFolders(file, text)
    .filter((i) => i.folder !== folder && !allowed.get(folder)?.has(i.folder))
    .map((i) => `${file} imports ${i.spec}`);
}

describe("the layers of src/", () => {
  const folders = readdirSync("src", { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);

  it("every folder has a row in docs/architecture.md", () => {
    expect(folders.filter((f) => !allowed.has(f))).toEqual([]);
  });

  for (const folder of folders) {
    it(`${folder} imports only what its row allows`, () => {
      const files = readdirSync(join("src", folder), { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".ts"))
        .map((f) => join("src", folder, f));
      const wrong = files.flatMap((file) => violations(file, folder));
      expect(wrong).toEqual([]);
    });
  }

  it("catches a forbidden import, static or dynamic (the check itself works)", () => {
    const text = [
      'import { lowerGraph } from "../passes/lower.js";',
      'import type { Backend } from "../backends/backend.js";',
      'const printer = await import("../backends/ts/printer.js");',
      'import { add } from "../kernel/ir.js";',
    ].join("\n");
    expect(violations("src/ir/example.ts", "ir", text)).toEqual([
      "src/ir/example.ts imports ../passes/lower.js",
      "src/ir/example.ts imports ../backends/backend.js",
      "src/ir/example.ts imports ../backends/ts/printer.js",
    ]);
  });
});
