package models

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// RevocationChannel is the PostgreSQL NOTIFY channel on which the hash of a
// key that was deleted, rotated, changed or revoked is announced, so every
// replica drops it from its cache and reads it afresh.
const RevocationChannel = "keyward_key_revoked"

// announceRevocation notifies inside the changing transaction: PostgreSQL
// delivers the notification only if the change commits. SQLite serves a
// single process, whose cache the caller clears directly.
func announceRevocation(tx *gorm.DB, secretHashes ...string) error {
	if tx.Dialector.Name() != "postgres" {
		return nil
	}
	for _, h := range secretHashes {
		if err := tx.Exec("SELECT pg_notify(?, ?)", RevocationChannel, RevocationPayload(h, time.Now())).Error; err != nil {
			return err
		}
	}
	return nil
}

// RevocationPayload is "<hash> <unix nanoseconds>"; the time lets receivers measure lag.
func RevocationPayload(secretHash string, at time.Time) string {
	return secretHash + " " + strconv.FormatInt(at.UnixNano(), 10)
}

// ParseRevocationPayload reverses RevocationPayload.
func ParseRevocationPayload(p string) (string, time.Time, error) {
	hash, nanos, ok := strings.Cut(p, " ")
	n, err := strconv.ParseInt(nanos, 10, 64)
	if !ok || err != nil || len(hash) != 64 {
		return "", time.Time{}, fmt.Errorf("malformed revocation payload %q", p)
	}
	return hash, time.Unix(0, n), nil
}
