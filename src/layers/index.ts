/** The layer kinds a spec may call, by name. */
import { ACTIVATION_LAYERS } from "./activations.js";
import { ATTENTION_LAYERS } from "./attention.js";
import { CORE_LAYERS } from "./core.js";
import type { LayerDef } from "./layer-def.js";
import { MERGE_LAYERS } from "./merge.js";
import { OP_LAYERS } from "./ops.js";
import { POOLING_LAYERS } from "./pooling.js";
import { RECURRENT_LAYERS } from "./recurrent.js";
import { SHAPE_LAYERS } from "./shape.js";

export const LAYERS: ReadonlyMap<string, LayerDef> = new Map(
  [
    ...CORE_LAYERS,
    ...ACTIVATION_LAYERS,
    ...RECURRENT_LAYERS,
    ...ATTENTION_LAYERS,
    ...POOLING_LAYERS,
    ...SHAPE_LAYERS,
    ...MERGE_LAYERS,
    ...OP_LAYERS,
  ].map((s) => [s.name, s]),
);
