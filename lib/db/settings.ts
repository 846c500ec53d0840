import "server-only";
import { db } from "./client";
import { fromJson, toJson } from "./json";
import { nowIso } from "./time";

/** Admin settings: one JSON value per key. */
export async function getSetting(key: string): Promise<unknown> {
  const r = await db().selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  return r === undefined ? undefined : fromJson<unknown>(r.value);
}

export async function putSetting(key: string, value: unknown): Promise<void> {
  const updatedAt = nowIso();
  const text = toJson(value);
  await db()
    .insertInto("settings")
    .values({ key, value: text, updatedAt })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: text, updatedAt }))
    .execute();
}

/** A setting's value with when it last changed (for caches keyed on it), or undefined when never set. */
export async function getSettingRow(key: string): Promise<{ value: unknown; updatedAt: string } | undefined> {
  const r = await db().selectFrom("settings").select(["value", "updatedAt"]).where("key", "=", key).executeTakeFirst();
  return r && { value: fromJson<unknown>(r.value), updatedAt: r.updatedAt };
}
