/**
 * The runtime of a generated package: what every compiled model shares. A
 * package carries a copy of this file next to its kernels; the generated
 * model.ts passes `createModelFrom` the model's manifest (its inputs, outputs,
 * parameters and each program's slot layout, as data: manifest.json) and the
 * kernels. It imports only ./numerics.js and ./text.js.
 *
 * Buffers are views of one arena, allocated once per batch size and kept, so a
 * training step or a prediction allocates nothing but its results. Arenas and
 * parameters are reserved from a TensorMemory: plain ArrayBuffers, or the
 * memory of the backend's module, where its programs read them in place. Everything a caller passes is
 * checked before it touches a buffer; a bad call throws an Error naming what
 * is wrong and changes nothing.
 */
import { initialValues } from "./numerics.js";
import { Tokenizer, type Vocabulary } from "./text.js";

export type DType = "f32" | "i32";
export type Dim = number | string;
export type Slots = (Float32Array | Int32Array)[];
export type Data = Float32Array | Int32Array;

export interface TensorSpec {
  readonly name: string;
  readonly dtype: DType;
  readonly shape: readonly Dim[];
}

export interface ParamSpec {
  readonly name: string;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly init: { readonly kind: string; readonly attrs: Readonly<Record<string, unknown>> };
  readonly trainable: boolean;
}

/** A program's layout, as the package's manifest gives it. */
export interface ProgramLayout {
  readonly slots: readonly { readonly dtype: DType; readonly shape: readonly Dim[] }[];
  /** The memory plan: each slot's buffer in the arena, -1 for parameters (src/kernel/memory.ts). */
  readonly slotBuffer: readonly number[];
  readonly inputs: readonly { readonly name: string; readonly slot: number }[];
  readonly params: readonly { readonly name: string; readonly slot: number }[];
  readonly outputs: readonly { readonly name: string; readonly slot: number }[];
  readonly updates: readonly { readonly name: string; readonly slot: number }[];
  /** The symbolic dims, bound from the inputs at run time. */
  readonly symbols: readonly string[];
}

/**
 * A program's compiled form: runs it over the slots with the symbolic dims'
 * values. A device's programs (WebGPU) resolve once the outputs are back in
 * their slots.
 */
export type RunFn = (slots: Slots, dims: Record<string, number>) => void | Promise<void>;

/**
 * The model's description, as data (the package's manifest.json): what the
 * runtime needs besides the kernels.
 */
export interface Manifest {
  readonly format: 1;
  readonly name: string;
  /** The backend that compiled the kernels. */
  readonly target: string;
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
  readonly targets: readonly TensorSpec[];
  /** Parameters under their PyTorch names; the untrainable ones are optimizer state and the step. */
  readonly params: readonly ParamSpec[];
  /** Integer inputs and targets: the values allowed are [0, max), and `also` (an ignored label). */
  readonly ranges: Readonly<Record<string, { readonly max: number; readonly also?: number }>>;
  readonly defaults: { readonly batchSize: number; readonly epochs: number; readonly seed: number };
  /** The state variables that hold the optimizer's learning rate and weight decay, by name. */
  readonly hyperparameters?: { readonly lr: string; readonly weightDecay?: string };
  /** The input a tokenizer feeds, and for a classifier the output and target its labels name. */
  readonly text?: { readonly input: string; readonly output?: string; readonly target?: string };
  readonly programs: {
    readonly forward: ProgramLayout;
    readonly evaluate?: ProgramLayout;
    readonly train_step?: ProgramLayout;
    /** With `weft compile --gradients`: the loss and every parameter's gradient. */
    readonly gradients?: ProgramLayout;
  };
}

interface ProgramSpec extends ProgramLayout {
  readonly run: RunFn;
}

interface ModelSpec extends Omit<Manifest, "programs"> {
  readonly forward: ProgramSpec;
  readonly trainStep?: ProgramSpec;
  readonly evaluate?: ProgramSpec;
  readonly gradients?: ProgramSpec;
}

/** A value with symbolic dims besides the batch (a sequence length) is passed with its shape. */
export interface Shaped<T extends Data> {
  readonly data: T;
  readonly shape: readonly number[];
}

export interface CreateOptions {
  /** Seeds the initial parameters and fit's shuffling (default: the spec's seed). */
  readonly seed?: number;
  /** Parameters (and optionally optimizer state) as safetensors bytes. */
  readonly weights?: Uint8Array | ArrayBuffer;
  /** The tokenizer's vocabulary and the label names (vocab.json; a trained package loads its own). */
  readonly vocabulary?: Vocabulary;
}

/** A classifier's prediction for one text: the most likely label, and every label's probability. */
export interface TextPrediction {
  readonly label: string;
  readonly probabilities: Readonly<Record<string, number>>;
}

/** The loss of a batch and every parameter's gradient, by name. */
export interface Gradients {
  readonly loss: number;
  readonly gradients: Record<string, Float32Array>;
}

export interface StepResult {
  readonly loss: number;
  /** With the accuracy metric: correct predictions and predictions counted. */
  readonly correct?: number;
  readonly count?: number;
}

export interface FitOptions<B = Record<string, unknown>> {
  readonly epochs?: number;
  /** The epoch to start from (0-based): a run resumed after `initialEpoch` epochs shuffles as the whole run does. */
  readonly initialEpoch?: number;
  readonly batchSize?: number;
  readonly shuffle?: boolean;
  /** Seeds the order of each epoch (default: the seed the model was created with). */
  readonly seed?: number;
  /** Evaluated after each epoch; its loss and accuracy go to onEpoch and the history. */
  readonly validation?: Dataset<B>;
  readonly onBatch?: (info: {
    epoch: number;
    batch: number;
    loss: number;
    examples: number;
  }) => void;
  /** Awaited before the next epoch starts. */
  readonly onEpoch?: (info: EpochInfo) => void | Promise<void>;
  /** Stops after the current step; fit then rejects. */
  readonly signal?: AbortSignal;
}

export interface EpochInfo {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy?: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
}

export interface History {
  readonly loss: number[];
  readonly accuracy: number[];
  readonly valLoss: number[];
  readonly valAccuracy: number[];
}

/**
 * Whole data sets by field name (cut into batches, shuffled each epoch), or
 * batches: an array, an iterable or async iterable, or a function that
 * returns one afresh for each epoch (a generator function).
 */
export type Dataset<B> =
  B | Iterable<B> | AsyncIterable<B> | (() => Iterable<B> | AsyncIterable<B>);

