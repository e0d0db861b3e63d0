/**
 * The safetensors reader every package and `weft train` use: views and
 * ArrayBuffers accepted, every malformed file refused with an Error that
 * names what is wrong (and the tensor), and random mutations of a valid file
 * refused the same way or read whole, never a crash of another kind.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  readTensors,
  writeSafetensors,
  SAFETENSORS_HEADER_LIMIT,
} from "../../src/runtime/model.js";

const valid = writeSafetensors([
  { name: "a.weight", dtype: "f32", shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) },
  { name: "b", dtype: "i32", shape: [2], data: Int32Array.from([7, -8]) },
]);

/** A file from a header object and a data region. */
function file(header: unknown, data = new Uint8Array(0), raw?: string): Uint8Array {
  const text = new TextEncoder().encode(raw ?? JSON.stringify(header));
  const out = new Uint8Array(8 + text.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
  out.set(text, 8);
  out.set(data, 8 + text.length);
  return out;
}

const read = (bytes: Uint8Array | ArrayBuffer) => readTensors(bytes, "w");

describe("readTensors", () => {
  it("reads a Node Buffer's view of a shared pool, and an ArrayBuffer", () => {
    // Buffer.concat of small buffers allocates from the pool: byteOffset is not 0.
    const pooled = Buffer.concat([Buffer.from("pad"), Buffer.from(valid)]).subarray(3);
    expect(pooled.byteOffset).toBeGreaterThan(0);
    for (const bytes of [pooled, valid.slice().buffer]) {
      const t = read(bytes);
      expect([...t.keys()]).toEqual(["a.weight", "b"]);
      expect(t.get("a.weight")).toEqual({
        dtype: "f32",
        shape: [2, 3],
        data: Float32Array.from([1, 2, 3, 4, 5, 6]),
      });
      expect(t.get("b")!.data).toEqual(Int32Array.from([7, -8]));
    }
  });

  const f32 = (n: number) => new Uint8Array(4 * n);
  const cases: [string, Uint8Array, string][] = [
    ["too short", new Uint8Array(5), "w: not safetensors bytes (5 bytes)"],
    [
      "a header past the file",
      (() => {
        const b = file({});
        new DataView(b.buffer).setBigUint64(0, 1000n, true);
        return b;
      })(),
      "w: the header would be 1000 bytes, but only 2 follow its length",
    ],
    [
      "a header over the cap",
      (() => {
        const b = new Uint8Array(16);
        new DataView(b.buffer).setBigUint64(0, 2n ** 60n, true);
        return b;
      })(),
      `w: the header would be ${2n ** 60n} bytes, over the limit of ${SAFETENSORS_HEADER_LIMIT}`,
    ],
    [
      "a header that is not JSON",
      file(null, undefined, "{nope"),
      "w: not safetensors bytes (the header is not JSON)",
    ],
    ["a header that is a list", file([1, 2]), "w: the header is not a JSON object of tensors"],
    ["a header that is null", file(null), "w: the header is not a JSON object of tensors"],
    ["an entry that is null", file({ x: null }), "w: 'x' is not a tensor entry"],
    [
      "an unknown dtype",
      file({ x: { dtype: "F64", shape: [1], data_offsets: [0, 8] } }, new Uint8Array(8)),
      `w: 'x' has dtype "F64"; only F32 and I32 are read`,
    ],
    [
      "a dtype from Object.prototype",
      file({ x: { dtype: "toString", shape: [1], data_offsets: [0, 4] } }, f32(1)),
      `w: 'x' has dtype "toString"; only F32 and I32 are read`,
    ],
    [
      "a fractional dim",
      file({ x: { dtype: "F32", shape: [1.5], data_offsets: [0, 4] } }, f32(1)),
      "w: 'x' has shape [1.5]; a shape is a list of non-negative integers",
    ],
    [
      "a negative dim",
      file({ x: { dtype: "F32", shape: [-1], data_offsets: [0, 4] } }, f32(1)),
      "w: 'x' has shape [-1]; a shape is a list of non-negative integers",
    ],
    [
      "offsets as strings",
      file({ x: { dtype: "F32", shape: [1], data_offsets: ["0", "4"] } }, f32(1)),
      `w: 'x' has data_offsets ["0","4"]; they are two non-negative integers`,
    ],
    [
      "offsets past the data",
      file({ x: { dtype: "F32", shape: [2], data_offsets: [0, 8] } }, f32(1)),
      "w: 'x' has data_offsets [0, 8] outside the 4 bytes of data",
    ],
    [
      "a length the shape does not need",
      file({ x: { dtype: "F32", shape: [2], data_offsets: [0, 4] } }, f32(1)),
      "w: 'x' has 4 bytes of data, but shape [2] needs 8",
    ],
    [
      "overlapping tensors",
      file(
        {
          x: { dtype: "F32", shape: [2], data_offsets: [0, 8] },
          y: { dtype: "F32", shape: [1], data_offsets: [4, 8] },
        },
        f32(2),
      ),
      "w: 'y' overlaps the data of another tensor",
    ],
    [
      "a gap",
      file({ x: { dtype: "F32", shape: [1], data_offsets: [4, 8] } }, f32(2)),
      "w: bytes 0 to 4 of the data belong to no tensor (before 'x')",
    ],
    [
      "trailing bytes",
      file({ x: { dtype: "F32", shape: [1], data_offsets: [0, 4] } }, f32(3)),
      "w: 8 bytes of data follow the last tensor",
    ],
    [
      "a name given twice",
      file(
        null,
        f32(1),
        '{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}',
      ),
      "w: the header names tensor 'x' twice",
    ],
  ];
  for (const [what, bytes, message] of cases)
    it(`refuses ${what}`, () => expect(() => read(bytes)).toThrow(message));

  it("refuses what is not bytes", () => {
    expect(() => read("weights" as never)).toThrow(
      "w: expects safetensors bytes (a Uint8Array or an ArrayBuffer)",
    );
  });

  it("reads every mutation of a valid file whole, or refuses it with an Error of its own", () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant("byte"), at: fc.nat(valid.length - 1), value: fc.nat(255) }),
      fc.record({ kind: fc.constant("cut"), at: fc.nat(valid.length) }),
      fc.record({ kind: fc.constant("grow"), extra: fc.uint8Array({ maxLength: 16 }) }),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        let bytes: Uint8Array = valid.slice();
        for (const m of mutations) {
          if (m.kind === "byte")
            bytes[(m as { at: number }).at % bytes.length] = (m as { value: number }).value;
          else if (m.kind === "cut") bytes = bytes.slice(0, (m as { at: number }).at);
          else bytes = Uint8Array.from([...bytes, ...(m as { extra: Uint8Array }).extra]);
        }
        try {
          for (const t of read(bytes).values())
            expect(t.data.length).toBe(t.shape.reduce((n, d) => n * d, 1));
        } catch (e) {
          expect(e).toBeInstanceOf(Error);
          expect((e as Error).message).toMatch(/^w: /);
        }
      }),
      { seed: 17, numRuns: 2000 },
    );
  });
});
