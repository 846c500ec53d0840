import { expect } from "vitest";

/** One parsed server-sent event, stamped with when its last byte arrived (ms since readEvents began). */
export interface ReadEvent {
  event?: string;
  data: string;
  at: number;
}

function parse(block: string, at: number): ReadEvent {
  const out: ReadEvent = { data: "", at };
  for (const line of block.split("\n")) {
    if (line.startsWith("event: ")) out.event = line.slice(7);
    else if (line.startsWith("data: ")) out.data += line.slice(6);
  }
  return out;
}

/** Reads a `text/event-stream` body to its end, event by event as the bytes arrive. */
export async function readEvents(res: Response): Promise<ReadEvent[]> {
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const t0 = performance.now();
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: ReadEvent[] = [];
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    let cut: number;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      events.push(parse(buffer.slice(0, cut), performance.now() - t0));
      buffer = buffer.slice(cut + 2);
    }
  }
  expect(buffer).toBe("");
  return events;
}

export type ImageEvent = {
  type: string;
  b64_json: string;
  partial_image_index?: number;
  created_at: number;
  size: string;
  quality: string;
  background: string;
  output_format: string;
  usage?: { output_tokens: number; input_tokens: number; total_tokens: number };
};

export const json = (e: ReadEvent) => JSON.parse(e.data) as ImageEvent;
