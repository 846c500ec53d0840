/** JSON columns are text on both databases (./tables.ts): parsed on read, stringified on write. */
export const fromJson = <T>(text: string): T => JSON.parse(text) as T;
export const fromJsonOrNull = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));
export const toJson = (value: unknown): string => JSON.stringify(value);
export const toJsonOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);

/** An auth-library timestamp (ISO text on SQLite, Date on PostgreSQL) as ISO text. */
export const isoOf = (v: string | Date): string => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

/** SQLite caps bound variables per statement; long id lists are sent in chunks of this size. */
export const ID_CHUNK = 900;

export function chunks<T>(items: T[], size = ID_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
