/**
 * `weft train`'s checkpoints against a kill at every point of a write: the
 * file operations of saving epoch 2's checkpoint stopped after each one (and
 * in the middle of each file written, as a kill mid-write leaves it), after
 * which the checkpoint read back is epoch 1's or epoch 2's, its weights
 * whole, never a mix or nothing.
 */
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCheckpoint, saveCheckpoint, type CheckpointDisk } from "../src/cli/checkpoint.js";

const first = Uint8Array.from({ length: 64 }, (_, i) => i);
const second = Uint8Array.from({ length: 64 }, (_, i) => 200 - i);
const state = (epochs: number) => ({ epochs, seed: 3, history: [] });

class Killed extends Error {}

/** The real operations, until the `stop`-th, which a kill interrupts (a write half done). */
function killedAt(stop: number): CheckpointDisk & { ops: number } {
  const disk = {
    ops: 0,
    write(path: string, contents: string | Uint8Array) {
      if (disk.ops++ === stop) {
        writeFileSync(path, contents.slice(0, Math.floor(contents.length / 2)));
        throw new Killed();
      }
      writeFileSync(path, contents);
    },
    rename(from: string, to: string) {
      if (disk.ops++ === stop) throw new Killed();
      renameSync(from, to);
    },
    remove(path: string) {
      if (disk.ops++ === stop) throw new Killed();
      rmSync(path, { force: true });
    },
  };
  return disk;
}

describe("a checkpoint", () => {
  it("is whole after a kill at any point of writing the next one", () => {
    const full = killedAt(Infinity);
    const counted = mkdtempSync(join(tmpdir(), "weft-ckpt-"));
    saveCheckpoint(counted, first, state(1));
    saveCheckpoint(counted, second, state(2), full);
    // Weights written and renamed, state.json written and renamed, epoch 1's weights removed.
    const steps = full.ops;
    expect(steps).toBe(5);
    const seen = new Set<number>();
    for (let stop = 0; stop <= steps; stop++) {
      const dir = mkdtempSync(join(tmpdir(), "weft-ckpt-"));
      saveCheckpoint(dir, first, state(1));
      try {
        saveCheckpoint(dir, second, state(2), killedAt(stop));
      } catch (e) {
        expect(e).toBeInstanceOf(Killed);
      }
      const { state: read, weights } = loadCheckpoint(dir);
      seen.add(read.epochs);
      expect([...weights]).toEqual([...(read.epochs === 1 ? first : second)]);
      // The next checkpoint clears what the kill left behind.
      saveCheckpoint(dir, first, state(3));
      expect(readdirSync(dir).sort()).toEqual(["state.json", "weights-epoch-3.safetensors"]);
    }
    // Both outcomes happen: killed before state.json is renamed, and after.
    expect([...seen].sort()).toEqual([1, 2]);
  });

  it("is a user error where there is none to resume from", () => {
    expect(() => loadCheckpoint(mkdtempSync(join(tmpdir(), "weft-ckpt-")))).toThrow(
      /^--resume: no checkpoint in .* \(train without --resume first\)$/,
    );
  });
});
