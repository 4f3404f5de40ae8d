-- Email identifies a user within one organisation (issue 11): unique per
-- organisation instead of across all of them, with a plain index for sign-in,
-- which looks an address up in every organisation. No row is touched. The
-- global index goes last, once the per-organisation one holds (every existing
-- row satisfies it, since emails were unique everywhere).
-- note: dropping the global index only relaxes a rule; the previous release
-- keeps working against this schema.

-- +goose Up
CREATE UNIQUE INDEX IF NOT EXISTS `idx_users_org_email` ON `users` (`organization_id`,`email`);
CREATE INDEX IF NOT EXISTS `idx_users_email_lookup` ON `users` (`email`);
DROP INDEX IF EXISTS `idx_users_email`;
