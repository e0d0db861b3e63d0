/**
 * The package emitter: a spec compiled to a self-contained ESM npm package.
 *
 * Phases (each timed for `weft compile --time`): build the IR (forward, and
 * evaluate and train_step when the spec trains), run the target's pass
 * pipeline at the optimization level (graph passes, lowering, kernel
 * passes, the memory plan), describe the model as data (manifest.json:
 * inputs, outputs, parameters, each program's slot layout), let the backend
 * print the programs, write model.ts (the typed API over the manifest and
 * the kernels), format it with prettier, and compile every TypeScript source
 * to JavaScript and declarations with the TypeScript compiler API. The
 * package has no dependencies: it carries copies of src/runtime/model.ts and
 * the runtime files the backend needs. Spec names reach generated code only
 * as JSON string literals and quoted property names, so no name can inject
 * code; nothing generated uses eval or new Function.
 */
import { formatWeft } from "../parser/format.js";
import { readFileSync } from "node:fs";
import { format } from "prettier";
import ts from "typescript";
import type { Module } from "../ir/graph.js";
import { elementsAt, formatType, type Dim } from "../core/types.js";
import { trainRun, type Spec } from "../spec/ast.js";
import { LOSSES } from "../training/losses.js";
import { ArgReader } from "../core/signature.js";
import { kernelCount, type Program } from "../kernel/ir.js";
import { lowerGraph } from "../passes/lower.js";
import { planWithoutReuse, type MemoryPlan } from "../kernel/memory.js";
import { runPipeline, type PassReport } from "../driver/pipeline.js";
import { specCompilation } from "../driver/compile.js";
import { BACKENDS } from "../backends/index.js";
import type { Backend, DispatchCount, PrintOptions, OptLevel } from "../backends/backend.js";
import { checkWeightsFile, initialWeightsFile } from "../ir/initializers.js";

import { toMermaid } from "../diagram/diagram.js";
import { layerDiagram } from "../diagram/layers.js";
import { tokenizedInput } from "../training/data.js";
import { hyperparameterName } from "../training/train-step.js";
import type { Manifest } from "../runtime/model.js";
import type { Limits } from "../spec/limits.js";

export interface PackageOptions {
  /** What the spec may ask for (default DEFAULT_LIMITS). */
  readonly limits?: Limits;
  /** npm package name (default: the model's name in kebab case). */
  readonly name?: string;
  readonly version?: string;
  /** Also write weights.safetensors with the initial parameters from this seed. */
  readonly weightsSeed?: number;
  /** Or write this safetensors file as weights.safetensors (trained or imported weights), checked against the parameters. */
  readonly weightsFile?: { readonly bytes: Uint8Array; readonly path: string };
  /** The optimization level (default 2). */
  readonly opt?: OptLevel;
  /** The backend (default: the first registered, TypeScript). */
  readonly target?: Backend;
  /** Target features the backend may use where available. */
  readonly print?: PrintOptions;
  /** Also compile `gradients`, for the package's computeGradients (it adds a backward pass's code). */
  readonly gradients?: boolean;
}

/** Per graph: ops before and after simplification, kernels without and with fusion, buffer bytes without and with reuse. */
export interface GraphStats {
  readonly batch: number;
  readonly atBatch1: number;
  readonly atBatchSize: number;
  readonly withoutReuse: number;
  readonly opsBefore: number;
  readonly opsAfter: number;
  readonly kernelsUnfused: number;
  readonly kernels: number;
  /** The largest buffers at the batch size. */
  readonly largest: readonly { readonly name: string; readonly bytes: number }[];
  /** Bytes at the batch size of what scans save per step for their gradient (`saved.…` values). */
  readonly savedForBackward: number;
  /** On a device: the dispatches one run makes at the batch size, and the bytes it reads back (its outputs). */
  readonly dispatches?: DispatchCount;
  readonly bytesRead?: number;
}

export interface EmittedFile {
  readonly path: string;
  readonly contents: string | Uint8Array;
}

export interface PackageResult {
  readonly files: EmittedFile[];
  readonly kernels: number;
  /** Per graph (other symbolic dims than the batch taken as 1). */
  readonly arena: Record<string, GraphStats>;
  readonly timings: { phase: string; ms: number }[];
  /** What each pass reported. */
  readonly passes: PassReport[];
}

/** A spec name as an npm package name: lower case, words joined by '-'. */
export function packageName(modelName: string): string {
  const kebab = modelName
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[._-]+|-+$/g, "");
  return kebab || "model";
}

