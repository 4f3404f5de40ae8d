package models

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Key lifetime bounds, in days.
const (
	DefaultKeyDays = 30
	MaxKeyDays     = 365
)

// APIKey is a named credential for programmatic access. Only a hash of the
// secret is stored.
type APIKey struct {
	ID             string        `gorm:"type:varchar(36);primaryKey"`
	OrganizationID string        `gorm:"type:varchar(36);not null;uniqueIndex:idx_api_keys_org_name,priority:1"`
	Organization   *Organization `gorm:"constraint:OnDelete:CASCADE"`
	Name           string        `gorm:"type:varchar(200);not null"`
	// NameKey is the name's IdentityKey: its unique index makes names unique per
	// organisation ignoring case, enforced by the database under concurrency.
	NameKey     string     `gorm:"type:varchar(200);not null;uniqueIndex:idx_api_keys_org_name,priority:2"`
	Prefix      string     `gorm:"type:varchar(16);not null"`
	SecretHash  string     `gorm:"type:char(64);not null;uniqueIndex"`
	CreatedByID *string    `gorm:"type:varchar(36);index"`
	CreatedBy   *User      `gorm:"constraint:OnDelete:SET NULL"`
	CreatedAt   time.Time  `gorm:"not null"`
	ExpiresAt   time.Time  `gorm:"not null"`
	LastUsedAt  *time.Time ``
	// LastUsedIP and LastUsedUserAgent describe the use at LastUsedAt.
	LastUsedIP        *string `gorm:"column:last_used_ip;type:varchar(64)"`
	LastUsedUserAgent *string `gorm:"type:varchar(200)"`

	// Scope bounds what the key may do; keys made before scopes existed are READ_WRITE.
	Scope APIKeyScope `gorm:"type:varchar(12);not null;default:'READ_WRITE';check:chk_api_keys_scope,scope IN ('READ_WRITE','READ_ONLY')"`

	// Rotation (see apikey_lifecycle.go). The secret before the last
	// rotation keeps working until PreviousSecretUntil; its hash is kept
	// after that so a late caller learns the key was rotated. Keys made
	// before rotation existed have all three unset and work as before.
	PreviousSecretHash  *string    `gorm:"type:char(64);uniqueIndex"`
	PreviousSecretUntil *time.Time `gorm:"column:previous_secret_expires_at"`
	RotatedAt           *time.Time

	// Revocation: a key reported as leaked stops working but stays listed,
	// so the admin learns which key leaked and where.
	RevokedAt      *time.Time
	RevocationNote *string `gorm:"type:varchar(700)"`
}

// APIKeyStatus is computed from the revocation and expiry times; it is never stored.
type APIKeyStatus string

const (
	APIKeyActive  APIKeyStatus = "ACTIVE"
	APIKeyExpired APIKeyStatus = "EXPIRED"
	APIKeyRevoked APIKeyStatus = "REVOKED"
)

func (s *APIKeyStatus) UnmarshalGQL(v any) (err error) {
	*s, err = parseEnum("status", "API key status", v, []APIKeyStatus{APIKeyActive, APIKeyExpired, APIKeyRevoked})
	return err
}

func (s APIKeyStatus) MarshalGQL(w io.Writer) { writeEnum(w, string(s)) }

// APIKeyScope is chosen when a key is created and never changes: a key that
// only exports data should not be able to change it if it leaks.
type APIKeyScope string

const (
	// ScopeReadWrite gives a key Editor rights on governance data.
	ScopeReadWrite APIKeyScope = "READ_WRITE"
	// ScopeReadOnly gives a key Viewer rights: queries only.
	ScopeReadOnly APIKeyScope = "READ_ONLY"
)

// Valid reports whether s is one of the two scopes.
func (s APIKeyScope) Valid() bool { return s == ScopeReadWrite || s == ScopeReadOnly }

// Role is the role a key of this scope acts with.
func (s APIKeyScope) Role() Role {
	if s == ScopeReadOnly {
		return RoleViewer
	}
	return RoleEditor
}

func (s *APIKeyScope) UnmarshalGQL(v any) (err error) {
	*s, err = parseEnum("scope", "API key scope", v, []APIKeyScope{ScopeReadWrite, ScopeReadOnly})
	return err
}

func (s APIKeyScope) MarshalGQL(w io.Writer) { writeEnum(w, string(s)) }

// Status is ACTIVE until the expiry instant, EXPIRED from then on; a
// revoked key is REVOKED whatever its expiry.
func (k *APIKey) Status() APIKeyStatus {
	if k.RevokedAt != nil {
		return APIKeyRevoked
	}
	if k.Expired(time.Now()) {
		return APIKeyExpired
	}
	return APIKeyActive
}

// Expired compares instants, so the database session's time zone cannot shift it.
func (k *APIKey) Expired(now time.Time) bool { return !now.Before(k.ExpiresAt) }

// CreateAPIKeyInput is what an admin supplies for a new key.
type CreateAPIKeyInput struct {
	Name          string
	ExpiresInDays *int
	// Scope defaults to READ_WRITE.
	Scope *APIKeyScope
	// Max is the organisation's key limit (KEYWARD_MAX_API_KEYS).
	Max int
}

// CheckKeyName applies the name rules shared with the SPA.
func CheckKeyName(name string) (string, error) {
	return cleanText("name", "Key name", name, 3, 50)
}

func checkKeyDays(days int) error {
	if days < 1 || days > MaxKeyDays {
		return Invalid("expiresInDays", "Expiry must be between 1 and %d days", MaxKeyDays)
	}
	return nil
}

func checkScope(s APIKeyScope) error {
	if !s.Valid() {
		return Invalid("scope", "Scope must be READ_WRITE or READ_ONLY")
	}
	return nil
}

