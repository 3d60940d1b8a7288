ALTER TABLE `source_state` ADD `metadata_prefix` text;--> statement-breakpoint
ALTER TABLE `source_state` ADD `base_url` text;--> statement-breakpoint
ALTER TABLE `source_state` ADD `role` text;