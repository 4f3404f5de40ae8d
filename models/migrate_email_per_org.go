package models

import "gorm.io/gorm"

// legacyEmailIndex is the unique index on users.email that made an email
// unique across all organisations. It let one organisation claim an address
// before another could add that person, and let createUser and signup tell
// whether an email was used elsewhere.
const legacyEmailIndex = "idx_users_email"

// migrateEmailPerOrganization makes an email unique per organisation
// instead of across all of them. AutoMigrate has already added the
// per-organisation unique index (every existing row satisfies it, since
// emails were unique everywhere) and a plain lookup index for sign-in; this
// drops the old global one. No row is touched, so every user is kept. It is
// idempotent: on a new or already-migrated database it does nothing.
// note: AutoMigrate never drops an index, which is why this step exists.
func migrateEmailPerOrganization(db *gorm.DB) error {
	m := db.Migrator()
	if !m.HasIndex("users", legacyEmailIndex) {
		return nil
	}
	return m.DropIndex("users", legacyEmailIndex)
}
