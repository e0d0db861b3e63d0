/**
 * `weft train`'s checkpoints: after every epoch, the weights (with the
 * optimizer's state) under a name of their own, then state.json naming them,
 * each written to a temporary name and renamed, then the previous weights
 * removed. Renames are atomic, so a kill at any point leaves a state.json
 * whose weights are whole: the new checkpoint or the one before it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { EpochInfo } from "../runtime/model.js";
import { UserError } from "./errors.js";
import { writeFile } from "./files.js";

export interface EpochRecord extends EpochInfo {
  readonly seconds: number;
  /** The loss of each step of the epoch. */
  readonly steps?: readonly number[];
}

/** What a checkpoint records besides the weights: how far training got, and how it went. */
export interface CheckpointState {
  readonly epochs: number;
  /** The weights file of this checkpoint, in the checkpoint folder. */
  readonly weights?: string;
  readonly seed: number;
  readonly history: EpochRecord[];
}

/** The file operations a checkpoint takes, in order (a test stops them part way, as a kill would). */
export interface CheckpointDisk {
  write(path: string, contents: string | Uint8Array): void;
  rename(from: string, to: string): void;
  remove(path: string): void;
}

const DISK: CheckpointDisk = {
  write: writeFile,
  rename: renameSync,
  remove: (path) => rmSync(path, { force: true }),
};

export function saveCheckpoint(
  dir: string,
  weights: Uint8Array,
  state: CheckpointState,
  disk: CheckpointDisk = DISK,
): CheckpointState {
  mkdirSync(dir, { recursive: true });
  const write = (name: string, contents: string | Uint8Array) => {
    const path = join(dir, name);
    disk.write(`${path}.tmp`, contents);
    disk.rename(`${path}.tmp`, path);
  };
  const name = `weights-epoch-${state.epochs}.safetensors`;
  write(name, weights);
  const saved = { ...state, weights: name };
  write("state.json", JSON.stringify(saved, null, 2) + "\n");
  for (const old of readdirSync(dir))
    if (old !== name && (old.startsWith("weights-epoch-") || old.endsWith(".tmp")))
      disk.remove(join(dir, old));
  return saved;
}

/** The checkpoint in `dir`: its state and its weights; a user error where there is none. */
export function loadCheckpoint(dir: string): { state: CheckpointState; weights: Uint8Array } {
  const statePath = join(dir, "state.json");
  if (!existsSync(statePath))
    throw new UserError(`--resume: no checkpoint in ${dir} (train without --resume first)`);
  const state = JSON.parse(readFileSync(statePath, "utf8")) as CheckpointState;
  return { state, weights: readFileSync(join(dir, state.weights!)) };
}
