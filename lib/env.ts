import "server-only";
import path from "node:path";
import { z } from "zod";
import { CONFIGURABLE_GATEWAYS } from "@/lib/providers/gateways";
import { parseStorageUrl, STORAGE_URL_RULE } from "@/lib/storage/s3-url";

/**
 * The only reader of process.env. Every variable of docs/api.md plus the studio's own knobs.
 * Parsed once, lazily (tests set variables before the first call, then `resetEnv()`).
 */
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

const envFields = z.object({
  DMXAPI_API_KEY: optionalString,
  DMXAPI_BASE_URL: z.url().default("https://www.dmxapi.cn"),
  /** Overrides the gateway preset's edit image part name (DMXAPI documents `image`; OpenAI and OmniMaaS `image[]`). */
  DMXAPI_IMAGE_PART_NAME: z.enum(["image", "image[]"]).optional(),
  /** Gateway preset (request-id header, error dialect, streaming); unset: chosen by DMXAPI_BASE_URL's host. */
  DMXAPI_GATEWAY: z.enum(CONFIGURABLE_GATEWAYS).optional(),
  /** How often the gateways' model lists are read again (seconds). */
  MODEL_LIST_TTL_S: int(600, 10, 86_400),
  /** Admin model settings as a JSON file (families, aliases, hidden models, default, timeouts). */
  STUDIO_MODELS_FILE: optionalString,
  ARK_API_KEY: optionalString,
  ARK_BASE_URL: z.url().default("https://ark.cn-beijing.volces.com/api/v3"),
  STUDIO_DATA_DIR: z.string().min(1).default("./data"),
  /** Asset bytes in an S3-compatible service (`s3://bucket[/prefix]`, with the S3_* below); unset: `<data dir>/files`. */
  STORAGE_URL: optionalString.refine((v) => v === undefined || parseStorageUrl(v) !== null, {
    error: STORAGE_URL_RULE,
  }),
  /** The service's URL (MinIO, R2, …); unset: AWS S3 of S3_REGION. */
  S3_ENDPOINT: optionalString.pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional()),
  S3_REGION: optionalString.transform((v) => v ?? "us-east-1"),
  /** Both or neither; neither: the AWS SDK's own chain (AWS_* variables, instance or task roles). */
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  /** `bucket` in the path rather than the host name (most self-hosted services need it). */
  S3_FORCE_PATH_STYLE: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  /** `postgres://…`: PostgreSQL (shared by any number of studio processes) instead of SQLite in the data dir. */
  DATABASE_URL: optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    error: "must be a postgres:// or postgresql:// URL",
  }),
  /** Seconds a running job's lease lasts without a heartbeat before another process fails it as interrupted. */
  JOB_LEASE_S: int(60, 1, 3600),
  /**
   * On a shared database (PostgreSQL): how old a file without a row must be before boot's sweep removes it
   * (another process may be between writing it and committing its row). Alone (SQLite), none is needed.
   */
  ORPHAN_GRACE_S: int(900, 0, 7 * 86_400),
  /** Seconds between keep-alive comments on an event stream (proxies close idle connections). */
  EVENT_HEARTBEAT_S: int(15, 1, 300),
  /** Hours the project event log keeps events for clients that reconnect (Last-Event-ID). */
  EVENT_LOG_HOURS: int(24, 1, 24 * 30),
  PORT: int(3000, 1, 65535),
  /** A fixed bound on each upstream request; unset, the bound scales with the work (n, size, quality). */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(1).max(3_600_000).optional(),
  /** Generations running at once in this process. */
  JOB_CONCURRENCY: int(4, 1, 64),
  /** Queued + running generations one project may have; more is 429 `rate_limited` (a stuck Generate key, a runaway script). */
  MAX_ACTIVE_JOBS_PER_PROJECT: int(100, 1, 10_000),
  MAX_UPLOAD_BYTES: int(50 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  /** Cap on a whole multipart upload, enforced while it streams (413 past it); unset: MAX_UPLOAD_BYTES × 50 files + 1 MiB. */
  MAX_UPLOAD_REQUEST_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024 * 1024)
    .optional(),
  /**
   * Input-image bytes all running jobs may hold at once (read for their upstream requests); a job past it
   * waits, in arrival order. A job bigger than the whole bound runs alone.
   */
  MAX_INFLIGHT_INPUT_BYTES: int(512 * 1024 * 1024, 1024 * 1024, 64 * 1024 * 1024 * 1024),
  /** Cap on a JSON request body, enforced while it streams (413 past it). */
  MAX_JSON_BYTES: int(1024 * 1024, 1024, 64 * 1024 * 1024),
  /** Pixel cap per uploaded image: guards against decompression bombs. */
  MAX_UPLOAD_PIXELS: int(40_000_000, 1, 1_000_000_000),
  /** Built-in simulator only: how long a simulated image takes (ms). */
  SIMULATOR_LATENCY_MS: int(1500, 0, 600_000),
  /** Where the simulator is reached; default: this server's own `/sim` mount. Tests point it at a standalone one. */
  SIMULATOR_ORIGIN: z.url().optional(),
  /** `Authorization: Bearer <value>` acts as a built-in admin (automation, CI); unset, no such token exists. */
  STUDIO_ADMIN_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 32, {
    error: "must be at least 32 characters",
  }),
  /** Comma-separated Host names the studio answers to (`*.example.com` allowed); default: localhost and this machine's names and addresses. */
  STUDIO_ALLOWED_HOSTS: optionalString,
  /** Behind a reverse proxy: trust X-Forwarded-Proto/-Host/-For from it (Secure cookies, origin checks, client address). */
  STUDIO_TRUST_PROXY: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  /** Signs session cookies; unset, one is generated once and kept in the data dir (mode 0600). */
  BETTER_AUTH_SECRET: optionalString,
  /** Days a session lasts without use. */
  SESSION_DAYS: int(7, 1, 365),
});

const envSchema = envFields.superRefine((e, ctx) => {
  // A key id without its secret (or the reverse) is a typo, not a request for the SDK's default chain.
  if ((e.S3_ACCESS_KEY_ID === undefined) !== (e.S3_SECRET_ACCESS_KEY === undefined)) {
    const missing = e.S3_ACCESS_KEY_ID === undefined ? "S3_ACCESS_KEY_ID" : "S3_SECRET_ACCESS_KEY";
    ctx.addIssue({ code: "custom", path: [missing], message: "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together" });
  }
});

export type Env = z.infer<typeof envSchema> & {
  /** Absolute data directory. */
  dataDir: string;
  /** True when DMXAPI_API_KEY is unset: every provider talks to the built-in simulator. */
  simulated: boolean;
};

let cached: Env | null = null;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    // Name the variable and the rule it breaks, never echo its value (it may be a key).
    const names = parsed.error.issues.map((i) => `${i.path.join(".")} (${i.message})`).join(", ");
    throw new Error(`Invalid environment configuration: ${names}`);
  }
  const e = parsed.data;
  cached = { ...e, dataDir: path.resolve(e.STUDIO_DATA_DIR), simulated: e.DMXAPI_API_KEY === undefined };
  return cached;
}

/** Forget the parsed environment (tests change process.env between suites). */
export function resetEnv(): void {
  cached = null;
}

/** Where this process serves the built-in simulator (same server, `/sim` prefix). */
export function simulatorOrigin(): string {
  const e = env();
  return (e.SIMULATOR_ORIGIN ?? `http://127.0.0.1:${e.PORT}/sim`).replace(/\/$/, "");
}
