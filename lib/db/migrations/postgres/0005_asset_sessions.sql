-- The editor sessions of an asset (docs/api.md "Assets": GET/PUT /api/assets/:assetId/sessions/:kind): the inpaint
-- mask's history and the cutout panel's session, kept on the server so another browser or a teammate sees them.
-- `data` is the session's JSON; `version` counts its saves (a save names the version it was based on). They go
-- with their asset: purges delete them (lib/db/assets.ts, projects.ts), and the foreign key cascades regardless.
CREATE TABLE asset_sessions (
  asset_id text NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
  kind text NOT NULL,
  data text NOT NULL,
  version integer NOT NULL,
  updated_at text NOT NULL,
  updated_by text,
  PRIMARY KEY (asset_id, kind)
);
