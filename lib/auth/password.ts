import "server-only";
import crypto from "node:crypto";
import { promisify } from "node:util";

/*
 * Password hashing in the auth library's format (`<salt hex>:<scrypt key hex>`, N=16384, r=16, p=1, 64 bytes,
 * NFKC-normalised password, the salt's hex text as the salt) but with Node's scrypt, which runs on the libuv
 * thread pool: the library's pure-JS scrypt spent ~420 ms of main-thread CPU per sign-in (in slices), Node's
 * takes ~190 ms off the main thread (npm run bench -- auth). Hashes stay interchangeable with the library's
 * own (tested).
 */

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: string,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

const PARAMS = { N: 16384, r: 16, p: 1, maxmem: 128 * 16384 * 16 * 2 };
const KEY_LENGTH = 64;

const keyOf = (password: string, salt: string) => scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, PARAMS);

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16).toString("hex");
  return `${salt}:${(await keyOf(password, salt)).toString("hex")}`;
}

export async function verifyPassword({ hash, password }: { hash: string; password: string }): Promise<boolean> {
  const [salt, key] = hash.split(":");
  if (!salt || !key || !/^[0-9a-f]+$/i.test(key)) return false;
  const expected = Buffer.from(key, "hex");
  const actual = await keyOf(password, salt);
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}
