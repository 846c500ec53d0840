import { describe, expect, it } from "vitest";
import { EXPORT_FORMAT_IDS, EXPORT_FORMATS, exportFormat } from "@/lib/contracts/export-formats";
import { hasMessage } from "@/lib/i18n";

describe("export formats", () => {
  it("are ZIP, JSON and CSV with their content types", () => {
    expect(EXPORT_FORMAT_IDS).toEqual(["zip", "json", "csv"]);
    expect(exportFormat("zip").contentType).toBe("application/zip");
    expect(exportFormat("json").contentType).toBe("application/json; charset=utf-8");
    expect(exportFormat("csv").contentType).toBe("text/csv; charset=utf-8");
  });

  it("each have a label in the catalogs", () => {
    for (const f of EXPORT_FORMATS) expect(hasMessage(f.labelKey), f.labelKey).toBe(true);
  });
});
