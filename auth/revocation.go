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
	DSN  string // must carry a unique application_name (tests terminate it by name)
	Keys *KeyVerifier
	// Sessions, when set, is emptied by every sessions notification.
	Sessions *SessionCache
	Log      *slog.Logger
	conns    atomic.Int64
	healthy  atomic.Bool
	// downSince is when the listener last lost its connection (Unix nanos;
	// 0 while listening). It starts disconnected.
	downSince atomic.Int64
	lastWait  atomic.Int64 // the wait before the latest reconnect attempt, for tests
}

// Reconnect waits: the first retry after a working connection is quick, and
// only consecutive failures (the database is really away) slow it down.
const (
	firstRetry = 100 * time.Millisecond
	maxRetry   = 5 * time.Second
)

// Connects counts successful (re)connections, for tests and logs.
func (l *RevocationListener) Connects() int64 { return l.conns.Load() }

// Healthy reports whether the listener is connected and listening.
func (l *RevocationListener) Healthy() bool { return l.healthy.Load() }

// Down reports for how long the listener has been disconnected (0 while it
// listens). While it is down, keys deleted on other replicas keep working
// here until the key cache TTL.
func (l *RevocationListener) Down() time.Duration {
	if since := l.downSince.Load(); since != 0 {
		return time.Since(time.Unix(0, since))
	}
	return 0
}

// LastWait is how long the listener waited before its latest reconnect attempt.
func (l *RevocationListener) LastWait() time.Duration { return time.Duration(l.lastWait.Load()) }

// Run listens until ctx ends, reconnecting with backoff. The backoff starts
// over after every successful LISTEN: a brief blip after hours of service
// must not wait as long as the fifth failure in a row.
func (l *RevocationListener) Run(ctx context.Context) {
	l.downSince.CompareAndSwap(0, time.Now().UnixNano())
	backoff := firstRetry
	accounted := time.Now()
	for ctx.Err() == nil {
		listened, err := l.listen(ctx, &accounted)
		if listened {
			backoff = firstRetry
			l.downSince.Store(time.Now().UnixNano())
			accounted = time.Now()
		}
		l.healthy.Store(false)
		if ctx.Err() != nil {
			return
		}
		l.Log.Warn("key revocation listener disconnected; reconnecting", "err", err, "in", backoff)
		l.lastWait.Store(int64(backoff))
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		// The disconnected-seconds counter moves during an outage, not only
		// when it ends, so an alert can fire while it lasts.
		metrics.RevocationDisconnected.Add(time.Since(accounted).Seconds())
		accounted = time.Now()
		backoff = min(backoff*2, maxRetry)
	}
}

// listen connects and listens until the connection fails; listened reports
// whether LISTEN succeeded, which resets the backoff.
func (l *RevocationListener) listen(ctx context.Context, accounted *time.Time) (listened bool, err error) {
	connCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	conn, err := pgx.Connect(connCtx, l.DSN)
	cancel()
	if err != nil {
		return false, err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+models.RevocationChannel); err != nil {
		return false, err
	}
	// Anything deleted while we were not listening may still be cached.
	l.Keys.Purge()
	if l.Sessions != nil {
		l.Sessions.ForgetSessions()
	}
	l.conns.Add(1)
	metrics.RevocationDisconnected.Add(time.Since(*accounted).Seconds())
	l.downSince.Store(0)
	l.healthy.Store(true)
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return true, err
		}
		if models.IsSessionsPayload(n.Payload) {
			if l.Sessions != nil {
				l.Sessions.ForgetSessions()
			}
			continue
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
