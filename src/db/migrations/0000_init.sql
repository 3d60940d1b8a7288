CREATE TABLE `harvest_problems` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`source_id` text NOT NULL,
	`identifier` text,
	`kind` text NOT NULL,
	`detail` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `harvest_problems_source` ON `harvest_problems` (`source_id`);--> statement-breakpoint
CREATE TABLE `harvest_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` text NOT NULL,
	`mode` text NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`pages` integer DEFAULT 0 NOT NULL,
	`records` integer DEFAULT 0 NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	`pid` integer,
	`message` text
);
--> statement-breakpoint
CREATE INDEX `harvest_runs_source` ON `harvest_runs` (`source_id`,`id`);--> statement-breakpoint
CREATE TABLE `raw_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` text NOT NULL,
	`identifier` text NOT NULL,
	`datestamp` text NOT NULL,
	`set_specs` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`metadata` text,
	`problem` text,
	`harvested_at` text NOT NULL,
	`seen_epoch` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `raw_records_source_identifier` ON `raw_records` (`source_id`,`identifier`);--> statement-breakpoint
CREATE INDEX `raw_records_source_status` ON `raw_records` (`source_id`,`status`);--> statement-breakpoint
CREATE TABLE `source_state` (
	`source_id` text PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`granularity` text,
	`earliest_datestamp` text,
	`deleted_record` text,
	`identify_base_url` text,
	`high_water` text,
	`plan_json` text,
	`epoch` integer DEFAULT 0 NOT NULL,
	`last_full_at` text,
	`deferred_until` text,
	`lock_run_id` integer,
	`lock_pid` integer,
	`locked_at` text
);
