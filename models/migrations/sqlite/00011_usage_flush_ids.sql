-- Usage flushes are idempotent: each replica's flush batch has a random id,
-- recorded in the same transaction as its counts, so a batch retried after a
-- lost commit acknowledgement is not added twice. Ids are kept a day. Only
-- adds a table; the previous release ignores it.

-- +goose Up
CREATE TABLE `api_key_usage_flushes` (`id` varchar(36),`flushed_at` datetime NOT NULL,PRIMARY KEY (`id`));
CREATE INDEX `idx_api_key_usage_flushes_flushed_at` ON `api_key_usage_flushes`(`flushed_at`);
