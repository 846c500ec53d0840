/** Add up usage objects of several requests (numbers summed, nested objects merged). */
export function sumUsage(items: (Record<string, unknown> | null)[]): Record<string, unknown> | null {
  const present = items.filter((u): u is Record<string, unknown> => u !== null);
  if (present.length <= 1) return present[0] ?? null;
  const out: Record<string, unknown> = {};
  for (const u of present) {
    for (const [k, v] of Object.entries(u)) {
      if (typeof v === "number") out[k] = ((out[k] as number | undefined) ?? 0) + v;
      else if (v && typeof v === "object" && !Array.isArray(v))
        out[k] = sumUsage([(out[k] as Record<string, unknown>) ?? null, v as Record<string, unknown>]);
      else out[k] ??= v;
    }
  }
  return out;
}
