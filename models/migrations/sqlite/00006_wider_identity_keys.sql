-- Identity keys (issue 12) are NFC plus full case folding, which can make a
-- key up to three times as long as its name.
-- note: SQLite never enforces a varchar length, so only the declared types
-- change, in the stored schema text; no row is touched. Rebuilding the tables
-- instead (as GORM does) would drop and recreate them, and with foreign keys
-- on, dropping projects would delete every risk and model link.

-- +goose Up
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(sql, '`title_key` varchar(200)', '`title_key` varchar(600)') WHERE type = 'table' AND name = 'projects';
UPDATE sqlite_master SET sql = replace(replace(replace(sql,
  '`provider_key` varchar(100)', '`provider_key` varchar(300)'),
  '`model_key` varchar(200)', '`model_key` varchar(600)'),
  '`version_key` varchar(100)', '`version_key` varchar(300)') WHERE type = 'table' AND name = 'ai_models';
UPDATE sqlite_master SET sql = replace(sql, '`name_key` varchar(200)', '`name_key` varchar(600)') WHERE type = 'table' AND name = 'risks';
PRAGMA writable_schema = OFF;
