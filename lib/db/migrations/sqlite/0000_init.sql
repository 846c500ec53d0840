CREATE TABLE `assets` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`generation_id` text,
	`kind` text NOT NULL,
	`mime_type` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`prompt` text,
	`revised_prompt` text,
	`model` text,
	`params` text,
	`parent_asset_ids` text NOT NULL,
	`file_key` text NOT NULL,
	`thumb_key` text,
	`created_at` text NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `assets_project_created_idx` ON `assets` (`project_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `assets_project_kind_created_idx` ON `assets` (`project_id`,`kind`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `assets_generation_idx` ON `assets` (`generation_id`);--> statement-breakpoint
CREATE TABLE `exports` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`format` text NOT NULL,
	`asset_ids` text NOT NULL,
	`count` integer NOT NULL,
	`created_at` text NOT NULL,
	`downloaded_at` text
);
--> statement-breakpoint
CREATE TABLE `generations` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`provider` text NOT NULL,
	`model` text NOT NULL,
	`operation` text NOT NULL,
	`prompt` text NOT NULL,
	`params` text NOT NULL,
	`input_asset_ids` text NOT NULL,
	`mask_asset_id` text,
	`status` text NOT NULL,
	`phase` text NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`current` integer DEFAULT 0 NOT NULL,
	`total` integer NOT NULL,
	`error` text,
	`retry_of` text,
	`usage` text,
	`upstream_request_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`started_at` text,
	`finished_at` text,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `generations_project_created_idx` ON `generations` (`project_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `generations_status_idx` ON `generations` (`status`);--> statement-breakpoint
CREATE TABLE `projects` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE INDEX `projects_created_idx` ON `projects` (`created_at`,`id`);