package models

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// GetUser returns a user of the organisation; other organisations' users are NOT_FOUND.
func GetUser(ctx context.Context, db *gorm.DB, orgID, id string) (*User, error) {
	return findInOrg[User](db.WithContext(ctx), "User", orgID, id, false)
}

func (u *User) sortKey() (time.Time, time.Time, string) { return u.CreatedAt, u.UpdatedAt, u.ID }

// UserConnection is a page of users.
type UserConnection = Connection[*User]

// UserEdge is one user of a page with its cursor.
type UserEdge = Edge[*User]

// ListUsers returns a page of the organisation's users, oldest first, with
// the governance lists' cursor rules (see paginate).
func ListUsers(ctx context.Context, db *gorm.DB, orgID string, page PageArgs) (*UserConnection, error) {
	return paginate[User](ctx, func() *gorm.DB {
		return db.Model(&User{}).Where("organization_id = ?", orgID)
	}, PageArgs{First: page.First, After: page.After, WithTotal: page.WithTotal}, OldestFirst)
}

// UsersByIDs loads users of one organisation in one query.
func UsersByIDs(ctx context.Context, db *gorm.DB, orgID string, ids []string) (map[string]*User, error) {
	return byIDs[User](ctx, db.Where("organization_id = ?", orgID), ids)
}

// FindUserByEmail finds the account with this email: in orgID when it is
// not empty, else the only one (an email may have accounts in several
// organisations; then the caller must choose, and the error lists them).
func FindUserByEmail(ctx context.Context, db *gorm.DB, orgID, email string) (*User, error) {
	q := db.WithContext(ctx).Preload("Organization").Where("email = ?", normalizeForLookup(email))
	if orgID != "" {
		q = q.Where("organization_id = ?", orgID)
	}
	var users []*User
	if err := q.Order("created_at, id").Limit(6).Find(&users).Error; err != nil {
		return nil, err
	}
	switch {
	case len(users) == 0 && orgID != "":
		return nil, &Error{Code: CodeNotFound, Path: []any{"email"}, Message: "No user of that organisation has this email"}
	case len(users) == 0:
		return nil, &Error{Code: CodeNotFound, Path: []any{"email"}, Message: "No user has this email"}
	case len(users) == 1:
		return users[0], nil
	}
	orgs := make([]string, len(users))
	for i, u := range users {
		orgs[i] = fmt.Sprintf("%q (%s)", u.Organization.Name, u.OrganizationID)
	}
	return nil, Invalid("org", "This email has accounts in several organisations; choose one with --org: %s", strings.Join(orgs, ", "))
}
