/**
 * The exact byte length of a ZIP of stored (uncompressed) entries as yazl 3 writes it, known before the
 * first byte, for the Content-Length of an export.
 *
 * Not yazl's own `end(…, sizeCallback)`: yazl 3.3.1 counts the ZIP64 end-of-central-directory records in
 * as soon as the central directory reaches 64 KiB (`>= 0xffff`), while its writer adds them only from
 * 4 GiB (`>= 0xffffffff`) or 65,535 entries — so from about 600 assets on, the length it answers was 76
 * bytes more than it sends, and a client holding that length waits for bytes that never come.
 * tests/unit/export/zip-size.test.ts compares this with archives yazl actually writes.
 */

/** One entry: stored, no comment, yazl's default timestamps (an extended-timestamp field in the directory). */
export interface StoredEntry {
  /** The UTF-8 byte length of the entry's name. */
  nameBytes: number;
  size: number;
  /** A streamed entry (CRC known only after its data) is followed by a data descriptor; a buffer is not. */
  streamed: boolean;
}

const LOCAL_HEADER = 30;
const CENTRAL_RECORD = 46;
const TIMESTAMP_EXTRA = 9;
const ZIP64_EXTRA = 28;
const DESCRIPTOR = 16;
const ZIP64_DESCRIPTOR = 24;
const EOCD = 22;
const ZIP64_EOCD_AND_LOCATOR = 56 + 20;

export function storedZipSize(entries: readonly StoredEntry[]): number {
  let offset = 0;
  let central = 0;
  for (const e of entries) {
    // Per entry, as yazl decides it: a size or a local-header offset past 32 bits needs ZIP64 fields.
    const zip64 = e.size > 0xfffffffe || offset > 0xfffffffe;
    offset += LOCAL_HEADER + e.nameBytes + e.size + (e.streamed ? (zip64 ? ZIP64_DESCRIPTOR : DESCRIPTOR) : 0);
    central += CENTRAL_RECORD + e.nameBytes + TIMESTAMP_EXTRA + (zip64 ? ZIP64_EXTRA : 0);
  }
  const zip64End = entries.length >= 0xffff || central >= 0xffffffff || offset >= 0xffffffff;
  return offset + central + EOCD + (zip64End ? ZIP64_EOCD_AND_LOCATOR : 0);
}
