/**
 * report.html, which `weft train` writes beside metrics.json after every
 * epoch: the loss and metrics per epoch (training and validation), the loss
 * per step (and smoothed), the learning rate per step, time per epoch, the
 * test metrics, and the model's diagram — one self-contained file, its
 * charts inline SVG, nothing fetched at view time. While training runs the
 * page reloads itself every 15 s, so it can stay open during a long run.
 *
 * Every point a chart draws carries its value (`data-x`, `data-y`) and each
 * chart its scale (`data-x0` … `data-y1`, in data and in pixels), so what is
 * drawn can be checked against metrics.json.
 */

export interface ReportEpoch {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy?: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
  readonly seconds: number;
  /** The loss of each training step of the epoch. */
  readonly steps?: readonly number[];
}

export interface ReportInput {
  readonly model: string;
  readonly data: string;
  readonly epochs: readonly ReportEpoch[];
  /** Epochs the run is to train in all. */
  readonly totalEpochs: number;
  /** The learning rate of each step done, in order. */
  readonly learningRates: readonly number[];
  readonly test?: { readonly loss: number; readonly accuracy?: number };
  /** The model's diagram, an SVG document. */
  readonly diagram: string;
  readonly running: boolean;
}

interface Series {
  readonly name: string;
  readonly color: string;
  readonly points: readonly (readonly [number, number])[];
  /** Draw a dot per point (epochs), or the line alone (steps). */
  readonly dots?: boolean;
  readonly faint?: boolean;
}

const W = 460;
const H = 250;
const PAD = { left: 58, right: 14, top: 30, bottom: 40 };

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Ticks at 1, 2 or 5 times a power of ten, about `count` of them over [lo, hi]. */
function ticks(lo: number, hi: number, count: number): number[] {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
    out.push(Number(t.toPrecision(12)));
  return out;
}

const label = (v: number) =>
  Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(1) : String(v);

