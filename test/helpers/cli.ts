/** The weft CLI run in process, its output captured. */
import { main } from "../../src/cli/main.js";

export async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}
