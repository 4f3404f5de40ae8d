package models

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Rotation bounds.
const (
	DefaultGraceHours = 24
	MaxGraceHours     = 168
)

// secretHashes lists every hash a cache may hold for this key: callers
// forget them all after any change, and the change announces them all.
func (k *APIKey) secretHashes() []string {
	if k.PreviousSecretHash != nil {
		return []string{k.SecretHash, *k.PreviousSecretHash}
	}
	return []string{k.SecretHash}
}

// SecretHashes is secretHashes for callers outside models, which drop the
// key from their cache after a change.
func (k *APIKey) SecretHashes() []string { return k.secretHashes() }

// PreviousSecretExpiresAt is when the secret before the last rotation stops
// working, or nil when none is still valid.
func (k *APIKey) PreviousSecretExpiresAt() *time.Time {
	if k.PreviousSecretHash == nil || k.PreviousSecretUntil == nil || !time.Now().Before(*k.PreviousSecretUntil) {
		return nil
	}
	return k.PreviousSecretUntil
}

// RotateAPIKeyInput is what an admin chooses when rotating.
type RotateAPIKeyInput struct {
	// GraceHours is how long the current secret keeps working; 24 when nil.
	GraceHours *int
	// ExpiresInDays is the new lifetime; the key's last lifetime when nil.
	ExpiresInDays *int
}

// lifetimeDays is the key's last lifetime (from creation or its last
// rotation to its expiry) in whole days, within the creation bounds.
func (k *APIKey) lifetimeDays() int {
	from := k.CreatedAt
	if k.RotatedAt != nil {
		from = *k.RotatedAt
	}
	days := int(math.Round(k.ExpiresAt.Sub(from).Hours() / 24))
	return min(max(days, 1), MaxKeyDays)
}

// usable refuses a change that only makes sense for a working key.
func (k *APIKey) usable(now time.Time, verb string) error {
	if k.RevokedAt != nil {
		return Invalid("id", "This key was revoked on %s, so it cannot be %s. Create a new key instead.",
			k.RevokedAt.UTC().Format(humanTime), verb)
	}
	if k.Expired(now) {
		return Invalid("id", "This key expired on %s, so it cannot be %s. Create a new key instead.",
			k.ExpiresAt.UTC().Format(humanTime), verb)
	}
	return nil
}

const humanTime = "2006-01-02 15:04 UTC"

// RotateAPIKey gives a key a new secret, prefix and expiry while it keeps its
// id, name, scope and history. The current secret becomes the previous one
// and works for the grace period; a previous secret from an earlier rotation
// ends at once, so at most two secrets are ever valid. It returns the key,
// the new secret (only here) and the hashes that caches must forget.
func RotateAPIKey(ctx context.Context, db *gorm.DB, orgID, id string, in RotateAPIKeyInput, actor Actor) (*APIKey, string, []string, error) {
	grace := DefaultGraceHours
	if in.GraceHours != nil {
		grace = *in.GraceHours
	}
	var problems Problems
	if grace < 0 || grace > MaxGraceHours {
		problems.Add(Invalid("graceHours", "The grace period must be between 0 and %d hours", MaxGraceHours))
	}
	if in.ExpiresInDays != nil {
		problems.Add(checkKeyDays(*in.ExpiresInDays))
	}
	if err := problems.Err(); err != nil {
		return nil, "", nil, err
	}
	secret, prefix, hash, err := GenerateKey()
	if err != nil {
		return nil, "", nil, err
	}
	var key *APIKey
	var stale []string
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if key, err = findInOrg[APIKey](tx, "API key", orgID, id, true); err != nil {
			return err
		}
		now := time.Now().UTC().Truncate(time.Microsecond)
		if err := key.usable(now, "rotated"); err != nil {
			return err
		}
		days := key.lifetimeDays()
		if in.ExpiresInDays != nil {
			days = *in.ExpiresInDays
		}
		stale = key.secretHashes()
		// The old secret never outlives the expiry it was issued with.
		until := now.Add(time.Duration(grace) * time.Hour)
		if key.ExpiresAt.Before(until) {
			until = key.ExpiresAt
		}
		previous := key.SecretHash
		key.PreviousSecretHash, key.PreviousSecretUntil = &previous, &until
		key.SecretHash, key.Prefix, key.RotatedAt, key.ExpiresAt = hash, prefix, &now, now.AddDate(0, 0, days)
		err = tx.Model(&APIKey{}).Where("id = ?", key.ID).Updates(map[string]any{
			"secret_hash": key.SecretHash, "prefix": key.Prefix, "expires_at": key.ExpiresAt, "rotated_at": now,
			"previous_secret_hash": previous, "previous_secret_expires_at": until,
		}).Error
		if err != nil {
			return err
		}
		if err := announceRevocation(tx, stale...); err != nil {
			return err
		}
		detail := "the previous secret stopped working at once"
		if grace > 0 {
			detail = fmt.Sprintf("the previous secret works for %d hours, until %s", grace, until.Format(humanTime))
		}
		return recordAuditDetail(tx, orgID, actor, AuditAPIKeyRotated, "API_KEY", key.ID, key.Name,
			fmt.Sprintf("Rotated; %s; the new secret expires on %s", detail, key.ExpiresAt.Format(humanTime)))
	})
	if err != nil {
		return nil, "", nil, err
	}
	return key, secret, stale, nil
}

