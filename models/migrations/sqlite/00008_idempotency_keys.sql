-- Idempotency keys of creates (issue 14, sync at scale): one row per caller
-- and key, kept 24 hours. Only adds a table; the previous release ignores it.

-- +goose Up
CREATE TABLE `idempotency_keys` (`caller_id` varchar(36),`client_key` varchar(255),`operation` varchar(50) NOT NULL,`input_hash` varchar(64) NOT NULL,`result_id` varchar(36) NOT NULL,`created_at` datetime NOT NULL,`expires_at` datetime NOT NULL,PRIMARY KEY (`caller_id`,`client_key`));
CREATE INDEX `idx_idempotency_keys_expires_at` ON `idempotency_keys`(`expires_at`);