export interface Model<I, O, T> {
  readonly name: string;
  predict(inputs: I): O;
  predictAsync(inputs: I): Promise<O>;
  trainStep(batch: I & T): StepResult;
  trainStepAsync(batch: I & T): Promise<StepResult>;
  fit(data: Dataset<I & T>, options?: FitOptions<I & T>): Promise<History>;
  evaluate(
    data: Dataset<I & T>,
    options?: { batchSize?: number },
  ): Promise<{ loss: number; accuracy?: number }>;
  /** The parameters by their PyTorch-compatible names (copies). */
  getWeights(): Record<string, Float32Array>;
  setWeights(weights: Record<string, Float32Array>): void;
  /** safetensors bytes; with `optimizer`, the optimizer state and step count too, so training resumes exactly. */
  saveWeights(options?: { optimizer?: boolean }): Uint8Array;
  /** safetensors bytes (PyTorch's), each tensor's shape checked exactly; see LoadOptions. */
  loadWeights(bytes: Uint8Array | ArrayBuffer, options?: LoadOptions): void;
  /**
   * The loss of a batch and the gradient of every parameter (PyTorch's .grad
   * after backward(), under the same names), applying nothing: the model's
   * state is as it was. Needs a package compiled with `--gradients`.
   */
  computeGradients(batch: I & T): Gradients;
  /** The optimizer's state as a fresh optimizer has it, for training loaded weights afresh. */
  resetOptimizer(): void;
  /** The model's inputs, outputs and targets, its parameters, and its optimizer with its hyperparameters. */
  describe(): ModelDescription;
  /**
   * The optimizer's learning rate (before a schedule scales it) and weight
   * decay: the spec's until set; saved with the optimizer's state. (A spec
   * without weight decay compiles without it: setting it then throws.)
   */
  learningRate: number;
  weightDecay: number;
  /** The vocabulary and label names the model was given, if any. */
  readonly vocabulary?: Vocabulary;
  /** Text as the ids the tokenized input takes: one row of its length per text. */
  encode(text: string | readonly string[]): Int32Array;
  /** A text classifier's label probabilities, one per text. */
  predictText(text: string | readonly string[]): TextPrediction[];
  /** A next-token model's continuation of the prompt: sampled token by token, the prompt left out. */
  generate(prompt: string, options?: GenerateOptions): string;
}

export interface LoadOptions {
  /** Every trainable parameter must be given and every tensor known (default true), as PyTorch's load_state_dict. */
  readonly strict?: boolean;
  /** The file's names to the model's: a map, or a function (undefined leaves the tensor out). */
  readonly rename?: Readonly<Record<string, string>> | ((name: string) => string | undefined);
  /** Loads only these tensors (by the model's name; a name ending in "." is a prefix), or those a predicate takes; the rest stay. */
  readonly only?: readonly string[] | ((name: string) => boolean);
}

export interface ModelDescription {
  readonly name: string;
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
  readonly targets: readonly TensorSpec[];
  readonly parameters: readonly { name: string; dtype: DType; shape: readonly number[] }[];
  readonly optimizer?: { name: string; learningRate: number; weightDecay?: number };
}

export interface GenerateOptions {
  /** Tokens to add (default 100). */
  readonly maxTokens?: number;
  /** Divides the logits: below 1 sharper, above 1 flatter; 0 takes the most likely token (default 1). */
  readonly temperature?: number;
  /** Samples among the k most likely tokens only (default: all). */
  readonly topK?: number;
  /** Seeds the sampling (default 0): the same seed gives the same text. */
  readonly seed?: number;
}

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const ARRAY: Record<DType, string> = { f32: "a Float32Array", i32: "an Int32Array" };

/** A region of a model's memory: `bytes` at `offset` of a buffer. */
export interface Region {
  readonly offset: number;
  readonly bytes: number;
  /** The buffer the region lies in now (a backend's memory may move when it grows). */
  buffer(): ArrayBuffer;
}

/**
 * Where a model's parameters and arenas live: by default an ArrayBuffer
 * each; a backend with memory of its own (a WebAssembly module's) provides
 * this, so its programs run on the tensors where they are. Reserving may
 * move every earlier region (views of the old buffer detach), so the model
 * makes its views again after each reservation.
 */
export interface TensorMemory {
  reserve(bytes: number): Region;
  /**
   * A device's memory (WebGPU): the regions here are the host's copies, the
   * programs apply a training step's updates on the device themselves, and
   * the parameters here are current only after the device's are read back.
   */
  readonly device?: boolean;
}

const HEAP: TensorMemory = {
  reserve(bytes) {
    const buffer = new ArrayBuffer(bytes);
    return { offset: 0, bytes, buffer: () => buffer };
  },
};

/** How many shapes a model keeps the slot layouts of (their views; the memory is one region). */
export const LAYOUTS = 16;

/** 16-byte aligned sizes laid out one after another: each one's offset, and the total. */
function layOut(sizes: readonly number[]): { offsets: number[]; total: number } {
  let total = 0;
  const offsets = sizes.map((n) => {
    const at = total;
    total += Math.ceil(n / 16) * 16;
    return at;
  });
  return { offsets, total };
}

/** A model from its manifest and its kernels (each program's run function by name). */
export function createModelFrom<I, O, T>(
  manifest: Manifest,
  kernels: Readonly<Record<string, RunFn>>,
  options: CreateOptions = {},
  memory: TensorMemory = HEAP,
): Model<I, O, T> {
  const { programs, ...rest } = manifest;
  const program = (name: keyof Manifest["programs"]): ProgramSpec | undefined => {
    const layout = programs[name];
    return layout && { ...layout, run: kernels[name] };
  };
  const spec: ModelSpec = {
    ...rest,
    forward: program("forward")!,
    evaluate: program("evaluate"),
    trainStep: program("train_step"),
    gradients: program("gradients"),
  };
  return new CompiledModel(spec, options, memory) as unknown as Model<I, O, T>;
}

/** Where a typed array lies in a region, to make its view again. */
interface Placed {
  readonly dtype: DType;
  readonly region: Region;
  readonly offset: number;
  readonly length: number;
}

const view = ({ dtype, region, offset, length }: Placed): Data =>
  dtype === "i32"
    ? new Int32Array(region.buffer(), region.offset + offset, length)
    : new Float32Array(region.buffer(), region.offset + offset, length);

class CompiledModel {
  readonly name: string;
  /** The parameters' views, made again whenever the memory may have moved. */
  private readonly values = new Map<string, Data>();
  private readonly placedParams = new Map<string, Placed>();
  /** Each program's slots per set of dims: where they lie, and their views. */
  /**
   * One region for every program's intermediate tensors (calls run one at a
   * time, and return copies), and the slot layouts of the last LAYOUTS
   * shapes the model ran at, most recent last. A layout that does not fit
   * the region replaces it with one at least twice as large, so memory stays
   * within twice what the largest call needs however many shapes it sees.
   */
  private arena?: Region;
  private readonly layouts = new Map<string, { placed: Placed[]; slots: Slots }>();
  /** The key of the layout used last (the map's last entry). */
  private lastLayout?: string;
  /** The regions the views lie in, and the buffer each lay in when they were made. */
  private regions: Region[] = [];
  private viewed: ArrayBuffer[] = [];
  /** Seeds fit's shuffling unless fit is given a seed. */
  private readonly seed: number;
  readonly vocabulary?: Vocabulary;
  private readonly tokenizer?: Tokenizer;

