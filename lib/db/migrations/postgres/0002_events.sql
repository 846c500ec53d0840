-- The project event log (docs/api.md "Live events"): what the event stream pushes, kept for a while so a
-- client that reconnects with Last-Event-ID gets what it missed; new rows are announced with NOTIFY.
CREATE TABLE events (
  id bigserial PRIMARY KEY,
  project_id text NOT NULL,
  type text NOT NULL,
  subject_ids text NOT NULL,
  actor_id text,
  created_at text NOT NULL
);
--> statement-breakpoint
CREATE INDEX events_project_idx ON events (project_id, id);
