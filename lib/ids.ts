export type IdPrefix = "prj" | "gen" | "ast" | "exp" | "usr" | "tok" | "aud";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

/**
 * Opaque ids with a type prefix (docs/api.md). The first 10 characters encode the creation time in ms,
 * so ids sort by creation time — keyset pages can order by (created_at, id) with a stable tiebreak.
 */
export function newId(prefix: IdPrefix, now = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  let rand = "";
  for (const b of bytes) rand += ALPHABET[b % 32];
  return `${prefix}_${time}${rand}`;
}

const ID_RE = /^(prj|gen|ast|exp|usr|tok|aud)_[0-9a-z]{20}$/;

/** True when `id` has the shape of a studio id of the given prefix. File names derive from ids, so this guards paths too. */
export function isId(id: string, prefix: IdPrefix): boolean {
  return ID_RE.test(id) && id.startsWith(`${prefix}_`);
}
