// The page's code: the trained package (served at ./package/) classifies what is typed, and
// fine-tunes on the examples labelled in the page.
import { createModel } from "./package/index.js";

const $ = (id) => document.getElementById(id);
const weights = new Uint8Array(await (await fetch("./package/weights.safetensors")).arrayBuffer());
const model = createModel({ weights });
// Fine-tuning takes a tenth of the training's rate: the package's weights come without Adam's
// moments, and Adam's first steps move every weight by about the rate.
model.learningRate = 1e-4;
const labels = model.vocabulary.labels.label;
const examples = [];

function classify() {
  const [{ label, probabilities }] = model.predictText([$("text").value]);
  $("verdict").textContent = `${label} (${(probabilities[label] * 100).toFixed(1)}%)`;
  for (const name of labels) {
    $(`${name}-p`).textContent = `${(probabilities[name] * 100).toFixed(1)}%`;
    $(`${name}-bar`).style.width = `${probabilities[name] * 100}%`;
  }
}

function add(label) {
  examples.push({ text: $("text").value, label });
  const item = document.createElement("li");
  item.textContent = `${label}: ${$("text").value.slice(0, 80)}`;
  $("examples").append(item);
  $("fine-tune").disabled = false;
}

async function fineTune() {
  $("fine-tune").disabled = true;
  const tokens = model.encode(examples.map((e) => e.text));
  const label = Int32Array.from(examples, (e) => labels.indexOf(e.label));
  const history = await model.fit({ tokens, label }, { epochs: 10, batchSize: examples.length });
  $("training").textContent =
    `fine-tuned on ${examples.length} example${examples.length === 1 ? "" : "s"}: ` +
    `loss ${history.loss[0].toFixed(4)} → ${history.loss.at(-1).toFixed(4)}`;
  $("fine-tune").disabled = false;
  classify();
}

$("classify").addEventListener("click", classify);
$("text").addEventListener("input", classify);
$("add-spam").addEventListener("click", () => add("spam"));
$("add-ham").addEventListener("click", () => add("ham"));
$("fine-tune").addEventListener("click", fineTune);
classify();
document.body.dataset.ready = "true";