  constructor(
    private readonly spec: ModelSpec,
    options: CreateOptions,
    private readonly memory: TensorMemory,
  ) {
    this.name = spec.name;
    const { offsets, total } = layOut(spec.params.map((p) => 4 * sizeOf(p.shape)));
    const region = memory.reserve(total);
    spec.params.forEach((p, i) =>
      this.placedParams.set(p.name, {
        dtype: p.dtype,
        region,
        offset: offsets[i],
        length: sizeOf(p.shape),
      }),
    );
    this.refresh();
    const seed = integerOption(options.seed, "createModel: seed", spec.defaults.seed, 0, SEED_MAX);
    this.seed = seed;
    this.vocabulary = options.vocabulary;
    const { tokenizer, tokens } = options.vocabulary ?? {};
    if (tokenizer && tokens) this.tokenizer = new Tokenizer(tokenizer, tokens);
    for (const p of spec.params)
      this.values.get(p.name)!.set(initialValues(p.init.kind, p.init.attrs, p.shape, seed, p.name));
    if (options.weights) this.loadWeights(options.weights);
  }

  /** Makes every view again: after a reservation, earlier views may be of a buffer that moved. */
  private refresh(): void {
    for (const [name, placed] of this.placedParams) this.values.set(name, view(placed));
    for (const layout of this.layouts.values())
      layout.placed.forEach((placed, i) => (layout.slots[i] = view(placed)));
    this.regions = [...new Set([...this.placedParams.values()].map((p) => p.region))];
    if (this.arena) this.regions.push(this.arena);
    this.viewed = this.regions.map((r) => r.buffer());
  }

  /**
   * Makes the views again if a region's buffer moved since they were made:
   * another model sharing this memory (the same WebAssembly module) may have
   * reserved, and grown it, since this one last ran.
   */
  private current(): void {
    for (let i = 0; i < this.regions.length; i++)
      if (this.regions[i].buffer() !== this.viewed[i]) return this.refresh();
  }

  // -------------------------------------------------------------------------
  // Running programs

  /**
   * Checks the fields a program takes and binds the symbolic dims: the batch
   * from each field's length, other symbols from `{ data, shape }` fields.
   * With `finite` (training), float fields must hold finite numbers only.
   */
  private bind(
    fields: readonly TensorSpec[],
    given: Record<string, unknown>,
    finite = false,
  ): { data: Map<string, Data>; dims: Record<string, number> } {
    if (typeof given !== "object" || given === null)
      throw new Error(`expected an object with fields ${fields.map((f) => f.name).join(", ")}`);
    const known = fields.map((f) => f.name);
    for (const name of Object.keys(given)) {
      if (!known.includes(name))
        throw new Error(`unknown field '${name}' (expected ${known.join(", ")})`);
    }
    // A Map, so that a dim may be named `constructor` or `__proto__`; an object of own properties out.
    const dims = new Map<string, number>();
    const data = new Map<string, Data>();
    for (const f of fields) {
      // Own fields only: `constructor` or `__proto__` may be a field's name.
      const value = (Object.hasOwn(given, f.name) ? given[f.name] : undefined) as
        Data | Shaped<Data> | undefined;
      if (value === undefined)
        throw new Error(`missing field '${f.name}' (${f.dtype}[${f.shape.join(", ")}])`);
      const shaped = typeof value === "object" && value !== null && "data" in value;
      const array = shaped ? (value as Shaped<Data>).data : value;
      const want = f.dtype === "f32" ? Float32Array : Int32Array;
      if (!(array instanceof want))
        throw new Error(`field '${f.name}' must be ${ARRAY[f.dtype]}, got ${describe(array)}`);
      let shape: number[];
      if (ArrayBuffer.isView(value)) {
        const symbols = f.shape.filter((d) => typeof d === "string");
        if (symbols.length > 1 || (symbols.length === 1 && f.shape[0] !== symbols[0])) {
          throw new Error(
            `field '${f.name}' has symbolic dims ${symbols.join(", ")}: pass it as { data, shape }`,
          );
        }
        const perExample = sizeOf(f.shape.map((d) => (typeof d === "number" ? d : 1)));
        if (array.length % perExample !== 0 || array.length === 0) {
          throw new Error(
            `field '${f.name}' has ${array.length} values, not a positive multiple of ${perExample} (${f.dtype}[${f.shape.join(", ")}])`,
          );
        }
        shape = f.shape.map((d) => (typeof d === "number" ? d : array.length / perExample));
      } else {
        const given = (value as Shaped<Data>).shape;
        if (!Array.isArray(given) || !given.every((d) => Number.isInteger(d) && d >= 1))
          throw new Error(
            `field '${f.name}': shape ${JSON.stringify(given)} is not a list of integers of at least 1`,
          );
        shape = [...given];
        if (shape.length !== f.shape.length || sizeOf(shape) !== array.length) {
          throw new Error(
            `field '${f.name}': shape [${shape.join(", ")}] does not fit ${array.length} values of ${f.dtype}[${f.shape.join(", ")}]`,
          );
        }
      }
      f.shape.forEach((d, i) => {
        if (typeof d === "number") {
          if (shape[i] !== d)
            throw new Error(`field '${f.name}': dim ${i} must be ${d}, got ${shape[i]}`);
        } else if (!dims.has(d)) dims.set(d, shape[i]);
        else if (dims.get(d) !== shape[i])
          throw new Error(
            `field '${f.name}': ${d} is ${shape[i]}, but ${dims.get(d)} in another field`,
          );
      });
      const range = Object.hasOwn(this.spec.ranges, f.name) ? this.spec.ranges[f.name] : undefined;
      if (range) {
        for (let i = 0; i < array.length; i++) {
          const x = array[i];
          if (!(x >= 0 && x < range.max) && x !== range.also) {
            throw new Error(
              `field '${f.name}': value ${x} at index ${i} is outside [0, ${range.max})`,
            );
          }
        }
      }
      // Training on NaN or Infinity would make every weight non-finite, for good.
      if (finite && array instanceof Float32Array)
        for (let i = 0; i < array.length; i++)
          if (!Number.isFinite(array[i]))
            throw new Error(
              `field '${f.name}': value ${array[i]} at index ${i} is not finite; training takes finite numbers only`,
            );
      data.set(f.name, array);
    }
    return { data, dims: Object.fromEntries(dims) };
  }

