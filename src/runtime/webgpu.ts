/// <reference types="@webgpu/types" />
/**
 * The WebGPU runtime of a package compiled with `--target wgsl`: the model's
 * parameters, optimizer state and arena live in GPU storage buffers, each
 * program runs as one command buffer of compute dispatches, and only what a
 * caller asks for is read back (a prediction's outputs, a step's loss, the
 * weights when saved). It imports only ./model.js.
 *
 * The kernels arrive as data (kernels.js): WGSL modules, and per program the
 * dispatches in order with the grid each takes, as index expressions over
 * the symbolic dims and the scan indices, evaluated at run time. At
 * createModel every module is compiled and every pipeline made (a shader or
 * pipeline error names its kernel and the WGSL line); one bind group layout
 * serves every kernel: the program's uniform of dims and slot offsets, the
 * scan indices at a dynamic offset, the parameters' buffer and the arena's.
 *
 * The model is the CompiledModel of ./model.js over a DeviceMemory, whose
 * regions are host copies beside GPU buffers: inputs are written to the
 * device before a run, outputs read back after it, and the parameters'
 * host copy is made current (read back) before anything reads or replaces
 * it there. Calls run one at a time, in the order they were made.
 */
import {
  createModelFrom,
  type CreateOptions,
  type Data,
  type Dataset,
  type FitOptions,
  type GenerateOptions,
  type Gradients,
  type History,
  type LoadOptions,
  type Manifest,
  type Model,
  type ModelDescription,
  type Region,
  type RunFn,
  type Slots,
  type StepResult,
  type TensorMemory,
  type TextPrediction,
} from "./model.js";
import type { Vocabulary } from "./text.js";

/** An index expression of the kernel IR (literals, dims, scan indices, integer arithmetic). */
export interface IndexExpr {
  readonly k: string;
  readonly value?: number;
  readonly name?: string;
  readonly fn?: string;
  readonly args?: readonly IndexExpr[];
}

/** How many workgroups a dispatch takes, from its index space. */
export type Grid =
  /** An invocation per element of the extents' product, `size` per workgroup. */
  | { readonly k: "threads"; readonly extents: readonly IndexExpr[]; readonly size: number }
  /** A workgroup per element of the extents' product (a row of a reduction). */
  | { readonly k: "rows"; readonly extents: readonly IndexExpr[] }
  /** A contraction: a workgroup per tile×tile block of outputs, per batch index in z. */
  | {
      readonly k: "tiles";
      readonly m: IndexExpr;
      readonly n: IndexExpr;
      readonly batch: readonly IndexExpr[];
      readonly tile: number;
    }
  /** One invocation. */
  | { readonly k: "single" };

export type GpuStep =
  | { readonly k: "dispatch"; readonly shader: number; readonly entry: string; readonly grid: Grid }
  | {
      readonly k: "loop";
      readonly index: string;
      readonly extent: IndexExpr;
      readonly reverse: boolean;
      readonly body: readonly GpuStep[];
    };

interface Binding {
  readonly name: string;
  readonly slot: number;
}

export interface GpuProgram {
  readonly symbols: readonly string[];
  readonly slots: number;
  readonly params: readonly Binding[];
  readonly inputs: readonly Binding[];
  readonly outputs: readonly Binding[];
  readonly updates: readonly Binding[];
  readonly steps: readonly GpuStep[];
}

export interface Shader {
  /** `program.kernel`, for messages. */
  readonly name: string;
  readonly code: string;
  /** Entry points `phase0` … `phase{entries-1}`. */
  readonly entries: number;
}

export interface GpuKernels {
  readonly shaders: readonly Shader[];
  readonly programs: Readonly<Record<string, GpuProgram>>;
}

export interface DeviceCreateOptions extends CreateOptions {
  /** The device to run on (default: one requested from navigator.gpu). */
  readonly device?: GPUDevice;
}

