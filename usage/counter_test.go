package usage_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"gorm.io/gorm"

	"keyward/flushloop/flushlooptest"
	"keyward/internal/testdb"
	"keyward/models"
	"keyward/usage"
)

func newCounter(db *gorm.DB) *usage.Counter {
	return usage.NewCounter(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// stored is the key's stored counts on day.
func stored(t *testing.T, db *gorm.DB, keyID string, day time.Time) models.UsageCounts {
	t.Helper()
	var rows []models.APIKeyUsage
	if err := db.Where("api_key_id = ? AND day = ?", keyID, models.DayOf(day)).Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		return models.UsageCounts{}
	}
	return rows[0].UsageCounts
}

// A flush in progress when shutdown starts is finished, not cut off, and the
// requests counted meanwhile are added by the final flush. The first flush
// is held open inside its database write until Close is already waiting.
func TestShutdownWaitsForFlushInProgress(t *testing.T) {
	testdb.ForEachMigrated(t, func(t *testing.T, db *gorm.DB) {
		ids := testdb.NewKeys(t, db, "first", "second")
		c := newCounter(db)
		hold := flushlooptest.NewHold()
		usage.HoldWrites(c, func(next func(context.Context, *gorm.DB, []models.APIKeyUsage) error) func(context.Context, *gorm.DB, []models.APIKeyUsage) error {
			return func(ctx context.Context, db *gorm.DB, rows []models.APIKeyUsage) error {
				hold.Wait()
				return next(ctx, db, rows)
			}
		})
		day := time.Now().UTC()
		c.Add(ids[0], day, models.UsageCounts{Requests: 1, Reads: 1}) // held by the loop's flush
		err := hold.ShutdownDuringFlush(t, c.Loop, func() {
			// arrive during the flush: one for a key it holds, one for another
			c.Add(ids[0], day, models.UsageCounts{Requests: 1, Writes: 1})
			c.Add(ids[1], day, models.UsageCounts{Requests: 1, Errors: 1})
		})
		if err != nil {
			t.Fatalf("Close: %v", err)
		}
		want := []models.UsageCounts{{Requests: 2, Reads: 1, Writes: 1}, {Requests: 1, Errors: 1}}
		for i, id := range ids {
			if got := stored(t, db, id, day); got != want[i] {
				t.Errorf("key %d: stored %+v, want %+v (lost at shutdown)", i, got, want[i])
			}
		}
	})
}