/** A line chart as inline SVG, its id `id`. */
function chart(id: string, title: string, xLabel: string, series: readonly Series[]): string {
  const all = series.flatMap((s) => s.points);
  if (!all.length) return "";
  let [x0, x1] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  let [y0, y1] = [Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
  if (x0 === x1) [x0, x1] = [x0 - 1, x1 + 1];
  if (y0 === y1) [y0, y1] = [y0 - Math.abs(y0 || 1) * 0.1, y1 + Math.abs(y1 || 1) * 0.1];
  const margin = (y1 - y0) * 0.05;
  [y0, y1] = [y0 - margin, y1 + margin];
  const [px0, px1, py0, py1] = [PAD.left, W - PAD.right, H - PAD.bottom, PAD.top];
  const sx = (x: number) => px0 + ((x - x0) / (x1 - x0)) * (px1 - px0);
  const sy = (y: number) => py0 + ((y - y0) / (y1 - y0)) * (py1 - py0);
  const f = (v: number) => v.toFixed(2);
  const grid = [
    ...ticks(y0, y1, 5).map(
      (t) =>
        `<line x1="${px0}" x2="${px1}" y1="${f(sy(t))}" y2="${f(sy(t))}" class="grid"/><text x="${px0 - 6}" y="${f(sy(t) + 4)}" text-anchor="end">${label(t)}</text>`,
    ),
    ...ticks(x0, x1, 6)
      .filter((t) => xLabel !== "epoch" || Number.isInteger(t))
      .map(
        (t) =>
          `<line x1="${f(sx(t))}" x2="${f(sx(t))}" y1="${py0}" y2="${py0 + 4}" class="axis"/><text x="${f(sx(t))}" y="${py0 + 17}" text-anchor="middle">${label(t)}</text>`,
      ),
  ];
  const lines = series.map((s) => {
    const path = s.points.map((p) => `${f(sx(p[0]))},${f(sy(p[1]))}`).join(" ");
    const dots = s.dots
      ? s.points
          .map(
            (p) =>
              `<circle cx="${f(sx(p[0]))}" cy="${f(sy(p[1]))}" r="3.5" fill="${s.color}" data-x="${p[0]}" data-y="${p[1]}"/>`,
          )
          .join("")
      : "";
    return `<g class="series" data-series="${esc(s.name)}" data-points="${esc(JSON.stringify(s.points))}"><polyline points="${path}" fill="none" stroke="${s.color}" stroke-width="${s.faint ? 1 : 2}" opacity="${s.faint ? 0.35 : 1}"/>${dots}</g>`;
  });
  const legend = series
    .map(
      (s, i) =>
        `<g transform="translate(${px0 + 8 + i * 130},${PAD.top - 12})"><rect width="14" height="3" y="-4" fill="${s.color}" opacity="${s.faint ? 0.35 : 1}"/><text x="19" y="0">${esc(s.name)}</text></g>`,
    )
    .join("");
  const scale = `data-x0="${x0}" data-x1="${x1}" data-y0="${y0}" data-y1="${y1}" data-px0="${px0}" data-px1="${px1}" data-py0="${py0}" data-py1="${py1}"`;
  return `<figure><figcaption>${esc(title)}</figcaption><svg id="${id}" class="chart" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg" ${scale}>
<rect x="${px0}" y="${py1}" width="${px1 - px0}" height="${py0 - py1}" class="plot"/>${grid.join("")}
<text x="${(px0 + px1) / 2}" y="${H - 6}" text-anchor="middle" class="axis-label">${esc(xLabel)}</text>${lines.join("")}${legend}</svg></figure>`;
}

/** An exponential moving average, started at the first value. */
function smoothed(values: readonly number[], keep = 0.9): number[] {
  let s = values[0];
  return values.map((v) => (s = keep * s + (1 - keep) * v));
}

export function reportHtml(r: ReportInput): string {
  const epochs = r.epochs;
  const perEpoch = (key: keyof ReportEpoch) =>
    epochs
      .filter((e) => typeof e[key] === "number")
      .map((e) => [e.epoch + 1, e[key] as number] as const);
  const stepLosses = epochs.flatMap((e) => e.steps ?? []);
  const stepPoints = stepLosses.map((l, i) => [i + 1, l] as const);
  const smooth = smoothed(stepLosses).map((l, i) => [i + 1, l] as const);
  const charts = [
    chart("loss", "Loss per epoch", "epoch", [
      { name: "training", color: "#1f77b4", points: perEpoch("loss"), dots: true },
      { name: "validation", color: "#ff7f0e", points: perEpoch("valLoss"), dots: true },
    ]),
    chart("accuracy", "Accuracy per epoch", "epoch", [
      { name: "training", color: "#1f77b4", points: perEpoch("accuracy"), dots: true },
      { name: "validation", color: "#ff7f0e", points: perEpoch("valAccuracy"), dots: true },
    ]),
    chart("steps", "Training loss per step", "step", [
      { name: "per step", color: "#1f77b4", points: stepPoints, faint: true },
      { name: "smoothed (EMA 0.9)", color: "#d62728", points: smooth },
    ]),
    chart("lr", "Learning rate per step", "step", [
      {
        name: "learning rate",
        color: "#2ca02c",
        points: r.learningRates.map((lr, i) => [i + 1, lr] as const),
      },
    ]),
  ].filter(Boolean);
  const cell = (v: number | undefined) => (v === undefined ? "–" : v.toFixed(4));
  const rows = epochs
    .map(
      (e) =>
        `<tr><td>${e.epoch + 1}</td><td>${cell(e.loss)}</td><td>${cell(e.accuracy)}</td><td>${cell(e.valLoss)}</td><td>${cell(e.valAccuracy)}</td><td>${e.seconds.toFixed(2)} s</td></tr>`,
    )
    .join("\n");
  const status = r.running
    ? `training: epoch ${epochs.length} of ${r.totalEpochs} done (this page reloads every 15 s)`
    : `trained ${epochs.length} epoch${epochs.length === 1 ? "" : "s"}`;
  const test = r.test
    ? `<p id="test">Test: loss ${r.test.loss.toFixed(4)}${r.test.accuracy !== undefined ? `, accuracy ${r.test.accuracy.toFixed(4)}` : ""}</p>`
    : "";
  const diagram = r.diagram.replace(/^<\?xml[^>]*>\s*/, "").replace(/<!DOCTYPE[^>]*>\s*/, "");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
${r.running ? '<meta http-equiv="refresh" content="15">\n' : ""}<title>${esc(r.model)}: training report</title>
<style>
body { font: 14px system-ui, sans-serif; margin: 24px; color: #222; }
h1 { font-size: 20px; margin: 0 0 4px; } .status { color: #555; margin: 0 0 16px; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; } figure { margin: 0; }
figcaption { font-weight: 600; margin: 0 0 2px 4px; }
.chart text { font: 11px system-ui, sans-serif; fill: #444; } .chart .axis-label { fill: #666; }
.chart .plot { fill: #fafbfc; stroke: #ccd; } .chart .grid { stroke: #e4e6ea; } .chart .axis { stroke: #889; }
table { border-collapse: collapse; margin: 16px 0; } td, th { padding: 3px 10px; text-align: right; border-bottom: 1px solid #e4e6ea; }
.diagram svg { max-width: 100%; height: auto; }
</style></head>
<body>
<h1>${esc(r.model)}: training report</h1>
<p class="status" id="status">${esc(status)}; data ${esc(r.data)}</p>
<div class="charts">
${charts.join("\n")}
</div>
${test}
<table id="epochs"><tr><th>epoch</th><th>loss</th><th>accuracy</th><th>val loss</th><th>val accuracy</th><th>time</th></tr>
${rows}
</table>
<h2>Model</h2>
<div class="diagram">${diagram}</div>
</body></html>
`;
}
