DROP INDEX `raw_records_source_status`;--> statement-breakpoint
CREATE INDEX `raw_records_not_live` ON `raw_records` (`source_id`,`status`) WHERE status <> 'live';--> statement-breakpoint
CREATE INDEX `raw_records_with_problem` ON `raw_records` (`source_id`) WHERE problem IS NOT NULL;