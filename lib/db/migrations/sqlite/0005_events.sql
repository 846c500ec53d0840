-- The project event log (docs/api.md "Live events"): what the event stream pushes, kept for a while so a
-- client that reconnects with Last-Event-ID gets what it missed. `subject_ids` is a JSON array of the ids the
-- event is about (a generation, assets); the payload is read when the event is sent.
CREATE TABLE `events` (
  `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  `project_id` text NOT NULL,
  `type` text NOT NULL,
  `subject_ids` text NOT NULL,
  `actor_id` text,
  `created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_project_idx` ON `events` (`project_id`, `id`);
