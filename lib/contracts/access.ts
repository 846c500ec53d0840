import { z } from "zod";

/** Roles, most powerful first (docs/api.md "Access"). */
export const ROLES = ["admin", "manager", "creator", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a role may do: one permission per row of the contract's roles table. `own` rights apply to
 * what the user created; `any` rights to everyone's.
 */
export const PERMISSIONS = {
  /** See projects, jobs, assets; download single files. */
  read: ["admin", "manager", "creator", "viewer"],
  /** Create projects; generate, edit, cutout, upload, batches; export. */
  create: ["admin", "manager", "creator"],
  /** Delete and restore assets they created; cancel and retry their generations. */
  modifyOwn: ["admin", "manager", "creator"],
  /** The same for anyone's; purge the trash; rename/delete projects; budgets; read the audit log. */
  manage: ["admin", "manager"],
  /** Users, tokens of others, model and gateway settings, simulator controls. */
  administer: ["admin"],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function roleCan(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** May `role` (acting as `userId`) change something created by `createdBy`? Own work needs modifyOwn, others' manage. */
export function canModify(role: Role, userId: string | null, createdBy: string | null): boolean {
  if (roleCan(role, "manage")) return true;
  return userId !== null && createdBy === userId && roleCan(role, "modifyOwn");
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export interface ApiToken {
  id: string;
  name: string;
  userId: string;
  /** The first characters of the secret, so a list can tell tokens apart. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** A session as its owner sees it (`GET /api/sessions`): never its token. */
export interface SessionInfo {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ipAddress: string | null;
  userAgent: string | null;
  /** The session this browser is using. */
  current: boolean;
}

export const AUDIT_ACTIONS = [
  "sign_in",
  "sign_in_failed",
  "sign_out",
  "setup",
  "project.create",
  "project.update",
  "project.delete",
  "generation.create",
  "generation.cancel",
  "generation.retry",
  "asset.upload",
  "asset.delete",
  "asset.restore",
  "asset.cutout",
  "export.create",
  "user.create",
  "user.update",
  "token.create",
  "token.delete",
  "session.revoke",
  "settings.update",
  "models.refresh",
  "simulator.control",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGET_TYPES = [
  "user",
  "project",
  "generation",
  "asset",
  "export",
  "token",
  "session",
  "settings",
  "simulator",
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

export interface AuditEvent {
  id: string;
  at: string;
  userId: string | null;
  action: AuditAction;
  targetType: AuditTargetType;
  targetIds: string[];
  details: Record<string, unknown>;
}

const email = z
  .email({ error: "must be an email address" })
  .max(254)
  .transform((s) => s.toLowerCase());
const name = z.string().trim().min(1, { error: "must not be empty" }).max(100);
/** Long enough to resist guessing, short enough for scrypt to stay cheap (the library caps at 128). */
export const PASSWORD_MIN = 10;
const password = z
  .string()
  .min(PASSWORD_MIN, { error: `must be at least ${PASSWORD_MIN} characters` })
  .max(128);

export const setupBodySchema = z.strictObject({ email, name, password });
export const signInBodySchema = z.object({ email, password: z.string().min(1).max(128) });
export const createUserBodySchema = z.strictObject({ email, name, role: z.enum(ROLES), password });
export const updateUserBodySchema = z
  .strictObject({ name: name.optional(), role: z.enum(ROLES).optional(), disabled: z.boolean().optional() })
  .refine((b) => Object.keys(b).length > 0, { error: "give at least one of name, role, disabled" });
export const createTokenBodySchema = z.strictObject({
  name: z.string().trim().min(1, { error: "must not be empty" }).max(100),
  userId: z.string().min(1).max(64).optional(),
});
export const auditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  userId: z.string().max(64).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  format: z.enum(["json", "csv"]).default("json"),
});
export const changePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: password,
  revokeOtherSessions: z.boolean().default(true),
});
