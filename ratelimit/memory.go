package ratelimit

import (
	"context"
	"sync"
	"time"
)

// sweepFloor is the map size below which expired keys are left alone.
const sweepFloor = 100_000

// Memory is a GCRA limiter for a single process.
type Memory struct {
	mu  sync.Mutex
	tat map[string]time.Time // theoretical arrival time per key
	// sweepAt is the map size that triggers the next sweep. After a sweep it
	// is twice what survived, so a map full of live keys (rotating client
	// addresses) is scanned again only after it has doubled: each new key
	// pays O(1) amortised, never O(n) per request.
	sweepAt int
	floor   int // sweepFloor; tests lower it
	scanned int // keys looked at by sweeps, for tests
}

func NewMemory() *Memory {
	return &Memory{tat: map[string]time.Time{}, sweepAt: sweepFloor, floor: sweepFloor}
}

// Allow implements GCRA: each request moves the key's theoretical arrival
// time on by one emission interval; a request is refused while that time
// would lie more than one period ahead of now. n < 0 gives units back
// (never beyond a full budget), and is always allowed.
func (m *Memory) Allow(_ context.Context, key string, limit Limit, n int) (Result, error) {
	if limit.Off() {
		return Result{Allowed: true}, nil
	}
	now := time.Now()
	emission := limit.Period / time.Duration(limit.Rate)
	m.mu.Lock()
	defer m.mu.Unlock()
	tat := m.tat[key]
	if tat.Before(now) {
		tat = now
	}
	newTat := tat.Add(time.Duration(n) * emission)
	allowAt := newTat.Add(-limit.Period)
	if n > 0 && now.Before(allowAt) {
		return Result{RetryAfter: allowAt.Sub(now), ResetAfter: tat.Sub(now)}, nil
	}
	switch {
	case n < 0 && !newTat.After(now):
		delete(m.tat, key)
	case n != 0:
		m.tat[key] = newTat
		if len(m.tat) >= m.sweepAt {
			m.sweep(now)
		}
	}
	remaining := min(int(now.Sub(allowAt)/emission), limit.Rate)
	return Result{Allowed: true, Remaining: remaining, ResetAfter: max(newTat.Sub(now), 0)}, nil
}

// sweep forgets keys whose budget is full again: they equal absent keys.
func (m *Memory) sweep(now time.Time) {
	m.scanned += len(m.tat)
	for k, t := range m.tat {
		if t.Before(now) {
			delete(m.tat, k)
		}
	}
	m.sweepAt = max(2*len(m.tat), m.floor)
}
