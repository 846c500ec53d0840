-- The auth library's timestamps become ISO-8601 text like every other (it wrote epoch ms through its
-- drizzle adapter; its Kysely adapter writes and reads ISO text on SQLite).
UPDATE `users` SET `created_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `created_at` / 1000.0, 'unixepoch') WHERE typeof(`created_at`) = 'integer';
--> statement-breakpoint
UPDATE `users` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `updated_at` / 1000.0, 'unixepoch') WHERE typeof(`updated_at`) = 'integer';
--> statement-breakpoint
UPDATE `sessions` SET `expires_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `expires_at` / 1000.0, 'unixepoch') WHERE typeof(`expires_at`) = 'integer';
--> statement-breakpoint
UPDATE `sessions` SET `created_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `created_at` / 1000.0, 'unixepoch') WHERE typeof(`created_at`) = 'integer';
--> statement-breakpoint
UPDATE `sessions` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `updated_at` / 1000.0, 'unixepoch') WHERE typeof(`updated_at`) = 'integer';
--> statement-breakpoint
UPDATE `accounts` SET `access_token_expires_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `access_token_expires_at` / 1000.0, 'unixepoch') WHERE typeof(`access_token_expires_at`) = 'integer';
--> statement-breakpoint
UPDATE `accounts` SET `refresh_token_expires_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `refresh_token_expires_at` / 1000.0, 'unixepoch') WHERE typeof(`refresh_token_expires_at`) = 'integer';
--> statement-breakpoint
UPDATE `accounts` SET `created_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `created_at` / 1000.0, 'unixepoch') WHERE typeof(`created_at`) = 'integer';
--> statement-breakpoint
UPDATE `accounts` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `updated_at` / 1000.0, 'unixepoch') WHERE typeof(`updated_at`) = 'integer';
--> statement-breakpoint
UPDATE `verifications` SET `expires_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `expires_at` / 1000.0, 'unixepoch') WHERE typeof(`expires_at`) = 'integer';
--> statement-breakpoint
UPDATE `verifications` SET `created_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `created_at` / 1000.0, 'unixepoch') WHERE typeof(`created_at`) = 'integer';
--> statement-breakpoint
UPDATE `verifications` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `updated_at` / 1000.0, 'unixepoch') WHERE typeof(`updated_at`) = 'integer';
