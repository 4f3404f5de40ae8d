package models

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

func duplicateModel(m *AIModel) error {
	return &Error{Code: CodeDuplicateName, Path: []any{"version"}, Message: fmt.Sprintf(
		"The inventory already has %s %s version %s. Update that entry, or use upsertAiModel to create-or-update by provider, model and version.",
		m.Provider, m.Model, m.Version)}
}

func newAIModel(orgID string, actor Actor) *AIModel {
	at := nowUTC()
	return &AIModel{ID: uuid.NewString(), OrganizationID: orgID, Status: AIModelPending,
		Provenance: provenance(actor), CreatedAt: at, UpdatedAt: at}
}

func requireIdentity(f AIModelFields) error {
	for _, it := range []struct {
		o     Opt[string]
		field string
	}{{f.Provider, "provider"}, {f.Model, "model"}, {f.Version, "version"}} {
		if !it.o.Set || it.o.Value == nil {
			return Invalid(it.field, "%s is required", strings.ToUpper(it.field[:1])+it.field[1:])
		}
	}
	return nil
}

// CreateAIModel adds a model to the inventory; an existing
// (provider, model, version) is DUPLICATE_NAME.
func CreateAIModel(ctx context.Context, db *gorm.DB, orgID string, f AIModelFields, actor Actor) (*AIModel, error) {
	if err := requireIdentity(f); err != nil {
		return nil, err
	}
	m := newAIModel(orgID, actor)
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		links, err := f.apply(tx, m)
		if err != nil {
			return err
		}
		if err := tx.Omit(clause.Associations).Create(m).Error; err != nil {
			if isUniqueViolation(err) {
				return duplicateModel(m)
			}
			return err
		}
		return finishModelWrite(tx, m, links, actor, AuditAIModelCreated)
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// UpsertAIModel creates the model or, when (provider, model, version)
// exists, updates the fields that are set. It is safe to repeat and to run
// concurrently: the insert relies on the unique index (ON CONFLICT DO
// NOTHING), never on a check before it, so racing callers end with one row.
func UpsertAIModel(ctx context.Context, db *gorm.DB, orgID string, f AIModelFields, actor Actor) (*AIModel, bool, error) {
	if err := requireIdentity(f); err != nil {
		return nil, false, err
	}
	m := newAIModel(orgID, actor)
	created := false
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		links, err := f.apply(tx, m)
		if err != nil {
			return err
		}
		res := tx.Omit(clause.Associations).Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "organization_id"}, {Name: "provider_key"}, {Name: "model_key"}, {Name: "version_key"}},
			DoNothing: true,
		}).Create(m)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 1 {
			created = true
			return finishModelWrite(tx, m, links, actor, AuditAIModelCreated)
		}
		// The entry exists (perhaps committed a moment ago by a racing
		// upsert): update it with the fields that were set.
		q := tx.Where("organization_id = ? AND provider_key = ? AND model_key = ? AND version_key = ?",
			orgID, m.ProviderKey, m.ModelKey, m.VersionKey)
		if tx.Dialector.Name() == "postgres" {
			q = q.Clauses(clause.Locking{Strength: "UPDATE"})
		}
		var existing AIModel
		if err := q.Take(&existing).Error; err != nil {
			return err
		}
		if links, err = f.apply(tx, &existing); err != nil {
			return err
		}
		existing.UpdatedAt = nowUTC()
		if err := tx.Omit(clause.Associations).Save(&existing).Error; err != nil {
			return err
		}
		m = &existing
		return finishModelWrite(tx, m, links, actor, AuditAIModelUpdated)
	})
	if err != nil {
		return nil, false, err
	}
	return m, created, nil
}

// UpdateAIModel changes the set fields of one of the organisation's models.
func UpdateAIModel(ctx context.Context, db *gorm.DB, orgID, id string, f AIModelFields, actor Actor) (*AIModel, error) {
	var m *AIModel
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if m, err = findInOrg[AIModel](tx, "Model", orgID, id, true); err != nil {
			return err
		}
		links, err := f.apply(tx, m)
		if err != nil {
			return err
		}
		m.UpdatedAt = nowUTC()
		if err := tx.Omit(clause.Associations).Save(m).Error; err != nil {
			if isUniqueViolation(err) {
				return duplicateModel(m)
			}
			return err
		}
		return finishModelWrite(tx, m, links, actor, AuditAIModelUpdated)
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// DeleteAIModel removes a model from the inventory, with its project links.
func DeleteAIModel(ctx context.Context, db *gorm.DB, orgID, id string, actor Actor) error {
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		m, err := deleteInOrg[AIModel](tx, "Model", orgID, id)
		if err != nil || m == nil {
			return err // nil row: already gone, nothing to record
		}
		return recordAudit(tx, orgID, actor, AuditAIModelDeleted, "AI_MODEL", m.ID, m.label())
	})
}

// finishModelWrite links the model's projects and records the audit event,
// naming the links it changed.
func finishModelWrite(tx *gorm.DB, m *AIModel, links []string, actor Actor, action AuditAction) error {
	detail, err := linkProjects(tx, m.ID, links)
	if err != nil {
		return err
	}
	return recordAuditDetail(tx, m.OrganizationID, actor, action, "AI_MODEL", m.ID, m.label(), detail)
}
