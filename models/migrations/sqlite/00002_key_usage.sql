-- Key usage (issue 12): where and with what a key was last used, and daily
-- request counts per key. Only adds, so the previous release keeps working.

-- +goose Up
ALTER TABLE `api_keys` ADD `last_used_ip` varchar(64);
ALTER TABLE `api_keys` ADD `last_used_user_agent` varchar(200);
CREATE TABLE IF NOT EXISTS `api_key_usage` (
  `api_key_id` varchar(36),
  `day` varchar(10),
  `requests` integer NOT NULL DEFAULT 0,
  `reads` integer NOT NULL DEFAULT 0,
  `writes` integer NOT NULL DEFAULT 0,
  `errors` integer NOT NULL DEFAULT 0,
  `rate_limited` integer NOT NULL DEFAULT 0,
  `refused` integer NOT NULL DEFAULT 0,
  PRIMARY KEY (`api_key_id`,`day`),
  CONSTRAINT `fk_api_key_usage_api_key` FOREIGN KEY (`api_key_id`) REFERENCES `api_keys`(`id`) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS `idx_api_key_usage_day` ON `api_key_usage`(`day`);
