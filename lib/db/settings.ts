import "server-only";
import { eq } from "drizzle-orm";
import { db } from "./client";
import { settings } from "./schema";
import { nowIso } from "./time";

/** Admin settings: one JSON value per key. */
export function getSetting(key: string): unknown {
  return db().select().from(settings).where(eq(settings.key, key)).get()?.value;
}

export function putSetting(key: string, value: unknown): void {
  const updatedAt = nowIso();
  db()
    .insert(settings)
    .values({ key, value, updatedAt })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt } })
    .run();
}

/** When a setting last changed (null: never set): cheap, for caches keyed on it. */
export function settingStamp(key: string): string | null {
  return db().select({ at: settings.updatedAt }).from(settings).where(eq(settings.key, key)).get()?.at ?? null;
}
