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

// LastUsed batches API keys' last uses (time, client address and user
// agent) in memory, so verification costs no database write; Flush writes
// them, at most once per interval per key.
type LastUsed struct {
	db      *gorm.DB
	log     *slog.Logger
	mu      sync.Mutex
	pending map[string]models.LastUse
	// flushing lets one flush run at a time, so a final flush waits for one
	// in progress instead of racing it.
	flushing sync.Mutex
	// runDone is closed when Run returns; nil until Run starts.
	runDone chan struct{}
	// write stores a batch; tests wrap it to hold a flush open.
	write func(ctx context.Context, db *gorm.DB, batch map[string]models.LastUse) error
}

func NewLastUsed(db *gorm.DB, log *slog.Logger) *LastUsed {
	return &LastUsed{db: db, log: log, pending: map[string]models.LastUse{}, write: models.RecordLastUsed}
}

// Touch records a use. note: ip and userAgent are kept as given (no copy, no
// cleaning) so that the request path stays cheap; RecordLastUsed bounds and
// cleans them when it writes.
func (l *LastUsed) Touch(keyID string, at time.Time, ip, userAgent string) {
	at = at.UTC().Truncate(time.Second)
	l.mu.Lock()
	if !at.Before(l.pending[keyID].At) {
		l.pending[keyID] = models.LastUse{At: at, IP: ip, UserAgent: userAgent}
	}
	l.mu.Unlock()
}

// Pending returns a use not yet written, so lists can show it at once.
func (l *LastUsed) Pending(keyID string) (models.LastUse, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	u, ok := l.pending[keyID]
	return u, ok
}

// Newest is the key's newest use: this replica's pending one when it is
// newer than the stored one. Empty fields are nil.
func (l *LastUsed) Newest(k *models.APIKey) (at *time.Time, ip, userAgent *string) {
	if u, ok := l.Pending(k.ID); ok && (k.LastUsedAt == nil || u.At.After(*k.LastUsedAt)) {
		ip, userAgent = u.Stored()
		return &u.At, ip, userAgent
	}
	return k.LastUsedAt, k.LastUsedIP, k.LastUsedUserAgent
}

// Flush writes pending uses. Failed writes are kept for the next flush.
func (l *LastUsed) Flush(ctx context.Context) error {
	l.flushing.Lock()
	defer l.flushing.Unlock()
	l.mu.Lock()
	batch := l.pending
	l.pending = map[string]models.LastUse{}
	l.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	err := l.write(ctx, l.db, batch)
	if err != nil {
		l.mu.Lock()
		for id, u := range batch {
			if u.At.After(l.pending[id].At) {
				l.pending[id] = u
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