/** A model on a WebGPU device: the Model API, with every call that runs a program or reads the weights asynchronous. */
export interface DeviceModel<I, O, T> {
  readonly name: string;
  readonly device: GPUDevice;
  predict(inputs: I): Promise<O>;
  trainStep(batch: I & T): Promise<StepResult>;
  fit(data: Dataset<I & T>, options?: FitOptions<I & T>): Promise<History>;
  evaluate(
    data: Dataset<I & T>,
    options?: { batchSize?: number },
  ): Promise<{ loss: number; accuracy?: number }>;
  getWeights(): Promise<Record<string, Float32Array>>;
  setWeights(weights: Record<string, Float32Array>): Promise<void>;
  saveWeights(options?: { optimizer?: boolean }): Promise<Uint8Array>;
  loadWeights(bytes: Uint8Array | ArrayBuffer, options?: LoadOptions): Promise<void>;
  computeGradients(batch: I & T): Promise<Gradients>;
  resetOptimizer(): Promise<void>;
  describe(): ModelDescription;
  /** As the Model's: set at once, used by the next step. */
  learningRate: number;
  weightDecay: number;
  readonly vocabulary?: Vocabulary;
  encode(text: string | readonly string[]): Int32Array;
  predictText(text: string | readonly string[]): Promise<TextPrediction[]>;
  generate(prompt: string, options?: GenerateOptions): Promise<string>;
  /** What the last program run took: its dispatches and the bytes it read back. */
  readonly lastRun: { readonly dispatches: number; readonly bytesRead: number };
  /** Frees the model's buffers (a device the model requested itself is destroyed too). */
  destroy(): void;
}

/** The device navigator.gpu gives, or an Error saying why there is none. */
export async function requestDevice(): Promise<GPUDevice> {
  const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (!gpu)
    throw new Error(
      "WebGPU is not available here (no navigator.gpu): pass createModel({ device }) with a GPUDevice (in Node, from the `webgpu` package)",
    );
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new Error("WebGPU is available but gave no adapter (no usable GPU)");
  return adapter.requestDevice({ requiredLimits: wantedLimits(adapter) });
}

/** The largest storage buffers the adapter allows: the model's parameters and arena are one buffer each. */
export function wantedLimits(adapter: GPUAdapter): Record<string, number> {
  return {
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    maxBufferSize: adapter.limits.maxBufferSize,
  };
}

/** Binding numbers every kernel's module and the one bind group layout share. */
export const BINDINGS = { uniform: 0, loop: 1, params: 2, arena: 3 } as const;

const STORAGE = 0x80 | 0x8 | 0x4; // STORAGE | COPY_DST | COPY_SRC
const UNIFORM = 0x40 | 0x8; // UNIFORM | COPY_DST
const READBACK = 0x1 | 0x8; // MAP_READ | COPY_DST
const COMPUTE = 0x4; // GPUShaderStage.COMPUTE
const MAP_READ = 0x1;

/** The device's state shared by a model's memory and its programs. */
class DeviceContext {
  lost?: string;
  private readonly lostPromise: Promise<never>;
  constructor(
    readonly device: GPUDevice,
    readonly owned: boolean,
  ) {
    this.lostPromise = device.lost.then((info) => {
      this.lost = `${info.reason}: ${info.message}`;
      throw this.lostError();
    });
    // Observed only by the races below; unhandled otherwise.
    this.lostPromise.catch(() => {});
    if (owned)
      device.addEventListener("uncapturederror", (e) => {
        (e as Event).preventDefault();
      });
  }

  lostError(): Error {
    return new Error(`the WebGPU device was lost (${this.lost}); create the model again`);
  }

  check(): void {
    if (this.lost) throw this.lostError();
  }

  /** A promise, or the device's loss if that comes first: a lost device is an Error, never a hang. */
  guard<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.lostPromise]);
  }

  /** Reads `bytes` from buffers into host views through one mapped staging buffer. */
  private staging?: GPUBuffer;
  async read(
    encoder: GPUCommandEncoder,
    copies: readonly { from: GPUBuffer; offset: number; to: Uint8Array }[],
  ): Promise<number> {
    const total = copies.reduce((n, c) => n + c.to.byteLength, 0);
    if (total === 0) {
      this.device.queue.submit([encoder.finish()]);
      return 0;
    }
    if (!this.staging || this.staging.size < total) {
      this.staging?.destroy();
      this.staging = this.device.createBuffer({
        size: Math.max(256, 2 ** Math.ceil(Math.log2(total))),
        usage: READBACK,
      });
    }
    const staging = this.staging;
    let at = 0;
    for (const c of copies) {
      if (c.to.byteLength)
        encoder.copyBufferToBuffer(c.from, c.offset, staging, at, c.to.byteLength);
      at += c.to.byteLength;
    }
    this.device.queue.submit([encoder.finish()]);
    await this.guard(staging.mapAsync(MAP_READ, 0, total));
    const mapped = new Uint8Array(staging.getMappedRange(0, total));
    at = 0;
    for (const c of copies) {
      c.to.set(mapped.subarray(at, at + c.to.byteLength));
      at += c.to.byteLength;
    }
    staging.unmap();
    return total;
  }
}

