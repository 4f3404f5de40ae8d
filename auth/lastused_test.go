package auth_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"gorm.io/gorm"

	"keyward/auth"
	"keyward/flushloop/flushlooptest"
	"keyward/internal/testdb"
	"keyward/models"
)

// A flush in progress when shutdown starts is finished, not cut off, and the
// uses recorded meanwhile are written by the final flush. The first flush
// is held open inside its database write until Close is already waiting.
func TestShutdownWaitsForFlushInProgress(t *testing.T) {
	testdb.ForEachMigrated(t, func(t *testing.T, db *gorm.DB) {
		ids := testdb.NewKeys(t, db, "first", "second")
		l := auth.NewLastUsed(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
		hold := flushlooptest.NewHold()
		auth.HoldWrites(l, func(next func(context.Context, *gorm.DB, map[string]models.LastUse) error) func(context.Context, *gorm.DB, map[string]models.LastUse) error {
			return func(ctx context.Context, db *gorm.DB, b map[string]models.LastUse) error {
				hold.Wait()
				return next(ctx, db, b)
			}
		})
		used := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
		l.Touch(ids[0], used, "192.0.2.1", "first/1") // held by the loop's flush
		err := hold.ShutdownDuringFlush(t, l.Loop, func() {
			l.Touch(ids[1], used.Add(time.Second), "192.0.2.2", "second/1") // arrives during the flush
		})
		if err != nil {
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

// Within one second the newest client wins, a repeat changes nothing, and
// an older use never replaces a newer one: the read-locked shortcut for
// repeats must not hide a change of client.
func TestTouchKeepsTheNewestUse(t *testing.T) {
	l := auth.NewLastUsed(nil, slog.New(slog.DiscardHandler))
	at := time.Date(2026, 11, 27, 5, 0, 0, 0, time.UTC)
	steps := []struct {
		at     time.Time
		ip, ua string
		want   models.LastUse
	}{
		{at, "192.0.2.1", "a/1", models.LastUse{At: at, IP: "192.0.2.1", UserAgent: "a/1"}},
		{at.Add(300 * time.Millisecond), "192.0.2.1", "a/1", models.LastUse{At: at, IP: "192.0.2.1", UserAgent: "a/1"}},
		{at.Add(400 * time.Millisecond), "192.0.2.9", "a/1", models.LastUse{At: at, IP: "192.0.2.9", UserAgent: "a/1"}},
		{at.Add(500 * time.Millisecond), "192.0.2.9", "b/2", models.LastUse{At: at, IP: "192.0.2.9", UserAgent: "b/2"}},
		{at.Add(time.Second), "192.0.2.9", "b/2", models.LastUse{At: at.Add(time.Second), IP: "192.0.2.9", UserAgent: "b/2"}},
		{at, "198.51.100.1", "old/1", models.LastUse{At: at.Add(time.Second), IP: "192.0.2.9", UserAgent: "b/2"}},
	}
	for i, s := range steps {
		l.Touch("k", s.at, s.ip, s.ua)
		if got, _ := l.Pending("k"); got != s.want {
			t.Fatalf("step %d: pending use %+v, want %+v", i, got, s.want)
		}
	}
}
