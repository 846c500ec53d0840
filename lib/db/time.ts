/** The one timestamp format stored and served: ISO-8601 UTC, fixed width, sorts as text. */
export const nowIso = (): string => new Date().toISOString();