// CreateAPIKey validates, enforces the per-organisation limit and the unique
// name inside one transaction, and returns the key with its secret. The
// secret exists only in this return value.
func CreateAPIKey(ctx context.Context, db *gorm.DB, orgID string, creator *User, in CreateAPIKeyInput, actor Actor) (*APIKey, string, error) {
	var problems Problems
	name, err := CheckKeyName(in.Name)
	problems.Add(err)
	days := DefaultKeyDays
	if in.ExpiresInDays != nil {
		days = *in.ExpiresInDays
	}
	problems.Add(checkKeyDays(days))
	scope := ScopeReadWrite
	if in.Scope != nil {
		scope = *in.Scope
	}
	problems.Add(checkScope(scope))
	if err := problems.Err(); err != nil {
		return nil, "", err
	}
	secret, prefix, hash, err := GenerateKey()
	if err != nil {
		return nil, "", err
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	key := &APIKey{
		ID: uuid.NewString(), OrganizationID: orgID, Name: name, NameKey: IdentityKey(name),
		Prefix: prefix, Scope: scope, SecretHash: hash, CreatedAt: now, ExpiresAt: now.AddDate(0, 0, days),
	}
	if creator != nil {
		key.CreatedByID = &creator.ID
		key.CreatedBy = creator
	}
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockOrganization(tx, orgID); err != nil {
			return err
		}
		var n int64
		// Revoked keys stay listed for the admin but no longer count.
		if err := tx.Model(&APIKey{}).Where("organization_id = ? AND revoked_at IS NULL", orgID).Count(&n).Error; err != nil {
			return err
		}
		if n >= int64(in.Max) {
			return &Error{Code: CodeLimitReached, Message: fmt.Sprintf(
				"This organisation already has %d API keys, the most allowed. Delete keys you no longer use, then try again.", in.Max)}
		}
		if err := tx.Omit("CreatedBy", "Organization").Create(key).Error; err != nil {
			if isUniqueViolation(err) {
				return &Error{Code: CodeDuplicateName, Path: []any{"name"}, Message: fmt.Sprintf(
					"A key named %q already exists. Choose another name, or delete the existing key first.", name)}
			}
			return err
		}
		return recordAudit(tx, orgID, actor, AuditAPIKeyCreated, "API_KEY", key.ID, key.Name)
	})
	if err != nil {
		return nil, "", err
	}
	return key, secret, nil
}

// ListAPIKeys returns the organisation's keys, newest first.
func ListAPIKeys(ctx context.Context, db *gorm.DB, orgID string) ([]*APIKey, error) {
	return findAll[APIKey](db.WithContext(ctx).Where("organization_id = ?", orgID).Order("created_at DESC, id DESC"))
}

// APIKeyConnection is a page of API keys.
type APIKeyConnection = Connection[*APIKey]

// APIKeyEdge is one key of a page with its cursor.
type APIKeyEdge = Edge[*APIKey]

// note: a key has no updated_at; the list is only ever ordered by creation.
func (k *APIKey) sortKey() (time.Time, time.Time, string) { return k.CreatedAt, k.CreatedAt, k.ID }

// PageAPIKeys returns one page of the organisation's keys, newest first, in
// the order of ListAPIKeys: a list that KEYWARD_MAX_API_KEYS lets grow to
// thousands can be read, and priced, a page at a time.
func PageAPIKeys(ctx context.Context, db *gorm.DB, orgID string, page PageArgs) (*APIKeyConnection, error) {
	return paginate[APIKey](ctx, func() *gorm.DB {
		return db.Model(&APIKey{}).Where("organization_id = ?", orgID)
	}, page, NewestFirst)
}

// GetAPIKey returns one of the organisation's keys.
func GetAPIKey(ctx context.Context, db *gorm.DB, orgID, id string) (*APIKey, error) {
	return findInOrg[APIKey](db.WithContext(ctx), "API key", orgID, id, false)
}

// DeleteAPIKey removes a key for good and returns it, so that callers can
// drop any cached copy. A key that is already gone returns (nil, nil): see
// deleteInOrg.
func DeleteAPIKey(ctx context.Context, db *gorm.DB, orgID, id string, actor Actor) (*APIKey, error) {
	var key *APIKey
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if key, err = deleteInOrg[APIKey](tx, "API key", orgID, id); err != nil || key == nil {
			return err
		}
		return keyRemoved(tx, orgID, key, actor)
	})
	if err != nil {
		return nil, err
	}
	return key, nil
}

// removeKey deletes a key inside tx (see keyRemoved).
func removeKey(tx *gorm.DB, orgID string, key *APIKey, actor Actor) error {
	res := tx.Where("id = ?", key.ID).Delete(&APIKey{})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		// A concurrent delete won the race.
		return NotFound("API key")
	}
	return keyRemoved(tx, orgID, key, actor)
}

// keyRemoved announces a deleted key to every replica's cache and audits it.
func keyRemoved(tx *gorm.DB, orgID string, key *APIKey, actor Actor) error {
	if err := announceRevocation(tx, key.secretHashes()...); err != nil {
		return err
	}
	return recordAudit(tx, orgID, actor, AuditAPIKeyDeleted, "API_KEY", key.ID, key.Name)
}

// FindAPIKeyByHash is the one lookup of the verification path: the current
// or the previous secret, each by its unique index.
func FindAPIKeyByHash(ctx context.Context, db *gorm.DB, hash string) (*APIKey, error) {
	var key APIKey
	err := db.WithContext(ctx).Where("secret_hash = ? OR previous_secret_hash = ?", hash, hash).Take(&key).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &key, nil
}
