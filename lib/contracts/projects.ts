import { z } from "zod";

/** Isomorphic: the home page validates with the same schema the route does. */
export const projectNameSchema = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, "Name must not be empty")
  .max(120, "Name is at most 120 characters");

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
