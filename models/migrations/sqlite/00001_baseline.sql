-- Baseline: the schema of release cd78cde, the last one migrated by GORM's
-- AutoMigrate. Every statement is IF NOT EXISTS, so a database that release
-- made adopts this step unchanged, and an empty one gets the whole schema.
-- note: never edit this file; change the schema in a new step.

-- +goose Up
CREATE TABLE IF NOT EXISTS `organizations` (
  `id` varchar(36),
  `name` varchar(100) NOT NULL,
  `created_at` datetime NOT NULL,
  `lock_version` integer NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`)
);
CREATE TABLE IF NOT EXISTS `users` (
  `id` varchar(36),
  `organization_id` varchar(36) NOT NULL,
  `email` varchar(254) NOT NULL,
  `name` varchar(100) NOT NULL,
  `role` varchar(10) NOT NULL,
  `password_hash` varchar(100) NOT NULL,
  `created_at` datetime NOT NULL,
  `updated_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  CONSTRAINT `fk_users_organization` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON DELETE CASCADE,
  CONSTRAINT `chk_users_role` CHECK (role IN ('ADMIN','EDITOR','VIEWER'))
);
CREATE UNIQUE INDEX IF NOT EXISTS `idx_users_email` ON `users`(`email`);
CREATE INDEX IF NOT EXISTS `idx_users_organization_id` ON `users`(`organization_id`);
CREATE TABLE IF NOT EXISTS `sessions` (
  `id` varchar(36),
  `token_hash` char(64) NOT NULL,
  `user_id` varchar(36) NOT NULL,
  `created_at` datetime NOT NULL,
  `last_seen_at` datetime NOT NULL,
  `expires_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  CONSTRAINT `fk_sessions_user` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS `idx_sessions_user_id` ON `sessions`(`user_id`);
CREATE UNIQUE INDEX IF NOT EXISTS `idx_sessions_token_hash` ON `sessions`(`token_hash`);
CREATE TABLE IF NOT EXISTS `api_keys` (
  `id` varchar(36),
  `organization_id` varchar(36) NOT NULL,
  `name` varchar(200) NOT NULL,
  `name_key` varchar(200) NOT NULL,
  `prefix` varchar(16) NOT NULL,
  `secret_hash` char(64) NOT NULL,
  `created_by_id` varchar(36),
  `created_at` datetime NOT NULL,
  `expires_at` datetime NOT NULL,
  `last_used_at` datetime,
  `scope` varchar(12) NOT NULL DEFAULT "READ_WRITE",
  PRIMARY KEY (`id`),
  CONSTRAINT `fk_api_keys_organization` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON DELETE CASCADE,
  CONSTRAINT `fk_api_keys_created_by` FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON DELETE SET NULL,
  CONSTRAINT `chk_api_keys_scope` CHECK (scope IN ('READ_WRITE','READ_ONLY'))
);
CREATE INDEX IF NOT EXISTS `idx_api_keys_created_by_id` ON `api_keys`(`created_by_id`);
CREATE UNIQUE INDEX IF NOT EXISTS `idx_api_keys_secret_hash` ON `api_keys`(`secret_hash`);
CREATE UNIQUE INDEX IF NOT EXISTS `idx_api_keys_org_name` ON `api_keys`(`organization_id`,`name_key`);
CREATE TABLE IF NOT EXISTS `audit_events` (
  `id` varchar(36),
  `organization_id` varchar(36) NOT NULL,
  `actor_kind` varchar(10) NOT NULL,
  `actor_id` varchar(36) NOT NULL,
  `actor_name` varchar(254) NOT NULL,
  `action` varchar(40) NOT NULL,
  `target_type` varchar(20) NOT NULL,
  `target_id` varchar(36) NOT NULL,
  `target_name` varchar(300) NOT NULL,
  `created_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  CONSTRAINT `fk_audit_events_organization` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS `idx_audit_org_time` ON `audit_events`(`organization_id`,`created_at`);
CREATE TABLE IF NOT EXISTS `projects` (
  `id` varchar(36),
  `organization_id` varchar(36) NOT NULL,
  `title` varchar(200) NOT NULL,
  `title_key` varchar(200) NOT NULL,
  `owner_id` varchar(36),
  `goal` text NOT NULL,
  `description` text NOT NULL,
  `risk_classification` varchar(16),
  `status` varchar(16) NOT NULL,
  `start_date` varchar(10),
  `created_by_kind` varchar(10) NOT NULL,
  `created_by_id` varchar(36) NOT NULL,
  `created_by_name` varchar(254) NOT NULL,
  `created_at` datetime NOT NULL,
  `updated_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  CONSTRAINT `fk_projects_owner` FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON DELETE SET NULL,
  CONSTRAINT `fk_projects_organization` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON DELETE CASCADE,
  CONSTRAINT `chk_projects_classification` CHECK (risk_classification IN ('HIGH','LIMITED','MINIMAL','PROHIBITED','NOT_AI_SYSTEM')),
  CONSTRAINT `chk_projects_status` CHECK (status IN ('NOT_STARTED','IN_PROGRESS','UNDER_REVIEW','COMPLETED','CLOSED','ON_HOLD','REJECTED'))
);
CREATE INDEX IF NOT EXISTS `idx_projects_owner_id` ON `projects`(`owner_id`);
CREATE INDEX IF NOT EXISTS `idx_projects_org_created` ON `projects`(`organization_id`,`created_at`);
CREATE TABLE IF NOT EXISTS `ai_models` (
  `id` varchar(36),
  `organization_id` varchar(36) NOT NULL,
  `provider` varchar(100) NOT NULL,
  `model` varchar(200) NOT NULL,
  `version` varchar(100) NOT NULL,
  `provider_key` varchar(100) NOT NULL,
  `model_key` varchar(200) NOT NULL,
  `version_key` varchar(100) NOT NULL,
  `approver_id` varchar(36),
  `capabilities` text NOT NULL,
  `hosting_provider` varchar(200) NOT NULL,
  `status` varchar(12) NOT NULL,
  `status_date` varchar(10),
  `reference_link` varchar(2000) NOT NULL,
  `biases` text NOT NULL,
  `limitations` text NOT NULL,
  `created_by_kind` varchar(10) NOT NULL,
  `created_by_id` varchar(36) NOT NULL,
  `created_by_name` varchar(254) NOT NULL,
  `created_at` datetime NOT NULL,
  `updated_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  CONSTRAINT `fk_ai_models_approver` FOREIGN KEY (`approver_id`) REFERENCES `users`(`id`) ON DELETE SET NULL,
  CONSTRAINT `fk_ai_models_organization` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON DELETE CASCADE,
  CONSTRAINT `chk_ai_models_status` CHECK (status IN ('APPROVED','RESTRICTED','PENDING','BLOCKED','REJECTED'))
);
CREATE INDEX IF NOT EXISTS `idx_ai_models_approver_id` ON `ai_models`(`approver_id`);
CREATE UNIQUE INDEX IF NOT EXISTS `idx_ai_models_identity` ON `ai_models`(`organization_id`,`provider_key`,`model_key`,`version_key`);
CREATE INDEX IF NOT EXISTS `idx_ai_models_org_created` ON `ai_models`(`organization_id`,`created_at`);
CREATE TABLE IF NOT EXISTS `ai_model_projects` (
  `ai_model_id` varchar(36),
  `project_id` varchar(36),
  PRIMARY KEY (`ai_model_id`,`project_id`),
  CONSTRAINT `fk_ai_model_projects_ai_model` FOREIGN KEY (`ai_model_id`) REFERENCES `ai_models`(`id`) ON DELETE CASCADE,
  CONSTRAINT `fk_ai_model_projects_project` FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS `idx_ai_model_projects_project_id` ON `ai_model_projects`(`project_id`);
CREATE TABLE IF NOT EXISTS `risks` (
  `id` varchar(36),
  `organization_id` varchar(36) NOT NULL,
  `project_id` varchar(36) NOT NULL,
  `name` varchar(200) NOT NULL,
  `name_key` varchar(200) NOT NULL,
  `owner_id` varchar(36),
  `lifecycle_phase` varchar(20),
  `likelihood` integer NOT NULL,
  `severity` integer NOT NULL,
  `mitigation_status` varchar(12) NOT NULL,
  `mitigation_plan` text NOT NULL,
  `deadline` varchar(10),
  `created_by_kind` varchar(10) NOT NULL,
  `created_by_id` varchar(36) NOT NULL,
  `created_by_name` varchar(254) NOT NULL,
  `created_at` datetime NOT NULL,
  `updated_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  CONSTRAINT `fk_risks_project` FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON DELETE CASCADE,
  CONSTRAINT `fk_risks_owner` FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON DELETE SET NULL,
  CONSTRAINT `fk_risks_organization` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON DELETE CASCADE,
  CONSTRAINT `chk_risks_likelihood` CHECK (likelihood BETWEEN 1 AND 5),
  CONSTRAINT `chk_risks_severity` CHECK (severity BETWEEN 1 AND 5),
  CONSTRAINT `chk_risks_mitigation` CHECK (mitigation_status IN ('NOT_STARTED','IN_PROGRESS','COMPLETED','ON_HOLD','ACCEPTED')),
  CONSTRAINT `chk_risks_phase` CHECK (lifecycle_phase IN ('DESIGN','DATA_COLLECTION','DEVELOPMENT','VALIDATION','DEPLOYMENT','OPERATION','RETIREMENT'))
);
CREATE INDEX IF NOT EXISTS `idx_risks_owner_id` ON `risks`(`owner_id`);
CREATE INDEX IF NOT EXISTS `idx_risks_project_id` ON `risks`(`project_id`);
CREATE INDEX IF NOT EXISTS `idx_risks_org_created` ON `risks`(`organization_id`,`created_at`);
