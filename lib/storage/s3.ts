import "server-only";
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import path from "node:path";
import { Readable } from "node:stream";
import type { Env } from "@/lib/env";
import type { BlobStore, OpenBlob, PinnedBlobs } from "./index";
import { assertKey } from "./keys";
import { parseStorageUrl, STORAGE_URL_RULE } from "./s3-url";
import { Spool } from "./s3-spool";
import { webStreamOf } from "./web-stream";

export interface S3StoreOptions {
  bucket: string;
  /** Empty or ending with `/`; prepended to every key (see `parseStorageUrl`). */
  prefix?: string;
  endpoint?: string;
  region?: string;
  /** Both or neither; neither: the AWS SDK's default credential chain. */
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
  /** A ready client instead of one built from the fields above (tests). */
  client?: S3Client;
  /** Bodies of this many bytes or more go up as a multipart upload (`Upload`); default 16 MiB. */
  multipartThreshold?: number;
  /** Part size of a multipart upload; default 8 MiB (S3's minimum is 5 MiB). */
  partSize?: number;
  /** MaxKeys per ListObjectsV2 page; default 1000 (S3's maximum). */
  listPageSize?: number;
  /** HeadObject requests at once in `pin`; default 16. */
  headConcurrency?: number;
  /** Where `blob()` spools objects; default `<os.tmpdir()>/atelier-spool`. */
  spoolDir?: string;
  /** How long a spooled file stays after `blob()` last handed it out; default 1 hour. */
  spoolTtlMs?: number;
  /** `cleanTemp` never aborts a multipart upload younger than this (another instance's live put); default 1 hour. */
  minUploadAgeMs?: number;
}

const MiB = 1 << 20;
const CONTENT_TYPE: Record<string, string> = { png: "image/png", jpg: "image/jpeg", webp: "image/webp" };

interface S3Failure {
  name?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}
const failure = (err: unknown): S3Failure => (typeof err === "object" && err !== null ? (err as S3Failure) : {});
const statusOf = (err: unknown) => failure(err).$metadata?.httpStatusCode;

/** A missing object (GET: NoSuchKey; HEAD has no body, so only its 404 says so). A missing bucket is not that. */
function isNotFound(err: unknown): boolean {
  const name = failure(err).name;
  if (name === "NoSuchBucket") return false;
  return name === "NoSuchKey" || name === "NotFound" || statusOf(err) === 404;
}

function isNotImplemented(err: unknown): boolean {
  const f = failure(err);
  return f.name === "NotImplemented" || f.Code === "NotImplemented" || statusOf(err) === 501;
}

/** Like the local disk's ENOENT, so callers can tell "absent" from "failed" the same way for both stores. */
const noSuchKey = (key: string) => Object.assign(new Error(`no such key: ${key}`), { code: "ENOENT" });

/** A GET of one version (If-Match) answered by another one, or by none: deleted (404) or replaced (412). */
const changed = (key: string) =>
  Object.assign(new Error(`${key} changed since its version was read`), { code: "ECHANGED" });
const isChanged = (err: unknown) =>
  (err as { code?: string }).code === "ECHANGED" || statusOf(err) === 412 || isNotFound(err);

/** ETags compare without quotes or a weak marker (some servers differ in how they write them back). */
const bareEtag = (etag: string | undefined) => etag?.replace(/^W\//, "").replace(/"/g, "");

/**
 * The bytes of a GET body, checked: never more than `size` (an error instead of the extra byte), and an
 * error unless exactly `size` arrived. Destroys the body (frees the connection) however it ends.
 */
async function* exactly(body: Readable, size: number, key: string): AsyncGenerator<Buffer> {
  let got = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      got += chunk.byteLength;
      if (got > size) throw new Error(`${key}: more than the ${size} bytes announced`);
      yield chunk;
    }
    if (got !== size) throw new Error(`${key}: the object ended after ${got} of ${size} bytes`);
  } finally {
    body.destroy();
  }
}

const nodeStreamOf = (chunks: AsyncIterable<Buffer>) => Readable.from(chunks, { objectMode: false });

