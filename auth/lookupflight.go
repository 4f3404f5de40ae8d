package auth

import (
	"context"
	"errors"
	"time"
)

// flight is one database lookup of a key that requests arriving meanwhile
// share, so that a burst of requests with one key that is not cached yet
// (a deploy, a cache purge, a new key) is one lookup and spends at most one
// unit of the client's failure budget instead of one per request.
type flight struct {
	// gen is the invalidation generation the lookup started under. A request
	// that begins after an invalidation (Forget, Purge) never shares a lookup
	// from before it, so a deleted key cannot be answered from a read made
	// before its deletion.
	gen   uint64
	done  chan struct{}
	entry cachedKey
	err   error
}

// lookup resolves a key that is not in the cache. The first request for a
// hash makes the lookup (guard, then the database); the others wait for it.
// A waiter takes the answer as its own, except that:
//   - a bad answer (unknown, expired, rotated, revoked) still runs the
//     waiter's guard, so every failed attempt is counted as before: N
//     requests with one bad key spend N units, and past the budget are
//     refused with 429;
//   - when the lookup did not give an answer (its guard refused, the
//     database failed, its request was cancelled or panicked) the waiter
//     looks the key up on its own, with its own guard.
func (v *KeyVerifier) lookup(ctx context.Context, sum hashKey, now time.Time, guard func() error) (cachedKey, error) {
	gen := v.gen.Load()
	f, lead := v.join(sum, gen)
	if lead {
		defer v.land(sum, f)
		f.entry, f.err = v.read(ctx, sum, gen, now, guard)
		return f.entry, f.err
	}
	select {
	case <-f.done:
	case <-ctx.Done():
		return cachedKey{}, ctx.Err()
	}
	switch {
	case errors.Is(f.err, ErrInvalidKey):
		if err := runGuard(guard); err != nil {
			return cachedKey{}, err
		}
		return cachedKey{}, ErrInvalidKey
	case f.err != nil || f.entry.id == nil:
		// note: no entry and no error is a lookup that panicked.
		return v.read(ctx, sum, v.gen.Load(), now, guard)
	case f.entry.id.refused(now) != nil:
		if err := runGuard(guard); err != nil {
			return cachedKey{}, err
		}
	}
	return f.entry, nil
}

// join returns the lookup in progress for hash under gen, or registers a new
// one that the caller leads (true).
func (v *KeyVerifier) join(sum hashKey, gen uint64) (*flight, bool) {
	v.flightMu.Lock()
	defer v.flightMu.Unlock()
	if f, ok := v.flights[sum]; ok && f.gen == gen {
		return f, false
	}
	f := &flight{gen: gen, done: make(chan struct{})}
	v.flights[sum] = f
	return f, true
}

// land ends a lookup and wakes its waiters. note: a newer lookup of the same
// hash (after an invalidation) may have replaced it in the map; it stays.
func (v *KeyVerifier) land(sum hashKey, f *flight) {
	v.flightMu.Lock()
	if v.flights[sum] == f {
		delete(v.flights, sum)
	}
	v.flightMu.Unlock()
	close(f.done)
}