interface DeviceRegion {
  readonly host: ArrayBuffer;
  readonly gpu: GPUBuffer;
}

/**
 * The model's memory: its first region holds the parameters, each later
 * one is the arena (replacing the one before). Regions are host copies;
 * the GPU buffers beside them are where the programs run.
 */
class DeviceMemory implements TensorMemory {
  readonly device = true;
  params?: DeviceRegion;
  arena?: DeviceRegion;
  constructor(private readonly ctx: DeviceContext) {}

  reserve(bytes: number): Region {
    const size = Math.max(16, Math.ceil(bytes / 16) * 16);
    const limit = this.ctx.device.limits.maxStorageBufferBindingSize;
    if (size > limit)
      throw new Error(
        `the model needs a buffer of ${size} bytes, more than this device binds (maxStorageBufferBindingSize ${limit})`,
      );
    const region: DeviceRegion = {
      host: new ArrayBuffer(size),
      gpu: this.ctx.device.createBuffer({ size, usage: STORAGE }),
    };
    if (!this.params) this.params = region;
    else {
      this.arena?.gpu.destroy();
      this.arena = region;
    }
    return { offset: 0, bytes, buffer: () => region.host };
  }

  gpuOf(view: Data): GPUBuffer {
    if (view.buffer === this.params?.host) return this.params.gpu;
    if (view.buffer === this.arena?.host) return this.arena.gpu;
    throw new Error("internal: a slot outside the model's memory");
  }

  /** The host's parameters (or arena) to the device. */
  push(region: DeviceRegion = this.params!): void {
    this.ctx.device.queue.writeBuffer(region.gpu, 0, region.host);
  }

  /** One tensor's host values to the device. */
  pushView(view: Data): void {
    this.ctx.device.queue.writeBuffer(this.gpuOf(view), view.byteOffset, view);
  }

  /** The device's parameters (or arena) to the host. */
  async pull(region: DeviceRegion = this.params!): Promise<void> {
    this.ctx.check();
    await this.ctx.read(this.ctx.device.createCommandEncoder(), [
      { from: region.gpu, offset: 0, to: new Uint8Array(region.host) },
    ]);
  }

  destroy(): void {
    this.params?.gpu.destroy();
    this.arena?.gpu.destroy();
  }
}

/** An index expression's value at these dims and scan indices (i32 arithmetic). */
export function evaluateIndex(e: IndexExpr, env: Readonly<Record<string, number>>): number {
  switch (e.k) {
    case "lit":
      return e.value!;
    case "var": {
      const x = env[e.name!];
      if (x === undefined) throw new Error(`internal: unbound ${e.name}`);
      return x;
    }
    case "call": {
      const [a, b] = e.args!.map((x) => evaluateIndex(x, env));
      switch (e.fn) {
        case "add":
          return (a + b) | 0;
        case "sub":
          return (a - b) | 0;
        case "mul":
          return Math.imul(a, b);
        case "div":
          return b === 0 ? a : Math.trunc(a / b);
        case "mod":
          return b === 0 ? 0 : a % b;
        case "max":
          return Math.max(a, b);
        case "min":
          return Math.min(a, b);
      }
    }
  }
  throw new Error(`internal: ${e.k} ${e.fn ?? ""} in an index expression`);
}

const MAX_GROUPS = 65535;

/** Workgroups along x, y and z for a grid at these values of the dims and indices. */
function workgroups(grid: Grid, env: Readonly<Record<string, number>>): [number, number, number] {
  const product = (xs: readonly IndexExpr[]) => xs.reduce((n, x) => n * evaluateIndex(x, env), 1);
  const spread = (groups: number): [number, number, number] => {
    if (groups <= MAX_GROUPS) return [groups, 1, 1];
    const y = Math.ceil(groups / MAX_GROUPS);
    if (y > MAX_GROUPS)
      throw new Error(`a dispatch of ${groups} workgroups is past the device's grid`);
    return [MAX_GROUPS, y, 1];
  };
  switch (grid.k) {
    case "threads":
      return spread(Math.ceil(product(grid.extents) / grid.size));
    case "rows":
      return spread(product(grid.extents));
    case "tiles": {
      const x = Math.ceil(evaluateIndex(grid.n, env) / grid.tile);
      const y = Math.ceil(evaluateIndex(grid.m, env) / grid.tile);
      if (x > MAX_GROUPS || y > MAX_GROUPS)
        throw new Error(
          `a matrix product of ${evaluateIndex(grid.m, env)}×${evaluateIndex(grid.n, env)} is past the device's grid`,
        );
      return [x, y, Math.min(product(grid.batch), MAX_GROUPS)];
    }
    case "single":
      return [1, 1, 1];
  }
}

