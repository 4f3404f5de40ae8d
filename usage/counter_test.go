package usage_test

import (
	"context"
	"database/sql/driver"
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
		usage.WrapWrites(c, func(next usage.Write) usage.Write {
			return func(ctx context.Context, db *gorm.DB, id string, rows []models.APIKeyUsage) error {
				hold.Wait()
				return next(ctx, db, id, rows)
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

// A flush whose commit happened but whose acknowledgement was lost (the
// connection dropped during COMMIT) is retried by the next flush under the
// same batch id, and the retry adds nothing: every request counts once.
// Counts that arrive between the two flushes form a batch of their own and
// are added once too.
func TestLostCommitAcknowledgementCountsOnce(t *testing.T) {
	testdb.ForEachMigrated(t, func(t *testing.T, db *gorm.DB) {
		ids := testdb.NewKeys(t, db, "first", "second")
		c := newCounter(db)
		var sent []string // the batch id of every write, in order
		lose := true
		usage.WrapWrites(c, func(next usage.Write) usage.Write {
			return func(ctx context.Context, db *gorm.DB, id string, rows []models.APIKeyUsage) error {
				sent = append(sent, id)
				if err := next(ctx, db, id, rows); err != nil {
					return err
				}
				if lose {
					lose = false
					return driver.ErrBadConn // committed, but the caller never hears
				}
				return nil
			}
		})
		day := time.Now().UTC()
		c.Add(ids[0], day, models.UsageCounts{Requests: 3, Reads: 2, Errors: 1})
		if err := c.Flush(context.Background()); err == nil {
			t.Fatal("the flush whose acknowledgement was lost reported success")
		}
		c.Add(ids[1], day, models.UsageCounts{Requests: 1, Writes: 1})
		if err := c.Flush(context.Background()); err != nil {
			t.Fatalf("retry: %v", err)
		}
		if len(sent) != 3 || sent[1] != sent[0] || sent[2] == sent[0] {
			t.Fatalf("batch ids sent %v: want the lost batch again, then a new one", sent)
		}
		if got, want := stored(t, db, ids[0], day), (models.UsageCounts{Requests: 3, Reads: 2, Errors: 1}); got != want {
			t.Errorf("replayed batch: stored %+v, want %+v (counted twice?)", got, want)
		}
		if got, want := stored(t, db, ids[1], day), (models.UsageCounts{Requests: 1, Writes: 1}); got != want {
			t.Errorf("batch after the replay: stored %+v, want %+v", got, want)
		}
		if err := c.Flush(context.Background()); err != nil || len(sent) != 3 {
			t.Fatalf("a flush with nothing held sent %d batches (%v)", len(sent)-3, err)
		}
	})
}

// Recorded batch ids are pruned after a day, with the 90-day usage rows.
func TestBatchIDsArePruned(t *testing.T) {
	testdb.ForEachMigrated(t, func(t *testing.T, db *gorm.DB) {
		ids := testdb.NewKeys(t, db, "key")
		now := time.Now().UTC()
		for _, id := range []string{"old", "new"} {
			if err := models.AddUsage(context.Background(), db, id, []models.APIKeyUsage{
				{APIKeyID: ids[0], Day: models.DayOf(now), UsageCounts: models.UsageCounts{Requests: 1}}}); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.Model(&models.UsageFlush{}).Where("id = ?", "old").
			Update("flushed_at", now.Add(-models.UsageFlushRetention-time.Minute)).Error; err != nil {
			t.Fatal(err)
		}
		if err := models.PruneUsage(context.Background(), db, now); err != nil {
			t.Fatal(err)
		}
		var kept []string
		if err := db.Model(&models.UsageFlush{}).Order("id").Pluck("id", &kept).Error; err != nil {
			t.Fatal(err)
		}
		if len(kept) != 1 || kept[0] != "new" {
			t.Fatalf("batch ids kept after pruning: %v, want [new]", kept)
		}
	})
}
