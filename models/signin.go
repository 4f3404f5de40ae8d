package models

import (
	"context"
	"fmt"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"
)

// MaxSignInAccounts bounds the password comparisons one sign-in may cost.
// A person with accounts in more organisations than this signs in to the
// others by naming the organisation.
const MaxSignInAccounts = 5

// Authenticate checks an email and password. The same email may have
// accounts in several organisations: the password is compared with each (at
// most MaxSignInAccounts, oldest first), and the account it matches signs
// in. When it matches more than one, the caller is asked to choose the
// organisation; only then, with the password proven, are organisations
// named. orgID, when not empty, restricts the search to that organisation.
//
// Unknown email and wrong password give the same error and, with a dummy
// comparison at the same cost, take the same time, so the response does not
// reveal which accounts exist.
func Authenticate(ctx context.Context, db *gorm.DB, email, password, orgID string) (*User, error) {
	wrong := Unauthenticated("Wrong email or password")
	q := db.WithContext(ctx).Preload("Organization").Where("email = ?", normalizeForLookup(email))
	if orgID != "" {
		q = q.Where("organization_id = ?", orgID)
	}
	var candidates []*User
	if err := q.Order("created_at, id").Limit(MaxSignInAccounts).Find(&candidates).Error; err != nil {
		return nil, err
	}
	if len(candidates) == 0 {
		burnComparison(password)
		return nil, wrong
	}
	var matches []*User
	for _, u := range candidates {
		if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(password)) == nil {
			matches = append(matches, u)
		}
	}
	switch len(matches) {
	case 0:
		return nil, wrong
	case 1:
		return matches[0], nil
	}
	choices := make([]map[string]string, 0, len(matches))
	for _, u := range matches {
		choices = append(choices, map[string]string{"id": u.OrganizationID, "name": u.Organization.Name})
	}
	return nil, &Error{Code: CodeBadUserInput, Path: []any{"organizationId"},
		Message:    fmt.Sprintf("You have accounts in %d organisations with this email and password. Choose one and sign in again.", len(matches)),
		Extensions: map[string]any{"organizations": choices}}
}
