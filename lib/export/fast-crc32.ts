import "server-only";
import { createRequire } from "node:module";
import path from "node:path";
import zlib from "node:zlib";

type Crc32Module = { unsigned: (buf: string | Buffer, partial?: Buffer | number) => number };

/**
 * yazl checksums every byte with buffer-crc32, a table loop in JavaScript (~280 MB/s on this machine),
 * which made it the bottleneck of ZIP exports. Node ≥ 20.15 has the same CRC-32 natively
 * (`zlib.crc32`, ~4 GB/s). Swap it in on the very module instance yazl requires (resolved from yazl's
 * own location; yazl is kept out of the server bundle in next.config.ts). Results are identical: the
 * export tests read archives back with CRC checks on.
 */
export function installNativeCrc32(): void {
  const native = (zlib as { crc32?: (data: Buffer | string, value?: number) => number }).crc32;
  if (!native) return;
  // Resolved at run time from yazl's installed location, never by the bundler, so that it is the same
  // CommonJS instance yazl requires. If that fails, exports still work, only slower.
  const yazlDir = path.join(process.cwd(), "node_modules", "yazl", "package.json");
  try {
    const crc32 = createRequire(yazlDir)(["buffer", "crc32"].join("-")) as Crc32Module;
    crc32.unsigned = (buf, partial) => native(buf, Buffer.isBuffer(partial) ? partial.readUInt32BE(0) : (partial ?? 0));
  } catch {
    console.warn("[atelier] native CRC-32 unavailable for ZIP exports; using the JavaScript one");
  }
}