export async function emitPackage(
  spec: Spec,
  options: PackageOptions = {},
): Promise<PackageResult> {
  const timings: { phase: string; ms: number }[] = [];
  const timed = <T>(phase: string, fn: () => T): T => {
    const start = performance.now();
    const result = fn();
    timings.push({ phase, ms: performance.now() - start });
    return result;
  };
  const backend = options.target ?? BACKENDS[0];
  const level = options.opt ?? 2;
  const compilation = timed("build IR", () =>
    specCompilation(spec, { gradients: options.gradients, limits: options.limits }),
  );
  const { module } = compilation;
  const opsIn = (g: string) => module.graph(g).ops.length;
  const opsBefore = Object.fromEntries([...module.graphs.keys()].map((g) => [g, opsIn(g)]));
  const passes = runPipeline(compilation, backend.pipelines[level]);
  for (const r of passes) timings.push({ phase: r.pass, ms: r.ms });
  // The graphs as they were before the autodiff pass appended the training step's backward ops.
  if (opsBefore.train_step !== undefined)
    opsBefore.train_step += passes.find((r) => r.pass === "autodiff")?.stats.ops ?? 0;
  const programs = compilation.programs!;
  const plans = compilation.plans!;
  const planOf = (p: Program) => plans[programs.indexOf(p)];
  const manifest = timed("describe", () => describe(spec, module, backend, programs, planOf));
  const printStart = performance.now();
  const kernelFiles = await backend.print(programs, options.print);
  timings.push({ phase: "print", ms: performance.now() - printStart });
  const sources: Record<string, string> = {
    "model.ts": modelSource(module, manifest, !!backend.device),
    "index.ts": INDEX,
  };
  const binaries: EmittedFile[] = [];
  for (const file of kernelFiles)
    if (typeof file.contents === "string") sources[file.path] = file.contents;
    else binaries.push(file);
  for (const file of ["model.ts", "text.ts", "files.ts", ...backend.runtime])
    sources[`runtime/${file}`] = readFileSync(
      new URL(`../runtime/${file}`, import.meta.url),
      "utf8",
    );
  // The kernel printer indents its own output and the runtime copies are formatted in this
  // repository; prettier takes seconds on a large model's kernels, so only the templated
  // sources go through it.
  const start = performance.now();
  for (const path of ["model.ts", "index.ts"])
    sources[path] = await format(sources[path], { parser: "typescript", printWidth: 100 });
  timings.push({ phase: "format", ms: performance.now() - start });
  const files: EmittedFile[] = timed("compile", () =>
    Object.entries(sources).flatMap(([path, text]) => {
      const base = path.replace(/\.ts$/, "");
      const js = ts.transpileModule(text, {
        compilerOptions: COMPILER_OPTIONS,
        fileName: path,
      }).outputText;
      const dts = ts.transpileDeclaration(text, {
        compilerOptions: COMPILER_OPTIONS,
        fileName: path,
      }).outputText;
      return [
        { path, contents: text },
        { path: `${base}.js`, contents: js },
        { path: `${base}.d.ts`, contents: dts },
      ];
    }),
  );
  files.push(...binaries);
  files.push({ path: "manifest.json", contents: JSON.stringify(manifest, null, 2) + "\n" });
  // The spec travels with its package, so `weft export PKG` knows the model it holds.
  files.push({ path: "model.weft", contents: formatWeft(spec) });

  const name = options.name ?? packageName(module.name);
  files.push({
    path: "package.json",
    contents: packageJson(name, options.version ?? "0.1.0", module.name, "embedded.ts" in sources),
  });
  const shipsWeights = !!options.weightsFile || options.weightsSeed !== undefined;
  files.push({
    path: "README.md",
    contents: readme(name, spec, module, !!backend.device, shipsWeights),
  });
  if (options.weightsFile) {
    checkWeightsFile(module, options.weightsFile.bytes, options.weightsFile.path);
    files.push({ path: "weights.safetensors", contents: options.weightsFile.bytes });
  } else if (options.weightsSeed !== undefined)
    files.push({
      path: "weights.safetensors",
      contents: initialWeightsFile(module, options.weightsSeed),
    });
  const { batchSize } = trainRun(spec);
  const arena = Object.fromEntries(
    programs.map((p) => {
      const bytes = (batch: number, { slotBuffer } = planOf(p)) => {
        const sizes: number[] = [];
        p.slots.forEach((s, i) => {
          const b = slotBuffer[i];
          if (b >= 0) sizes[b] = Math.max(sizes[b] ?? 0, 4 * elementsAt(s.shape, { batch }));
        });
        return sizes.reduce((n, x) => n + Math.ceil(x / 16) * 16, 0);
      };
      const withoutReuse = bytes(batchSize, planWithoutReuse(p));
      const params = new Set(p.params.map((x) => x.slot));
      const { slotBuffer } = planOf(p);
      const buffers = p.slots
        .filter((s) => !params.has(s.id) && slotBuffer[s.id] >= 0)
        .map((s) => ({
          name: s.name,
          bytes: 4 * elementsAt(s.shape, { batch: batchSize }),
        }));
      const largest = [...buffers].sort((a, b) => b.bytes - a.bytes).slice(0, 3);
      const savedForBackward = buffers
        .filter((b) => b.name.startsWith("saved."))
        .reduce((n, b) => n + b.bytes, 0);
      const unfused = kernelCount(lowerGraph(module, p.name).steps);
      const dims = Object.fromEntries(p.symbols.map((s) => [s, s === "batch" ? batchSize : 1]));
      const device = backend.dispatches
        ? {
            dispatches: backend.dispatches(p, dims),
            bytesRead: p.outputs.reduce(
              (n, o) => n + 4 * elementsAt(p.slots[o.slot].shape, { batch: batchSize }),
              0,
            ),
          }
        : {};
      return [
        p.name,
        {
          batch: batchSize,
          atBatch1: bytes(1),
          atBatchSize: bytes(batchSize),
          withoutReuse,
          opsBefore: opsBefore[p.name],
          opsAfter: opsIn(p.name),
          kernelsUnfused: unfused,
          kernels: kernelCount(p.steps),
          largest,
          savedForBackward,
          ...device,
        },
      ];
    }),
  );
  return {
    files,
    kernels: programs.reduce((n, p) => n + kernelCount(p.steps), 0),
    arena,
    timings,
    passes,
  };
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ES2022,
  target: ts.ScriptTarget.ES2022,
  declaration: true,
  strict: true,
};

