/** The process entry point: bin/weft.js runs the compiled form of this file. */
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2));
