-- Audit events say what a deletion took with it (cascaded risks, unlinked
-- models, cleared owners). Only adds, so the previous release keeps working.

-- +goose Up
ALTER TABLE "audit_events" ADD COLUMN IF NOT EXISTS "detail" varchar(500) NOT NULL DEFAULT '';
