-- Projects, models and risks made by `keyward admin` (or anything acting as
-- the command line) record COMMAND_LINE as their creator's kind, which is
-- longer than the kinds so far (00007 widened only the audit trail's).
-- Widening only relaxes a rule; the previous release keeps working.

-- +goose Up
ALTER TABLE "projects" ALTER COLUMN "created_by_kind" TYPE varchar(20);
ALTER TABLE "ai_models" ALTER COLUMN "created_by_kind" TYPE varchar(20);
ALTER TABLE "risks" ALTER COLUMN "created_by_kind" TYPE varchar(20);
