-- Projects, models and risks made by `keyward admin` (or anything acting as
-- the command line) record COMMAND_LINE as their creator's kind, which is
-- longer than the kinds so far (00007 widened only the audit trail's).
-- note: SQLite never enforces a varchar length, so only the declared type
-- changes, in the stored schema text (see 00006 for why not a rebuild).

-- +goose Up
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(sql, '`created_by_kind` varchar(10)', '`created_by_kind` varchar(20)') WHERE type = 'table' AND name IN ('projects', 'ai_models', 'risks');
PRAGMA writable_schema = OFF;
