package auth

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"keyward/metrics"
	"keyward/models"
)

// RevocationListener keeps this replica's key cache in step with deletions
// made on any replica, via PostgreSQL LISTEN/NOTIFY on a dedicated
// connection. Notifications sent while it is disconnected are lost, so every
// (re)connect empties the cache; the cache TTL bounds staleness regardless.
type RevocationListener struct {
	DSN     string // must carry a unique application_name (tests terminate it by name)
	Keys    *KeyVerifier
	Log     *slog.Logger
	conns   atomic.Int64
	healthy atomic.Bool
}

// Connects counts successful (re)connections, for tests and logs.
func (l *RevocationListener) Connects() int64 { return l.conns.Load() }

// Healthy reports whether the listener is connected and listening.
func (l *RevocationListener) Healthy() bool { return l.healthy.Load() }

// Run listens until ctx ends, reconnecting with backoff.
func (l *RevocationListener) Run(ctx context.Context) {
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		err := l.listen(ctx)
		l.healthy.Store(false)
		if ctx.Err() != nil {
			return
		}
		l.Log.Warn("key revocation listener disconnected; reconnecting", "err", err, "in", backoff)
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 5*time.Second)
	}
}

func (l *RevocationListener) listen(ctx context.Context) error {
	connCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	conn, err := pgx.Connect(connCtx, l.DSN)
	cancel()
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+models.RevocationChannel); err != nil {
		return err
	}
	// Anything deleted while we were not listening may still be cached.
	l.Keys.Purge()
	l.conns.Add(1)
	l.healthy.Store(true)
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		hash, sent, err := models.ParseRevocationPayload(n.Payload)
		if err != nil {
			l.Log.Warn("ignoring notification", "err", err)
			continue
		}
		l.Keys.Forget(hash)
		metrics.RevocationLag.Observe(time.Since(sent).Seconds())
	}
}
