/**
 * The export formats, once: the request schema, the client, the bulk bar and the server's writers all
 * read this list (a new format = an entry here and a writer in lib/export/writers.ts). Isomorphic.
 */
export const EXPORT_FORMATS = [
  { id: "zip", contentType: "application/zip", labelKey: "bulk.zip" },
  { id: "json", contentType: "application/json; charset=utf-8", labelKey: "bulk.json" },
  { id: "csv", contentType: "text/csv; charset=utf-8", labelKey: "bulk.csv" },
] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number]["id"];
export const EXPORT_FORMAT_IDS = EXPORT_FORMATS.map((f) => f.id) as [ExportFormat, ...ExportFormat[]];

export function exportFormat(id: ExportFormat) {
  return EXPORT_FORMATS.find((f) => f.id === id)!;
}
