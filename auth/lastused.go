package auth

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"gorm.io/gorm"

	"keyward/models"
)

// LastUsed batches API keys' last-used times in memory, so verification
// costs no database write; Flush writes them, at most once per interval per key.
type LastUsed struct {
	db      *gorm.DB
	log     *slog.Logger
	mu      sync.Mutex
	pending map[string]time.Time
	// flushing lets one flush run at a time, so a final flush waits for one
	// in progress instead of racing it.
	flushing sync.Mutex
	// runDone is closed when Run returns; nil until Run starts.
	runDone chan struct{}
	// write stores a batch; tests wrap it to hold a flush open.
	write func(ctx context.Context, db *gorm.DB, batch map[string]time.Time) error
}

func NewLastUsed(db *gorm.DB, log *slog.Logger) *LastUsed {
	return &LastUsed{db: db, log: log, pending: map[string]time.Time{}, write: models.RecordLastUsed}
}

// Touch records a use.
func (l *LastUsed) Touch(keyID string, at time.Time) {
	at = at.UTC().Truncate(time.Second)
	l.mu.Lock()
	if at.After(l.pending[keyID]) {
		l.pending[keyID] = at
	}
	l.mu.Unlock()
}

// Pending returns a use not yet written, so lists can show it at once.
func (l *LastUsed) Pending(keyID string) (time.Time, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	at, ok := l.pending[keyID]
	return at, ok
}

// Flush writes pending uses. Failed writes are kept for the next flush.
func (l *LastUsed) Flush(ctx context.Context) error {
	l.flushing.Lock()
	defer l.flushing.Unlock()
	l.mu.Lock()
	batch := l.pending
	l.pending = map[string]time.Time{}
	l.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	err := l.write(ctx, l.db, batch)
	if err != nil {
		l.mu.Lock()
		for id, at := range batch {
			if at.After(l.pending[id]) {
				l.pending[id] = at
			}
		}
		l.mu.Unlock()
	}
	return err
}

// Run flushes every interval until ctx ends. It must be started before
// Close is called. note: ending ctx stops the loop but never cuts off a
// write in progress (that would put its times back in memory just as the
// process exits); Close waits for it instead.
func (l *LastUsed) Run(ctx context.Context, every time.Duration) {
	done := make(chan struct{})
	l.mu.Lock()
	l.runDone = done
	l.mu.Unlock()
	defer close(done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := l.Flush(context.WithoutCancel(ctx)); err != nil {
				l.log.Warn("flush last-used times", "err", err)
			}
		}
	}
}

// Close is the shutdown flush: after Run's context has ended, it waits for
// the loop to finish the flush it may be in, then writes what is still
// pending, so no use recorded before shutdown is lost. ctx bounds the wait.
func (l *LastUsed) Close(ctx context.Context) error {
	l.mu.Lock()
	done := l.runDone
	l.mu.Unlock()
	if done != nil {
		select {
		case <-done:
		case <-ctx.Done():
			return fmt.Errorf("a last-used flush was still running at shutdown: %w", ctx.Err())
		}
	}
	return l.Flush(ctx)
}
