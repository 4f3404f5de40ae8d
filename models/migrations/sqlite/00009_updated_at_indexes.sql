-- Governance lists sort by updated_at (orderBy UPDATED_AT) and filter on it
-- (filter.updatedSince) for sync jobs; each organisation's rows are read in
-- that order, like the created_at indexes of the baseline.

-- +goose Up
CREATE INDEX IF NOT EXISTS `idx_projects_org_updated` ON `projects`(`organization_id`,`updated_at`);
CREATE INDEX IF NOT EXISTS `idx_ai_models_org_updated` ON `ai_models`(`organization_id`,`updated_at`);
CREATE INDEX IF NOT EXISTS `idx_risks_org_updated` ON `risks`(`organization_id`,`updated_at`);

-- +goose Down
DROP INDEX IF EXISTS `idx_risks_org_updated`;
DROP INDEX IF EXISTS `idx_ai_models_org_updated`;
DROP INDEX IF EXISTS `idx_projects_org_updated`;
