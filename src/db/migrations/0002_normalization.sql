CREATE TABLE `cluster_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`record_id` text NOT NULL,
	`other_id` text,
	`note` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cluster_overrides_record` ON `cluster_overrides` (`record_id`);--> statement-breakpoint
CREATE TABLE `entities` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`json` text,
	`hash` text,
	`deleted` integer DEFAULT false NOT NULL,
	`members` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`modified_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `entities_kind_modified` ON `entities` (`kind`,`modified_at`,`id`);--> statement-breakpoint
CREATE TABLE `normalized_records` (
	`id` text PRIMARY KEY NOT NULL,
	`source_id` text NOT NULL,
	`oai_identifier` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`json` text,
	`issues` text DEFAULT '[]' NOT NULL,
	`unmapped` text DEFAULT '[]' NOT NULL,
	`error` text,
	`cluster_id` text,
	`mapped_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `normalized_records_source` ON `normalized_records` (`source_id`,`oai_identifier`);--> statement-breakpoint
CREATE INDEX `normalized_records_cluster` ON `normalized_records` (`cluster_id`);--> statement-breakpoint
CREATE INDEX `normalized_records_failed` ON `normalized_records` (`source_id`) WHERE status = 'failed';--> statement-breakpoint
CREATE TABLE `record_keys` (
	`key` text NOT NULL,
	`record_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `record_keys_key_record` ON `record_keys` (`key`,`record_id`);--> statement-breakpoint
CREATE INDEX `record_keys_record` ON `record_keys` (`record_id`);