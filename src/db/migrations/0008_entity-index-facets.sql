CREATE INDEX `entity_index_kind_language` ON `entity_index` (`kind`,`language`,`id`);--> statement-breakpoint
CREATE INDEX `entity_index_kind_ford` ON `entity_index` (`kind`,`ford_area`,`id`);--> statement-breakpoint
CREATE INDEX `entity_index_kind_type_year` ON `entity_index` (`kind`,`type_uri`,`year`,`id`);--> statement-breakpoint
CREATE INDEX `entity_index_kind_institution_year` ON `entity_index` (`kind`,`institution`,`year`,`id`);