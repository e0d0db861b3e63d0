/** The registered backends, by `--target` name; the first (WebAssembly) is the default. */
import type { Backend } from "./backend.js";
import { TS_BACKEND } from "./ts/index.js";
import { WASM_BACKEND } from "./wasm/index.js";
import { WGSL_BACKEND } from "./wgsl/index.js";

export const BACKENDS: readonly Backend[] = [WASM_BACKEND, TS_BACKEND, WGSL_BACKEND];

export function findBackend(name: string): Backend | undefined {
  return BACKENDS.find((b) => b.name === name);
}
