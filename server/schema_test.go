package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"keyward/models"
)

// The schema means the same on both databases: the rules that protect data
// under concurrency are database constraints, and migrating again changes nothing.
func TestMigrationsAreCompleteAndRepeatable(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL)
		db := s.app.db
		if err := models.Migrate(db); err != nil {
			t.Fatalf("second migration: %v", err)
		}
		m := db.Migrator()
		for _, ix := range []struct {
			model any
			name  string
		}{
			{&models.APIKey{}, "idx_api_keys_org_name"},
			{&models.APIKey{}, "idx_api_keys_secret_hash"},
			{&models.User{}, "idx_users_org_email"},
			{&models.User{}, "idx_users_email_lookup"},
			{&models.Session{}, "idx_sessions_token_hash"},
			{&models.AuditEvent{}, "idx_audit_org_time"},
		} {
			if !m.HasIndex(ix.model, ix.name) {
				t.Errorf("index %s is missing", ix.name)
			}
		}
		// Emails are unique per organisation, not across them.
		if m.HasIndex(&models.User{}, "idx_users_email") {
			t.Error("the global unique email index is back")
		}
		if !m.HasConstraint(&models.User{}, "chk_users_role") {
			t.Error("role check constraint is missing")
		}
		// The database itself refuses what the code would never write.
		if err := db.Exec("UPDATE users SET role = 'OWNER'").Error; err == nil {
			t.Error("the database accepted an unknown role")
		}
		if err := db.Exec("INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at) VALUES ('x', 'h', 'no-such-user', ?, ?, ?)",
			time.Now(), time.Now(), time.Now()).Error; err == nil {
			t.Error("the database accepted a session of a missing user (foreign keys off?)")
		}
	})
}

func TestSQLiteSettings(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	for pragma, want := range map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "10000"} {
		var got string
		if err := s.app.db.Raw("PRAGMA " + pragma).Scan(&got).Error; err != nil || got != want {
			t.Errorf("PRAGMA %s = %q (%v), want %s", pragma, got, err, want)
		}
	}
}

// A database session in a far-off time zone must not shift expiry.
func TestExpiryIgnoresDatabaseTimeZone(t *testing.T) {
	base := postgresURL(t)
	dbURL := base + "&timezone=Pacific/Kiritimati" // UTC+14
	s := newServer(t, dbURL)
	admin := s.admin()
	r := admin.gql(`mutation{ createApiKey(input:{name:"tz key", expiresInDays:1}) { secret apiKey { id createdAt expiresAt } } }`, nil).ok()
	created, _ := time.Parse(time.RFC3339Nano, r.str("createApiKey", "apiKey", "createdAt"))
	if time.Since(created).Abs() > time.Minute {
		t.Fatalf("createdAt %s is not now", created)
	}
	list := admin.gql(`{ apiKeys { createdAt expiresAt status } }`, nil).ok()
	if !strings.Contains(list.body, r.str("createApiKey", "apiKey", "expiresAt")) || !strings.Contains(list.body, `"ACTIVE"`) {
		t.Fatalf("stored times moved: created %s, list %s", r.body, list.body)
	}
	id, secret := r.str("createApiKey", "apiKey", "id"), r.str("createApiKey", "secret")
	// Expire it one minute ago, written as a UTC instant.
	if err := s.app.db.Model(&models.APIKey{}).Where("id = ?", id).Update("expires_at", time.Now().UTC().Add(-time.Minute)).Error; err != nil {
		t.Fatal(err)
	}
	s2 := newServer(t, dbURL)
	if got := s2.bearer(secret).gql(`{ whoami { kind } }`, nil); got.status != http.StatusUnauthorized || !strings.Contains(got.body, "expired") {
		t.Fatalf("a key expired a minute ago: %d %s", got.status, got.body)
	}
}
