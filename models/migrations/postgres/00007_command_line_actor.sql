-- Audit events made by `keyward admin` name the command line as their actor
-- (COMMAND_LINE), which is longer than the kinds so far. Widening only
-- relaxes a rule; the previous release keeps working.

-- +goose Up
ALTER TABLE "audit_events" ALTER COLUMN "actor_kind" TYPE varchar(20);
