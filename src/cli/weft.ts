/** The process entry point: bin/weft.js runs the compiled form of this file. */
import { main } from "./main.js";

// Output piped into a reader that stops early (`weft ir … | head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(0);
});

process.exitCode = await main(process.argv.slice(2));
