package models

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Session lifetimes: a session ends after SessionIdle without use, and
// after SessionAbsolute in any case.
const (
	SessionIdle     = 12 * time.Hour
	SessionAbsolute = 7 * 24 * time.Hour
	// sessionTouchEvery bounds writes: last_seen_at moves at most this often.
	sessionTouchEvery = time.Minute
)

// Session is a signed-in browser. Only a hash of its cookie token is stored.
type Session struct {
	ID         string    `gorm:"type:varchar(36);primaryKey"`
	TokenHash  string    `gorm:"type:char(64);not null;uniqueIndex"`
	UserID     string    `gorm:"type:varchar(36);not null;index"`
	User       *User     `gorm:"constraint:OnDelete:CASCADE"`
	CreatedAt  time.Time `gorm:"not null"`
	LastSeenAt time.Time `gorm:"not null"`
	ExpiresAt  time.Time `gorm:"not null"`
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateSession starts a session for the user and returns its cookie token.
func CreateSession(ctx context.Context, db *gorm.DB, userID string) (string, *Session, error) {
	buf := make([]byte, 32)
	if _, err := rand.Read(buf); err != nil {
		return "", nil, err
	}
	token := base64.RawURLEncoding.EncodeToString(buf)
	now := time.Now().UTC()
	s := &Session{ID: uuid.NewString(), TokenHash: hashToken(token), UserID: userID,
		CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(SessionAbsolute)}
	if err := db.WithContext(ctx).Create(s).Error; err != nil {
		return "", nil, err
	}
	return token, s, nil
}

// SessionUser resolves a cookie token to its user, or nil when the token is
// unknown or expired. Expired sessions are deleted on sight.
func SessionUser(ctx context.Context, db *gorm.DB, token string) (*User, error) {
	u, _, err := LookupSession(ctx, db, token)
	return u, err
}

// LookupSession is SessionUser that also says when the session ends at the
// latest (its absolute expiry), so a cache never keeps it past that.
func LookupSession(ctx context.Context, db *gorm.DB, token string) (*User, time.Time, error) {
	if token == "" || len(token) > 100 {
		return nil, time.Time{}, nil
	}
	var s Session
	// One query: the session joined with its user.
	err := db.WithContext(ctx).Joins("User").Where("sessions.token_hash = ?", hashToken(token)).Take(&s).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, time.Time{}, nil
	}
	if err != nil {
		return nil, time.Time{}, err
	}
	now := time.Now().UTC()
	if now.After(s.ExpiresAt) || now.Sub(s.LastSeenAt) > SessionIdle || s.User == nil {
		return nil, time.Time{}, db.WithContext(ctx).Delete(&s).Error
	}
	if now.Sub(s.LastSeenAt) > sessionTouchEvery {
		if err := db.WithContext(ctx).Model(&s).UpdateColumn("last_seen_at", now).Error; err != nil {
			return nil, time.Time{}, err
		}
	}
	return s.User, s.ExpiresAt, nil
}

// EndUserSessions ends every session of the user except the one behind
// keepToken (empty: all of them) and returns how many it ended. Every path
// that signs a user out everywhere goes through here: a password change, a
// password reset and a deletion. Sessions are rows, so ending them here
// ends them on every replica at its next request; anything that caches
// sessions must hear of it from this one place. Call it inside the
// transaction that makes the change, so both commit or neither does.
func EndUserSessions(tx *gorm.DB, userID, keepToken string) (int64, error) {
	q := tx.Where("user_id = ?", userID)
	if keepToken != "" {
		q = q.Where("token_hash <> ?", hashToken(keepToken))
	}
	res := q.Delete(&Session{})
	if res.Error != nil {
		return 0, res.Error
	}
	return res.RowsAffected, announceSessionsChanged(tx, userID)
}

// DeleteSession ends the session behind a cookie token.
func DeleteSession(ctx context.Context, db *gorm.DB, token string) error {
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("token_hash = ?", hashToken(token)).Delete(&Session{}).Error; err != nil {
			return err
		}
		return announceSessionsChanged(tx, "")
	})
	if err == nil {
		SessionsChanged(db)
	}
	return err
}
