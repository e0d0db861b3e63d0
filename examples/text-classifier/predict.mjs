// Classifies messages with the package `weft train examples/text-classifier` writes:
//   npx weft train examples/text-classifier
//   node examples/text-classifier/predict.mjs
import { readFileSync } from "node:fs";
import { createModel } from "../../build/text-classifier/index.js";

const weights = readFileSync(
  new URL("../../build/text-classifier/weights.safetensors", import.meta.url),
);
const model = createModel({ weights });
const messages = [
  "Congratulations! You have been selected to receive a FREE prize. Click here to claim your cash now!",
  "Hi Tom, the meeting about the kernel patch moved to Thursday at 10. See you there.",
];
for (const [i, { label, probabilities }] of model.predictText(messages).entries())
  console.log(`${label} (${(probabilities[label] * 100).toFixed(1)}%): ${messages[i]}`);
