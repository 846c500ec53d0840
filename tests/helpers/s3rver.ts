import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Server } from "node:http";

/**
 * s3rver (a fake S3 over the filesystem) in this process, on 127.0.0.1 at a free port, in a temp folder,
 * with one bucket. s3rver 3.7 is CommonJS without types and has two flaws this helper patches (both in
 * the test process only, on s3rver's own modules):
 *
 * 1. Paginated ListObjectsV2 fails with 500 on Node 17+: its continuation tokens are DES-CBC encrypted,
 *    and OpenSSL 3 only has DES in the legacy provider (`ERR_OSSL_EVP_UNSUPPORTED` from createCipheriv).
 *    Rather than `--openssl-legacy-provider` for the whole test process, the list handler is wrapped:
 *    it gets the inner listing untruncated-flagged (so s3rver never makes a DES token) and sets
 *    IsTruncated/NextContinuationToken itself, the token being the last key in base64url; an incoming
 *    token becomes `start-after`. s3rver's own listing (prefix, delimiter, max-keys) does the rest.
 * 2. PutObject writes the object file in place (truncating it) and answers before the write stream has
 *    flushed: a GET right after a PUT can see a short file, and a GET in flight during an overwrite sees
 *    the new bytes cut into the old ones. S3 replaces an object atomically; so does this patch: a temp file
 *    in the same folder, renamed over the object once complete, then the MD5 and metadata as before.
 *
 * Also not S3-like, left as is (S3Store copes): GET ignores If-Match (S3Store checks the ETag of the
 * answer too), ListMultipartUploads is NotImplemented (S3Store's cleanTemp tolerates it), and the
 * ETag of a multipart object is the MD5 of the whole (S3: MD5 of the part MD5s plus `-N`).
 */
export interface S3rverHandle {
  endpoint: string;
  bucket: string;
  /** The folder s3rver keeps the bucket in. */
  directory: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Objects written straight into s3rver's folder, as its PutObject would (fast: for listings of thousands). */
  seed(objects: { key: string; body: Uint8Array }[]): void;
  close(): Promise<void>;
}

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  httpServer?: Server;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

interface KoaLikeContext {
  query: Record<string, string | undefined>;
  body: unknown;
  store: ListingStore;
}
interface ListingStore {
  listObjects(bucket: string, options: unknown): Promise<{ objects: { key: string }[]; isTruncated: boolean }>;
}
interface S3ObjectLike {
  bucket: string;
  key: string;
  content: Buffer | Readable;
  metadata: Record<string, unknown>;
}
interface FilesystemStoreLike {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  putMetadata(bucket: string, key: string, metadata: Record<string, unknown>, md5: string): Promise<void>;
}

const require = createRequire(import.meta.url);

function patchS3rver(): void {
  const bucketCtrl = require("s3rver/lib/controllers/bucket.js") as {
    getBucket: (ctx: KoaLikeContext) => Promise<void>;
    atelierPatched?: boolean;
  };
  // Marked on s3rver's module itself: Node's require cache outlives this module when vitest reloads it.
  if (bucketCtrl.atelierPatched) return;
  bucketCtrl.atelierPatched = true;
  const getBucket = bucketCtrl.getBucket;
  bucketCtrl.getBucket = async (ctx) => {
    if (ctx.query["list-type"] !== "2") return getBucket(ctx);
    const token = ctx.query["continuation-token"];
    if (token) {
      const { "continuation-token": _, ...rest } = ctx.query;
      ctx.query = { ...rest, "start-after": Buffer.from(token, "base64url").toString("utf8") };
    }
    let lastKey: string | undefined;
    const store = ctx.store;
    ctx.store = {
      async listObjects(bucket, options) {
        const result = await store.listObjects(bucket, options);
        if (result.isTruncated) lastKey = result.objects.at(-1)?.key;
        return { ...result, isTruncated: false };
      },
    };
    try {
      await getBucket(ctx);
    } finally {
      ctx.store = store;
    }
    const listing = (ctx.body as { ListBucketResult?: Record<string, unknown> }).ListBucketResult;
    if (listing && lastKey !== undefined) {
      listing.IsTruncated = true;
      listing.NextContinuationToken = Buffer.from(lastKey, "utf8").toString("base64url");
    }
    if (listing && token) {
      listing.ContinuationToken = token;
      delete listing.StartAfter;
    }
  };

  const FilesystemStore = require("s3rver/lib/stores/filesystem.js") as { prototype: FilesystemStoreLike };
  Object.assign(FilesystemStore.prototype, {
    async putObject(this: FilesystemStoreLike, object: S3ObjectLike) {
      const objectPath = this.getResourcePath(object.bucket, object.key, "object");
      const tmp = `${objectPath}.${randomBytes(6).toString("hex")}.tmp`;
      const source = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
      let written: { size: number; md5: string };
      try {
        written = await writeWhole(source, tmp);
        await fs.promises.rename(tmp, objectPath);
      } catch (err) {
        await fs.promises.rm(tmp, { force: true });
        throw err;
      }
      await this.putMetadata(object.bucket, object.key, object.metadata, written.md5);
      return written;
    },
    // Same flaw in parts: answered before the part file was flushed, which CompleteMultipartUpload then reads.
    async putPart(this: FilesystemStoreLike, bucket: string, uploadId: string, partNumber: number, content: Readable) {
      const partPath = path.join(this.getResourcePath(bucket, undefined, "uploads"), uploadId, String(partNumber));
      const written = await writeWhole(content, partPath);
      await fs.promises.writeFile(`${partPath}.md5`, written.md5);
      return written;
    },
  });
}

/** `source` into `file` until the file is closed; its size and MD5. */
async function writeWhole(source: Readable, file: string): Promise<{ size: number; md5: string }> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const md5 = createHash("md5");
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      md5.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(source, count, fs.createWriteStream(file));
  return { size, md5: md5.digest("hex") };
}

export async function startS3rver(bucket = "atelier-test"): Promise<S3rverHandle> {
  patchS3rver();
  const S3rver = require("s3rver") as S3rverClass;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    directory,
    // s3rver's one account (it checks signatures against it).
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    seed(objects) {
      for (const { key, body } of objects) {
        // s3rver's layout: <dir>/<bucket>/<key's folders>/<key's name>._S3rver_object, its MD5 beside it.
        const parts = key.split("/");
        const file = path.join(directory, bucket, ...parts.slice(0, -1), `${parts.at(-1)}._S3rver_object`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, body);
        fs.writeFileSync(`${file}.md5`, createHash("md5").update(body).digest("hex"));
      }
    },
    async close() {
      const http = server.httpServer;
      if (http) {
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
      }
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
