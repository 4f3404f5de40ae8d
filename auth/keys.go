package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"gorm.io/gorm"

	"keyward/metrics"
	"keyward/models"
)

// Verification outcomes the middleware turns into HTTP 401.
var (
	ErrInvalidKey = errors.New("invalid API key")
	ErrExpiredKey = errors.New("expired API key")
	// ErrRotatedKey is a previous secret whose grace period has ended.
	ErrRotatedKey = errors.New("rotated API key")
	ErrRevokedKey = errors.New("revoked API key")
)

// cachedKey remembers a verified key. It keeps the expiry instant, not a
// yes/no, so that expiry is exact to the second even from the cache.
// note: id is shared by every request that presents the key and must not be
// changed; a change to the key replaces the entry (Forget) instead.
type cachedKey struct {
	id       *KeyIdentity
	cachedAt time.Time
}

// hashKey is the cache's key: the SHA-256 of the secret as bytes, so that a
// hit needs no hex encoding and allocates nothing.
type hashKey = [sha256.Size]byte

// KeyVerifier checks Bearer keys: checksum first (no database), then an
// in-process cache, then one indexed lookup by hash.
type KeyVerifier struct {
	db       *gorm.DB
	cache    *lru.Cache[hashKey, cachedKey]
	ttl      time.Duration
	LastUsed *LastUsed

	// A fill reads the database and then adds to the cache. An invalidation
	// (Forget or Purge) that lands between the two must win, or a deleted key
	// would be cached until the TTL ends. Every invalidation bumps gen under
	// fillMu; a fill adds its entry only if gen has not moved since before its
	// read. One global generation is enough: invalidations are rare, and a
	// fill that loses the check only costs one more lookup later.
	fillMu sync.Mutex
	gen    atomic.Uint64

	// flights are the lookups in progress, by hash (lookupflight.go).
	flightMu sync.Mutex
	flights  map[hashKey]*flight

	afterLookup atomic.Pointer[func()]
}

// NewKeyVerifier builds a verifier. ttl bounds how long a cached key is
// trusted without asking the database again; deletions on this process
// invalidate at once regardless.
func NewKeyVerifier(db *gorm.DB, ttl time.Duration, lastUsed *LastUsed) *KeyVerifier {
	cache, _ := lru.New[hashKey, cachedKey](10000)
	return &KeyVerifier{db: db, cache: cache, ttl: ttl, LastUsed: lastUsed, flights: map[hashKey]*flight{}}
}

// Verify resolves a presented key to its identity. guard, when set, runs
// for every key that is not a cache hit (malformed, unknown or not yet
// cached) before anything else is done with it, and its error is returned
// as is: the failed-authentication limiter goes there, so that the steady
// traffic of valid, cached keys never pays for it. Requests that present the
// same uncached key at once share one lookup (see lookup): only the one that
// makes it runs guard first, and the others run it only if the key proves
// bad.
func (v *KeyVerifier) Verify(ctx context.Context, secret string, guard func() error) (*KeyIdentity, error) {
	now := time.Now()
	if !models.WellFormedKey(secret) {
		if err := runGuard(guard); err != nil {
			return nil, err
		}
		return nil, ErrInvalidKey
	}
	sum := models.HashKeySum(secret)
	// note: Peek, not Get: Get moves the entry to the front under an
	// exclusive lock, so every request of a busy key queued on one mutex.
	// A key in use is read again at least every ttl, which moves it to
	// the front, so eviction still spares the keys in use.
	entry, hit := v.cache.Peek(sum)
	if hit && now.Sub(entry.cachedAt) <= v.ttl {
		cacheHits.Inc()
	} else {
		var err error
		if entry, err = v.lookup(ctx, sum, now, guard); err != nil {
			return nil, err
		}
	}
	if err := entry.id.refused(now); err != nil {
		return entry.id, err
	}
	if v.LastUsed != nil {
		v.LastUsed.Touch(entry.id.ID, now, ClientIP(ctx), UserAgent(ctx))
	}
	return entry.id, nil
}

