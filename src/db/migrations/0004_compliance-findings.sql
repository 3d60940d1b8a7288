CREATE TABLE `findings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record_id` text NOT NULL,
	`source_id` text NOT NULL,
	`rule_id` text NOT NULL,
	`severity` text NOT NULL,
	`path` text NOT NULL,
	`values` text DEFAULT '[]' NOT NULL,
	`checked_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `findings_record` ON `findings` (`record_id`);--> statement-breakpoint
CREATE INDEX `findings_source_rule` ON `findings` (`source_id`,`rule_id`);