package models

import (
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Sessions may be cached in process for a few seconds (see
// auth.SessionCache), so every change that ends a session or changes what
// a session grants (sign-out, password change or reset, role change, user
// deletion) tells the caches twice:
//   - inside its transaction, a NOTIFY on RevocationChannel, which
//     PostgreSQL delivers to every replica's listener only if it commits
//     (the command line's changes reach the servers this way too);
//   - after the commit, SessionsChanged on this process's cache, so the
//     very next request here reads the database without waiting for the
//     notification to come back.

// sessionsPayloadPrefix marks a notification about sessions, not a key hash.
const sessionsPayloadPrefix = "sessions:"

// SessionCachePlugin is the GORM plugin name under which a process's
// session cache registers on its database handle, so models can reach the
// cache of the process that made a change and no other.
const SessionCachePlugin = "keyward:session-cache"

// SessionInvalidator is what a session cache offers models.
type SessionInvalidator interface {
	gorm.Plugin
	ForgetSessions()
}

// SessionsChanged drops this process's cached sessions. Call it after the
// change committed: a cache fill that read the old rows is then refused.
func SessionsChanged(db *gorm.DB) {
	if c, ok := db.Config.Plugins[SessionCachePlugin].(SessionInvalidator); ok {
		c.ForgetSessions()
	}
}

func announceSessionsChanged(tx *gorm.DB, userID string) error {
	if tx.Dialector.Name() != "postgres" {
		return nil
	}
	payload := sessionsPayloadPrefix + userID + " " + strconv.FormatInt(time.Now().UnixNano(), 10)
	return tx.Exec("SELECT pg_notify(?, ?)", RevocationChannel, payload).Error
}

// IsSessionsPayload tells a sessions notification from a key revocation.
func IsSessionsPayload(p string) bool { return strings.HasPrefix(p, sessionsPayloadPrefix) }
