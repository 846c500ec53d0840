export type IdPrefix = "prj" | "gen" | "ast" | "exp" | "usr" | "tok" | "aud";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

/** The last id's time and random digits (per process): ids made within one millisecond still sort in order. */
let last = { time: -1, digits: [] as number[] };

/**
 * Opaque ids with a type prefix (docs/api.md). The first 10 characters encode the creation time in ms,
 * so ids sort by creation time — keyset pages can order by (created_at, id) with a stable tiebreak. Within
 * one millisecond the random part of the process's previous id is incremented instead of drawn again
 * (monotonic, as ULIDs are), so two rows made in the same millisecond still sort in the order made.
 */
export function newId(prefix: IdPrefix, now = Date.now()): string {
  let digits: number[];
  if (now === last.time) {
    digits = [...last.digits];
    for (let i = digits.length - 1; i >= 0; i--) {
      if (++digits[i] < 32) break;
      digits[i] = 0;
    }
  } else {
    digits = [...crypto.getRandomValues(new Uint8Array(10))].map((b) => b % 32);
  }
  last = { time: now, digits };
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return `${prefix}_${time}${digits.map((d) => ALPHABET[d]).join("")}`;
}

const ID_RE = /^(prj|gen|ast|exp|usr|tok|aud)_[0-9a-z]{20}$/;

/** True when `id` has the shape of a studio id of the given prefix. File names derive from ids, so this guards paths too. */
export function isId(id: string, prefix: IdPrefix): boolean {
  return ID_RE.test(id) && id.startsWith(`${prefix}_`);
}
