import "server-only";
import { createRequire } from "node:module";
import zlib from "node:zlib";

type Crc32Module = { unsigned: (buf: string | Buffer, partial?: Buffer | number) => number };

/**
 * yazl checksums every byte with buffer-crc32, a table loop in JavaScript (~280 MB/s on this machine),
 * which made it the bottleneck of ZIP exports. Node ≥ 20.15 has the same CRC-32 natively
 * (`zlib.crc32`, ~4 GB/s). Swap it in on the very module instance yazl requires (resolved from yazl's
 * own location; yazl is kept out of the server bundle in next.config.ts). Results are identical: the
 * export tests read archives back with CRC checks on.
 */
export function useNativeCrc32(): void {
  const native = (zlib as { crc32?: (data: Buffer | string, value?: number) => number }).crc32;
  if (!native) return;
  const fromHere = createRequire(import.meta.url);
  const crc32 = createRequire(fromHere.resolve("yazl"))("buffer-crc32") as Crc32Module;
  crc32.unsigned = (buf, partial) => native(buf, Buffer.isBuffer(partial) ? partial.readUInt32BE(0) : (partial ?? 0));
}
