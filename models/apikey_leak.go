package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// LeakReport is one secret that someone found where it should not be.
type LeakReport struct {
	Secret string
	// URL is where it was found; Source who found it (e.g. a scanning
	// service). Both are optional and end up in the revocation note.
	URL, Source string
}

// Check trims the report's texts and checks their length, so that a batch
// can be refused as a whole before any key in it is revoked.
func (r LeakReport) Check() (LeakReport, error) {
	var err error
	if r.URL, err = cleanOptionalText("url", "URL", r.URL, 500); err != nil {
		return r, err
	}
	r.Source, err = cleanOptionalText("source", "Source", r.Source, 100)
	return r, err
}

// Leak verdicts, in the words secret-scanning partner programmes use.
const (
	LeakTruePositive  = "true_positive"
	LeakFalsePositive = "false_positive"
)

// RevokeLeakedAPIKey revokes the key a leaked secret belongs to. Whoever
// holds a working secret could use the key anyway, so killing it needs no
// other authentication. The verdict is true_positive for a key that is now
// revoked (also when it already was), false_positive for anything that is
// not a working Keyward secret. It returns the hashes caches must forget.
func RevokeLeakedAPIKey(ctx context.Context, db *gorm.DB, r LeakReport) (string, []string, error) {
	r, err := r.Check()
	if err != nil {
		return "", nil, err
	}
	url, source := r.URL, r.Source
	if !WellFormedKey(r.Secret) {
		return LeakFalsePositive, nil, nil
	}
	hash := HashKey(r.Secret)
	verdict := LeakFalsePositive
	var stale []string
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var key APIKey
		err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).
			Where("secret_hash = ? OR previous_secret_hash = ?", hash, hash).Take(&key).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		now := time.Now().UTC().Truncate(time.Microsecond)
		if key.RevokedAt != nil {
			verdict = LeakTruePositive
			return nil
		}
		// A secret that no longer works leaks nothing: leave the key alone.
		previous := key.SecretHash != hash
		if previous && (key.PreviousSecretUntil == nil || !now.Before(*key.PreviousSecretUntil)) || key.Expired(now) {
			return nil
		}
		note := "Reported as leaked"
		if url != "" {
			note += " at " + url
		}
		if source != "" {
			note += " by " + source
		}
		if previous {
			note += " (the secret from before the last rotation)"
		}
		err = tx.Model(&APIKey{}).Where("id = ?", key.ID).Updates(map[string]any{"revoked_at": now, "revocation_note": note}).Error
		if err != nil {
			return err
		}
		stale = key.secretHashes()
		if err := announceRevocation(tx, stale...); err != nil {
			return err
		}
		// The reporter is whoever held the key's secret: the audit names
		// the key itself as the actor, and the report's source.
		reporter := "Leaked-key report"
		if source != "" {
			reporter += " (" + source + ")"
		}
		verdict = LeakTruePositive
		return recordAuditDetail(tx, key.OrganizationID, Actor{Kind: "API_KEY", ID: key.ID, Name: reporter},
			AuditAPIKeyRevoked, "API_KEY", key.ID, key.Name, note)
	})
	if err != nil {
		return "", nil, err
	}
	return verdict, stale, nil
}
