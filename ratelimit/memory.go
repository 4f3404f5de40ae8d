package ratelimit

import (
	"context"
	"sync"
	"time"
)

// Memory is a GCRA limiter for a single process.
type Memory struct {
	mu  sync.Mutex
	tat map[string]time.Time // theoretical arrival time per key
}

func NewMemory() *Memory { return &Memory{tat: map[string]time.Time{}} }

// Allow implements GCRA: each request moves the key's theoretical arrival
// time on by one emission interval; a request is refused while that time
// would lie more than one period ahead of now.
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
	if now.Before(allowAt) {
		return Result{RetryAfter: allowAt.Sub(now), ResetAfter: tat.Sub(now)}, nil
	}
	if n > 0 {
		m.tat[key] = newTat
		if len(m.tat) > 100_000 {
			m.sweep(now)
		}
	}
	remaining := int(now.Sub(allowAt) / emission)
	return Result{Allowed: true, Remaining: remaining, ResetAfter: newTat.Sub(now)}, nil
}

// sweep forgets keys whose budget is full again: they equal absent keys.
func (m *Memory) sweep(now time.Time) {
	for k, t := range m.tat {
		if t.Before(now) {
			delete(m.tat, k)
		}
	}
}
