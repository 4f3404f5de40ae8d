package models

import (
	"context"

	"gorm.io/gorm"
)

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