const INDEX = `export * from "./model.js";\n`;

/** package.json; `embedded`: the backend added an entry point with its binary inlined (`NAME/embedded`). */
function packageJson(name: string, version: string, model: string, embedded: boolean): string {
  const pkg = {
    name,
    version,
    description: `${model}, compiled by weft: predict and train in Node or the browser.`,
    type: "module",
    main: "./index.js",
    types: "./index.d.ts",
    exports: {
      ".": { types: "./index.d.ts", import: "./index.js" },
      ...(embedded ? { "./embedded": { types: "./embedded.d.ts", import: "./embedded.js" } } : {}),
      // Trained or imported weights, where the package holds them.
      "./weights.safetensors": "./weights.safetensors",
    },
    // Top-level code instantiates the kernels; the embedded entry registers their bytes first.
    sideEffects: embedded ? ["./kernels-embedded.js"] : false,
  };
  return JSON.stringify(pkg, null, 2) + "\n";
}

/** The value ranges of integer inputs and targets: token ids below a vocabulary, labels below the classes. */
export function valueRanges(
  spec: Spec,
  module: Module,
): Record<string, { max: number; also?: number }> {
  const out: Record<string, { max: number; also?: number }> = {};
  for (const graph of module.graphs.values()) {
    for (const op of graph.ops) {
      const [first, second] = op.operands;
      if (op.name === "gather" && second && graph.inputs.includes(second)) {
        const size = first.type.shape[op.attrs.axis as number];
        if (typeof size === "number") out[second.name] = { max: size };
      }
      if (op.name === "one_hot" && graph.inputs.includes(first))
        out[first.name] = { max: op.attrs.depth as number };
    }
  }
  const loss = spec.train?.loss;
  if (loss?.kind.text === "cross_entropy") {
    const args = new ArgReader(
      LOSSES.get("cross_entropy")!,
      new Map(loss.args.map((a) => [a.name, a.value])),
    );
    const target = args.string("target");
    if (out[target]) out[target] = { ...out[target], also: args.int("ignore_index") };
  }
  return out;
}

const TYPED: Record<string, string> = { f32: "Float32Array", i32: "Int32Array" };