interface Dispatch {
  readonly step: Extract<GpuStep, { k: "dispatch" }>;
  readonly groups: [number, number, number];
  /** The loop uniform's entry it reads: 0 outside scans. */
  readonly entry: number;
}

/**
 * Every dispatch of a program at these dims, in order, and the scan
 * indices of each loop uniform entry after the first (a step of a scan each).
 */
export function dispatchesOf(
  program: GpuProgram,
  dims: Readonly<Record<string, number>>,
): { dispatches: Dispatch[]; loopValues: number[][] } {
  const dispatches: Dispatch[] = [];
  const loopValues: number[][] = [];
  const env: Record<string, number> = { ...dims };
  // A scan nested d deep reads its index from component d of the loop uniform.
  const walk = (steps: readonly GpuStep[], entry: number, outer: readonly number[]) => {
    for (const s of steps) {
      if (s.k === "dispatch") {
        const groups = workgroups(s.grid, env);
        if (groups[0] * groups[1] * groups[2] > 0) dispatches.push({ step: s, groups, entry });
        continue;
      }
      const n = evaluateIndex(s.extent, env);
      for (let r = 0; r < n; r++) {
        env[s.index] = s.reverse ? n - 1 - r : r;
        const values = [...outer, env[s.index]];
        loopValues.push(values);
        walk(s.body, loopValues.length, values);
      }
    }
  };
  walk(program.steps, 0, []);
  return { dispatches, loopValues };
}

/** A compiled module's first error or warning, with its kernel's name and the WGSL line. */
async function compileModule(device: GPUDevice, shader: Shader): Promise<GPUShaderModule> {
  const module = device.createShaderModule({ code: shader.code, label: shader.name });
  const info = await module.getCompilationInfo();
  const problems = info.messages.filter((m) => m.type === "error" || m.type === "warning");
  if (problems.length) {
    const lines = shader.code.split("\n");
    throw new Error(
      problems
        .map(
          (m) =>
            `kernel ${shader.name}: WGSL ${m.type} at line ${m.lineNum}:${m.linePos}: ${m.message}\n  ${lines[m.lineNum - 1]?.trim() ?? ""}`,
        )
        .join("\n"),
    );
  }
  return module;
}

interface Compiled {
  readonly layout: GPUBindGroupLayout;
  /** Each shader's pipelines, by entry point. */
  readonly pipelines: readonly Record<string, GPUComputePipeline>[];
}

/** Every shader compiled and every pipeline made, errors reported per kernel. */
export async function compileKernels(device: GPUDevice, kernels: GpuKernels): Promise<Compiled> {
  const layout = device.createBindGroupLayout({
    entries: [
      { binding: BINDINGS.uniform, visibility: COMPUTE, buffer: { type: "uniform" } },
      {
        binding: BINDINGS.loop,
        visibility: COMPUTE,
        buffer: { type: "uniform", hasDynamicOffset: true },
      },
      { binding: BINDINGS.params, visibility: COMPUTE, buffer: { type: "storage" } },
      { binding: BINDINGS.arena, visibility: COMPUTE, buffer: { type: "storage" } },
    ],
  });
  const pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [layout] });
  const pipelines = await Promise.all(
    kernels.shaders.map(async (shader) => {
      const module = await compileModule(device, shader);
      const entries = await Promise.all(
        Array.from({ length: shader.entries }, async (_, e) => {
          const entryPoint = `phase${e}`;
          device.pushErrorScope("validation");
          let pipeline: GPUComputePipeline;
          try {
            pipeline = await device.createComputePipelineAsync({
              label: `${shader.name}.${entryPoint}`,
              layout: pipelineLayout,
              compute: { module, entryPoint },
            });
          } catch (err) {
            await device.popErrorScope();
            throw new Error(`kernel ${shader.name} (${entryPoint}): ${(err as Error).message}`);
          }
          const error = await device.popErrorScope();
          if (error) throw new Error(`kernel ${shader.name} (${entryPoint}): ${error.message}`);
          return [entryPoint, pipeline] as const;
        }),
      );
      return Object.fromEntries(entries);
    }),
  );
  return { layout, pipelines };
}

