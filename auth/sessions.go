package auth

import (
	"context"
	"crypto/sha256"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	lru "github.com/hashicorp/golang-lru/v2"
	"gorm.io/gorm"

	"keyward/models"
)

// SessionTTL is how long a verified session is served from memory before
// the database is asked again. It is short on purpose: every change that
// ends a session or changes a role empties the cache at once (see
// models.SessionsChanged and the revocation listener), so the TTL only
// bounds what nothing announces, such as a change made with the command
// line against SQLite, where there is no notification channel. It is far
// below the minute after which a session's last-seen time is written, so
// the idle timeout still sees every active session.
const SessionTTL = 5 * time.Second

type cachedSession struct {
	user     models.User
	until    time.Time // the earlier of cachedAt+TTL and the session's expiry
	cachedAt time.Time
}

// SessionCache keeps recently verified session cookies in memory, so a
// signed-in request costs no database query. It guards against the
// fill-versus-invalidation race the way KeyVerifier does: every
// invalidation bumps gen under fillMu, and a fill adds its entry only if
// gen has not moved since before its database read.
type SessionCache struct {
	db    *gorm.DB
	ttl   time.Duration
	cache *lru.Cache[[sha256.Size]byte, *cachedSession]

	fillMu      sync.Mutex
	gen         atomic.Uint64
	afterLookup atomic.Pointer[func()]
}

var _ models.SessionInvalidator = (*SessionCache)(nil)

// NewSessionCache builds the cache and registers it on db, so that the
// models that end sessions through db invalidate it after they commit.
func NewSessionCache(db *gorm.DB, ttl time.Duration) (*SessionCache, error) {
	cache, _ := lru.New[[sha256.Size]byte, *cachedSession](10000)
	c := &SessionCache{db: db, ttl: ttl, cache: cache}
	if err := db.Use(c); err != nil {
		return nil, err
	}
	return c, nil
}

// Name and Initialize make the cache a GORM plugin (see models.SessionsChanged).
func (c *SessionCache) Name() string              { return models.SessionCachePlugin }
func (c *SessionCache) Initialize(*gorm.DB) error { return nil }

// User resolves a session cookie to a copy of its user, or nil when the
// session is unknown or over. A miss is models.LookupSession (which also
// keeps the last-seen time moving).
func (c *SessionCache) User(ctx context.Context, token string) (*models.User, error) {
	if token == "" || len(token) > 100 {
		return nil, nil
	}
	now := time.Now()
	key := sha256.Sum256(unsafe.Slice(unsafe.StringData(token), len(token)))
	if e, ok := c.cache.Get(key); ok && now.Before(e.until) {
		u := e.user // a copy: a request may not change what others are served
		return &u, nil
	}
	gen := c.gen.Load()
	u, expires, err := models.LookupSession(ctx, c.db, token)
	if hook := c.afterLookup.Load(); hook != nil {
		(*hook)()
	}
	if err != nil || u == nil {
		c.cache.Remove(key)
		return u, err
	}
	until := now.Add(c.ttl)
	if expires.Before(until) {
		until = expires
	}
	c.fill(key, &cachedSession{user: *u, until: until, cachedAt: now}, gen)
	return u, nil
}

func (c *SessionCache) fill(key [sha256.Size]byte, e *cachedSession, gen uint64) {
	c.fillMu.Lock()
	defer c.fillMu.Unlock()
	if c.gen.Load() == gen && c.ttl > 0 {
		c.cache.Add(key, e)
	}
}

// ForgetSessions empties the cache and refuses every fill in flight. It is
// all or nothing: the events that call it are rare (sign-out, password and
// role changes, deletions), and each costs every session one more query.
func (c *SessionCache) ForgetSessions() {
	c.fillMu.Lock()
	defer c.fillMu.Unlock()
	c.cache.Purge()
	c.gen.Add(1)
}

// Invalidations counts ForgetSessions calls since start, for tests.
func (c *SessionCache) Invalidations() uint64 { return c.gen.Load() }

// SetAfterLookup installs fn to run between a miss's database read and its
// cache fill. note: tests only, to pause a lookup where an invalidation races it.
func (c *SessionCache) SetAfterLookup(fn func()) { c.afterLookup.Store(&fn) }