// refused says why a known key no longer works, or nil while it does.
func (id *KeyIdentity) refused(now time.Time) error {
	switch {
	case !id.RevokedAt.IsZero():
		return ErrRevokedKey
	case !now.Before(id.ExpiresAt) && id.Previous:
		return ErrRotatedKey
	case !now.Before(id.ExpiresAt):
		return ErrExpiredKey
	}
	return nil
}

func runGuard(guard func() error) error {
	if guard == nil {
		return nil
	}
	return guard()
}

// read looks the key up in the database after guard allowed it, and caches
// it unless an invalidation happened since gen. An unknown key is
// ErrInvalidKey.
func (v *KeyVerifier) read(ctx context.Context, sum hashKey, gen uint64, now time.Time, guard func() error) (cachedKey, error) {
	if err := runGuard(guard); err != nil {
		return cachedKey{}, err
	}
	cacheMisses.Inc()
	hash := hex.EncodeToString(sum[:])
	key, err := models.FindAPIKeyByHash(ctx, v.db, hash)
	if err != nil {
		return cachedKey{}, err
	}
	if hook := v.afterLookup.Load(); hook != nil {
		(*hook)()
	}
	if key == nil {
		v.cache.Remove(sum)
		return cachedKey{}, ErrInvalidKey
	}
	entry := cachedKey{cachedAt: now, id: identity(key, hash)}
	v.fill(sum, entry, gen)
	return entry, nil
}

// The cache counters, resolved once: WithLabelValues hashes its labels on
// every call, which the request path need not pay.
var (
	cacheHits   = metrics.KeyCache.WithLabelValues("hit")
	cacheMisses = metrics.KeyCache.WithLabelValues("miss")
)

// identity is what the cache keeps for the secret with this hash.
func identity(key *models.APIKey, hash string) *KeyIdentity {
	id := &KeyIdentity{ID: key.ID, Name: key.Name, OrganizationID: key.OrganizationID, ExpiresAt: key.ExpiresAt, Scope: key.Scope}
	if key.RotatedAt != nil {
		id.RotatedAt = *key.RotatedAt
	}
	if key.RevokedAt != nil {
		id.RevokedAt = *key.RevokedAt
	}
	if hash != key.SecretHash {
		id.Previous = true
		id.ExpiresAt = time.Time{} // a previous secret without an end date has ended
		if key.PreviousSecretUntil != nil {
			id.ExpiresAt = *key.PreviousSecretUntil
		}
	}
	id.headers = keyHeaders(id)
	return id
}

// SetAfterLookup installs fn to run between a fill's database read and its
// cache add. note: tests only; it lets them pause a lookup exactly where an
// invalidation would race it.
func (v *KeyVerifier) SetAfterLookup(fn func()) { v.afterLookup.Store(&fn) }

// fill caches entry unless an invalidation happened since gen was read.
func (v *KeyVerifier) fill(hash hashKey, entry cachedKey, gen uint64) {
	v.fillMu.Lock()
	defer v.fillMu.Unlock()
	if v.gen.Load() == gen {
		v.cache.Add(hash, entry)
	}
}

// Forget drops a key from the cache and stops any fill in flight from adding
// it back. Every change to a key (delete, rotate, update, revoke) and the
// revocation listener call it, so that the very next request with that key
// goes to the database and sees the change.
func (v *KeyVerifier) Forget(secretHash string) {
	var sum hashKey
	if b, err := hex.DecodeString(secretHash); err == nil && len(b) == len(sum) {
		copy(sum[:], b)
	}
	// note: a malformed hash matches no entry but still bumps the
	// generation, so no fill in flight survives a Forget.
	v.invalidate(func() { v.cache.Remove(sum) })
}

// ForgetAll is Forget for each hash, e.g. a key's current and previous secret.
func (v *KeyVerifier) ForgetAll(secretHashes []string) {
	for _, h := range secretHashes {
		v.Forget(h)
	}
}

// Purge empties the cache and stops every fill in flight from adding to it.
func (v *KeyVerifier) Purge() { v.invalidate(v.cache.Purge) }

// Invalidations counts Forget and Purge calls since start.
func (v *KeyVerifier) Invalidations() uint64 { return v.gen.Load() }

func (v *KeyVerifier) invalidate(drop func()) {
	v.fillMu.Lock()
	defer v.fillMu.Unlock()
	drop()
	v.gen.Add(1)
}
