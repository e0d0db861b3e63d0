// Runs a prediction with the package `weft compile` emits for the reference model:
//   npx weft compile examples/text-classifier/model.weft --out build/text-classifier
//   node examples/text-classifier/predict.mjs
import { createModel } from "../../build/text-classifier/index.js";

const model = createModel({ seed: 0 });
const tokens = Int32Array.from({ length: 2 * 64 }, (_, i) => (i * 7) % 10000);
const { logits } = model.predict({ tokens });
console.log(
  "logits for 2 sequences of 64 tokens:",
  Array.from(logits, (x) => x.toFixed(4)).join(" "),
);
const step = model.trainStep({ tokens, label: Int32Array.from([0, 1]) });
console.log(
  `one training step: loss ${step.loss.toFixed(4)}, ${step.correct} of ${step.count} correct`,
);
