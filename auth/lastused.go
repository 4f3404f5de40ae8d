package auth

import (
	"context"
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
}

func NewLastUsed(db *gorm.DB, log *slog.Logger) *LastUsed {
	return &LastUsed{db: db, log: log, pending: map[string]time.Time{}}
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
	l.mu.Lock()
	batch := l.pending
	l.pending = map[string]time.Time{}
	l.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	err := models.RecordLastUsed(ctx, l.db, batch)
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

// Run flushes every interval until ctx ends, then once more.
func (l *LastUsed) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := l.Flush(ctx); err != nil {
				l.log.Warn("flush last-used times", "err", err)
			}
		}
	}
}
