-- Leases of running jobs (PostgreSQL's shared queue; unused on SQLite, where one process runs every job).
ALTER TABLE `generations` ADD `lease_owner` text;
--> statement-breakpoint
ALTER TABLE `generations` ADD `lease_until` text;