  /**
   * The program's slots for these dims: views of one arena, laid out by the
   * memory plan and made once per batch size; parameter slots are the
   * parameters themselves.
   */
  private slots(program: ProgramSpec, key: string, dims: Record<string, number>): Slots {
    this.current();
    const cacheKey = `${key} ${JSON.stringify(dims)}`;
    let layout = this.layouts.get(cacheKey);
    if (layout) {
      // Most recent last; a model called at one shape over and over skips the reordering.
      if (cacheKey !== this.lastLayout) {
        this.layouts.delete(cacheKey);
        this.layouts.set(cacheKey, layout);
      }
    } else {
      const dim = (d: Dim) =>
        typeof d === "number"
          ? d
          : d.split("*").reduce((n, f) => n * (/^\d+$/.test(f) ? Number(f) : dims[f]), 1);
      const lengths = program.slots.map((s) => sizeOf(s.shape.map(dim)));
      const bytes: number[] = [];
      program.slotBuffer.forEach(
        (b, i) => b >= 0 && (bytes[b] = Math.max(bytes[b] ?? 0, 4 * lengths[i])),
      );
      const { offsets, total } = layOut(Array.from(bytes, (n) => n ?? 0));
      if (!this.arena || this.arena.bytes < total) {
        this.arena = this.memory.reserve(Math.max(total, 2 * (this.arena?.bytes ?? 0)));
        // Every layout was of the region that is gone.
        this.layouts.clear();
        this.refresh();
      }
      const region = this.arena;
      // A slot without a buffer (a parameter's, or one the fused program does not use) is empty.
      const placed = program.slots.map((s, i): Placed => {
        const b = program.slotBuffer[i];
        return {
          dtype: s.dtype,
          region,
          offset: b >= 0 ? offsets[b] : 0,
          length: b >= 0 ? lengths[i] : 0,
        };
      });
      layout = { placed, slots: placed.map(view) };
      if (this.layouts.size >= LAYOUTS) this.layouts.delete(this.layouts.keys().next().value!);
      this.layouts.set(cacheKey, layout);
    }
    this.lastLayout = cacheKey;
    const slots = layout.slots;
    for (const p of program.params) slots[p.slot] = this.values.get(p.name)!;
    return slots;
  }

  /** A program's slots with the checked fields copied in, its dims, and the batch size. */
  private prepare(
    program: ProgramSpec,
    key: string,
    fields: readonly TensorSpec[],
    given: Record<string, unknown>,
    finite: boolean,
  ): { slots: Slots; dims: Record<string, number>; batch: number } {
    const { data, dims } = this.bind(fields, given, finite);
    const slots = this.slots(program, key, dims);
    for (const input of program.inputs) slots[input.slot].set(data.get(input.name)!);
    return { slots, dims, batch: dims[String(this.spec.inputs[0]?.shape[0])] ?? 1 };
  }

  /** Runs a program on checked fields; returns its slots and the batch size. */
  private execute(
    program: ProgramSpec,
    key: string,
    fields: readonly TensorSpec[],
    given: Record<string, unknown>,
    finite = false,
  ): { slots: Slots; batch: number } {
    const run = this.prepare(program, key, fields, given, finite);
    if (program.run(run.slots, { ...run.dims }) !== undefined)
      throw new Error(`model ${this.name} runs on a device: call its methods with await`);
    return run;
  }

  /** As execute, for programs that may run on a device: resolves when the outputs are back. */
  private async executeAsync(
    program: ProgramSpec,
    key: string,
    fields: readonly TensorSpec[],
    given: Record<string, unknown>,
    finite = false,
  ): Promise<{ slots: Slots; batch: number }> {
    const run = this.prepare(program, key, fields, given, finite);
    await program.run(run.slots, { ...run.dims });
    return run;
  }

  private outputs(program: ProgramSpec, slots: Slots): Record<string, Data> {
    return Object.fromEntries(program.outputs.map((o) => [o.name, slots[o.slot].slice()]));
  }

  predict(inputs: Record<string, unknown>): Record<string, Data> {
    const program = this.spec.forward;
    return this.outputs(program, this.execute(program, "forward", this.spec.inputs, inputs).slots);
  }

  /** The prediction after the caller's code runs on: its promise returns at once, the step runs as a task of its own. */
  async predictAsync(inputs: Record<string, unknown>): Promise<Record<string, Data>> {
    await nextTask();
    const program = this.spec.forward;
    const run = await this.executeAsync(program, "forward", this.spec.inputs, inputs);
    return this.outputs(program, run.slots);
  }

  private training(): ProgramSpec {
    if (!this.spec.trainStep)
      throw new Error(`model ${this.name} has no train section, so it cannot be trained`);
    return this.spec.trainStep;
  }

  trainStep(batch: Record<string, unknown>): StepResult {
    return this.train(batch).result;
  }

  private train(batch: Record<string, unknown>): { result: StepResult; batch: number } {
    const program = this.training();
    const fields = [...this.spec.inputs, ...this.spec.targets];
    return this.trained(program, this.execute(program, "train", fields, batch, true));
  }

  private async trainAsync(
    batch: Record<string, unknown>,
  ): Promise<{ result: StepResult; batch: number }> {
    const program = this.training();
    const fields = [...this.spec.inputs, ...this.spec.targets];
    return this.trained(program, await this.executeAsync(program, "train", fields, batch, true));
  }

  /** A step's updates applied (a device's programs apply their own) and its metrics. */
  private trained(
    program: ProgramSpec,
    run: { slots: Slots; batch: number },
  ): { result: StepResult; batch: number } {
    if (!this.memory.device)
      for (const u of program.updates) {
        const value = this.values.get(u.name)!;
        // An update written in place (at -O2) already is the value.
        if (run.slots[u.slot] !== value) value.set(run.slots[u.slot]);
      }
    return { result: this.metrics(program, run.slots), batch: run.batch };
  }

  /** As predictAsync: the step runs as a task of its own, after the call returns its promise. */
  async trainStepAsync(batch: Record<string, unknown>): Promise<StepResult> {
    await nextTask();
    return (await this.trainAsync(batch)).result;
  }

  private metrics(program: ProgramSpec, slots: Slots): StepResult {
    const read = (name: string) => {
      const o = program.outputs.find((x) => x.name === name);
      return o ? slots[o.slot][0] : undefined;
    };
    const correct = read("correct");
    return correct === undefined
      ? { loss: read("loss")! }
      : { loss: read("loss")!, correct, count: read("count") };
  }

  // -------------------------------------------------------------------------
  // Data sets

