-- Audit events say what a deletion took with it (cascaded risks, unlinked
-- models, cleared owners). Only adds, so the previous release keeps working.

-- note: DEFAULT "" is how GORM spells the empty default on SQLite; with '' it
-- would see a difference and rebuild the table.

-- +goose Up
ALTER TABLE `audit_events` ADD `detail` varchar(500) NOT NULL DEFAULT "";