/** The model as data: its inputs, outputs, targets, parameters and each program's layout. */
function describe(
  spec: Spec,
  module: Module,
  backend: Backend,
  programs: readonly Program[],
  plan: (p: Program) => MemoryPlan,
): Manifest {
  const forward = module.graph("forward");
  const tensors = (
    values: readonly { name: string; type: { dtype: DTypeName; shape: readonly Dim[] } }[],
  ) => values.map((v) => ({ name: v.name, dtype: v.type.dtype, shape: v.type.shape }));
  const layout = (p: Program) => ({
    slots: p.slots.map((s) => ({ dtype: s.dtype, shape: s.shape })),
    slotBuffer: plan(p).slotBuffer,
    inputs: p.inputs,
    params: p.params,
    outputs: p.outputs,
    updates: p.updates,
    symbols: p.symbols,
  });
  const byName = new Map(programs.map((p) => [p.name, p]));
  const optional = (name: string) => {
    const p = byName.get(name);
    return p ? { [name]: layout(p) } : {};
  };
  return {
    format: 1,
    name: module.name,
    target: backend.name,
    inputs: tensors(forward.inputs),
    outputs: forward.outputs.map((o) => ({
      name: o.name!,
      dtype: o.value.type.dtype,
      shape: o.value.type.shape,
    })),
    targets: module.graphs.has("evaluate")
      ? tensors(
          module
            .graph("evaluate")
            .inputs.filter((v) => !forward.inputs.some((i) => i.name === v.name)),
        )
      : [],
    params: [...module.params.values()].map((p) => ({
      name: p.name,
      dtype: p.type.dtype,
      shape: p.type.shape as number[],
      init: p.init,
      trainable: p.trainable,
    })),
    ranges: valueRanges(spec, module),
    defaults: trainRun(spec),
    ...textOf(spec),
    ...hyperparametersOf(module, spec),
    programs: {
      forward: layout(byName.get("forward")!),
      ...optional("evaluate"),
      ...optional("train_step"),
      ...optional("gradients"),
    },
  };
}

type DTypeName = Manifest["inputs"][number]["dtype"];

/** The state variables holding the optimizer's runtime learning rate and weight decay (where it has one). */
function hyperparametersOf(module: Module, spec: Spec): Pick<Manifest, "hyperparameters"> {
  if (!spec.train) return {};
  const [lr, weightDecay] = ["lr", "weight_decay"].map((arg) =>
    hyperparameterName(spec.train!.optimizer.kind.text, arg),
  );
  return {
    hyperparameters: { lr, ...(module.params.has(weightDecay) ? { weightDecay } : {}) },
  };
}

/** The input a spec's tokenizer feeds, and a classifier's output and target (its cross-entropy loss's). */
function textOf(spec: Spec): Pick<Manifest, "text"> {
  const train = spec.train;
  if (!train?.tokenizer) return {};
  const input = tokenizedInput(train.tokenizer, spec.model).name.text;
  if (train.loss.kind.text !== "cross_entropy") return { text: { input } };
  const args = new ArgReader(
    LOSSES.get("cross_entropy")!,
    new Map(train.loss.args.map((a) => [a.name, a.value])),
  );
  return { text: { input, output: args.string("output"), target: args.string("target") } };
}

/**
 * model.ts: the typed API, over the manifest (inlined, so the package needs
 * no JSON import) and the kernels; on a device (WebGPU), createModel
 * resolves to a DeviceModel.
 */
function modelSource(module: Module, manifest: Manifest, device: boolean): string {
  const programs = Object.keys(manifest.programs);
  const withVocabulary = manifest.text ? "{ vocabulary: VOCABULARY, ...options }" : "options";
  const field = (t: { name: string; dtype: string; shape: readonly Dim[] }, shaped: boolean) =>
    `  /** ${t.dtype}[${t.shape.join(", ")}] */\n  ${JSON.stringify(t.name)}: ${TYPED[t.dtype]}${shaped ? ` | Shaped<${TYPED[t.dtype]}>` : ""};`;
  return [
    `// Generated by weft from model ${JSON.stringify(module.name)}. Do not edit.`,
    ...(device
      ? [
          `import type { Manifest, Shaped } from "./runtime/model.js";`,
          `import { createDeviceModel, type DeviceCreateOptions, type DeviceModel } from "./runtime/webgpu.js";`,
          `import { KERNELS } from "./kernels.js";`,
        ]
      : [
          `import { createModelFrom, type CreateOptions, type Manifest, type Model, type Shaped } from "./runtime/model.js";`,
          `import { memory, ${programs.map((p) => `run_${p}`).join(", ")} } from "./kernels.js";`,
        ]),
    ...(manifest.text ? ['import { loadVocabulary } from "./runtime/text.js";'] : []),
    "",
    'export type { CreateOptions, FitOptions, GenerateOptions, Gradients, History, LoadOptions, Manifest, Model, ModelDescription, Shaped, StepResult, TextPrediction } from "./runtime/model.js";',
    ...(device
      ? ['export type { DeviceCreateOptions, DeviceModel } from "./runtime/webgpu.js";']
      : []),
    "",
    "/** The model's inputs: a typed array each, its length a multiple of the per-example size. */",
    `export interface Inputs {\n${manifest.inputs.map((t) => field(t, true)).join("\n")}\n}`,
    "",
    "/** The model's outputs. */",
    `export interface Outputs {\n${manifest.outputs.map((t) => field(t, false)).join("\n")}\n}`,
    "",
    "/** What a training step needs besides the inputs. */",
    `export interface Targets {\n${manifest.targets.map((t) => field(t, true)).join("\n")}\n}`,
    "",
    "/** The model's description, as manifest.json holds it. */",
    // Parsed, not written as an object literal: a name such as `__proto__` stays a key.
    `export const manifest: Manifest = JSON.parse(${JSON.stringify(JSON.stringify(manifest))}) as Manifest;`,
    "",
    ...(device
      ? []
      : [`const KERNELS = { ${programs.map((p) => `${p}: run_${p}`).join(", ")} };`, ""]),
    ...(manifest.text
      ? [
          "/** The vocabulary and label names `weft train` wrote beside the package's code, if it did. */",
          'const VOCABULARY = await loadVocabulary(new URL("./vocab.json", import.meta.url));',
          "",
        ]
      : []),
    "/** A new model: parameters initialised from the seed as the spec says, or loaded from safetensors bytes. */",
    ...(device
      ? [
          "export function createModel(options: DeviceCreateOptions = {}): Promise<DeviceModel<Inputs, Outputs, Targets>> {",
          `  return createDeviceModel<Inputs, Outputs, Targets>(manifest, KERNELS, ${withVocabulary});`,
        ]
      : [
          "export function createModel(options: CreateOptions = {}): Model<Inputs, Outputs, Targets> {",
          `  return createModelFrom<Inputs, Outputs, Targets>(manifest, KERNELS, ${withVocabulary}, memory);`,
        ]),
    "}",
    "",
  ].join("\n");
}

