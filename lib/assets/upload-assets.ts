import "server-only";
import { finished } from "node:stream/promises";
import { recordAudit } from "@/lib/auth/audit";
import type { Actor } from "@/lib/auth/principal";
import { insertProjectAssets, type NewAssetRow } from "@/lib/db/assets";
import { projectIsLive } from "@/lib/db/projects";
import { nowIso } from "@/lib/db/time";
import { AppError, invalidRequest, notFound } from "@/lib/errors";
import { env } from "@/lib/env";
import { readMultipart, type MultipartFilePart, type MultipartLimits } from "@/lib/http";
import { newId } from "@/lib/ids";
import { sniffImageMime } from "@/lib/image-type";
import { assetFileKey, assetThumbKey, storage } from "@/lib/storage";
import { StagingArea, type StagedFile } from "@/lib/storage/staging";
import { inspectImage, type ImageInfo } from "./inspect-image";
import { makeThumb } from "./save-asset";
import { sanitizeFileName } from "@/lib/contracts/file-names";
import { toAsset } from "./serialize";
import type { Asset } from "@/lib/contracts/assets";

export const MAX_FILES_PER_UPLOAD = 50;
/** Non-file fields an upload may carry (`kind`, with room to spare), and the length of each. */
const MAX_FIELDS = 8;
const MAX_FIELD_BYTES = 1024;
/** Part headers and boundaries on top of the files' own bytes, in the default cap of a whole upload. */
const HEADER_ROOM = 1024 * 1024;

/** What one upload request may carry, enforced while it streams (readMultipart). */
export function uploadLimits(): MultipartLimits {
  const { MAX_UPLOAD_BYTES, MAX_UPLOAD_REQUEST_BYTES } = env();
  return {
    fileBytes: MAX_UPLOAD_BYTES,
    requestBytes: MAX_UPLOAD_REQUEST_BYTES ?? MAX_UPLOAD_BYTES * MAX_FILES_PER_UPLOAD + HEADER_ROOM,
    files: MAX_FILES_PER_UPLOAD,
    fields: MAX_FIELDS,
    fieldBytes: MAX_FIELD_BYTES,
  };
}

type UploadKind = "upload" | "mask";

interface Received {
  /** Position among the `file` parts, from 0 (`file.<n>` in issue paths). */
  n: number;
  label: string;
  /** The part's file name as kept (sanitizeFileName), or null when it had none left. */
  originalName: string | null;
  staged: StagedFile;
}

interface Checked extends Received {
  info: ImageInfo;
  thumb?: StagedFile;
}

/**
 * Store every `file` part of a multipart upload, or none — across a crash too.
 * 1. 404 for an unknown project before anything is read. Stream the body: each `file` part to a staged
 *    file of its own, hashed and counted as it passes; every limit is checked while it streams and the
 *    first one passed is 413 at once (readMultipart); a part whose first bytes are no PNG/JPEG/WebP
 *    magic is 415 at once. Nothing holds a whole upload in memory.
 * 2. Check the form (`file` parts present, `kind` upload|mask), then every file by content (type, pixel
 *    cap, a mask's alpha), one at a time, before any heavier work.
 * 3. Make every thumbnail, one at a time (decoding the whole image also proves it is not truncated),
 *    staged too.
 * 4. Move the files and thumbnails to their keys, then insert every row and the audit event in one
 *    transaction, only while the project is live: others see the whole batch or none of it. A project
 *    deleted meanwhile is 404 with the moved files removed. A crash before the commit leaves staged files
 *    (boot removes them) or files without rows (boot's orphan sweep) — never a half batch.
 * The staging directory is removed before the request answers, whatever happened. Each asset keeps its
 * part's file name as `originalName` (sanitizeFileName: no path, controls or bidi overrides, NFC, at most
 * 200 characters); errors are labelled with the name as sent.
 */
export async function uploadAssets(actor: Actor, projectId: string, req: Request): Promise<Asset[]> {
  if (!(await projectIsLive(projectId))) {
    await req.body?.cancel().catch(() => undefined);
    throw notFound("project", projectId);
  }
  const staging = await StagingArea.open();
  try {
    const form = await readMultipart(req, uploadLimits(), (part) => receive(staging, part));
    const kind = kindOf(form.fields);
    if (form.fields.has("file"))
      throw invalidRequest("'file' parts must be files", [{ path: "file", message: "expected a file" }]);
    const files = form.files.filter((f): f is Received => f !== null).map((f, n) => ({ ...f, n }));
    if (files.length === 0)
      throw invalidRequest("No 'file' part in the upload", [
        { path: "file", message: "at least one file is required" },
      ]);

    const checked: Checked[] = [];
    for (const f of files) checked.push({ ...f, info: await check(staging, f, kind) });
    if (!(await projectIsLive(projectId))) throw notFound("project", projectId); // deleted while we read: skip the thumbnails
    for (const c of checked) c.thumb = await thumbnail(staging, c);
    return await commit(actor, projectId, kind, checked, staging);
  } finally {
    await staging.dispose();
  }
}

