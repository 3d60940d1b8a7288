ALTER TABLE `normalized_records` ADD `dedup_keys` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
-- Hand-written after drizzle-kit generate: each mapped copy's keys move onto its row, operator links excepted
-- (those are read from cluster_overrides), in the order dedupKeys gives them.
UPDATE `normalized_records` SET `dedup_keys` = (
	SELECT json_group_array(`key`) FROM (SELECT `key` FROM `record_keys` WHERE `record_id` = `normalized_records`.`id` AND `key` NOT LIKE 'link:%' ORDER BY `key`)
) WHERE `status` = 'mapped';--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
-- Hand-written: WITHOUT ROWID (drizzle cannot declare it), so record_keys is the one (key, record_id) B-tree.
CREATE TABLE `__new_record_keys` (
	`key` text NOT NULL,
	`record_id` text NOT NULL,
	PRIMARY KEY(`key`, `record_id`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_record_keys`("key", "record_id") SELECT "key", "record_id" FROM `record_keys`;--> statement-breakpoint
DROP TABLE `record_keys`;--> statement-breakpoint
ALTER TABLE `__new_record_keys` RENAME TO `record_keys`;--> statement-breakpoint
PRAGMA foreign_keys=ON;