/** The run function of a program on the device. */
function programRun(
  ctx: DeviceContext,
  memory: DeviceMemory,
  compiled: Compiled,
  name: string,
  program: GpuProgram,
  stats: { dispatches: number; bytesRead: number },
): RunFn {
  const { device } = ctx;
  const words = new Int32Array(
    Math.max(4, Math.ceil((program.symbols.length + program.slots) / 4) * 4),
  );
  const uniform = device.createBuffer({ size: words.byteLength, usage: UNIFORM });
  const stride = Math.max(16, device.limits.minUniformBufferOffsetAlignment);
  let loops: GPUBuffer | undefined;
  let loopWords = new Int32Array(0);
  let bindGroup: GPUBindGroup | undefined;
  let bound: readonly unknown[] = [];
  /** The dispatches at the dims of the last run, whose scan indices the loop uniform holds. */
  let planned: { dims: string; dispatches: Dispatch[] } | undefined;
  const params = new Set(program.params.map((p) => p.slot));
  return async (slots: Slots, dims: Record<string, number>) => {
    ctx.check();
    const sym = program.symbols.length;
    program.symbols.forEach((s, i) => (words[i] = dims[s]));
    for (let i = 0; i < program.slots; i++) words[sym + i] = slots[i].byteOffset / 4;
    device.queue.writeBuffer(uniform, 0, words);
    for (const input of program.inputs) memory.pushView(slots[input.slot]);
    // A model called at one shape again reuses its dispatches and its loop uniform.
    const key = JSON.stringify(dims);
    if (planned?.dims !== key) {
      const { dispatches, loopValues } = dispatchesOf(program, dims);
      const entries = loopValues.length + 1;
      const perEntry = stride / 4;
      if (!loops || loops.size < entries * stride) {
        loops?.destroy();
        loops = device.createBuffer({
          size: Math.max(stride, 2 ** Math.ceil(Math.log2(entries * stride))),
          usage: UNIFORM,
        });
        loopWords = new Int32Array(loops.size / 4);
      }
      loopValues.forEach((values, e) =>
        values.forEach((x, c) => (loopWords[(e + 1) * perEntry + c] = x)),
      );
      if (entries > 1) device.queue.writeBuffer(loops, 0, loopWords, 0, entries * perEntry);
      planned = { dims: key, dispatches };
    }
    const { dispatches } = planned;
    const buffers = [uniform, loops, memory.params!.gpu, memory.arena!.gpu];
    if (!bindGroup || buffers.some((b, i) => b !== bound[i])) {
      bindGroup = device.createBindGroup({
        layout: compiled.layout,
        entries: [
          { binding: BINDINGS.uniform, resource: { buffer: uniform } },
          { binding: BINDINGS.loop, resource: { buffer: loops!, size: 16 } },
          { binding: BINDINGS.params, resource: { buffer: memory.params!.gpu } },
          { binding: BINDINGS.arena, resource: { buffer: memory.arena!.gpu } },
        ],
      });
      bound = buffers;
    }
    device.pushErrorScope("out-of-memory");
    device.pushErrorScope("validation");
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    for (const d of dispatches) {
      pass.setPipeline(compiled.pipelines[d.step.shader][d.step.entry]);
      pass.setBindGroup(0, bindGroup, [d.entry * stride]);
      pass.dispatchWorkgroups(...d.groups);
    }
    pass.end();
    // Updates written to a slot of their own (below -O2) are copied onto their parameters.
    for (const u of program.updates) {
      const from = slots[u.slot];
      const p = program.params.find((x) => x.name === u.name);
      if (!p || params.has(u.slot)) continue;
      const to = slots[p.slot];
      if (from.byteLength)
        encoder.copyBufferToBuffer(
          memory.gpuOf(from),
          from.byteOffset,
          memory.gpuOf(to),
          to.byteOffset,
          from.byteLength,
        );
    }
    const bytesRead = await ctx.read(
      encoder,
      program.outputs.map((o) => {
        const view = slots[o.slot];
        return {
          from: memory.gpuOf(view),
          offset: view.byteOffset,
          to: new Uint8Array(view.buffer, view.byteOffset, view.byteLength),
        };
      }),
    );
    const [validation, oom] = [await device.popErrorScope(), await device.popErrorScope()];
    const error = validation ?? oom;
    if (error) throw new Error(`WebGPU error running @${name}: ${error.message}`);
    stats.dispatches = dispatches.length;
    stats.bytesRead = bytesRead;
  };
}