function readme(
  name: string,
  spec: Spec,
  module: Module,
  device: boolean,
  shipsWeights: boolean,
): string {
  const forward = module.graph("forward");
  const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const params = [...module.params.values()].filter((p) => p.trainable);
  const total = params.reduce(
    (n, p) => n + p.type.shape.reduce<number>((a, d) => a * (d as number), 1),
    0,
  );
  const first = forward.inputs[0];
  const example = first
    ? `{ ${first.name === "__proto__" ? '["__proto__"]' : JSON.stringify(first.name)}: new ${TYPED[first.type.dtype]}(${first.type.shape.map((d) => (typeof d === "number" ? d : 1)).reduce((a, b) => a * b, 1)}) }`
    : "{}";
  return [
    `# ${name}`,
    "",
    `The model \`${module.name}\`, compiled by weft into a package with no dependencies. It predicts${spec.train ? " and trains" : ""} in Node and in the browser.`,
    "",
    "## The model",
    "",
    "```mermaid",
    toMermaid(layerDiagram(spec, { collapse: true })).trimEnd(),
    "```",
    "",
    "## Inputs",
    "",
    row(["name", "type"]),
    row(["---", "---"]),
    ...forward.inputs.map((v) => row([`\`${v.name}\``, `\`${formatType(v.type)}\``])),
    "",
    "## Outputs",
    "",
    row(["name", "type"]),
    row(["---", "---"]),
    ...forward.outputs.map((o) => row([`\`${o.name}\``, `\`${formatType(o.value.type)}\``])),
    "",
    `## Parameters (${total.toLocaleString("en-US")})`,
    "",
    row(["name", "shape"]),
    row(["---", "---"]),
    ...params.map((p) =>
      row([`\`${p.name.replace(/[`|]/g, "_")}\``, `[${p.type.shape.join(", ")}]`]),
    ),
    "",
    "## Usage",
    "",
    "```js",
    ...(shipsWeights ? ['import { readFileSync } from "node:fs";'] : []),
    `import { createModel } from "${name}";`,
    "",
    ...(shipsWeights
      ? [
          "// Its weights.safetensors, as bytes: readFileSync in Node, (await fetch(url)).arrayBuffer() in a page.",
          'const weights = readFileSync(new URL(import.meta.resolve("' +
            name +
            '/weights.safetensors")));',
        ]
      : []),
    ...(device
      ? ["// On WebGPU: a device from navigator.gpu, or pass createModel({ device })."]
      : []),
    `const model = ${device ? "await " : ""}createModel(${shipsWeights ? "{ weights }" : "{ seed: 0 }"});`,
    `const outputs = ${device ? "await " : ""}model.predict(${example});`,
    ...(spec.train
      ? [
          `// ${device ? "await " : ""}model.trainStep({ ...inputs, ...targets }), model.fit(data, { epochs }), model.saveWeights()`,
        ]
      : []),
    "```",
    "",
  ].join("\n");
}