  /**
   * Batches of a data set: whole arrays are cut (and shuffled) into batches;
   * iterables are taken as they come, and a function is called for a fresh
   * iterable each time.
   */
  /** `finite`: training, whose inputs must be finite — whole data sets are checked before the first step. */
  private async *batches(
    data: unknown,
    batchSize: number,
    order: ((n: number) => Uint32Array) | undefined,
    finite = false,
  ): AsyncGenerator<Record<string, unknown>> {
    const fields = [...this.spec.inputs, ...this.spec.targets];
    const source = typeof data === "function" ? (data as () => unknown)() : data;
    if (
      source &&
      typeof source === "object" &&
      (Symbol.iterator in source || Symbol.asyncIterator in source) &&
      !ArrayBuffer.isView(source)
    ) {
      for await (const batch of source as AsyncIterable<Record<string, unknown>>) yield batch;
      return;
    }
    const record = source as Record<string, Data>;
    const { data: arrays, dims } = this.bind(fields, record, finite);
    const n = dims[String(fields[0].shape[0])];
    if (typeof fields[0].shape[0] !== "string" || n === undefined)
      throw new Error("whole data sets need a leading batch dim");
    const picks = order ? order(n) : Uint32Array.from({ length: n }, (_, i) => i);
    for (let start = 0; start < n; start += batchSize) {
      const picked = picks.subarray(start, start + batchSize);
      yield Object.fromEntries(
        fields.map((f) => [f.name, pickRows(arrays.get(f.name)!, n, picked)]),
      );
    }
  }

  async fit(data: unknown, options: FitOptions = {}): Promise<History> {
    this.training();
    const history: History = { loss: [], accuracy: [], valLoss: [], valAccuracy: [] };
    const epochs = integerOption(options.epochs, "fit: epochs", this.spec.defaults.epochs, 0);
    const batchSize = integerOption(
      options.batchSize,
      "fit: batchSize",
      this.spec.defaults.batchSize,
      1,
    );
    const seed = integerOption(options.seed, "fit: seed", this.seed, 0, SEED_MAX);
    integerOption(options.initialEpoch, "fit: initialEpoch", 0, 0, epochs);
    if (options.shuffle !== undefined && typeof options.shuffle !== "boolean")
      throw new Error(`fit: shuffle must be true or false, got ${String(options.shuffle)}`);
    let yielded = performance.now();
    for (let epoch = options.initialEpoch ?? 0; epoch < epochs; epoch++) {
      const totals = new Totals();
      let index = 0;
      const order = options.shuffle === false ? undefined : (n: number) => shuffled(n, seed, epoch);
      for await (const batch of this.batches(data, batchSize, order, true)) {
        if (options.signal?.aborted) throw new Error("fit was aborted");
        const step = await this.trainAsync(batch);
        totals.add(step.result, step.batch);
        options.onBatch?.({ epoch, batch: index, loss: step.result.loss, examples: step.batch });
        index++;
        // Let timers and UI events run, a few times a second rather than after every step.
        if (performance.now() - yielded > YIELD_MS) {
          await nextTask();
          yielded = performance.now();
        }
      }
      if (index === 0)
        throw new Error(
          `fit: epoch ${epoch + 1} got no batches${epoch > (options.initialEpoch ?? 0) ? ": the data is an iterator the first epoch used up; pass arrays, an array of batches, or a function that returns a fresh iterable" : ""}`,
        );
      const summary = totals.summary();
      history.loss.push(summary.loss);
      if (summary.accuracy !== undefined) history.accuracy.push(summary.accuracy);
      let info: EpochInfo = { epoch, ...summary };
      if (options.validation !== undefined) {
        const v = await this.evaluate(options.validation, { batchSize });
        history.valLoss.push(v.loss);
        if (v.accuracy !== undefined) history.valAccuracy.push(v.accuracy);
        info = {
          ...info,
          valLoss: v.loss,
          ...(v.accuracy !== undefined ? { valAccuracy: v.accuracy } : {}),
        };
      }
      await options.onEpoch?.(info);
    }
    return history;
  }

  async evaluate(
    data: unknown,
    options: { batchSize?: number } = {},
  ): Promise<{ loss: number; accuracy?: number }> {
    const program = this.spec.evaluate;
    if (!program)
      throw new Error(`model ${this.name} has no train section, so it has no loss to evaluate`);
    const totals = new Totals();
    const fields = [...this.spec.inputs, ...this.spec.targets];
    const batchSize = integerOption(
      options.batchSize,
      "evaluate: batchSize",
      this.spec.defaults.batchSize,
      1,
    );
    let batches = 0;
    for await (const batch of this.batches(data, batchSize, undefined)) {
      const run = await this.executeAsync(program, "evaluate", fields, batch);
      totals.add(this.metrics(program, run.slots), run.batch);
      batches++;
    }
    if (batches === 0) throw new Error("evaluate: the data holds no batches");
    return totals.summary();
  }

  // -------------------------------------------------------------------------
  // Hyperparameters

  private hyperparameter(key: "lr" | "weightDecay", value?: number): number {
    this.training();
    this.current();
    const name = this.spec.hyperparameters![key];
    if (!name)
      throw new Error(
        `model ${this.name} was compiled without weight decay; give its optimizer weight_decay in the spec to set it at run time`,
      );
    const held = this.values.get(name)!;
    if (value !== undefined) {
      const what = key === "lr" ? "learningRate" : "weightDecay";
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
        throw new Error(`${what} must be a finite number of at least 0, got ${String(value)}`);
      held[0] = value;
    }
    return held[0];
  }

  get learningRate(): number {
    return this.hyperparameter("lr");
  }

  set learningRate(value: number) {
    this.hyperparameter("lr", value);
  }

  get weightDecay(): number {
    return this.hyperparameter("weightDecay");
  }

  set weightDecay(value: number) {
    this.hyperparameter("weightDecay", value);
  }

  // -------------------------------------------------------------------------
  // Text

  private textInput(): { tokenizer: Tokenizer; input: TensorSpec; length: number } {
    const text = this.spec.text;
    const input = text && this.spec.inputs.find((i) => i.name === text.input);
    if (!text || !input)
      throw new Error(`model ${this.name} takes no text (its spec has no tokenizer)`);
    if (!this.tokenizer)
      throw new Error(
        `model ${this.name} has no vocabulary: train it with \`weft train\` (which writes vocab.json into the package), or pass createModel({ vocabulary })`,
      );
    return { tokenizer: this.tokenizer, input, length: input.shape[1] as number };
  }

  encode(text: string | readonly string[]): Int32Array {
    const { tokenizer, length } = this.textInput();
    const texts = typeof text === "string" ? [text] : text;
    const out = new Int32Array(texts.length * length);
    texts.forEach((t, i) => {
      if (typeof t !== "string")
        throw new Error(`encode: text ${i} is ${describe(t)}, not a string`);
      tokenizer.encodeInto(t, out, i * length, length);
    });
    return out;
  }

