package models

import (
	"errors"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// findInOrg loads one row of T by id within the organisation; another
// organisation's row is NOT_FOUND, like a missing one. With lock, the row is
// locked for the rest of the transaction on PostgreSQL (SQLite transactions
// already hold the write lock), so concurrent updates apply one after another.
func findInOrg[T any](tx *gorm.DB, what, orgID, id string, lock bool) (*T, error) {
	if _, err := uuid.Parse(id); err != nil {
		return nil, NotFound(what)
	}
	q := tx.Where("id = ? AND organization_id = ?", id, orgID)
	if lock && tx.Dialector.Name() == "postgres" {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var row T
	err := q.Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound(what)
	}
	if err != nil {
		return nil, err
	}
	return &row, nil
}

// deleteInOrg deletes one row of T by id within the organisation and
// returns it, for the audit trail. It must run inside a transaction. before,
// when given, runs once the row is locked and before it is deleted: it reads
// what a cascade is about to remove.
//
// A well-formed id that matches no row (already deleted, never there, or
// another organisation's) returns (nil, nil): deletes are idempotent, so a
// client that retries after a lost response is not told its delete failed,
// and nothing leaks about other organisations. A malformed id stays an error
// (the API's ID scalar refuses it before this runs): nothing could ever have
// had it, so it is a client bug worth reporting.
func deleteInOrg[T any](tx *gorm.DB, what, orgID, id string, before ...func(*T) error) (*T, error) {
	row, err := findInOrg[T](tx, what, orgID, id, true)
	if err != nil {
		return nil, goneIsDone(err, id)
	}
	for _, fn := range before {
		if err := fn(row); err != nil {
			return nil, err
		}
	}
	res := tx.Where("id = ? AND organization_id = ?", id, orgID).Delete(new(T))
	if res.Error != nil {
		return nil, res.Error
	}
	if res.RowsAffected == 0 {
		return nil, nil // a concurrent delete won the race; the row is gone either way
	}
	return row, nil
}

// goneIsDone turns the NOT_FOUND of a well-formed id into success, for
// idempotent deletes (see deleteInOrg).
func goneIsDone(err error, id string) error {
	var e *Error
	if _, perr := uuid.Parse(id); perr == nil && errors.As(err, &e) && e.Code == CodeNotFound {
		return nil
	}
	return err
}

// eachRow calls fn for every row of T matching the condition, oldest first.
func eachRow[T any](tx *gorm.DB, fn func(*T) error, cond string, args ...any) error {
	var rows []*T
	if err := tx.Where(cond, args...).Order("created_at, id").Find(&rows).Error; err != nil {
		return err
	}
	for _, row := range rows {
		if err := fn(row); err != nil {
			return err
		}
	}
	return nil
}
