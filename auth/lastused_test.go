package auth_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"keyward/auth"
	"keyward/internal/testdb"
	"keyward/models"
)

// eachDB runs fn on a fresh, migrated SQLite file and PostgreSQL schema.
func eachDB(t *testing.T, fn func(t *testing.T, db *gorm.DB)) {
	testdb.ForEach(t, func(t *testing.T, url string) {
		db, _, err := models.Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if sqlDB, err := db.DB(); err == nil {
				_ = sqlDB.Close()
			}
		})
		fn(t, db)
	})
}

// A flush in progress when shutdown starts is finished, not cut off, and the
// uses recorded meanwhile are written by the final flush. The first flush
// is held open inside its database write until Close is already waiting.
func TestShutdownWaitsForFlushInProgress(t *testing.T) {
	prev := models.BcryptCost
	models.BcryptCost = bcrypt.MinCost
	t.Cleanup(func() { models.BcryptCost = prev })
	eachDB(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		admin, err := models.CreateOrganizationWithAdmin(ctx, db, models.NewOrganizationInput{
			OrgName: "Acme", Email: "a@example.com", Name: "A", Password: "password-123"})
		if err != nil {
			t.Fatal(err)
		}
		actor := models.Actor{Kind: "USER", ID: admin.ID, Name: admin.Email}
		var ids []string
		for _, name := range []string{"first", "second"} {
			k, _, err := models.CreateAPIKey(ctx, db, admin.OrganizationID, admin, models.CreateAPIKeyInput{Name: name, Max: 20}, actor)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, k.ID)
		}

		l := auth.NewLastUsed(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
		inWrite, release := make(chan struct{}), make(chan struct{})
		held := false
		auth.HoldWrites(l, func(next func(context.Context, *gorm.DB, map[string]models.LastUse) error) func(context.Context, *gorm.DB, map[string]models.LastUse) error {
			return func(ctx context.Context, db *gorm.DB, b map[string]models.LastUse) error {
				if !held {
					held = true
					close(inWrite)
					<-release
				}
				return next(ctx, db, b)
			}
		})
		used := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
		l.Touch(ids[0], used, "192.0.2.1", "first/1")
		runCtx, stop := context.WithCancel(ctx)
		go l.Run(runCtx, time.Millisecond)
		<-inWrite // the loop's flush holds ids[0] and is inside its write

		l.Touch(ids[1], used.Add(time.Second), "192.0.2.2", "second/1") // arrives during the flush
		stop()                                                          // shutdown begins
		closed := make(chan error, 1)
		go func() { closed <- l.Close(ctx) }()
		// Close must still be waiting: the flush it waits for is held.
		select {
		case err := <-closed:
			t.Fatalf("Close returned (%v) while a flush was still in progress", err)
		default:
		}
		close(release)
		if err := <-closed; err != nil {
			t.Fatalf("Close: %v", err)
		}
		for i, id := range ids {
			var k models.APIKey
			if err := db.Where("id = ?", id).Take(&k).Error; err != nil {
				t.Fatal(err)
			}
			want := used.Add(time.Duration(i) * time.Second)
			if k.LastUsedAt == nil || !k.LastUsedAt.Equal(want) {
				t.Errorf("key %d: last used %v, want %v (lost at shutdown)", i, k.LastUsedAt, want)
			}
		}
		if _, ok := l.Pending(ids[0]); ok {
			t.Error("a use is still pending after Close")
		}
	})
}
