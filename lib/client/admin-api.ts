import type { ApiToken, AuditAction, AuditEvent, Role, SessionInfo, User } from "@/lib/contracts/access";
import { api } from "./api";

export type { SessionInfo };

export interface TeamMember {
  id: string;
  name: string;
}

/** A new token: `secret` is shown once and never stored by the studio (only its SHA-256). */
export interface CreatedToken {
  token: ApiToken;
  secret: string;
}

/** `GET /api/audit`'s query; `from`/`to` are ISO instants. */
export interface AuditApiQuery {
  limit?: number;
  cursor?: string;
  action?: AuditAction;
  userId?: string;
  from?: string;
  to?: string;
}

export interface AuditPage {
  events: AuditEvent[];
  nextCursor: string | null;
}

const enc = encodeURIComponent;

// Users (admin)
export const listUsers = () => api<{ users: User[] }>("/api/users");
export const createUser = (body: { email: string; name: string; role: Role; password: string }) =>
  api<{ user: User }>("/api/users", { method: "POST", body });
export const updateUser = (id: string, body: { name?: string; role?: Role; disabled?: boolean }) =>
  api<{ user: User }>(`/api/users/${enc(id)}`, { method: "PATCH", body });
export const listTeam = () => api<{ members: TeamMember[] }>("/api/team");

// Tokens (your own; an admin's list and create reach everyone's)
export const listTokens = () => api<{ tokens: ApiToken[] }>("/api/tokens");
export const createToken = (body: { name: string; userId?: string }) =>
  api<CreatedToken>("/api/tokens", { method: "POST", body });
export const deleteToken = (id: string) => api<void>(`/api/tokens/${enc(id)}`, { method: "DELETE" });

// Sessions (your own)
export const listSessions = () => api<{ sessions: SessionInfo[] }>("/api/sessions");
export const revokeSession = (id: string) => api<void>(`/api/sessions/${enc(id)}`, { method: "DELETE" });
/** Sign out everywhere, this browser included. */
export const revokeAllSessions = () => api<{ revoked: number }>("/api/sessions", { method: "DELETE" });

export const changePassword = (body: { currentPassword: string; newPassword: string; revokeOtherSessions: boolean }) =>
  api<{ ok: true }>("/api/auth/change-password", { method: "POST", body });

// Audit log (admin, manager)
function auditSearch(q: AuditApiQuery & { format?: "json" | "csv" }): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== "") params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : "";
}

export const listAudit = (q: AuditApiQuery) => api<AuditPage>(`/api/audit${auditSearch(q)}`);

/** The CSV download of the whole filtered log (no cursor, no limit: the route pages through it). */
export const auditCsvUrl = (q: Omit<AuditApiQuery, "cursor" | "limit">) =>
  `/api/audit${auditSearch({ ...q, format: "csv" })}`;