  predictText(text: string | readonly string[]): TextPrediction[] {
    const request = this.classifying(text);
    return request.finish(this.predict(request.inputs));
  }

  async predictTextAsync(text: string | readonly string[]): Promise<TextPrediction[]> {
    const request = this.classifying(text);
    return request.finish(await this.predictAsync(request.inputs));
  }

  /** A text classifier's inputs for the texts, and how its outputs become predictions. */
  private classifying(text: string | readonly string[]): {
    inputs: Record<string, Data>;
    finish: (outputs: Record<string, Data>) => TextPrediction[];
  } {
    const { input } = this.textInput();
    const { output, target } = this.spec.text!;
    const shape = this.spec.outputs.find((o) => o.name === output)?.shape;
    if (!output || shape?.length !== 2)
      throw new Error(
        `model ${this.name} is not a text classifier: predictText needs a cross-entropy loss on logits of shape [batch, classes]`,
      );
    const inputs = { [input.name]: this.encode(text) };
    const finish = (outputs: Record<string, Data>) => {
      const logits = outputs[output] as Float32Array;
      const texts = typeof text === "string" ? 1 : text.length;
      const classes = logits.length / texts;
      const names =
        (target && this.vocabulary?.labels?.[target]) ??
        Array.from({ length: classes }, (_, i) => String(i));
      return Array.from({ length: texts }, (_, row) => {
        const z = logits.subarray(row * classes, (row + 1) * classes);
        const top = Math.max(...z);
        const e = Array.from(z, (x) => Math.exp(x - top));
        const sum = e.reduce((a, b) => a + b, 0);
        let best = 0;
        for (let k = 1; k < classes; k++) if (z[k] > z[best]) best = k;
        return {
          label: names[best] ?? String(best),
          probabilities: Object.fromEntries(e.map((x, k) => [names[k] ?? String(k), x / sum])),
        };
      });
    };
    return { inputs, finish };
  }

  generate(prompt: string, options: GenerateOptions = {}): string {
    const steps = this.generation(prompt, options);
    for (let step = steps.next(); ; step = steps.next(this.predict(step.value)))
      if (step.done) return step.value;
  }

  async generateAsync(prompt: string, options: GenerateOptions = {}): Promise<string> {
    const steps = this.generation(prompt, options);
    for (let step = steps.next(); ; step = steps.next(await this.predictAsync(step.value)))
      if (step.done) return step.value;
  }

  /** Generation as a coroutine: it yields each window's inputs and takes the prediction back. */
  private *generation(
    prompt: string,
    options: GenerateOptions,
  ): Generator<Record<string, Data>, string, Record<string, Data>> {
    const { tokenizer, input, length } = this.textInput();
    const output = this.spec.text!.output;
    const shape = output && this.spec.outputs.find((o) => o.name === output)?.shape;
    if (!output || !shape || shape.length !== 3 || shape[1] !== input.shape[1])
      throw new Error(
        `model ${this.name} is not a next-token model: generate needs logits of shape [batch, ${length}, vocab]`,
      );
    const { maxTokens = 100, temperature = 1, topK, seed = 0 } = options;
    for (const [what, x, min] of [
      ["maxTokens", maxTokens, 0],
      ["temperature", temperature, 0],
      ["topK", topK ?? 1, 1],
    ] as const)
      if (
        typeof x !== "number" ||
        !Number.isFinite(x) ||
        x < min ||
        (what !== "temperature" && !Number.isInteger(x))
      )
        throw new Error(
          `generate: ${what} must be ${what === "temperature" ? "a number" : "an integer"} of at least ${min}, got ${String(x)}`,
        );
    if (typeof prompt !== "string")
      throw new Error(`generate: the prompt must be a string, got ${describe(prompt)}`);
    const random = seededRandom(mix(mix(seed >>> 0) ^ 0x2545f491));
    // A causal model's logits at position p depend on the tokens up to p only: the context goes
    // at the start of the window, padding after it, and the next token's logits are at its end.
    const ids = tokenizer.idsOf(prompt);
    const added: number[] = [];
    const window = new Int32Array(length);
    for (let n = 0; n < maxTokens; n++) {
      const context = ids.slice(-length);
      window.fill(0);
      window.set(context);
      const logits = (yield { [input.name]: window })[output] as Float32Array;
      const vocab = logits.length / length;
      const at = Math.max(context.length - 1, 0) * vocab;
      const z = Array.from(logits.subarray(at, at + vocab), (x, id) => ({ id, x }));
      // Padding and unknown are never generated.
      const candidates = z
        .filter((c) => c.id > 1)
        .sort((a, b) => b.x - a.x)
        .slice(0, topK ?? vocab);
      let next = candidates[0].id;
      if (temperature > 0) {
        const top = candidates[0].x;
        const weights = candidates.map((c) => Math.exp((c.x - top) / temperature));
        let u = random() * weights.reduce((a, b) => a + b, 0);
        for (let k = 0; k < candidates.length; k++)
          if ((u -= weights[k]) <= 0 || k === candidates.length - 1) {
            next = candidates[k].id;
            break;
          }
      }
      ids.push(next);
      added.push(next);
    }
    return tokenizer.decode(added);
  }

  // -------------------------------------------------------------------------
  // Weights

  /** A parameter's values where they lie (for a device's runtime, which writes them through). */
  tensor(name: string): Data {
    this.current();
    return this.values.get(name)!;
  }

  getWeights(): Record<string, Float32Array> {
    this.current();
    return Object.fromEntries(
      this.spec.params
        .filter((p) => p.trainable)
        .map((p) => [p.name, (this.values.get(p.name) as Float32Array).slice()]),
    );
  }

  setWeights(weights: Record<string, Float32Array>): void {
    this.replace(new Map(Object.entries(weights)), "setWeights");
  }

  /**
   * Checks every tensor given (and, from a file, its shape) before any is
   * copied in, so a bad call changes nothing; with `strict` (the default)
   * every trainable parameter must be given and every tensor known.
   */
  private replace(
    given: Map<string, Data>,
    what: string,
    shapes?: ReadonlyMap<string, readonly number[]>,
    strict = true,
  ): void {
    this.current();
    const byName = new Map(this.spec.params.map((p) => [p.name, p]));
    for (const [name, data] of given) {
      const p = byName.get(name);
      if (!p) {
        if (!strict) continue;
        throw new Error(`${what}: unknown tensor '${name}'`);
      }
      const want = p.dtype === "f32" ? Float32Array : Int32Array;
      if (!(data instanceof want))
        throw new Error(`${what}: '${name}' must be ${ARRAY[p.dtype]}, got ${describe(data)}`);
      const shape = shapes?.get(name);
      if (shape && shape.join() !== p.shape.join())
        throw new Error(
          `${what}: '${name}' has shape [${shape.join(", ")}], but the model's is [${p.shape.join(", ")}]`,
        );
      if (data.length !== sizeOf(p.shape))
        throw new Error(
          `${what}: '${name}' needs ${sizeOf(p.shape)} values for [${p.shape.join(", ")}], got ${data.length}`,
        );
    }
    const missing = this.spec.params.filter((p) => p.trainable && !given.has(p.name));
    if (strict && missing.length)
      throw new Error(`${what}: missing ${missing.map((p) => `'${p.name}'`).join(", ")}`);
    for (const [name, data] of given) if (byName.has(name)) this.values.get(name)!.set(data);
  }

