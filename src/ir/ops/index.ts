/** Every primitive op of the IR, in the order docs and tests list them. */
import type { OpDef } from "../op-def.js";
import { BINARY_OPS } from "./binary.js";
import { CAST_OP, ONE_HOT_OP } from "./convert.js";
import { CREATE_OPS } from "./create.js";
import { GATHER_OP, SCATTER_ADD_OP } from "./gather.js";
import { LAYOUT_OPS } from "./layout.js";
import { MATMUL_OP } from "./matmul.js";
import { REDUCE_OPS } from "./reduce.js";
import { SCAN_OP } from "./scan.js";
import { SELECT_OP } from "./select.js";
import { UNARY_OPS } from "./unary.js";

export const OP_DEFS: readonly OpDef[] = [
  ...UNARY_OPS,
  ...BINARY_OPS,
  SELECT_OP,
  ...REDUCE_OPS,
  ...LAYOUT_OPS,
  MATMUL_OP,
  GATHER_OP,
  SCATTER_ADD_OP,
  ONE_HOT_OP,
  CAST_OP,
  ...CREATE_OPS,
  SCAN_OP,
];
