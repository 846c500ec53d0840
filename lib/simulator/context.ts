import "server-only";
import type { FileStore } from "./file-store";
import type { RequestIds } from "./http";
import type { ImageInfo } from "./image-input";
import type { FaultKind } from "./types";

export interface FilePart {
  /** The multipart field name: "image", "image[]", "mask", or whatever the client sent. */
  name: string;
  filename: string;
  /** The part's declared Content-Type. */
  type: string;
  /** Bytes received, counted up to MAX_PART_BYTES (a part that reached it is `truncated`). */
  size: number;
  /** The part reached MAX_PART_BYTES; the rest of it was skipped unread (every model refuses such an input). */
  truncated: boolean;
  /**
   * The bytes, kept only for the parts an answer is drawn from: the first image part and the first mask, when
   * whole. Null for the others — they are read one at a time for `info`, then let go.
   */
  bytes: Uint8Array | null;
  /** By content (of what was received); null when it is not an image sharp can read. */
  info: ImageInfo | null;
}

export type ParsedBody =
  | { kind: "json"; json: unknown }
  | { kind: "multipart"; fields: Record<string, string>; files: FilePart[] }
  | { kind: "unparsable"; contentType: string; reason: string }
  | { kind: "empty" };

/** What a route handler gets: the request plus the simulator services it may use. */
export interface RouteContext {
  ids: RequestIds;
  req: Request;
  /** Path after the mount prefix. */
  path: string;
  /** Origin + mount: the prefix of every absolute URL the simulator hands out. */
  base: string;
  signal: AbortSignal;
  files: FileStore;
  body: ParsedBody;
  /** Simulated processing time in ms for `units` outputs (bounded). */
  latency(units: number): number;
  /** Waits out `latency(units)`; rejects with ClientAborted on abort. */
  process(units: number): Promise<void>;
  /** Consumes the first matching output-shaping fault among `kinds` (call after validation). */
  outputFault(kinds: FaultKind[], model: string): FaultKind | null;
}
