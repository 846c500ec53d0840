/**
 * The server's digest of an error, which matches its log line. Only the digest: an error's message or stack
 * may hold paths, ids or upstream text that a user must not see.
 */
export function errorDigest(error: unknown): string | null {
  if (typeof error !== "object" || error === null || !("digest" in error)) return null;
  const { digest } = error as { digest: unknown };
  return typeof digest === "string" && digest !== "" ? digest : null;
}
