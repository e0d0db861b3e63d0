/** The examples that are models: the folders of examples/ holding a model.weft (not ir/ or web-demo/). */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

export const EXAMPLE_MODELS: readonly string[] = readdirSync("examples", { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join("examples", d.name, "model.weft")))
  .map((d) => d.name);