// UpdateAPIKeyInput holds the changes an admin may make to a key. A nil
// field keeps its value.
type UpdateAPIKeyInput struct {
	Name  *string
	Scope *APIKeyScope
}

// UpdateAPIKey renames a key (creation rules apply) or narrows its scope
// from READ_WRITE to READ_ONLY. Widening is refused: a key that leaked
// while read-only must not be able to gain write rights later. It returns
// the key and the hashes that caches must forget.
func UpdateAPIKey(ctx context.Context, db *gorm.DB, orgID, id string, in UpdateAPIKeyInput, actor Actor) (*APIKey, []string, error) {
	var name string
	var problems Problems
	if in.Name != nil {
		var err error
		name, err = CheckKeyName(*in.Name)
		problems.Add(err)
	}
	if in.Scope != nil {
		problems.Add(checkScope(*in.Scope))
	}
	if err := problems.Err(); err != nil {
		return nil, nil, err
	}
	var key *APIKey
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if key, err = findInOrg[APIKey](tx, "API key", orgID, id, true); err != nil {
			return err
		}
		changes := map[string]any{}
		var what []string
		if in.Name != nil && name != key.Name {
			what = append(what, fmt.Sprintf("renamed from %q", key.Name))
			key.Name, key.NameKey = name, IdentityKey(name)
			changes["name"], changes["name_key"] = key.Name, key.NameKey
		}
		if in.Scope != nil && *in.Scope != key.Scope {
			if *in.Scope == ScopeReadWrite {
				return Forbidden("A key's scope can only be narrowed, from Read and write to Read only. Create a new key for write access.")
			}
			what = append(what, "scope narrowed to READ_ONLY")
			key.Scope = *in.Scope
			changes["scope"] = key.Scope
		}
		if len(changes) == 0 {
			return nil
		}
		if err := tx.Model(&APIKey{}).Where("id = ?", key.ID).Updates(changes).Error; err != nil {
			if isUniqueViolation(err) {
				return &Error{Code: CodeDuplicateName, Path: []any{"name"}, Message: fmt.Sprintf(
					"A key named %q already exists. Choose another name.", name)}
			}
			return err
		}
		if err := announceRevocation(tx, key.secretHashes()...); err != nil {
			return err
		}
		return recordAuditDetail(tx, orgID, actor, AuditAPIKeyUpdated, "API_KEY", key.ID, key.Name, capitalize(strings.Join(what, "; ")))
	})
	if err != nil {
		return nil, nil, err
	}
	return key, key.secretHashes(), nil
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
