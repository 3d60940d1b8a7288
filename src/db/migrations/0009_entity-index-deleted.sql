DROP INDEX `entity_index_kind_id`;--> statement-breakpoint
DROP INDEX `entity_index_kind_modified`;--> statement-breakpoint
DROP INDEX `entity_index_kind_institution`;--> statement-breakpoint
DROP INDEX `entity_index_kind_type`;--> statement-breakpoint
DROP INDEX `entity_index_kind_year`;--> statement-breakpoint
DROP INDEX `entity_index_kind_access`;--> statement-breakpoint
DROP INDEX `entity_index_kind_language`;--> statement-breakpoint
DROP INDEX `entity_index_kind_ford`;--> statement-breakpoint
DROP INDEX `entity_index_kind_type_year`;--> statement-breakpoint
DROP INDEX `entity_index_kind_institution_year`;--> statement-breakpoint
CREATE INDEX `entity_index_kind_id` ON `entity_index` (`kind`,`id`,`deleted`);--> statement-breakpoint
CREATE INDEX `entity_index_kind_modified` ON `entity_index` (`kind`,`modified_at`,`id`,`deleted`);--> statement-breakpoint
CREATE INDEX `entity_index_kind_institution` ON `entity_index` (`kind`,`institution`,`id`,`deleted`);--> statement-breakpoint
CREATE INDEX `entity_index_kind_type` ON `entity_index` (`kind`,`type_uri`,`id`,`deleted`);--> statement-breakpoint
CREATE INDEX `entity_index_kind_year` ON `entity_index` (`kind`,`year`,`id`,`deleted`);--> statement-breakpoint
CREATE INDEX `entity_index_kind_access` ON `entity_index` (`kind`,`access_uri`,`id`,`deleted`);--> statement-breakpoint
CREATE INDEX `entity_index_kind_language` ON `entity_index` (`kind`,`language`,`id`,`deleted`);--> statement-breakpoint
CREATE INDEX `entity_index_kind_ford` ON `entity_index` (`kind`,`ford_area`,`id`,`deleted`);--> statement-breakpoint
CREATE INDEX `entity_index_kind_type_year` ON `entity_index` (`kind`,`type_uri`,`year`,`id`,`deleted`);--> statement-breakpoint
CREATE INDEX `entity_index_kind_institution_year` ON `entity_index` (`kind`,`institution`,`year`,`id`,`deleted`);