package models

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// The one write path of the governance entities (projects, risks, AI
// models). Every create, update and delete runs in one transaction that
// also records the audit event, so the trail never misses or invents a
// change. An entity supplies only what differs: its row type (record), its
// input (fields) and the names below (entity).

// record is what the write path needs of a row.
type record interface {
	// audited names the row in the audit trail.
	audited() auditTarget
	// touch sets UpdatedAt.
	touch(at time.Time)
}

// fields is an entity's input: the writable fields a client set.
type fields[P any] interface {
	// missing reports, on create, every required field that was not given.
	missing() error
	// apply validates the set fields and copies them onto row. It runs
	// inside the write's transaction (references are checked and held
	// there) and reports every invalid field at once (Problems).
	apply(tx *gorm.DB, row P) error
}

// afterSave is a fields that writes more once the row is saved (the AI
// model's project links); what it returns is the audit event's detail.
type afterSave[P any] interface {
	saved(tx *gorm.DB, row P) (detail string, err error)
}

// entity is one kind of governance row: T the row, P its pointer.
type entity[T any, P interface {
	*T
	record
}] struct {
	name                      string // in NOT_FOUND messages: "Project not found"
	created, updated, deleted AuditAction
	// saveErr, when set, turns a failed insert or save into the error the
	// client sees (a unique violation into DUPLICATE_NAME).
	saveErr func(row P, err error) error
}

// create validates f onto row (a new row with its id, organisation,
// defaults and provenance set) and inserts it. Missing required fields and
// invalid ones are reported together; nothing is written unless all pass.
func (e entity[T, P]) create(ctx context.Context, db *gorm.DB, row P, f fields[P], actor Actor) (P, error) {
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := e.applyNew(tx, row, f); err != nil {
			return err
		}
		if err := tx.Omit(clause.Associations).Create(row).Error; err != nil {
			return e.failed(row, err)
		}
		return e.finish(tx, row, f, actor, e.created)
	})
	if err != nil {
		return nil, err
	}
	return row, nil
}

// update applies f to one of the organisation's rows, locked for the rest
// of the transaction so that concurrent updates apply one after another.
func (e entity[T, P]) update(ctx context.Context, db *gorm.DB, orgID, id string, f fields[P], actor Actor) (P, error) {
	var row P
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		found, err := findInOrg[T](tx, e.name, orgID, id, true)
		if err != nil {
			return err
		}
		row = found
		return e.save(tx, row, f, actor)
	})
	if err != nil {
		return nil, err
	}
	return row, nil
}

// save applies f to a row read (and locked) in tx and saves it: the update
// half of update and of an upsert that found its row.
func (e entity[T, P]) save(tx *gorm.DB, row P, f fields[P], actor Actor) error {
	if err := e.apply(tx, row, f); err != nil {
		return err
	}
	row.touch(nowUTC())
	if err := tx.Omit(clause.Associations).Save(row).Error; err != nil {
		return e.failed(row, err)
	}
	return e.finish(tx, row, f, actor, e.updated)
}

// delete removes one of the organisation's rows; a row that is already gone
// is success (see deleteInOrg). before runs once the row is locked, to audit
// what the database's cascade is about to remove.
func (e entity[T, P]) delete(ctx context.Context, db *gorm.DB, orgID, id string, actor Actor, before ...func(tx *gorm.DB, row P) error) error {
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		hooks := make([]func(*T) error, len(before))
		for i, fn := range before {
			hooks[i] = func(row *T) error { return fn(tx, row) }
		}
		row, err := deleteInOrg(tx, e.name, orgID, id, hooks...)
		if err != nil || row == nil {
			return err // nil row: already gone, nothing to record
		}
		return P(row).audited().record(tx, actor, e.deleted, "")
	})
}

// apply runs f.apply and then the test hook that sits between the
// reference checks and the write relying on them (SetAfterRefCheck).
func (e entity[T, P]) apply(tx *gorm.DB, row P, f fields[P]) error {
	if err := f.apply(tx, row); err != nil {
		return err
	}
	refsChecked(tx)
	return nil
}

// applyNew is apply for a new row: missing required fields and invalid ones
// are reported together.
func (e entity[T, P]) applyNew(tx *gorm.DB, row P, f fields[P]) error {
	var problems Problems
	problems.Add(f.missing())
	problems.Add(e.apply(tx, row, f))
	return problems.Err()
}

func (e entity[T, P]) failed(row P, err error) error {
	if e.saveErr != nil {
		return e.saveErr(row, err)
	}
	return err
}

// finish runs the entity's after-save step, if any, and records the audit
// event with its detail.
func (e entity[T, P]) finish(tx *gorm.DB, row P, f fields[P], actor Actor, action AuditAction) error {
	detail := ""
	if s, ok := f.(afterSave[P]); ok {
		var err error
		if detail, err = s.saved(tx, row); err != nil {
			return err
		}
	}
	return row.audited().record(tx, actor, action, detail)
}

// auditTarget is a row as the audit trail names it.
type auditTarget struct{ orgID, typ, id, label string }

func (t auditTarget) record(tx *gorm.DB, actor Actor, action AuditAction, detail string) error {
	return recordAuditDetail(tx, t.orgID, actor, action, t.typ, t.id, t.label, detail)
}
