-- Entities written before entities.seq was kept (migrations 0005 and 0006 added the column with 0 and the triggers
-- that number later writes) were never numbered, so the entity index, which takes in seq > its watermark, never
-- saw them: an upgraded database served an empty API. Number them after every numbered row, in rowid order
-- (unique, so the index's batches by seq cannot skip one). Setting seq does not fire the triggers.
UPDATE `entities` SET `seq` = (SELECT coalesce(max(`seq`), 0) FROM `entities`) + `rowid` WHERE `seq` = 0;
