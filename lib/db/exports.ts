import "server-only";
import { eq } from "drizzle-orm";
import { db } from "./client";
import { exportsTable } from "./schema";

export type ExportRow = typeof exportsTable.$inferSelect;

export function insertExport(row: typeof exportsTable.$inferInsert): ExportRow {
  return db().insert(exportsTable).values(row).returning().get();
}

export function getExport(id: string): ExportRow | undefined {
  return db().select().from(exportsTable).where(eq(exportsTable.id, id)).get();
}
