package models

import (
	"context"
	"errors"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"
)

// errPasswordChangedMeanwhile is returned when another request changed the
// password between our check of the current one and our write.
var errPasswordChangedMeanwhile = Invalid("currentPassword",
	"Your password was changed in another session meanwhile. Sign in again with the new password.")

// ErrWrongCurrentPassword is the answer to a wrong current password. Callers
// count it as a failed sign-in, so the form cannot be used to guess passwords.
var ErrWrongCurrentPassword = Invalid("currentPassword", "The current password is wrong")

// ChangePassword lets a signed-in user replace their own password. The
// current password must match; the new one follows the same rules as setup
// and must differ from it. Every other session of the user ends (sessions
// live only in the database, so each replica sees that at the next request);
// the session keepToken stays signed in. It is audited, and nothing is
// written when any step fails. It returns how many sessions it ended.
func ChangePassword(ctx context.Context, db *gorm.DB, u *User, keepToken, current, next string, actor Actor) (int64, error) {
	if current == "" {
		return 0, Invalid("currentPassword", "Enter your current password")
	}
	if err := checkPassword("newPassword", next); err != nil {
		return 0, err
	}
	if next == current {
		return 0, Invalid("newPassword", "Choose a password different from the current one")
	}
	// note: the hash is read fresh, not taken from u: u was loaded with the
	// session and may be older than a change made a moment ago.
	var stored User
	if err := db.WithContext(ctx).Select("id", "password_hash").Where("id = ?", u.ID).Take(&stored).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return 0, Unauthenticated("Your account no longer exists. Sign in again.")
		}
		return 0, err
	}
	if bcrypt.CompareHashAndPassword([]byte(stored.PasswordHash), []byte(current)) != nil {
		return 0, ErrWrongCurrentPassword
	}
	// Compare-and-swap on the old hash: of two changes racing with the same
	// current password, exactly one wins.
	return setPassword(ctx, db, u, next, actor, passwordWrite{
		where: "id = ? AND password_hash = ?", args: []any{u.ID, stored.PasswordHash},
		missing: errPasswordChangedMeanwhile, keepToken: keepToken})
}

// ResetPassword sets a new password for a user without knowing the old one
// (the operator's way back in, `keyward admin reset-password`) and ends
// every session the user has, on every replica. Same rules as every other
// password; audited as a password change by actor, with a note that it was
// a reset. It returns how many sessions it ended.
func ResetPassword(ctx context.Context, db *gorm.DB, u *User, password string, actor Actor) (int64, error) {
	if err := checkPassword("password", password); err != nil {
		return 0, err
	}
	return setPassword(ctx, db, u, password, actor, passwordWrite{
		where: "id = ?", args: []any{u.ID}, missing: NotFound("User"),
		detail: "Password reset; every session of the user was ended"})
}

// passwordWrite says which row a password write may change and how it is
// recorded.
type passwordWrite struct {
	where     string // the update's condition, with args
	args      []any
	missing   error  // the answer when no row matched where
	keepToken string // a session that stays signed in; "" ends them all
	detail    string // the audit event's note
}

// setPassword hashes password and, in one transaction, stores it for u,
// ends the user's sessions (but w.keepToken) and audits the change; then
// it tells every replica that sessions changed. It returns how many
// sessions it ended.
func setPassword(ctx context.Context, db *gorm.DB, u *User, password string, actor Actor, w passwordWrite) (int64, error) {
	hash, err := bcrypt.GenerateFromPassword([]byte(password), BcryptCost)
	if err != nil {
		return 0, err
	}
	var ended int64
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&User{}).Where(w.where, w.args...).Update("password_hash", string(hash))
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return w.missing
		}
		if ended, err = EndUserSessions(tx, u.ID, w.keepToken); err != nil {
			return err
		}
		return recordAuditDetail(tx, u.OrganizationID, actor, AuditUserPasswordChanged, "USER", u.ID, u.Email, w.detail)
	})
	if err != nil {
		return 0, err
	}
	SessionsChanged(db)
	return ended, nil
}