/** `fn(0..n-1)` with at most `limit` running at once; the first failure stops the rest and is thrown. */
async function eachLimited(n: number, limit: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < n) {
      const i = next++;
      try {
        await fn(i);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
}

interface Got {
  body: Readable;
  size: number;
  etag: string | undefined;
}

/**
 * Objects in an S3-compatible bucket under `prefix`, keyed like the local disk (`assets/ast_….png`).
 *
 * How the BlobStore promises map to S3:
 * - `put` is a PutObject, or above `multipartThreshold` a multipart upload: either way the object appears
 *   whole when the request completes, never partly (S3 writes are atomic per object).
 * - `open` is one GetObject, awaited to its response headers: its Content-Length and ETag describe exactly
 *   the bytes of its body, so size and bytes are of one version without a separate HeadObject (which would
 *   add a round trip and a window between the two). A delete after `open` returns still serves the bytes
 *   on servers that finish in-flight reads (S3 does; so does s3rver, which the tests run on).
 * - `pin` holds by version, not by bytes: HeadObject gives each key's size and ETag up front, and each
 *   `nodeStream` is a GET with `If-Match` of that ETag, also checked on the answer (servers that ignore
 *   If-Match, like s3rver, are caught there). A key deleted or replaced in between makes its stream emit
 *   'error' — never other bytes. Deletes during exports become safe once deletes go to a trash purged
 *   later (then the pinned version is still there when the export reads it).
 * - `blob` spools the object to a local temp file and hands out `fs.openAsBlob` of it (see `Spool`).
 * - `cleanTemp` aborts stale multipart uploads under the prefix (where the server lists them) and removes
 *   leftover spool files.
 * The secret key is handed to the SDK client only: it is not kept on the store and no message names it.
 */
export class S3Store implements BlobStore {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;
  readonly #multipartThreshold: number;
  readonly #partSize: number;
  readonly #listPageSize: number;
  readonly #headConcurrency: number;
  readonly #minUploadAgeMs: number;
  readonly #spool: Spool;

  constructor(o: S3StoreOptions) {
    if (o.prefix && !o.prefix.endsWith("/")) throw new Error("S3Store: prefix must be empty or end with /");
    this.#bucket = o.bucket;
    this.#prefix = o.prefix ?? "";
    this.#partSize = o.partSize ?? 8 * MiB;
    this.#multipartThreshold = o.multipartThreshold ?? 16 * MiB;
    this.#listPageSize = o.listPageSize ?? 1000;
    this.#headConcurrency = o.headConcurrency ?? 16;
    this.#minUploadAgeMs = o.minUploadAgeMs ?? 60 * 60_000;
    this.#spool = new Spool(o.spoolDir, o.spoolTtlMs ?? 60 * 60_000);
    this.#client =
      o.client ??
      new S3Client({
        region: o.region ?? "us-east-1",
        ...(o.endpoint ? { endpoint: o.endpoint } : {}),
        forcePathStyle: o.forcePathStyle ?? false,
        ...(o.accessKeyId && o.secretAccessKey
          ? { credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey } }
          : {}),
        // Checksums only where an operation requires one: the SDK's default (since early 2025) sends
        // aws-chunked bodies with trailing CRCs that many S3-compatible servers store verbatim or refuse.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
        // Only the connect is bounded: a socket timeout would also cut a body its reader has paused.
        requestHandler: { connectionTimeout: 10_000 },
      });
  }

  /**
   * From `STORAGE_URL` and the S3_* variables (validated by `env()`). `blob()` spools into the data dir
   * (`<data dir>/files/.spool`, next to upload staging): per-process scratch belongs where the deployment
   * put it, not in a machine-wide temp folder (often a small tmpfs, i.e. memory, and shared by every
   * process of the machine, whose boots would count and sweep each other's leftovers).
   */
  static fromEnv(e: Env): S3Store {
    const where = e.STORAGE_URL ? parseStorageUrl(e.STORAGE_URL) : null;
    if (!where) throw new Error(`STORAGE_URL ${STORAGE_URL_RULE}`);
    return new S3Store({
      ...where,
      spoolDir: path.join(e.dataDir, "files", ".spool"),
      endpoint: e.S3_ENDPOINT,
      region: e.S3_REGION,
      accessKeyId: e.S3_ACCESS_KEY_ID,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY,
      forcePathStyle: e.S3_FORCE_PATH_STYLE,
    });
  }

  /** Bucket and object key of a store key (checked like the local store's paths). */
  #object(key: string) {
    assertKey(key);
    return { Bucket: this.#bucket, Key: this.#prefix + key };
  }

  /** GetObject; `ifMatch` asks for that version only and is checked on the answer too. */
  async #get(key: string, ifMatch?: string): Promise<Got> {
    const out = await this.#client.send(
      new GetObjectCommand({ ...this.#object(key), ...(ifMatch ? { IfMatch: ifMatch } : {}) }),
    );
    const body = out.Body;
    if (!(body instanceof Readable)) throw new Error(`${key}: GetObject gave no Node stream`);
    if (ifMatch !== undefined && bareEtag(out.ETag) !== bareEtag(ifMatch)) {
      body.destroy();
      throw changed(key);
    }
    if (out.ContentLength === undefined) {
      body.destroy();
      throw new Error(`${key}: GetObject gave no Content-Length`);
    }
    return { body, size: out.ContentLength, etag: out.ETag };
  }

  /** `#get`, with a missing object as null. */
  async #getIfExists(key: string): Promise<Got | null> {
    try {
      return await this.#get(key);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async #head(key: string): Promise<{ size: number; etag: string | undefined } | null> {
    try {
      const out = await this.#client.send(new HeadObjectCommand(this.#object(key)));
      return { size: out.ContentLength ?? 0, etag: out.ETag };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async put(key: string, data: Uint8Array): Promise<void> {
    const params = { ...this.#object(key), ContentType: CONTENT_TYPE[key.slice(key.lastIndexOf(".") + 1)] };
    if (data.byteLength < this.#multipartThreshold) {
      await this.#client.send(new PutObjectCommand({ ...params, Body: data, ContentLength: data.byteLength }));
      return;
    }
    // Parts go up 4 at a time; a failed upload is aborted (its parts removed) before done() rejects.
    const upload = new Upload({
      client: this.#client,
      params: { ...params, Body: data },
      partSize: this.#partSize,
      queueSize: 4,
      leavePartsOnError: false,
    });
    await upload.done();
  }

  async read(key: string): Promise<Buffer> {
    const got = await this.#getIfExists(key);
    if (!got) throw noSuchKey(key);
    const chunks: Buffer[] = [];
    for await (const chunk of exactly(got.body, got.size, key)) chunks.push(chunk);
    return Buffer.concat(chunks, got.size);
  }

  /**
   * A temp-file-backed Blob of the object (see `Spool` for when the file goes). It holds the version read
   * now: a later replace or delete of the key does not change it.
   */
  async blob(key: string, type: string): Promise<Blob | null> {
    this.#object(key);
    for (let attempt = 1; ; attempt++) {
      const head = await this.#head(key);
      if (!head) return null;
      const { etag, size } = head;
      if (etag === undefined) throw new Error(`${key}: HeadObject gave no ETag`);
      try {
        return await this.#spool.blobOf(`${this.#bucket}/${this.#prefix}${key}`, etag, size, type, async () => {
          const got = await this.#get(key, etag);
          if (got.size !== size) {
            got.body.destroy();
            throw changed(key);
          }
          return exactly(got.body, size, key);
        });
      } catch (err) {
        // Replaced or deleted between the HEAD and the GET: ask once more what is there now.
        if (attempt >= 2 || !isChanged(err)) throw err;
      }
    }
  }

  stream(key: string): ReadableStream<Uint8Array> {
    this.#object(key);
    const get = this.#get.bind(this);
    return webStreamOf(
      nodeStreamOf(
        (async function* () {
          let got: Got;
          try {
            got = await get(key);
          } catch (err) {
            throw isNotFound(err) ? noSuchKey(key) : err;
          }
          yield* exactly(got.body, got.size, key);
        })(),
      ),
    );
  }

  async open(key: string): Promise<OpenBlob | null> {
    const got = await this.#getIfExists(key);
    if (!got) return null;
    let taken = false;
    return {
      size: got.size,
      stream() {
        if (taken) throw new Error("blob already streamed or closed");
        taken = true;
        return webStreamOf(nodeStreamOf(exactly(got.body, got.size, key)));
      },
      async close() {
        if (taken) return;
        taken = true;
        got.body.destroy();
      },
    };
  }

  async pin(keys: string[]): Promise<PinnedBlobs> {
    for (const k of keys) assertKey(k);
    const sizes: (number | null)[] = new Array<number | null>(keys.length).fill(null);
    const etags: (string | undefined)[] = new Array<string | undefined>(keys.length).fill(undefined);
    await eachLimited(keys.length, this.#headConcurrency, async (i) => {
      const head = await this.#head(keys[i]);
      if (!head) return;
      if (head.etag === undefined) throw new Error(`${keys[i]}: HeadObject gave no ETag to pin`);
      sizes[i] = head.size;
      etags[i] = head.etag;
    });
    const get = this.#get.bind(this);
    let released = false;
    return {
      sizes,
      nodeStream(i) {
        const size = sizes[i];
        const etag = etags[i];
        if (released) throw new Error("pins released");
        if (size === null || etag === undefined) throw new Error(`nothing pinned at ${i}`);
        const key = keys[i];
        return nodeStreamOf(
          (async function* () {
            let got: Got;
            try {
              got = await get(key, etag);
            } catch (err) {
              // Deleted (404) or replaced (412, or another ETag from a server that ignores If-Match).
              if (isChanged(err)) throw new Error(`${key} changed after it was pinned`, { cause: err });
              throw err;
            }
            if (got.size !== size) {
              got.body.destroy();
              throw new Error(`${key} changed after it was pinned`);
            }
            yield* exactly(got.body, size, key);
          })(),
        );
      },
      // Nothing is held on the server: a pin is a version to ask for, so release only ends the pin.
      async release() {
        released = true;
      },
    };
  }

  async size(key: string): Promise<number | null> {
    return (await this.#head(key))?.size ?? null;
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 for a missing key too.
    await this.#client.send(new DeleteObjectCommand(this.#object(key)));
  }

  /** Objects directly under `prefix` (like a directory listing on the local disk), every page. */
  async #listDir(prefix: string): Promise<{ key: string; modifiedMs: number }[]> {
    const dir = prefix === "" || prefix.endsWith("/") ? prefix : `${prefix}/`;
    const entries: { key: string; modifiedMs: number }[] = [];
    let token: string | undefined;
    do {
      const out = await this.#client.send(
        new ListObjectsV2Command({
          Bucket: this.#bucket,
          Prefix: this.#prefix + dir,
          Delimiter: "/",
          MaxKeys: this.#listPageSize,
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      for (const o of out.Contents ?? []) {
        if (!o.Key?.startsWith(this.#prefix)) continue;
        entries.push({ key: o.Key.slice(this.#prefix.length), modifiedMs: o.LastModified?.getTime() ?? 0 });
      }
      if (out.IsTruncated && !out.NextContinuationToken) throw new Error("ListObjectsV2: truncated without a token");
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
    return entries;
  }

  async list(prefix: string): Promise<string[]> {
    return (await this.#listDir(prefix)).map((e) => e.key);
  }

  async listEntries(prefix: string): Promise<{ key: string; modifiedMs: number }[]> {
    return this.#listDir(prefix);
  }

  /**
   * Aborts multipart uploads under the prefix started more than `olderThanMs` ago — never one younger than
   * `minUploadAgeMs`, which may be another instance's put in progress (a bucket lifecycle rule
   * AbortIncompleteMultipartUpload does the same on the server's side). Servers that do not list uploads
   * (NotImplemented) are skipped. Then leftover spool files of `blob()`. Answers how many went.
   */
  async cleanTemp(olderThanMs = 0): Promise<number> {
    const before = Date.now() - Math.max(olderThanMs, this.#minUploadAgeMs);
    let removed = 0;
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    try {
      do {
        const out = await this.#client.send(
          new ListMultipartUploadsCommand({
            Bucket: this.#bucket,
            Prefix: this.#prefix,
            ...(keyMarker ? { KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker } : {}),
          }),
        );
        for (const u of out.Uploads ?? []) {
          if (!u.Key || !u.UploadId || (u.Initiated?.getTime() ?? 0) > before) continue;
          try {
            await this.#client.send(
              new AbortMultipartUploadCommand({ Bucket: this.#bucket, Key: u.Key, UploadId: u.UploadId }),
            );
            removed++;
          } catch (err) {
            if (!isNotFound(err)) throw err; // NoSuchUpload: it completed or was aborted meanwhile
          }
        }
        const more = out.IsTruncated && out.NextKeyMarker;
        keyMarker = more ? out.NextKeyMarker : undefined;
        uploadIdMarker = more ? out.NextUploadIdMarker : undefined;
      } while (keyMarker);
    } catch (err) {
      if (!isNotImplemented(err)) throw err;
    }
    return removed + (await this.#spool.clean(olderThanMs));
  }

  /** Throws unless the bucket answers (HeadBucket: reachable, exists, and these credentials may use it). */
  async check(): Promise<void> {
    try {
      await this.#client.send(new HeadBucketCommand({ Bucket: this.#bucket }), {
        abortSignal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      const f = failure(err);
      throw new Error(`S3 bucket ${this.#bucket} unreachable: ${f.name ?? "error"} (${statusOf(err) ?? "no status"})`, {
        cause: err,
      });
    }
  }

  /** Close the client's sockets (tests; a process exit does it too). */
  destroy(): void {
    this.#client.destroy();
  }
}
