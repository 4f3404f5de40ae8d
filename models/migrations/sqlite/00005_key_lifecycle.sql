-- Key lifecycle (issue 12): rotation with a grace period for the previous
-- secret, and revocation (of leaked keys, among others). Only adds: the
-- previous release ignores these columns.

-- +goose Up
ALTER TABLE `api_keys` ADD `previous_secret_hash` char(64);
ALTER TABLE `api_keys` ADD `previous_secret_expires_at` datetime;
ALTER TABLE `api_keys` ADD `rotated_at` datetime;
ALTER TABLE `api_keys` ADD `revoked_at` datetime;
ALTER TABLE `api_keys` ADD `revocation_note` varchar(700);
CREATE UNIQUE INDEX IF NOT EXISTS `idx_api_keys_previous_secret_hash` ON `api_keys` (`previous_secret_hash`);
