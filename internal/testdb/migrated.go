package testdb

import (
	"context"
	"testing"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"keyward/models"
)

// ForEachMigrated runs fn on a fresh, migrated SQLite file and PostgreSQL
// schema, each closed when its test ends. note: this file imports models, so
// models' own (in-package) tests cannot use testdb.
func ForEachMigrated(t *testing.T, fn func(t *testing.T, db *gorm.DB)) {
	t.Helper()
	ForEach(t, func(t *testing.T, url string) {
		db, _, err := models.Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { models.Close(db) })
		fn(t, db)
	})
}

// NewKeys creates an organisation with its admin and one API key per name,
// and returns the keys' ids. Passwords are hashed at bcrypt's lowest cost
// for the rest of the test.
func NewKeys(t testing.TB, db *gorm.DB, names ...string) []string {
	t.Helper()
	prev := models.BcryptCost
	models.BcryptCost = bcrypt.MinCost
	t.Cleanup(func() { models.BcryptCost = prev })
	ctx := context.Background()
	admin, err := models.CreateOrganizationWithAdmin(ctx, db, models.NewOrganizationInput{
		OrgName: "Acme", Email: "a@example.com", Name: "A", Password: "password-123"})
	if err != nil {
		t.Fatal(err)
	}
	actor := models.Actor{Kind: "USER", ID: admin.ID, Name: admin.Email}
	ids := make([]string, 0, len(names))
	for _, name := range names {
		k, _, err := models.CreateAPIKey(ctx, db, admin.OrganizationID, admin, models.CreateAPIKeyInput{Name: name, Max: 20}, actor)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, k.ID)
	}
	return ids
}
