CREATE TABLE `entity_index` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`deleted` integer NOT NULL,
	`modified_at` text NOT NULL,
	`title` text,
	`year` integer,
	`type_uri` text,
	`access_uri` text,
	`language` text,
	`institution` text,
	`sources` text DEFAULT '' NOT NULL,
	`ford_area` text,
	`has_doi` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `entity_index_kind_id` ON `entity_index` (`kind`,`id`);--> statement-breakpoint
CREATE INDEX `entity_index_kind_modified` ON `entity_index` (`kind`,`modified_at`,`id`);--> statement-breakpoint
CREATE INDEX `entity_index_kind_institution` ON `entity_index` (`kind`,`institution`,`id`);--> statement-breakpoint
CREATE INDEX `entity_index_kind_type` ON `entity_index` (`kind`,`type_uri`,`id`);--> statement-breakpoint
CREATE INDEX `entity_index_kind_year` ON `entity_index` (`kind`,`year`,`id`);--> statement-breakpoint
CREATE INDEX `entity_index_kind_access` ON `entity_index` (`kind`,`access_uri`,`id`);--> statement-breakpoint
CREATE TABLE `index_state` (
	`name` text PRIMARY KEY NOT NULL,
	`watermark` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `entities` ADD `seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `entities_seq` ON `entities` (`seq`);