package models

import (
	"context"
	"fmt"
	"strings"
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
	}, PageArgs{First: page.First, After: page.After}, OldestFirst)
}

// UsersByIDs loads users of one organisation in one query.
func UsersByIDs(ctx context.Context, db *gorm.DB, orgID string, ids []string) (map[string]*User, error) {
	var users []*User
	out := map[string]*User{}
	if len(ids) == 0 {
		return out, nil
	}
	err := db.WithContext(ctx).Where("organization_id = ? AND id IN ?", orgID, ids).Find(&users).Error
	for _, u := range users {
		out[u.ID] = u
	}
	return out, err
}

// NewUserInput is what an admin supplies to add a user.
type NewUserInput struct {
	Email, Name, Password string
	Role                  Role
}

// CreateUser adds a user to the organisation.
func CreateUser(ctx context.Context, db *gorm.DB, orgID string, in NewUserInput, actor Actor) (*User, error) {
	u, err := newUser(in.Email, in.Name, in.Password, in.Role)
	if err != nil {
		return nil, err
	}
	u.OrganizationID = orgID
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := insertUser(tx, u); err != nil {
			return err
		}
		return recordAudit(tx, orgID, actor, AuditUserCreated, "USER", u.ID, u.Email)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// UpdateUserRole changes a user's role, keeping at least one admin.
// With deleteKeys, the keys the user created go in the same step (see
// deleteKeysCreatedBy); their hashes are returned for the caller's cache.
func UpdateUserRole(ctx context.Context, db *gorm.DB, orgID, id string, role Role, deleteKeys bool, actor Actor) (*User, []string, error) {
	if !role.Valid() {
		return nil, nil, Invalid("role", "Role must be ADMIN, EDITOR or VIEWER")
	}
	var u *User
	var removed []string
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockOrganization(tx, orgID); err != nil {
			return err
		}
		var err error
		if u, err = GetUser(ctx, tx, orgID, id); err != nil {
			return err
		}
		if u.Role == RoleAdmin && role != RoleAdmin {
			if err := ensureAnotherAdmin(tx, orgID, u.ID, "role",
				"This is the organisation's last Admin. Make another user an Admin first."); err != nil {
				return err
			}
		}
		if deleteKeys {
			if removed, err = deleteKeysCreatedBy(tx, orgID, u.ID, actor); err != nil {
				return err
			}
		}
		if u.Role == role {
			return nil
		}
		u.Role = role
		if err := tx.Model(u).Update("role", role).Error; err != nil {
			return err
		}
		if err := announceSessionsChanged(tx, u.ID); err != nil {
			return err
		}
		return recordAudit(tx, orgID, actor, AuditUserRoleChanged, "USER", u.ID, u.Email+" → "+role.Label())
	})
	if err != nil {
		return nil, nil, err
	}
	SessionsChanged(db) // a demoted admin loses the rights on the next request
	return u, removed, nil
}

// DeleteUser removes a user and their sessions, keeping at least one admin.
// With deleteKeys, the keys the user created go in the same step; their
// hashes are returned for the caller's cache. Without it they keep working,
// with no creator. A user who is already gone is success (see deleteInOrg).
func DeleteUser(ctx context.Context, db *gorm.DB, orgID, id string, deleteKeys bool, actor Actor) ([]string, error) {
	var removed []string
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockOrganization(tx, orgID); err != nil {
			return err
		}
		// Locked first: writers that name the user as owner or approver
		// hold it FOR SHARE (lockRefs), so the rows read below are all the
		// rows the delete will clear.
		u, err := findInOrg[User](tx, "User", orgID, id, true)
		if err != nil {
			return goneIsDone(err, id) // idempotent, like every delete (see deleteInOrg)
		}
		if u.Role == RoleAdmin {
			if err := ensureAnotherAdmin(tx, orgID, u.ID, "id",
				"This is the organisation's last Admin and cannot be removed. Make another user an Admin first."); err != nil {
				return err
			}
		}
		if err := auditClearedRefs(tx, orgID, u, actor); err != nil {
			return err
		}
		if deleteKeys {
			if removed, err = deleteKeysCreatedBy(tx, orgID, u.ID, actor); err != nil {
				return err
			}
		}
		if _, err := EndUserSessions(tx, u.ID, ""); err != nil {
			return err
		}
		if err := tx.Delete(u).Error; err != nil {
			return err
		}
		return recordAudit(tx, orgID, actor, AuditUserDeleted, "USER", u.ID, u.Email)
	})
	if err != nil {
		return nil, err
	}
	SessionsChanged(db)
	return removed, nil
}

func ensureAnotherAdmin(tx *gorm.DB, orgID, exceptID, field, msg string) error {
	var n int64
	err := tx.Model(&User{}).Where("organization_id = ? AND role = ? AND id <> ?", orgID, RoleAdmin, exceptID).Count(&n).Error
	if err != nil {
		return err
	}
	if n == 0 {
		return Invalid(field, "%s", msg)
	}
	return nil
}

// auditClearedRefs records, for every project, risk and model whose owner or
// approver is u, and every API key u created, the update the database's ON DELETE SET NULL is about to
// make when u is deleted.
func auditClearedRefs(tx *gorm.DB, orgID string, u *User, actor Actor) error {
	removed := func(role string) string {
		return role + " " + quoteName(u.Name+" <"+u.Email+">", u.ID) + " removed: the user was deleted"
	}
	where := "organization_id = ? AND owner_id = ?"
	err := eachRow(tx, func(p *Project) error {
		return touchAndAudit(tx, p, orgID, actor, AuditProjectUpdated, "PROJECT", p.ID, p.Title, removed("Owner"))
	}, where, orgID, u.ID)
	if err == nil {
		err = eachRow(tx, func(r *Risk) error {
			return touchAndAudit(tx, r, orgID, actor, AuditRiskUpdated, "RISK", r.ID, r.Name, removed("Owner"))
		}, where, orgID, u.ID)
	}
	if err == nil {
		err = eachRow(tx, func(m *AIModel) error {
			return touchAndAudit(tx, m, orgID, actor, AuditAIModelUpdated, "AI_MODEL", m.ID, m.label(), removed("Approver"))
		}, "organization_id = ? AND approver_id = ?", orgID, u.ID)
	}
	if err == nil {
		// The keys keep working; only their createdBy goes empty.
		err = eachRow(tx, func(k *APIKey) error {
			return recordAuditDetail(tx, orgID, actor, AuditAPIKeyUpdated, "API_KEY", k.ID, k.Name, removed("Creator"))
		}, "organization_id = ? AND created_by_id = ?", orgID, u.ID)
	}
	return err
}

// touchAndAudit records an update that a deletion elsewhere makes to row
// (an owner, approver or project link removed), and moves its updated_at,
// so that a sync job reading with updatedSince sees the change too.
func touchAndAudit(tx *gorm.DB, row any, orgID string, actor Actor, action AuditAction, targetType, id, name, detail string) error {
	if err := touchRow(tx, row); err != nil {
		return err
	}
	return recordAuditDetail(tx, orgID, actor, action, targetType, id, name, detail)
}

// touchRow moves a row's updated_at to now, without hooks.
func touchRow(tx *gorm.DB, row any) error {
	return tx.Model(row).UpdateColumn("updated_at", nowUTC()).Error
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
