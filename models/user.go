package models

import (
	"time"

	"github.com/google/uuid"
	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"
)

// BcryptCost is the work factor for password hashes. Tests lower it.
var BcryptCost = 12

// User is a person who signs in to the admin with email and password.
type User struct {
	ID             string        `gorm:"type:varchar(36);primaryKey"`
	OrganizationID string        `gorm:"type:varchar(36);not null;index;uniqueIndex:idx_users_org_email,priority:1"`
	Organization   *Organization `gorm:"constraint:OnDelete:CASCADE"`
	// Email identifies a user within one organisation; the same person may
	// have accounts in several (see migration step 00004_email_per_organization). It is
	// stored lower-cased so uniqueness is case-insensitive.
	Email        string    `gorm:"type:varchar(254);not null;uniqueIndex:idx_users_org_email,priority:2;index:idx_users_email_lookup"`
	Name         string    `gorm:"type:varchar(100);not null"`
	Role         Role      `gorm:"type:varchar(10);not null;check:chk_users_role,role IN ('ADMIN','EDITOR','VIEWER')"`
	PasswordHash string    `gorm:"type:varchar(100);not null"`
	CreatedAt    time.Time `gorm:"not null"`
	UpdatedAt    time.Time `gorm:"not null"`
}

func (u *User) BeforeCreate(*gorm.DB) error {
	if u.ID == "" {
		u.ID = uuid.NewString()
	}
	return nil
}

// newUser validates the fields and hashes the password; it does not save.
func newUser(email, name, password string, role Role) (*User, error) {
	return newUserChecked(email, name, password, role, nil)
}

// newUserChecked is newUser reporting its problems with those the caller
// found already (every invalid field at once).
func newUserChecked(email, name, password string, role Role, problems *Problems) (*User, error) {
	if problems == nil {
		problems = &Problems{}
	}
	email, err := normalizeEmail("email", email)
	problems.Add(err)
	name, err = cleanText("name", "Name", name, 1, 100)
	problems.Add(err)
	problems.Add(checkPassword("password", password))
	if !role.Valid() {
		problems.Add(Invalid("role", "Role must be ADMIN, EDITOR or VIEWER"))
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), BcryptCost)
	if err != nil {
		return nil, err
	}
	return &User{Email: email, Name: name, Role: role, PasswordHash: string(hash)}, nil
}

func insertUser(tx *gorm.DB, u *User) error {
	err := tx.Create(u).Error
	if isUniqueViolation(err) {
		// note: only this organisation's users can collide (the index is
		// per organisation), so this reveals nothing about other organisations.
		return &Error{Code: CodeDuplicateName, Path: []any{"email"},
			Message: "A user with this email already exists in this organisation. Use another email address."}
	}
	return err
}
