-- Leases of running jobs: the process that claimed one renews `lease_until` while it runs; any process fails a
-- running job whose lease has passed (its process died) as `interrupted`.
ALTER TABLE generations ADD lease_owner text;
--> statement-breakpoint
ALTER TABLE generations ADD lease_until text;
--> statement-breakpoint
CREATE INDEX generations_queued_idx ON generations (status, created_at, id);
