import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { AuditTargetType, Role } from "@/lib/contracts/access";
import type { AssetKind } from "@/lib/contracts/assets";
import type { LiveEventType } from "@/lib/contracts/events";
import type { ExportFormat } from "@/lib/contracts/export-formats";
import type { GenerationPhase, GenerationPurpose, GenerationStatus } from "@/lib/contracts/generations";
import type { ImageMime } from "@/lib/contracts/mime";
import type { Operation, ProviderId } from "@/lib/contracts/models";

/*
 * The schema as the query builder (Kysely) sees it, for SQLite and PostgreSQL alike. Property names are
 * camelCase; the columns are snake_case (CamelCasePlugin maps them both ways). What keeps one query
 * serving both databases (docs/data.md):
 * - studio timestamps are ISO-8601 UTC text (fixed width: they sort as text) on both;
 * - JSON columns are text holding JSON on both (`Json` below), parsed by each module's row mapper;
 * - booleans are written as 0/1 (SQLite has none; PostgreSQL's boolean takes '0'/'1' parameters) and read
 *   through `Boolean()` (SQLite answers 0/1, PostgreSQL true/false);
 * - the auth library's timestamps (users, sessions, accounts, verifications) are ISO text on SQLite and
 *   timestamptz on PostgreSQL (it writes Date objects there): read them through `isoOf`;
 * - epoch-millisecond counters are bigint on PostgreSQL, parsed to numbers by the client;
 * - keyset indexes are plain composite (created_at, id) indexes, which PostgreSQL scans backwards.
 */

/** A JSON column: text holding JSON on both databases. */
export type Json = string;
/** A boolean column: 0/1 on SQLite, boolean on PostgreSQL. */
type Bool = ColumnType<number | boolean, number, number>;
/** The auth library's timestamps: ISO text on SQLite, timestamptz (Date) on PostgreSQL. */
type AuthTime = ColumnType<string | Date, string | Date, string | Date>;

export interface ProjectsTable {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  /** The user who made it; null for the built-in admin token and for work older than accounts. */
  createdBy: string | null;
}

