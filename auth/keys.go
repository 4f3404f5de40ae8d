package auth

import (
	"context"
	"errors"
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
)

// cachedKey remembers a verified key. It keeps the expiry instant, not a
// yes/no, so that expiry is exact to the second even from the cache.
type cachedKey struct {
	id       KeyIdentity
	cachedAt time.Time
}

// KeyVerifier checks Bearer keys: checksum first (no database), then an
// in-process cache, then one indexed lookup by hash.
type KeyVerifier struct {
	db       *gorm.DB
	cache    *lru.Cache[string, cachedKey]
	ttl      time.Duration
	LastUsed *LastUsed
}

// NewKeyVerifier builds a verifier. ttl bounds how long a cached key is
// trusted without asking the database again; deletions on this process
// invalidate at once regardless.
func NewKeyVerifier(db *gorm.DB, ttl time.Duration, lastUsed *LastUsed) *KeyVerifier {
	cache, _ := lru.New[string, cachedKey](10000)
	return &KeyVerifier{db: db, cache: cache, ttl: ttl, LastUsed: lastUsed}
}

// Verify resolves a presented key to its identity. guard, when set, runs
// for every key that is not a cache hit (malformed, unknown or not yet
// cached) before anything else is done with it, and its error is returned
// as is: the failed-authentication limiter goes there, so that the steady
// traffic of valid, cached keys never pays for it.
func (v *KeyVerifier) Verify(ctx context.Context, secret string, guard func() error) (*KeyIdentity, error) {
	now := time.Now()
	wellFormed := models.WellFormedKey(secret)
	var hash string
	var entry cachedKey
	hit := false
	if wellFormed {
		hash = models.HashKey(secret)
		entry, hit = v.cache.Get(hash)
		hit = hit && now.Sub(entry.cachedAt) <= v.ttl
	}
	if hit {
		metrics.KeyCache.WithLabelValues("hit").Inc()
	} else {
		if guard != nil {
			if err := guard(); err != nil {
				return nil, err
			}
		}
		if !wellFormed {
			return nil, ErrInvalidKey
		}
		metrics.KeyCache.WithLabelValues("miss").Inc()
		key, err := models.FindAPIKeyByHash(ctx, v.db, hash)
		if err != nil {
			return nil, err
		}
		if key == nil {
			v.cache.Remove(hash)
			return nil, ErrInvalidKey
		}
		entry = cachedKey{cachedAt: now, id: KeyIdentity{
			ID: key.ID, Name: key.Name, OrganizationID: key.OrganizationID, ExpiresAt: key.ExpiresAt, Scope: key.Scope,
		}}
		v.cache.Add(hash, entry)
	}
	if !now.Before(entry.id.ExpiresAt) {
		return &entry.id, ErrExpiredKey
	}
	if v.LastUsed != nil {
		v.LastUsed.Touch(entry.id.ID, now)
	}
	id := entry.id
	return &id, nil
}

// Forget drops a key from the cache; deleteApiKey calls it so that the very
// next request with that key goes to the database and fails.
func (v *KeyVerifier) Forget(secretHash string) { v.cache.Remove(secretHash) }

// Purge empties the cache.
func (v *KeyVerifier) Purge() { v.cache.Purge() }
