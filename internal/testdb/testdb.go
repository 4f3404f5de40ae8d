// Package testdb gives tests their own database: a SQLite file or a fresh
// PostgreSQL schema, so tests of every package run on both databases.
package testdb

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// SQLiteURL is a database URL for a new SQLite file in the test's temp dir.
func SQLiteURL(t testing.TB) string {
	return "sqlite:" + filepath.Join(t.TempDir(), "keyward.db")
}

var warnOnce sync.Once

// PostgresURL creates a schema in TEST_DATABASE_URL, dropped when the test
// ends, and returns a URL that uses it. Without TEST_DATABASE_URL the test
// is skipped, or fails when KEYWARD_REQUIRE_POSTGRES=1 (set by .ci/run).
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("TEST_DATABASE_URL")
	if base == "" {
		if os.Getenv("KEYWARD_REQUIRE_POSTGRES") == "1" {
			t.Fatal("TEST_DATABASE_URL is not set but KEYWARD_REQUIRE_POSTGRES=1: PostgreSQL tests are mandatory here")
		}
		warnOnce.Do(func() {
			fmt.Fprintln(os.Stderr, "\n*** POSTGRESQL TESTS SKIPPED: set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test?sslmode=disable to run them ***")
		})
		t.Skip("POSTGRESQL TESTS SKIPPED: TEST_DATABASE_URL is not set")
	}
	buf := make([]byte, 6)
	_, _ = rand.Read(buf)
	schema := "kwtest_" + hex.EncodeToString(buf)
	admin, err := gorm.Open(postgres.Open(base), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatalf("connect to TEST_DATABASE_URL: %v", err)
	}
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		if sqlDB, err := admin.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + schema
}

// ForEach runs fn on a fresh SQLite file and a fresh PostgreSQL schema.
func ForEach(t *testing.T, fn func(t *testing.T, dbURL string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLiteURL(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, PostgresURL(t)) })
}
