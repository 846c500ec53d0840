import "server-only";
import path from "node:path";
import type { Readable } from "node:stream";
import { env } from "@/lib/env";
import { LocalDiskStore } from "./local-disk";

/**
 * Where asset bytes live. One interface so an S3-compatible store can replace the local disk for
 * multi-instance deployments. Keys are derived from ids (`assets/ast_….png`), never from user input.
 */
export interface BlobStore {
  /** Write atomically: readers see the old state or the whole new file, never a partial one. */
  put(key: string, data: Uint8Array): Promise<void>;
  read(key: string): Promise<Buffer>;
  /** A stream of the bytes, for responses. */
  stream(key: string): ReadableStream<Uint8Array>;
  /** The same as a Node stream, for Node consumers (the ZIP writer) without a web-stream round trip. */
  nodeStream(key: string): Readable;
  /** Byte size, or null when absent. */
  size(key: string): Promise<number | null>;
  /** Idempotent: a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Every key under a prefix (`assets/`), for the orphan sweep. */
  list(prefix: string): Promise<string[]>;
  /** Remove unfinished temp files older than `olderThanMs` (left by a crash mid-write). */
  cleanTemp(olderThanMs?: number): Promise<number>;
}

const slot = globalThis as unknown as { __atelierStore?: { root: string; store: BlobStore } };

export function storage(): BlobStore {
  const root = path.join(env().dataDir, "files");
  if (slot.__atelierStore?.root !== root) slot.__atelierStore = { root, store: new LocalDiskStore(root) };
  return slot.__atelierStore.store;
}

export { assertKey, assetFileKey, assetThumbKey, previewKey } from "./keys";
