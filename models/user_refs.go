package models

import "gorm.io/gorm"

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
