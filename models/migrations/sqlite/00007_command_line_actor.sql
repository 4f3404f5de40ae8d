-- Audit events made by `keyward admin` name the command line as their actor
-- (COMMAND_LINE), which is longer than the kinds so far.
-- note: SQLite never enforces a varchar length, so only the declared type
-- changes, in the stored schema text (see 00006 for why not a rebuild).

-- +goose Up
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(sql, '`actor_kind` varchar(10)', '`actor_kind` varchar(20)') WHERE type = 'table' AND name = 'audit_events';
PRAGMA writable_schema = OFF;
