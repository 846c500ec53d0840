import { z } from "zod";

/** A UTF-16 surrogate with no partner: not a character, so no UTF-8 (nor SQLite) can hold it. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Isomorphic: the home page validates with the same schema the route does. A name with a lone surrogate
 * (possible in JSON's `\ud800`) is refused rather than stored as U+FFFD: what is answered is what is kept.
 */
export const projectNameSchema = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, "Name must not be empty")
  .max(120, "Name is at most 120 characters")
  .refine((name) => !LONE_SURROGATE.test(name), "Name must be valid Unicode (it has a lone surrogate)");

export const projectInputSchema = z.strictObject({ name: projectNameSchema });

export type ProjectInput = z.infer<typeof projectInputSchema>;

export interface Project {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  assetCount: number;
  /** The user who made it; null for the built-in admin token and for work older than accounts. */
  createdBy: string | null;
}
