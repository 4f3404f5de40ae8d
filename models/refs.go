package models

import (
	"slices"
	"sync/atomic"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// lockRefs returns which of ids name rows of T in the organisation. On
// PostgreSQL it locks them FOR SHARE until the transaction ends, so a
// concurrent delete of a row that passed the check waits for this write
// instead of committing under it (and failing its foreign key as INTERNAL).
// A delete that got there first has already committed, and the row is simply
// not found. SQLite transactions take the write lock at BEGIN, which already
// serialises them.
func lockRefs[T any](tx *gorm.DB, orgID string, ids []string) ([]string, error) {
	q := tx.Model(new(T)).Where("organization_id = ? AND id IN ?", orgID, ids)
	if tx.Dialector.Name() == "postgres" {
		q = q.Clauses(clause.Locking{Strength: "SHARE"})
	}
	var found []string
	err := q.Pluck("id", &found).Error
	return found, err
}

var afterRefCheck atomic.Pointer[func(tx *gorm.DB)]

// SetAfterRefCheck runs fn between an input's reference checks and the
// write that relies on them. note: tests only; it lets them race a delete
// into exactly that gap. nil removes it.
func SetAfterRefCheck(fn func(tx *gorm.DB)) {
	if fn == nil {
		afterRefCheck.Store(nil)
		return
	}
	afterRefCheck.Store(&fn)
}

// refsChecked marks the gap SetAfterRefCheck hooks into.
func refsChecked(tx *gorm.DB) {
	if fn := afterRefCheck.Load(); fn != nil {
		(*fn)(tx)
	}
}

// checkRef checks that every id names a row of T in the organisation, and
// holds those rows (lockRefs) until the transaction ends. Each id that names
// none is a problem, made by missing from its index and value, so a client
// learns of every bad reference at once. It is the one reference check:
// owners, approvers, a risk's project and a model's projects all use it.
func checkRef[T any](tx *gorm.DB, orgID string, ids []string, missing func(i int, id string) *Error) error {
	valid := make([]string, 0, len(ids))
	for _, id := range ids {
		if _, err := uuid.Parse(id); err == nil {
			valid = append(valid, id)
		}
	}
	var found []string
	if len(valid) > 0 {
		var err error
		// Sorted, so that concurrent writers lock shared rows in one order.
		if found, err = lockRefs[T](tx, orgID, slices.Compact(slices.Sorted(slices.Values(valid)))); err != nil {
			return err
		}
	}
	var problems Problems
	for i, id := range ids {
		if !slices.Contains(found, id) {
			problems.Add(missing(i, id))
		}
	}
	return problems.Err()
}

// userRef resolves an optional user id in an input (an owner, an approver):
// nil clears it, an id must name a user of the organisation.
func userRef(tx *gorm.DB, orgID, field string, id *string) (*string, error) {
	if id == nil || *id == "" {
		return nil, nil
	}
	err := checkRef[User](tx, orgID, []string{*id}, func(_ int, id string) *Error {
		return Invalid(field, "No user with id %q in your organisation. Use the id of a user in your organisation, or null for none.", id)
	})
	if err != nil {
		return nil, err
	}
	v := *id
	return &v, nil
}