  saveWeights(options: { optimizer?: boolean } = {}): Uint8Array {
    this.current();
    const tensors = this.spec.params
      .filter((p) => p.trainable || options.optimizer)
      .map((p) => ({
        name: p.name,
        dtype: p.dtype,
        shape: p.shape,
        data: this.values.get(p.name)!,
      }));
    return writeSafetensors(tensors);
  }

  loadWeights(bytes: Uint8Array | ArrayBuffer, options: LoadOptions = {}): void {
    const { rename, only, strict = true } = options;
    const renamed = (name: string) =>
      typeof rename === "function" ? rename(name) : (rename?.[name] ?? name);
    const picked = (name: string) =>
      only === undefined ||
      (typeof only === "function"
        ? only(name)
        : only.some((o) => name === o || (o.endsWith(".") && name.startsWith(o))));
    const tensors = new Map<string, Data>();
    const shapes = new Map<string, number[]>();
    for (const [key, t] of readTensors(bytes, "loadWeights")) {
      const name = renamed(key);
      if (name === undefined || !picked(name)) continue;
      if (tensors.has(name)) throw new Error(`loadWeights: two tensors are renamed to '${name}'`);
      tensors.set(name, t.data);
      shapes.set(name, t.shape);
    }
    // Loading part of a model (`only`) leaves the rest as it is.
    this.replace(tensors, "loadWeights", shapes, strict && only === undefined);
  }

  computeGradients(batch: Record<string, unknown>): Gradients {
    const program = this.gradientsProgram();
    const fields = [...this.spec.inputs, ...this.spec.targets];
    return this.gradientsOf(program, this.execute(program, "gradients", fields, batch, true).slots);
  }

  async computeGradientsAsync(batch: Record<string, unknown>): Promise<Gradients> {
    const program = this.gradientsProgram();
    const fields = [...this.spec.inputs, ...this.spec.targets];
    const run = await this.executeAsync(program, "gradients", fields, batch, true);
    return this.gradientsOf(program, run.slots);
  }

  private gradientsProgram(): ProgramSpec {
    this.training();
    const program = this.spec.gradients;
    if (!program)
      throw new Error(
        `model ${this.name} was compiled without gradients: compile it with weft compile --gradients (or weft train --gradients)`,
      );
    return program;
  }

  private gradientsOf(program: ProgramSpec, slots: Slots): Gradients {
    const out = (name: string) => slots[program.outputs.find((o) => o.name === name)!.slot];
    // A parameter the loss does not depend on has a zero gradient (and no output of its own).
    const gradients: Record<string, Float32Array> = {};
    for (const p of this.spec.params.filter((q) => q.trainable)) {
      const o = program.outputs.find((x) => x.name === `grad.${p.name}`);
      gradients[p.name] = o
        ? (slots[o.slot] as Float32Array).slice()
        : new Float32Array(sizeOf(p.shape));
    }
    return { loss: out("loss")[0], gradients };
  }

  /** The optimizer's name: its state variables' prefix (`adam.lr`). */
  private optimizerName(): string {
    const { lr } = this.spec.hyperparameters!;
    return lr.slice(0, lr.indexOf("."));
  }

  /** The optimizer's state as a fresh optimizer has it: moments and the step count zero (the hyperparameters kept). */
  resetOptimizer(): void {
    this.training();
    this.current();
    const { lr, weightDecay } = this.spec.hyperparameters!;
    const optimizer = this.optimizerName();
    for (const p of this.spec.params)
      if (
        !p.trainable &&
        (p.name === "step" || p.name.startsWith(`${optimizer}.`)) &&
        p.name !== lr &&
        p.name !== weightDecay
      )
        this.values.get(p.name)!.fill(0);
  }

  describe(): ModelDescription {
    const hyper = this.spec.hyperparameters;
    return {
      name: this.name,
      inputs: this.spec.inputs,
      outputs: this.spec.outputs,
      targets: this.spec.targets,
      parameters: this.spec.params
        .filter((p) => p.trainable)
        .map((p) => ({ name: p.name, dtype: p.dtype, shape: p.shape })),
      ...(hyper
        ? {
            optimizer: {
              name: this.optimizerName(),
              learningRate: this.learningRate,
              ...(hyper.weightDecay ? { weightDecay: this.weightDecay } : {}),
            },
          }
        : {}),
    };
  }
}

/** How long fit trains between its yields to the event loop. */
const YIELD_MS = 50;

/** Resolves after the current task and those already queued: a macrotask, not a microtask. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The order of n examples in one epoch: a Fisher–Yates shuffle driven by a
 * generator seeded from (seed, epoch) through a hash, so that every seed
 * and every epoch shuffle differently (0 and 1 included).
 */
