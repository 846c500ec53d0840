import "server-only";
import path from "node:path";
import type { Readable } from "node:stream";
import { env } from "@/lib/env";
import { LocalDiskStore } from "./local-disk";
import { S3Store } from "./s3";

/**
 * Where asset bytes live. One interface so an S3-compatible store can replace the local disk for
 * multi-instance deployments. Keys are derived from ids (`assets/ast_….png`), never from user input.
 */
export interface BlobStore {
  /** Write atomically: readers see the old state or the whole new file, never a partial one. */
  put(key: string, data: Uint8Array): Promise<void>;
  /** All the bytes; a missing key fails with `code` ENOENT (both stores). */
  read(key: string): Promise<Buffer>;
  /**
   * The bytes as a Blob read lazily, not held in memory (file-backed on the local disk): for request bodies
   * of many large inputs. Null when absent. Local disk: reading it fails if the key is replaced or deleted
   * meanwhile. S3: a local temp copy of the version read now (unchanged by later writes), kept an hour
   * after its last hand-out — start reading it (or the FormData File made of it) within that time.
   */
  blob(key: string, type: string): Promise<Blob | null>;
  /** A stream of the bytes, for responses. A missing key errors the stream (`code` ENOENT in both stores). */
  stream(key: string): ReadableStream<Uint8Array>;
  /**
   * Open for one read: the size and the bytes are those of what was opened, and stay readable through the
   * handle even if the key is deleted meanwhile (local disk: POSIX keeps an unlinked open file; S3: the
   * GET is under way when `open` returns, and servers finish in-flight reads). Null when absent.
   */
  open(key: string): Promise<OpenBlob | null>;
  /**
   * Hold the current bytes of many keys for one long reader (a ZIP export) with O(1) open files;
   * `release()` lets them go. A key absent now has size null. Local disk: a delete meanwhile cannot take
   * them away (hard links). S3: held by version (ETag) — a key deleted or replaced meanwhile makes its
   * stream emit 'error', never other bytes; deletes become safe during exports once they go to a trash
   * purged later.
   */
  pin(keys: string[]): Promise<PinnedBlobs>;
  /** Byte size, or null when absent. */
  size(key: string): Promise<number | null>;
  /** Idempotent: a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Every key under a prefix (`assets/`), for the orphan sweep. */
  list(prefix: string): Promise<string[]>;
  /**
   * Every key under a prefix with when it was last written (local disk: mtime; S3: LastModified), so a
   * sweep shared by several instances can skip keys younger than a grace period (an upload in flight
   * elsewhere has its file before its row).
   */
  listEntries(prefix: string): Promise<StoredEntry[]>;
  /**
   * Remove unfinished temp files older than `olderThanMs` (left by a crash mid-write; S3: stale multipart
   * uploads and `blob()` spool files). Answers how many went.
   */
  cleanTemp(olderThanMs?: number): Promise<number>;
  /** Throws when the store cannot be used now (local disk: its folder; S3: the bucket), for health checks. */
  check(): Promise<void>;
}

export interface StoredEntry {
  key: string;
  modifiedMs: number;
}

/** An opened blob (see `BlobStore.open`): read it once with `stream()`, or `close()` it. */
export interface OpenBlob {
  readonly size: number;
  /** Exactly `size` bytes (or an error); closes the handle at the end, on error and on cancel. */
  stream(): ReadableStream<Uint8Array>;
  /** For a blob not streamed after all; idempotent. */
  close(): Promise<void>;
}

/** Blobs held by `BlobStore.pin`, by position in the keys given. */
export interface PinnedBlobs {
  /** Byte size of each key's held bytes; null when the key was absent at pin time (nothing held). */
  readonly sizes: readonly (number | null)[];
  /** Key i's held bytes as a Node stream: exactly `sizes[i]` bytes, or an 'error' event. Opened on call. */
  nodeStream(i: number): Readable;
  /** Let go of what is held (idempotent); space of keys deleted meanwhile is freed now. */
  release(): Promise<void>;
}

const slot = globalThis as unknown as { __atelierStore?: { where: string; store: BlobStore } };

/** The store of this deployment: S3 when STORAGE_URL is set, else `<data dir>/files` on the local disk. */
export function storage(): BlobStore {
  const e = env();
  // Which store the environment names (no secret in it): a change of it (tests) makes a new one.
  const where = e.STORAGE_URL
    ? `${e.STORAGE_URL} ${e.S3_ENDPOINT ?? ""} ${e.S3_REGION} ${e.S3_ACCESS_KEY_ID ?? ""} ${e.S3_FORCE_PATH_STYLE} ${e.dataDir}`
    : path.join(e.dataDir, "files");
  if (slot.__atelierStore?.where !== where) {
    slot.__atelierStore = { where, store: e.STORAGE_URL ? S3Store.fromEnv(e) : new LocalDiskStore(where) };
  }
  return slot.__atelierStore.store;
}

/**
 * Forget the store `storage()` made, closing an S3 client's sockets (tests, between suites with stores of
 * their own); the next `storage()` makes a new one.
 */
export function closeStorage(): void {
  const store = slot.__atelierStore?.store;
  slot.__atelierStore = undefined;
  if (store instanceof S3Store) store.destroy();
}

export { assertKey, assetFileKey, assetThumbKey, previewKey } from "./keys";
