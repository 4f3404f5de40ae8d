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

// Verify resolves a presented key to its identity.
func (v *KeyVerifier) Verify(ctx context.Context, secret string) (*KeyIdentity, error) {
	if !models.WellFormedKey(secret) {
		return nil, ErrInvalidKey
	}
	hash := models.HashKey(secret)
	now := time.Now()
	entry, ok := v.cache.Get(hash)
	if ok && now.Sub(entry.cachedAt) <= v.ttl {
		metrics.KeyCache.WithLabelValues("hit").Inc()
	} else {
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
			ID: key.ID, Name: key.Name, Prefix: key.Prefix, OrganizationID: key.OrganizationID,
			ExpiresAt: key.ExpiresAt, CreatedByID: key.CreatedByID, Scope: key.Scope,
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
