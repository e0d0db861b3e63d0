/** The op registry: every primitive op by name, built once from the declarations in ops/. */
import type { OpDef } from "./op-def.js";
import { OP_DEFS } from "./ops/index.js";

export function buildRegistry(defs: readonly OpDef[]): ReadonlyMap<string, OpDef> {
  const registry = new Map<string, OpDef>();
  for (const def of defs) {
    if (registry.has(def.name)) throw new Error(`op '${def.name}' is declared twice`);
    registry.set(def.name, def);
  }
  return registry;
}

const REGISTRY = buildRegistry(OP_DEFS);

export function findOp(name: string): OpDef | undefined {
  return REGISTRY.get(name);
}

export function allOps(): OpDef[] {
  return [...REGISTRY.values()];
}
