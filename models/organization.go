package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Organization owns users, API keys and all governance data.
type Organization struct {
	ID        string    `gorm:"type:varchar(36);primaryKey"`
	Name      string    `gorm:"type:varchar(100);not null"`
	CreatedAt time.Time `gorm:"not null"`
	// LockVersion is bumped by lockOrganization; see there.
	LockVersion int64 `gorm:"not null;default:0"`
}

func (o *Organization) BeforeCreate(*gorm.DB) error {
	if o.ID == "" {
		o.ID = uuid.NewString()
	}
	return nil
}

// lockOrganization serialises writes that check an organisation-wide rule
// (key limit, last admin) before changing rows. Updating the organisation row
// takes a row lock on PostgreSQL; on SQLite every transaction already holds
// the write lock (see _txlock=immediate in Open). It must run inside a transaction.
func lockOrganization(tx *gorm.DB, orgID string) error {
	res := tx.Model(&Organization{}).Where("id = ?", orgID).
		UpdateColumn("lock_version", gorm.Expr("lock_version + 1"))
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return NotFound("Organisation")
	}
	return nil
}

// GetOrganization returns an organisation by id.
func GetOrganization(ctx context.Context, db *gorm.DB, id string) (*Organization, error) {
	var org Organization
	err := db.WithContext(ctx).Where("id = ?", id).Take(&org).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("Organisation")
	}
	return &org, err
}

// OrganizationsByIDs loads organisations by id in one query. It is not
// scoped: callers pass the organisations of rows they may already read.
func OrganizationsByIDs(ctx context.Context, db *gorm.DB, ids []string) (map[string]*Organization, error) {
	return byIDs[Organization](ctx, db, ids)
}

// NewOrganizationInput creates an organisation together with its first admin.
type NewOrganizationInput struct {
	OrgName, Email, Name, Password string
}

// CreateOrganizationWithAdmin creates both rows or neither.
func CreateOrganizationWithAdmin(ctx context.Context, db *gorm.DB, in NewOrganizationInput) (*User, error) {
	var problems Problems
	orgName, err := cleanText("orgName", "Organisation name", in.OrgName, 2, 100)
	problems.Add(err)
	user, err := newUserChecked(in.Email, in.Name, in.Password, RoleAdmin, &problems)
	if err != nil {
		return nil, err
	}
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		org := Organization{Name: orgName}
		if err := tx.Create(&org).Error; err != nil {
			return err
		}
		user.OrganizationID = org.ID
		return insertUser(tx, user)
	})
	if err != nil {
		return nil, err
	}
	return user, nil
}

// CountUsers tells whether the first-run bootstrap is still needed.
func CountUsers(ctx context.Context, db *gorm.DB) (int64, error) {
	var n int64
	err := db.WithContext(ctx).Model(&User{}).Count(&n).Error
	return n, err
}

// ErrNoOrganization is FindOrganization's answer when the database has no
// organisation at all.
var ErrNoOrganization = errors.New("the database has no organisation yet; create it with its first admin: keyward admin create-user --role ADMIN --org NAME …")

// FindOrganization finds the organisation ref names, by id or by exact name
// (names are not unique: a name shared by several is refused, and their ids
// are listed so the caller can pick). An empty ref means the only
// organisation; with several, the caller must name one.
func FindOrganization(ctx context.Context, db *gorm.DB, ref string) (*Organization, error) {
	ref = TrimText(ref)
	q := db.WithContext(ctx).Order("created_at, id").Limit(6)
	switch {
	case ref == "":
	case uuid.Validate(ref) == nil:
		q = q.Where("id = ? OR name = ?", ref, ref)
	default:
		q = q.Where("name = ?", ref)
	}
	var orgs []*Organization
	if err := q.Find(&orgs).Error; err != nil {
		return nil, err
	}
	switch {
	case len(orgs) == 1:
		return orgs[0], nil
	case len(orgs) == 0 && ref == "":
		return nil, ErrNoOrganization
	case len(orgs) == 0:
		if _, err := FindOrganization(ctx, db, ""); errors.Is(err, ErrNoOrganization) {
			return nil, err
		}
		return nil, &Error{Code: CodeNotFound, Path: []any{"org"}, Message: fmt.Sprintf("No organisation is named %q or has that id", ref)}
	case ref == "":
		return nil, Invalid("org", "There are several organisations; name one with --org (its name or id)")
	}
	ids := make([]string, len(orgs))
	for i, o := range orgs {
		ids[i] = o.ID
	}
	return nil, Invalid("org", "%d organisations are named %q; pass the id of one instead: %s", len(orgs), ref, strings.Join(ids, ", "))
}