/** A model from its manifest and its kernels, on the device given or one requested. */
export async function createDeviceModel<I, O, T>(
  manifest: Manifest,
  kernels: GpuKernels,
  options: DeviceCreateOptions = {},
): Promise<DeviceModel<I, O, T>> {
  const device = options.device ?? (await requestDevice());
  const ctx = new DeviceContext(device, !options.device);
  const compiled = await ctx.guard(compileKernels(device, kernels));
  const memory = new DeviceMemory(ctx);
  const stats = { dispatches: 0, bytesRead: 0 };
  const runs = Object.fromEntries(
    Object.entries(kernels.programs).map(([name, program]) => {
      return [name, programRun(ctx, memory, compiled, name, program, stats)];
    }),
  );
  const { device: _, ...rest } = options;
  const model = createModelFrom<I, O, T>(manifest, runs, rest, memory);
  memory.push();
  return new OnDevice(model, memory, ctx, stats, manifest) as unknown as DeviceModel<I, O, T>;
}

/**
 * Plain slots (one typed array each) laid out in a memory of their own,
 * the parameters' in its first region and the rest in its arena, copied in
 * and written to the device: the views the programs run on.
 */
function placeSlots(memory: DeviceMemory, program: GpuProgram, slots: Slots): Slots {
  const params = new Set(program.params.map((p) => p.slot));
  const bytes = [0, 0];
  const at = slots.map((s, i) => {
    const r = params.has(i) ? 0 : 1;
    const offset = bytes[r];
    bytes[r] += Math.ceil(s.byteLength / 16) * 16;
    return offset;
  });
  const regions = bytes.map((b) => memory.reserve(b));
  const views = slots.map((s, i) => {
    const buffer = regions[params.has(i) ? 0 : 1].buffer();
    const view =
      s instanceof Int32Array
        ? new Int32Array(buffer, at[i], s.length)
        : new Float32Array(buffer, at[i], s.length);
    view.set(s);
    return view;
  });
  memory.push(memory.params);
  memory.push(memory.arena);
  return views;
}

/**
 * Programs run on plain slots, for tests and the conformance suite: each
 * run lays the slots out in a memory of its own, writes them all to the
 * device and reads them all back.
 */
export async function deviceRuns(
  device: GPUDevice,
  kernels: GpuKernels,
): Promise<Record<string, RunFn>> {
  const ctx = new DeviceContext(device, false);
  const compiled = await ctx.guard(compileKernels(device, kernels));
  const stats = { dispatches: 0, bytesRead: 0 };
  return Object.fromEntries(
    Object.entries(kernels.programs).map(([name, program]) => {
      const run = async (slots: Slots, dims: Record<string, number>) => {
        const memory = new DeviceMemory(ctx);
        const views = placeSlots(memory, program, slots);
        await programRun(ctx, memory, compiled, name, program, stats)(views, dims);
        await memory.pull(memory.params);
        await memory.pull(memory.arena);
        slots.forEach((s, i) => s.set(views[i]));
        memory.destroy();
      };
      return [name, run];
    }),
  );
}

/**
 * A program whose slots stay on the device, for benchmarks: `run` runs it
 * and waits for the device, reading back only the program's outputs (a
 * matrix product declared with no outputs reads nothing); `slots` are read
 * back by `read`.
 */
export async function residentProgram(
  device: GPUDevice,
  kernels: GpuKernels,
  name: string,
  slots: Slots,
  dims: Record<string, number> = {},
): Promise<{ run(): Promise<void>; read(): Promise<Slots> }> {
  const ctx = new DeviceContext(device, false);
  const compiled = await ctx.guard(compileKernels(device, kernels));
  const program = kernels.programs[name];
  const memory = new DeviceMemory(ctx);
  const views = placeSlots(memory, program, slots);
  const run = programRun(ctx, memory, compiled, name, program, { dispatches: 0, bytesRead: 0 });
  return {
    run: async () => {
      await run(views, dims);
      await ctx.guard(device.queue.onSubmittedWorkDone());
    },
    read: async () => {
      await memory.pull(memory.params);
      await memory.pull(memory.arena);
      return views.map((v) => v.slice());
    },
  };
}

