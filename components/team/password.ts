/** Letters and digits that cannot be mistaken for one another when read aloud or retyped (no 0/O, 1/l/I). */
export const PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

type RandomFill = (bytes: Uint8Array) => Uint8Array;

const defaultFill: RandomFill = (bytes) => crypto.getRandomValues(bytes);

/**
 * A random initial password for a new user (16 characters ≈ 93 bits), with at least one lower-case letter,
 * one capital and one digit. Bytes past the largest multiple of the alphabet's size are skipped, so every
 * character is equally likely.
 */
export function generatePassword(length = 16, fill: RandomFill = defaultFill): string {
  const n = PASSWORD_ALPHABET.length;
  const limit = 256 - (256 % n);
  for (;;) {
    let out = "";
    while (out.length < length) {
      for (const b of fill(new Uint8Array(length * 2))) {
        if (b < limit) out += PASSWORD_ALPHABET[b % n];
        if (out.length === length) break;
      }
    }
    if (/[a-z]/.test(out) && /[A-Z]/.test(out) && /\d/.test(out)) return out;
  }
}
