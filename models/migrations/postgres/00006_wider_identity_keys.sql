-- Identity keys (issue 12) are NFC plus full case folding, which can make a
-- key up to three times as long as its name ("ß" folds to "ss", "ŉ" to "ʼn").
-- Widening only relaxes a rule; the previous release keeps working.

-- +goose Up
ALTER TABLE "projects" ALTER COLUMN "title_key" TYPE varchar(600);
ALTER TABLE "ai_models" ALTER COLUMN "provider_key" TYPE varchar(300);
ALTER TABLE "ai_models" ALTER COLUMN "model_key" TYPE varchar(600);
ALTER TABLE "ai_models" ALTER COLUMN "version_key" TYPE varchar(300);
ALTER TABLE "risks" ALTER COLUMN "name_key" TYPE varchar(600);
