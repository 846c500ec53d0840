/** Read a text/event-stream Response frame by frame (tests of the live events stream). */
export interface SseFrame {
  id?: string;
  event: string;
  data: unknown;
  /** `: …` comment lines (keep-alives). */
  comments: string[];
  retry?: number;
}

export class SseReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private buf = "";
  readonly frames: SseFrame[] = [];
  ended = false;

  constructor(res: Response) {
    this.reader = res.body!.getReader();
  }

  private parse(block: string): SseFrame {
    const f: SseFrame = { event: "message", data: undefined, comments: [] };
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) f.comments.push(line.slice(1).trim());
      else {
        const i = line.indexOf(":");
        const field = i < 0 ? line : line.slice(0, i);
        const value = i < 0 ? "" : line.slice(i + 1).replace(/^ /, "");
        if (field === "id") f.id = value;
        else if (field === "event") f.event = value;
        else if (field === "data") data.push(value);
        else if (field === "retry") f.retry = Number(value);
      }
    }
    if (data.length) f.data = JSON.parse(data.join("\n"));
    return f;
  }

  /** The next frame, or undefined once the stream ended; throws after `timeoutMs`. */
  async next(timeoutMs = 5000): Promise<SseFrame | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.buf.indexOf("\n\n");
      if (end >= 0) {
        const block = this.buf.slice(0, end);
        this.buf = this.buf.slice(end + 2);
        const f = this.parse(block);
        this.frames.push(f);
        return f;
      }
      if (this.ended) return undefined;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(-5))}`);
      let timer: NodeJS.Timeout | undefined;
      const r = await Promise.race([
        this.reader.read(),
        new Promise<"timeout">((res) => (timer = setTimeout(() => res("timeout"), left))),
      ]);
      clearTimeout(timer);
      if (r === "timeout") continue;
      if (r.done) this.ended = true;
      else this.buf += this.decoder.decode(r.value, { stream: true });
    }
  }

  /** Frames up to and including the first that `until` accepts (keep-alives skipped unless asked for). */
  async until(until: (f: SseFrame) => boolean, timeoutMs = 10_000): Promise<SseFrame[]> {
    const deadline = Date.now() + timeoutMs;
    const seen: SseFrame[] = [];
    for (;;) {
      const f = await this.next(Math.max(1, deadline - Date.now()));
      if (!f) throw new Error(`the stream ended before the frame; got ${JSON.stringify(seen.slice(-5))}`);
      seen.push(f);
      if (until(f)) return seen;
    }
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}