export interface GenerationsTable {
  id: string;
  projectId: string;
  provider: ProviderId;
  model: string;
  operation: Operation;
  prompt: string;
  params: Json;
  inputAssetIds: Json;
  maskAssetId: string | null;
  status: GenerationStatus;
  phase: GenerationPhase;
  message: ColumnType<string, string | undefined, string>;
  current: ColumnType<number, number | undefined, number>;
  total: number;
  error: Json | null;
  retryOf: string | null;
  createdBy: string | null;
  usage: Json | null;
  /** The gateway's request id when there is one, else the vendor's (docs/upstreams.md §J.3). */
  upstreamRequestId: string | null;
  /** The vendor's own id, when a gateway stood between and it differs. */
  vendorRequestId: string | null;
  /** Storage keys of streamed partial images while the job runs; emptied when it ends. */
  previewKeys: ColumnType<Json, Json | undefined, Json>;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The process running it (PostgreSQL's shared queue), and until when its lease holds without a renewal. */
  leaseOwner: ColumnType<string | null, string | null | undefined, string | null>;
  leaseUntil: ColumnType<string | null, string | null | undefined, string | null>;
  /** What it is for beyond a prompt's images: `cutout` (an AI cutout; its results are `kind: cutout`). */
  purpose: ColumnType<GenerationPurpose | null, GenerationPurpose | null | undefined, GenerationPurpose | null>;
}

export interface AssetsTable {
  id: string;
  projectId: string;
  generationId: string | null;
  kind: AssetKind;
  mimeType: ImageMime;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  prompt: string | null;
  revisedPrompt: string | null;
  model: string | null;
  params: Json | null;
  parentAssetIds: Json;
  /** Storage keys: derived from the id, never from user input. */
  fileKey: string;
  thumbKey: string | null;
  createdBy: string | null;
  createdAt: string;
  deletedAt: string | null;
  /**
   * The upload's file name, sanitised (lib/contracts/file-names.ts), or one derived from a named source for
   * an edit or cutout; null otherwise and for rows from before the column. Display only: never a storage key.
   */
  originalName: string | null;
}

export interface ExportsTable {
  id: string;
  projectId: string | null;
  format: ExportFormat;
  assetIds: Json;
  count: number;
  createdAt: string;
  downloadedAt: string | null;
}

/** Admin settings, one JSON value per key (e.g. `models`: families, aliases, hidden, default, gateway). */
export interface SettingsTable {
  key: string;
  value: Json;
  updatedAt: string;
}

/*
 * Accounts (docs/api.md "Access"). `users`, `sessions`, `accounts` and `verifications` are the tables the
 * auth library (better-auth, through its Kysely adapter) reads and writes: their property names are the
 * library's field names. The studio writes `users` and `accounts` itself when an admin creates a user, so
 * the row, its password hash and the audit event commit in one transaction.
 */
export interface UsersTable {
  id: string;
  name: string;
  email: string;
  emailVerified: Bool;
  image: string | null;
  role: ColumnType<Role, Role | undefined, Role>;
  disabled: Bool;
  createdAt: AuthTime;
  updatedAt: AuthTime;
}

export interface SessionsTable {
  id: string;
  token: string;
  userId: string;
  expiresAt: AuthTime;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: AuthTime;
  updatedAt: AuthTime;
}

export interface AccountsTable {
  id: string;
  accountId: string;
  providerId: string;
  userId: string;
  accessToken: string | null;
  refreshToken: string | null;
  idToken: string | null;
  accessTokenExpiresAt: AuthTime | null;
  refreshTokenExpiresAt: AuthTime | null;
  scope: string | null;
  /** The library's scrypt hash; never selected by studio queries. */
  password: string | null;
  createdAt: AuthTime;
  updatedAt: AuthTime;
}

export interface VerificationsTable {
  id: string;
  identifier: string;
  value: string;
  expiresAt: AuthTime;
  createdAt: AuthTime;
  updatedAt: AuthTime;
}

/** API tokens: only the SHA-256 of the secret is kept; `prefix` (the first characters) tells them apart in lists. */
export interface ApiTokensTable {
  id: string;
  name: string;
  userId: string;
  hash: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** One row per action, written in the transaction of the change it records; newest first by (at, id). */
export interface AuditEventsTable {
  id: string;
  at: string;
  userId: string | null;
  action: string;
  targetType: AuditTargetType;
  targetIds: Json;
  details: Json;
}

/** Failed sign-ins per key (`email:…`, `ip:…`) for the throttle; rows older than its window are pruned. */
export interface SignInFailuresTable {
  id: Generated<number>;
  key: string;
  /** Epoch ms. */
  at: number;
}

/** The project event log (lib/events): one row per change pushed to event streams, pruned after a while. */
export interface EventsTable {
  id: Generated<number>;
  projectId: string;
  type: LiveEventType;
  /** JSON array of the ids the event is about. */
  subjectIds: Json;
  actorId: string | null;
  createdAt: string;
}

/** An asset's editor sessions (mask history, cutout session), shared by every browser; `version` counts saves. */
export interface AssetSessionsTable {
  assetId: string;
  kind: "mask" | "cutout";
  data: Json;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}

/** A key locked out until `until` (epoch ms) after too many failures. */
export interface SignInLocksTable {
  key: string;
  until: number;
}

export interface Database {
  projects: ProjectsTable;
  generations: GenerationsTable;
  assets: AssetsTable;
  exports: ExportsTable;
  settings: SettingsTable;
  users: UsersTable;
  sessions: SessionsTable;
  accounts: AccountsTable;
  verifications: VerificationsTable;
  apiTokens: ApiTokensTable;
  auditEvents: AuditEventsTable;
  signInFailures: SignInFailuresTable;
  signInLocks: SignInLocksTable;
  events: EventsTable;
  assetSessions: AssetSessionsTable;
}

export type Raw<T extends keyof Database> = Selectable<Database[T]>;
export type RawInsert<T extends keyof Database> = Insertable<Database[T]>;
