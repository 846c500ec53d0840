import "server-only";
import { db } from "./client";
import { fromJson, toJson } from "./json";
import type { Raw } from "./tables";

export interface ExportRow extends Omit<Raw<"exports">, "assetIds"> {
  assetIds: string[];
}

const toRow = (r: Raw<"exports">): ExportRow => ({ ...r, assetIds: fromJson(r.assetIds) });

export async function insertExport(
  row: Omit<ExportRow, "downloadedAt"> & { downloadedAt?: string | null },
): Promise<ExportRow> {
  const raw = { downloadedAt: null, ...row, assetIds: toJson(row.assetIds) };
  return toRow(await db().insertInto("exports").values(raw).returningAll().executeTakeFirstOrThrow());
}

export async function getExport(id: string): Promise<ExportRow | undefined> {
  const r = await db().selectFrom("exports").selectAll().where("id", "=", id).executeTakeFirst();
  return r && toRow(r);
}
