/**
 * `STORAGE_URL=s3://bucket[/prefix]`: where an S3Store keeps its objects. No imports, so `lib/env.ts` can
 * validate the variable with the same rule the store uses.
 */
export interface S3Location {
  bucket: string;
  /** Empty, or path segments ending with `/` (`studio/prod/`): prepended to every key. */
  prefix: string;
}

/** S3's rule for new buckets: 3–63 lowercase letters, digits, dots and hyphens, a letter or digit at each end. */
const BUCKET_RE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** One prefix segment: not empty, no leading dot (so no `.` or `..`), nothing that needs escaping in a URL. */
const SEGMENT_RE = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export const STORAGE_URL_RULE =
  "must be s3://bucket[/prefix] (bucket: 3-63 lowercase letters, digits, dots or hyphens; " +
  "prefix: segments of letters, digits, '.', '_' or '-' separated by '/')";

/** The bucket and prefix of a `STORAGE_URL`, or null when it is not `s3://bucket[/prefix]`. */
export function parseStorageUrl(url: string): S3Location | null {
  const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(url.trim());
  if (!m || !BUCKET_RE.test(m[1]) || m[1].includes("..")) return null;
  const rest = (m[2] ?? "").replace(/\/$/, "");
  if (rest === "") return { bucket: m[1], prefix: "" };
  const segments = rest.split("/");
  if (!segments.every((s) => SEGMENT_RE.test(s))) return null;
  return { bucket: m[1], prefix: `${segments.join("/")}/` };
}