/** A `file` part goes to staging; any other file part is read past and dropped. */
async function receive(staging: StagingArea, part: MultipartFilePart): Promise<Received | null> {
  if (part.field !== "file") {
    part.stream.resume();
    await finished(part.stream);
    return null;
  }
  const label = part.filename || `file ${part.index + 1}`;
  const staged = await staging.write(String(part.index), sniffed(part.stream, label));
  return { n: -1, label, originalName: sanitizeFileName(part.filename), staged };
}

/** Magic bytes are enough to refuse what is no image (415) at its first chunk, before staging the rest. */
const SNIFF_BYTES = 12;

async function* sniffed(chunks: AsyncIterable<Uint8Array>, label: string): AsyncGenerator<Uint8Array> {
  let head: Buffer | null = Buffer.alloc(0);
  for await (const chunk of chunks) {
    if (head) {
      head = Buffer.concat([head, chunk]);
      if (head.length < SNIFF_BYTES) continue;
      if (!sniffImageMime(head)) throw notAnImage(label);
      yield head;
      head = null;
    } else yield chunk;
  }
  if (head) {
    if (!sniffImageMime(head)) throw notAnImage(label);
    yield head;
  }
}

const notAnImage = (label: string) =>
  new AppError("unsupported_media_type", `${label} is not a PNG, JPEG or WebP image`, { file: label });

function kindOf(fields: Map<string, string[]>): UploadKind {
  const values = fields.get("kind") ?? ["upload"];
  const kind = values[0];
  if (values.length !== 1 || (kind !== "upload" && kind !== "mask"))
    throw invalidRequest("kind must be 'upload' or 'mask'", [{ path: "kind", message: "expected 'upload' or 'mask'" }]);
  return kind;
}

async function check(staging: StagingArea, f: Received, kind: UploadKind): Promise<ImageInfo> {
  const info = await inspectImage(await staging.read(f.staged), env().MAX_UPLOAD_PIXELS, f.label);
  if (kind === "mask" && (info.mimeType !== "image/png" || !info.hasAlpha)) {
    throw invalidRequest(`${f.label}: a mask must be a PNG with an alpha channel`, [
      { path: `file.${f.n}`, message: "mask must be PNG with alpha" },
    ]);
  }
  return info;
}

async function thumbnail(staging: StagingArea, c: Checked): Promise<StagedFile> {
  let thumb: Buffer;
  try {
    thumb = await makeThumb(await staging.read(c.staged));
  } catch {
    throw new AppError("unsupported_media_type", `${c.label} cannot be decoded (truncated or corrupt)`, {
      file: c.label,
    });
  }
  return staging.write(`${c.n}.thumb`, [thumb]);
}

async function commit(
  actor: Actor,
  projectId: string,
  kind: UploadKind,
  checked: Checked[],
  staging: StagingArea,
): Promise<Asset[]> {
  const t0 = Date.now();
  const createdAt = nowIso();
  const rows: NewAssetRow[] = checked.map((c, i) => {
    const id = newId("ast", t0 + i); // ids in the order of the parts
    return {
      id,
      projectId,
      generationId: null,
      kind,
      mimeType: c.info.mimeType,
      width: c.info.width,
      height: c.info.height,
      bytes: c.staged.bytes,
      sha256: c.staged.sha256,
      prompt: null,
      revisedPrompt: null,
      model: null,
      params: null,
      parentAssetIds: [],
      fileKey: assetFileKey(id, c.info.mimeType),
      thumbKey: assetThumbKey(id),
      createdBy: actor.userId,
      createdAt,
      originalName: c.originalName,
    };
  });
  const moves = checked.flatMap((c, i) => [
    { file: c.staged, key: rows[i].fileKey },
    { file: c.thumb!, key: rows[i].thumbKey! },
  ]);
  try {
    await staging.promote(moves);
    const inserted = await insertProjectAssets(projectId, rows, async (saved) => {
      await recordAudit(actor, {
        action: "asset.upload",
        targetType: "asset",
        targetIds: saved.map((s) => s.id),
        details: { projectId, kind },
      });
    });
    if (!inserted) throw notFound("project", projectId);
    return inserted.map(toAsset);
  } catch (err) {
    const store = storage();
    await Promise.all(moves.map((m) => store.delete(m.key)));
    throw err;
  }
}
