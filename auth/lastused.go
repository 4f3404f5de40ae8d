package auth

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"gorm.io/gorm"

	"keyward/flushloop"
	"keyward/models"
)

// LastUsed batches API keys' last uses (time, client address and user
// agent) in memory, so verification costs no database write; Flush writes
// them, at most once per interval per key. Its Flush, Run and Close come
// from flushloop.Loop.
type LastUsed struct {
	*flushloop.Loop
	db      *gorm.DB
	mu      sync.RWMutex
	pending map[string]models.LastUse
	// write stores a batch; tests wrap it to hold a flush open.
	write func(ctx context.Context, db *gorm.DB, batch map[string]models.LastUse) error
}

func NewLastUsed(db *gorm.DB, log *slog.Logger) *LastUsed {
	l := &LastUsed{db: db, pending: map[string]models.LastUse{}, write: models.RecordLastUsed}
	l.Loop = flushloop.New("last-used times", log, l.flush)
	return l
}

// Touch records a use. note: ip and userAgent are kept as given (no copy, no
// cleaning) so that the request path stays cheap; RecordLastUsed bounds and
// cleans them when it writes.
func (l *LastUsed) Touch(keyID string, at time.Time, ip, userAgent string) {
	at = at.UTC().Truncate(time.Second)
	// note: a key in steady use repeats the same use many times a second;
	// those need only a read lock, so its concurrent requests do not queue
	// behind each other here.
	l.mu.RLock()
	u, ok := l.pending[keyID]
	l.mu.RUnlock()
	if ok && u.At.Equal(at) && u.IP == ip && u.UserAgent == userAgent {
		return
	}
	l.mu.Lock()
	if !at.Before(l.pending[keyID].At) {
		l.pending[keyID] = models.LastUse{At: at, IP: ip, UserAgent: userAgent}
	}
	l.mu.Unlock()
}

// Pending returns a use not yet written, so lists can show it at once.
func (l *LastUsed) Pending(keyID string) (models.LastUse, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
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

// flush writes pending uses. Failed writes are kept for the next flush.
func (l *LastUsed) flush(ctx context.Context) error {
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
