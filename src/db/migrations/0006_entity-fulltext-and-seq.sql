-- Full-text search over merged entities (titles, abstracts, keywords, creators). FTS5 is SQLite's; a
-- PostgreSQL port would use a tsvector column instead. Contentless: the text lives in entities.json already.
CREATE VIRTUAL TABLE `entity_text` USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
-- entities.seq: every insert and every real change takes the next number, so readers catch up exactly.
CREATE TRIGGER `entities_seq_insert` AFTER INSERT ON `entities` BEGIN
  UPDATE `entities` SET `seq` = (SELECT coalesce(max(`seq`), 0) + 1 FROM `entities`) WHERE `id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `entities_seq_update` AFTER UPDATE OF `json`, `deleted`, `kind` ON `entities` BEGIN
  UPDATE `entities` SET `seq` = (SELECT coalesce(max(`seq`), 0) + 1 FROM `entities`) WHERE `id` = new.`id`;
END;
