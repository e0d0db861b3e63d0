/** Compiling a spec to a package in a temporary folder and importing it, as an app would. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { emitPackage, type PackageOptions, type PackageResult } from "../../src/package/emit.js";
import { parseSpec } from "../../src/parser/index.js";
import { deviceOptions } from "./backends.js";

/* eslint-disable @typescript-eslint/no-explicit-any */
export type AnyModel = any;

export async function compileAndImport(
  text: string,
  file: string,
  options: PackageOptions = {},
): Promise<{ result: PackageResult; dir: string; createModel: (o?: object) => AnyModel }> {
  const result = await emitPackage(parseSpec(text, file), options);
  const dir = mkdtempSync(join(tmpdir(), "weft-package-"));
  for (const f of result.files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.contents);
  }
  const module = await import(pathToFileURL(join(dir, "index.js")).href);
  // A device's package creates its model on Dawn's device here (it resolves to a DeviceModel).
  const device = await deviceOptions(options.target);
  const createModel = (o: object = {}) => module.createModel({ ...device, ...o });
  return { result, dir, createModel };
}
