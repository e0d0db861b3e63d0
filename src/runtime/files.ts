/**
 * A package's own files (its kernels, its vocabulary), read beside its code:
 * from disk in Node (whose fetch takes no file: URLs), fetched elsewhere. A
 * package carries a copy of this file; it imports nothing.
 */

/** The file's bytes, or undefined where there is no such file. */
export async function readPackageFile(url: URL): Promise<Uint8Array | undefined> {
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions
    ?.node;
  if (node && url.protocol === "file:") {
    // A specifier bundlers do not follow: this branch runs only in Node.
    const fs = "node:fs/promises";
    const { readFile } = (await import(/* @vite-ignore */ fs)) as {
      readFile(path: URL): Promise<Uint8Array>;
    };
    try {
      return new Uint8Array(await readFile(url));
    } catch (e) {
      if ((e as { code?: string }).code === "ENOENT") return undefined;
      throw e;
    }
  }
  const response = await fetch(url);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`cannot load ${url}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