/** Model methods the device model reaches that the Model type keeps to itself. */
interface Inner {
  predictAsync(inputs: unknown): Promise<unknown>;
  trainStepAsync(batch: unknown): Promise<StepResult>;
  computeGradientsAsync(batch: unknown): Promise<Gradients>;
  predictTextAsync(text: string | readonly string[]): Promise<TextPrediction[]>;
  generateAsync(prompt: string, options?: GenerateOptions): Promise<string>;
  tensor(name: string): Data;
}

class OnDevice<I, O, T> {
  /** Calls in flight, in order: each starts when the one before it has settled. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Whether the host's copy of the parameters is as current as the device's. */
  private current = true;
  constructor(
    private readonly model: Model<I, O, T>,
    private readonly memory: DeviceMemory,
    private readonly ctx: DeviceContext,
    readonly lastRun: { dispatches: number; bytesRead: number },
    private readonly manifest: Manifest,
  ) {}

  get name() {
    return this.model.name;
  }
  get device() {
    return this.ctx.device;
  }
  get vocabulary() {
    return this.model.vocabulary;
  }

  private get inner(): Inner {
    return this.model as unknown as Inner;
  }

  private serial<R>(fn: () => Promise<R>): Promise<R> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }

  /** Runs `fn` with the host's parameters current. */
  private async readable(): Promise<void> {
    if (!this.current) await this.memory.pull();
    this.current = true;
  }

  /** Runs a host-side change of parameters on current values, then writes them to the device. */
  private changing(fn: () => void): Promise<void> {
    return this.serial(async () => {
      await this.readable();
      fn();
      this.memory.push();
    });
  }

  predict(inputs: I): Promise<O> {
    return this.serial(() => this.inner.predictAsync(inputs) as Promise<O>);
  }

  trainStep(batch: I & T): Promise<StepResult> {
    return this.serial(async () => {
      this.current = false;
      return this.inner.trainStepAsync(batch);
    });
  }

  fit(data: Dataset<I & T>, options?: FitOptions<I & T>): Promise<History> {
    return this.serial(async () => {
      this.current = false;
      return this.model.fit(data, options);
    });
  }

  evaluate(data: Dataset<I & T>, options?: { batchSize?: number }) {
    return this.serial(() => this.model.evaluate(data, options));
  }

  getWeights(): Promise<Record<string, Float32Array>> {
    return this.serial(async () => {
      await this.readable();
      return this.model.getWeights();
    });
  }

  saveWeights(options?: { optimizer?: boolean }): Promise<Uint8Array> {
    return this.serial(async () => {
      await this.readable();
      return this.model.saveWeights(options);
    });
  }

  setWeights(weights: Record<string, Float32Array>): Promise<void> {
    return this.changing(() => this.model.setWeights(weights));
  }

  loadWeights(bytes: Uint8Array | ArrayBuffer, options?: LoadOptions): Promise<void> {
    return this.changing(() => this.model.loadWeights(bytes, options));
  }

  resetOptimizer(): Promise<void> {
    return this.changing(() => this.model.resetOptimizer());
  }

  computeGradients(batch: I & T): Promise<Gradients> {
    return this.serial(() => this.inner.computeGradientsAsync(batch));
  }

  describe(): ModelDescription {
    return this.model.describe();
  }

  // The hyperparameters only the host writes: the device's copy is set with them.
  get learningRate(): number {
    return this.model.learningRate;
  }
  set learningRate(value: number) {
    this.model.learningRate = value;
    this.memory.pushView(this.inner.tensor(this.manifest.hyperparameters!.lr));
  }
  get weightDecay(): number {
    return this.model.weightDecay;
  }
  set weightDecay(value: number) {
    this.model.weightDecay = value;
    this.memory.pushView(this.inner.tensor(this.manifest.hyperparameters!.weightDecay!));
  }

  encode(text: string | readonly string[]): Int32Array {
    return this.model.encode(text);
  }

  predictText(text: string | readonly string[]): Promise<TextPrediction[]> {
    return this.serial(() => this.inner.predictTextAsync(text));
  }

  generate(prompt: string, options?: GenerateOptions): Promise<string> {
    return this.serial(() => this.inner.generateAsync(prompt, options));
  }

  destroy(): void {
    this.memory.destroy();
    if (this.ctx.owned) this.ctx.device.destroy();
  }
}