export function shuffled(n: number, seed: number, epoch: number): Uint32Array {
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(mix(mix(seed >>> 0) ^ mix(epoch + 0x9e3779b9)));
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** Uniform numbers in [0, 1) from a 32-bit state (mulberry32). */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** The rows `picked` of an array of n examples (each length/n values), one after another. */
export function pickRows<T extends Data>(all: T, n: number, picked: ArrayLike<number>): T {
  const per = all.length / n;
  const out = new (all.constructor as new (length: number) => T)(picked.length * per);
  for (let k = 0; k < picked.length; k++)
    out.set(all.subarray(picked[k] * per, (picked[k] + 1) * per), k * per);
  return out;
}

/** A 32-bit integer hash (the murmur3 finalizer). */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Loss averaged over examples, and accuracy over the predictions counted, across batches. */
/** An integer option in [min, max], or the default where it is not given; a clear Error otherwise. */
function integerOption(
  value: unknown,
  what: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
    throw new Error(
      `${what} must be an integer ${max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`}, got ${typeof value === "string" ? JSON.stringify(value) : String(value)}`,
    );
  return value;
}

/** Seeds are 32-bit: the random streams take them as unsigned integers. */
const SEED_MAX = 2 ** 32 - 1;

class Totals {
  private loss = 0;
  private examples = 0;
  private correct = 0;
  private counted = 0;

  add(result: StepResult, examples: number): void {
    this.loss += result.loss * examples;
    this.examples += examples;
    if (result.correct !== undefined) {
      this.correct += result.correct;
      this.counted += result.count!;
    }
  }

  summary(): { loss: number; accuracy?: number } {
    const loss = this.loss / Math.max(this.examples, 1);
    return this.counted ? { loss, accuracy: this.correct / this.counted } : { loss };
  }
}

function describe(value: unknown): string {
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (Array.isArray(value)) return "an Array";
  return value === null ? "null" : typeof value;
}

// ---------------------------------------------------------------------------
// safetensors: an 8-byte little-endian header length, a JSON header, the data

const SAFE_DTYPE: Record<DType, string> = { f32: "F32", i32: "I32" };

export function writeSafetensors(
  tensors: readonly { name: string; dtype: DType; shape: readonly number[]; data: Data }[],
): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: { format: "pt" } };
  let offset = 0;
  for (const t of tensors) {
    header[t.name] = {
      dtype: SAFE_DTYPE[t.dtype],
      shape: t.shape,
      data_offsets: [offset, offset + t.data.byteLength],
    };
    offset += t.data.byteLength;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - ((8 + json.length) % 8)) % 8);
  const head = new TextEncoder().encode(json);
  const bytes = new Uint8Array(8 + head.length + offset);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(head.length), true);
  bytes.set(head, 8);
  let at = 8 + head.length;
  for (const t of tensors) {
    bytes.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), at);
    at += t.data.byteLength;
  }
  return bytes;
}

/** A safetensors header longer than this is refused before it is read (the format's own cap). */
export const SAFETENSORS_HEADER_LIMIT = 100_000_000;

/** The keys of a JSON object's top level, in order, repeats kept (JSON.parse keeps the last). */
function topLevelKeys(text: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (depth === 1 && expectKey) keys.push(JSON.parse(text.slice(i, j + 1)) as string);
      expectKey = false;
      i = j;
    } else if (c === "{" || c === "[") {
      depth++;
      expectKey = depth === 1 && c === "{";
    } else if (c === "}" || c === "]") depth--;
    else if (c === "," && depth === 1) expectKey = true;
  }
  return keys;
}

const SAFE_DTYPES: Readonly<Record<string, DType>> = { F32: "f32", I32: "i32" };

/**
 * safetensors bytes (a Uint8Array — a Node Buffer included — or an
 * ArrayBuffer) as tensors with their shapes, F32 and I32. Everything is
 * checked before anything is copied: the header's length against the file
 * and SAFETENSORS_HEADER_LIMIT, the header as a JSON object of tensors with
 * unique names, each tensor's dtype, shape (non-negative integers) and data
 * offsets (integers, in range, as long as the shape needs), and the tensors'
 * data covering the data region exactly, with no overlap, gap or trailing
 * bytes. Errors begin with `what` and name the tensor.
 */
export function readTensors(
  input: Uint8Array | ArrayBuffer,
  what: string,
): Map<string, { dtype: DType; shape: number[]; data: Data }> {
  const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : input;
  if (!(bytes instanceof Uint8Array))
    throw new Error(`${what}: expects safetensors bytes (a Uint8Array or an ArrayBuffer)`);
  if (bytes.length < 8) throw new Error(`${what}: not safetensors bytes (${bytes.length} bytes)`);
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(
    0,
    true,
  );
  if (length > BigInt(SAFETENSORS_HEADER_LIMIT))
    throw new Error(
      `${what}: the header would be ${length} bytes, over the limit of ${SAFETENSORS_HEADER_LIMIT}`,
    );
  if (length > BigInt(bytes.length - 8))
    throw new Error(
      `${what}: the header would be ${length} bytes, but only ${bytes.length - 8} follow its length`,
    );
  const text = new TextDecoder().decode(bytes.subarray(8, 8 + Number(length)));
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch {
    throw new Error(`${what}: not safetensors bytes (the header is not JSON)`);
  }
  if (typeof header !== "object" || header === null || Array.isArray(header))
    throw new Error(`${what}: the header is not a JSON object of tensors`);
  const seen = new Set<string>();
  for (const key of topLevelKeys(text)) {
    if (seen.has(key)) throw new Error(`${what}: the header names tensor '${key}' twice`);
    seen.add(key);
  }
  const data = bytes.subarray(8 + Number(length));
  const entries: { name: string; dtype: DType; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === "__metadata__") continue;
    const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown } | null;
    if (typeof e !== "object" || e === null)
      throw new Error(`${what}: '${name}' is not a tensor entry`);
    const dtype = typeof e.dtype === "string" ? SAFE_DTYPES[e.dtype] : undefined;
    if (!dtype || !Object.hasOwn(SAFE_DTYPES, e.dtype as string))
      throw new Error(
        `${what}: '${name}' has dtype ${JSON.stringify(e.dtype)}; only F32 and I32 are read`,
      );
    const shape = e.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0))
      throw new Error(
        `${what}: '${name}' has shape ${JSON.stringify(shape)}; a shape is a list of non-negative integers`,
      );
    const offsets = e.data_offsets;
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)
    )
      throw new Error(
        `${what}: '${name}' has data_offsets ${JSON.stringify(offsets)}; they are two non-negative integers`,
      );
    const [begin, end] = offsets as [number, number];
    const size = shape.reduce((n: number, d: number) => n * d, 1) * 4;
    if (end < begin || end > data.length)
      throw new Error(
        `${what}: '${name}' has data_offsets [${begin}, ${end}] outside the ${data.length} bytes of data`,
      );
    if (end - begin !== size)
      throw new Error(
        `${what}: '${name}' has ${end - begin} bytes of data, but shape [${shape.join(", ")}] needs ${size}`,
      );
    entries.push({ name, dtype, shape: shape as number[], begin, end });
  }
  // The tensors tile the data region: sorted by offset, each starts where the one before ends.
  let at = 0;
  for (const t of [...entries].sort((x, y) => x.begin - y.begin || x.end - y.end)) {
    if (t.begin < at) throw new Error(`${what}: '${t.name}' overlaps the data of another tensor`);
    if (t.begin > at)
      throw new Error(
        `${what}: bytes ${at} to ${t.begin} of the data belong to no tensor (before '${t.name}')`,
      );
    at = t.end;
  }
  if (at !== data.length)
    throw new Error(`${what}: ${data.length - at} bytes of data follow the last tensor`);
  const out = new Map<string, { dtype: DType; shape: number[]; data: Data }>();
  for (const t of entries) {
    // A copy in an ArrayBuffer of its own: a Node Buffer's slice() is a view of a shared pool.
    const copy = new Uint8Array(data.subarray(t.begin, t.end));
    out.set(t.name, {
      dtype: t.dtype,
      shape: t.shape,
      data: t.dtype === "f32" ? new Float32Array(copy.buffer) : new Int32Array(copy.buffer),
    });
  }
  return out;
}
