/**
 * A peer in a process of its own that answers one JSON request per line on
 * stdin with one JSON reply per line (bench/torch_peer.py, bench/gemm-relaxed.ts),
 * started on the first request; its stderr passes through.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";

export class LinePeer {
  private child?: ChildProcessWithoutNullStreams;
  private replies?: AsyncIterator<string>;

  constructor(
    /** For error messages. */
    private readonly name: string,
    private readonly command: string,
    private readonly args: readonly string[],
    private readonly env?: NodeJS.ProcessEnv,
  ) {}

  async ask(request: object): Promise<Record<string, unknown>> {
    if (!this.child) {
      this.child = spawn(this.command, this.args, {
        stdio: ["pipe", "pipe", "pipe"],
        env: this.env,
      });
      this.child.stderr.on("data", (d) => process.stderr.write(d));
      this.replies = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
    }
    this.child.stdin.write(JSON.stringify(request) + "\n");
    const line = await this.replies!.next();
    if (line.done) throw new Error(`${this.name} exited`);
    const reply = JSON.parse(line.value);
    if (reply.error) throw new Error(`${this.name}: ${reply.error}`);
    return reply;
  }

  close(): void {
    this.child?.stdin.end();
  }
}
