package models

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
)

// LastUse is one key's newest use: when, from which address, with which client.
type LastUse struct {
	At        time.Time
	IP        string
	UserAgent string
}

// Bounds of the stored last-use details, in characters.
const (
	MaxLastUsedIP        = 64
	MaxLastUsedUserAgent = 200
)

// Stored is the address and client as RecordLastUsed writes them.
func (u LastUse) Stored() (ip, userAgent *string) {
	return storedText(u.IP, MaxLastUsedIP), storedText(u.UserAgent, MaxLastUsedUserAgent)
}

// RecordLastUsed writes batched last uses without moving any value
// backwards, so replicas flushing in any order keep the newest use, with
// its address and client.
func RecordLastUsed(ctx context.Context, db *gorm.DB, used map[string]LastUse) error {
	for id, u := range used {
		ip, userAgent := u.Stored()
		err := db.WithContext(ctx).Model(&APIKey{}).
			Where("id = ? AND (last_used_at IS NULL OR last_used_at < ?)", id, u.At).
			UpdateColumns(map[string]any{"last_used_at": u.At.UTC(), "last_used_ip": ip, "last_used_user_agent": userAgent}).Error
		if err != nil {
			return err
		}
	}
	return nil
}

// storedText makes client-supplied text safe to store: valid UTF-8 (which
// PostgreSQL insists on), no control characters, at most max characters;
// nil when nothing is left.
func storedText(s string, max int) *string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	s = TrimText(s)
	if r := []rune(s); len(r) > max {
		s = string(r[:max])
	}
	if s == "" {
		return nil
	}
	return &s
}
