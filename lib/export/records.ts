import "server-only";
import Papa from "papaparse";
import type { Asset } from "@/lib/contracts/assets";

/** CSV columns, in order; the header row names them. `file` is the entry name inside a ZIP. */
export const CSV_COLUMNS = [
  "id",
  "projectId",
  "generationId",
  "kind",
  "model",
  "prompt",
  "revisedPrompt",
  "width",
  "height",
  "mimeType",
  "bytes",
  "sha256",
  "parentAssetIds",
  "params",
  "createdAt",
  "fileUrl",
  "originalName",
] as const;

type CsvRecord = Record<string, string | number>;

export function csvRecord(a: Asset, file?: string): CsvRecord {
  const r: CsvRecord = {
    id: a.id,
    projectId: a.projectId,
    generationId: a.generationId ?? "",
    kind: a.kind,
    model: a.model ?? "",
    prompt: a.prompt ?? "",
    revisedPrompt: a.revisedPrompt ?? "",
    width: a.width,
    height: a.height,
    mimeType: a.mimeType,
    bytes: a.bytes,
    sha256: a.sha256,
    parentAssetIds: a.parentAssetIds.join(" "),
    params: a.params ? JSON.stringify(a.params) : "",
    createdAt: a.createdAt,
    fileUrl: a.fileUrl,
    originalName: a.originalName ?? "",
  };
  if (file !== undefined) r.file = file;
  return r;
}

/** UTF-8 BOM so spreadsheet tools read Chinese prompts correctly. */
export const BOM = "\uFEFF";

/** RFC 4180 rows (CRLF, quotes doubled) for one batch; the header only with the first batch. */
export function csvChunk(records: CsvRecord[], withHeader: boolean, columns: readonly string[]): string {
  if (records.length === 0)
    return withHeader ? Papa.unparse({ fields: [...columns], data: [] }, { newline: "\r\n" }) + "\r\n" : "";
  return (
    Papa.unparse(records, {
      columns: [...columns],
      header: withHeader,
      newline: "\r\n",
      quotes: false,
      escapeFormulae: true,
    }) + "\r\n"
  );
}
