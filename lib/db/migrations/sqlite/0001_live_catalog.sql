CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `generations` ADD `vendor_request_id` text;--> statement-breakpoint
ALTER TABLE `generations` ADD `preview_keys` text DEFAULT '[]' NOT NULL;