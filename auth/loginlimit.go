package auth

import (
	"sync"
	"time"
)

// LoginLimiter refuses sign-in attempts from a client after too many failures
// in a window, to slow password guessing.
type LoginLimiter struct {
	max    int
	window time.Duration
	mu     sync.Mutex
	fails  map[string][]time.Time
}

func NewLoginLimiter(max int, window time.Duration) *LoginLimiter {
	return &LoginLimiter{max: max, window: window, fails: map[string][]time.Time{}}
}

// Allow reports whether the client may try again, and if not, when.
func (l *LoginLimiter) Allow(client string) (bool, time.Duration) {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	recent := l.recent(client, now)
	if len(recent) < l.max {
		return true, 0
	}
	return false, recent[0].Add(l.window).Sub(now)
}

// Fail records a failed attempt.
func (l *LoginLimiter) Fail(client string) {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fails[client] = append(l.recent(client, now), now)
	if len(l.fails) > 10000 {
		for c := range l.fails {
			if len(l.recent(c, now)) == 0 {
				delete(l.fails, c)
			}
		}
	}
}

func (l *LoginLimiter) recent(client string, now time.Time) []time.Time {
	list := l.fails[client]
	i := 0
	for i < len(list) && now.Sub(list[i]) > l.window {
		i++
	}
	list = list[i:]
	l.fails[client] = list
	return list
}
