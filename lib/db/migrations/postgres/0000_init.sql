-- The schema of SQLite's 0000–0003 in one file (PostgreSQL support began after them). Studio timestamps
-- and JSON are text as on SQLite, so every query serves both; the auth library's timestamps are
-- timestamptz (it writes Date objects here), its booleans boolean; epoch-ms counters bigint.
CREATE TABLE projects (
  id text PRIMARY KEY NOT NULL,
  name text NOT NULL,
  created_at text NOT NULL,
  updated_at text NOT NULL,
  deleted_at text,
  created_by text
);
--> statement-breakpoint
CREATE INDEX projects_created_idx ON projects (created_at, id);
--> statement-breakpoint
CREATE TABLE generations (
  id text PRIMARY KEY NOT NULL,
  project_id text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  provider text NOT NULL,
  model text NOT NULL,
  operation text NOT NULL,
  prompt text NOT NULL,
  params text NOT NULL,
  input_asset_ids text NOT NULL,
  mask_asset_id text,
  status text NOT NULL,
  phase text NOT NULL,
  message text DEFAULT '' NOT NULL,
  current integer DEFAULT 0 NOT NULL,
  total integer NOT NULL,
  error text,
  retry_of text,
  usage text,
  upstream_request_id text,
  vendor_request_id text,
  preview_keys text DEFAULT '[]' NOT NULL,
  created_by text,
  created_at text NOT NULL,
  updated_at text NOT NULL,
  started_at text,
  finished_at text
);
--> statement-breakpoint
CREATE INDEX generations_project_created_idx ON generations (project_id, created_at, id);
--> statement-breakpoint
CREATE INDEX generations_status_idx ON generations (status);
--> statement-breakpoint
CREATE TABLE assets (
  id text PRIMARY KEY NOT NULL,
  project_id text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  generation_id text,
  kind text NOT NULL,
  mime_type text NOT NULL,
  width integer NOT NULL,
  height integer NOT NULL,
  bytes bigint NOT NULL,
  sha256 text NOT NULL,
  prompt text,
  revised_prompt text,
  model text,
  params text,
  parent_asset_ids text NOT NULL,
  file_key text NOT NULL,
  thumb_key text,
  created_by text,
  created_at text NOT NULL,
  deleted_at text
);
--> statement-breakpoint
CREATE INDEX assets_project_created_idx ON assets (project_id, created_at, id);
--> statement-breakpoint
CREATE INDEX assets_project_kind_created_idx ON assets (project_id, kind, created_at, id);
--> statement-breakpoint
CREATE INDEX assets_generation_idx ON assets (generation_id);
--> statement-breakpoint
CREATE TABLE exports (
  id text PRIMARY KEY NOT NULL,
  project_id text,
  format text NOT NULL,
  asset_ids text NOT NULL,
  count integer NOT NULL,
  created_at text NOT NULL,
  downloaded_at text
);
--> statement-breakpoint
CREATE TABLE settings (
  key text PRIMARY KEY NOT NULL,
  value text NOT NULL,
  updated_at text NOT NULL
);
--> statement-breakpoint
CREATE TABLE users (
  id text PRIMARY KEY NOT NULL,
  name text NOT NULL,
  email text NOT NULL UNIQUE,
  email_verified boolean DEFAULT false NOT NULL,
  image text,
  role text DEFAULT 'viewer' NOT NULL,
  disabled boolean DEFAULT false NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE TABLE sessions (
  id text PRIMARY KEY NOT NULL,
  token text NOT NULL UNIQUE,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  ip_address text,
  user_agent text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX sessions_user_idx ON sessions (user_id);
--> statement-breakpoint
CREATE TABLE accounts (
  id text PRIMARY KEY NOT NULL,
  account_id text NOT NULL,
  provider_id text NOT NULL,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  access_token text,
  refresh_token text,
  id_token text,
  access_token_expires_at timestamptz,
  refresh_token_expires_at timestamptz,
  scope text,
  password text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX accounts_user_idx ON accounts (user_id);
--> statement-breakpoint
CREATE TABLE verifications (
  id text PRIMARY KEY NOT NULL,
  identifier text NOT NULL,
  value text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX verifications_identifier_idx ON verifications (identifier);
--> statement-breakpoint
CREATE TABLE api_tokens (
  id text PRIMARY KEY NOT NULL,
  name text NOT NULL,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  created_at text NOT NULL,
  last_used_at text
);
--> statement-breakpoint
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, created_at, id);
--> statement-breakpoint
CREATE TABLE audit_events (
  id text PRIMARY KEY NOT NULL,
  at text NOT NULL,
  user_id text,
  action text NOT NULL,
  target_type text NOT NULL,
  target_ids text NOT NULL,
  details text NOT NULL
);
--> statement-breakpoint
CREATE INDEX audit_at_idx ON audit_events (at, id);
--> statement-breakpoint
CREATE INDEX audit_action_at_idx ON audit_events (action, at, id);
--> statement-breakpoint
CREATE INDEX audit_user_at_idx ON audit_events (user_id, at, id);
--> statement-breakpoint
CREATE TABLE sign_in_failures (
  id bigserial PRIMARY KEY,
  key text NOT NULL,
  at bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX sign_in_failures_key_at_idx ON sign_in_failures (key, at);
--> statement-breakpoint
CREATE TABLE sign_in_locks (
  key text PRIMARY KEY NOT NULL,
  until bigint NOT NULL
);
