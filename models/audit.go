package models

import (
	"context"
	"io"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// AuditAction names what happened. Values are stable: they are stored.
type AuditAction string

const (
	AuditAPIKeyCreated   AuditAction = "API_KEY_CREATED"
	AuditAPIKeyDeleted   AuditAction = "API_KEY_DELETED"
	AuditAPIKeyRotated   AuditAction = "API_KEY_ROTATED"
	AuditAPIKeyUpdated   AuditAction = "API_KEY_UPDATED"
	AuditAPIKeyRevoked   AuditAction = "API_KEY_REVOKED"
	AuditUserCreated     AuditAction = "USER_CREATED"
	AuditUserRoleChanged AuditAction = "USER_ROLE_CHANGED"
	AuditUserDeleted     AuditAction = "USER_DELETED"
	// AuditUserPasswordChanged: a user changed their own password.
	AuditUserPasswordChanged AuditAction = "USER_PASSWORD_CHANGED"
	AuditProjectCreated      AuditAction = "PROJECT_CREATED"
	AuditProjectUpdated      AuditAction = "PROJECT_UPDATED"
	AuditProjectDeleted      AuditAction = "PROJECT_DELETED"
	AuditAIModelCreated      AuditAction = "AI_MODEL_CREATED"
	AuditAIModelUpdated      AuditAction = "AI_MODEL_UPDATED"
	AuditAIModelDeleted      AuditAction = "AI_MODEL_DELETED"
	AuditRiskCreated         AuditAction = "RISK_CREATED"
	AuditRiskUpdated         AuditAction = "RISK_UPDATED"
	AuditRiskDeleted         AuditAction = "RISK_DELETED"
)

// Actor is who performed an audited action: a user, an API key, or the
// command line.
type Actor struct {
	Kind PrincipalKind
	ID   string
	Name string
}

// PrincipalKind is who acted: a signed-in user, an API key, or the command
// line. It is the one Go type of the GraphQL enum PrincipalKind (bound in
// gqlgen.yml with enum_values), of auth.Kind and of the stored actor kinds.
type PrincipalKind string

const (
	PrincipalUser   PrincipalKind = "USER"
	PrincipalAPIKey PrincipalKind = "API_KEY"
	// PrincipalCommandLine is the actor of `keyward admin` commands: whoever
	// holds the server's configuration on a host, neither a user nor a key.
	PrincipalCommandLine PrincipalKind = "COMMAND_LINE"
)

// CommandLineActor is the actor for a `keyward admin` command; who says
// where it ran (operating-system user and host), since no account did it.
func CommandLineActor(who string) Actor {
	return Actor{Kind: PrincipalCommandLine, ID: "command-line", Name: truncateForMessage("Command line ("+who+")", 254)}
}

// AuditEvent records who did what to which object. It never holds secrets.
type AuditEvent struct {
	ID             string        `gorm:"type:varchar(36);primaryKey"`
	OrganizationID string        `gorm:"type:varchar(36);not null;index:idx_audit_org_time,priority:1"`
	Organization   *Organization `gorm:"constraint:OnDelete:CASCADE"`
	ActorKind      PrincipalKind `gorm:"type:varchar(20);not null"`
	ActorID        string        `gorm:"type:varchar(36);not null"`
	ActorName      string        `gorm:"type:varchar(254);not null"`
	Action         AuditAction   `gorm:"type:varchar(40);not null"`
	TargetType     string        `gorm:"type:varchar(20);not null"`
	TargetID       string        `gorm:"type:varchar(36);not null"`
	TargetName     string        `gorm:"type:varchar(300);not null"`
	// Detail says what changed when the action alone does not, e.g. which
	// project link or owner a cascade removed. Empty otherwise.
	Detail    string    `gorm:"type:varchar(500);not null;default:''"`
	CreatedAt time.Time `gorm:"not null;index:idx_audit_org_time,priority:2"`
}

// Actor is who acted, as the event recorded them.
func (e *AuditEvent) Actor() Actor {
	return Actor{Kind: e.ActorKind, ID: e.ActorID, Name: e.ActorName}
}

func recordAudit(tx *gorm.DB, orgID string, actor Actor, action AuditAction, targetType, targetID, targetName string) error {
	return recordAuditDetail(tx, orgID, actor, action, targetType, targetID, targetName, "")
}

// recordAuditDetail is recordAudit with a note of what changed.
func recordAuditDetail(tx *gorm.DB, orgID string, actor Actor, action AuditAction, targetType, targetID, targetName, detail string) error {
	return tx.Create(&AuditEvent{
		ID: uuid.NewString(), OrganizationID: orgID, CreatedAt: nowUTC(),
		ActorKind: actor.Kind, ActorID: actor.ID, ActorName: actor.Name,
		Action: action, TargetType: targetType, TargetID: targetID,
		TargetName: truncateForMessage(targetName, 300), Detail: truncateForMessage(detail, 500),
	}).Error
}

// MaxAuditEvents is the most events one auditEvents call returns.
const MaxAuditEvents = 500

// ListAuditEvents returns the organisation's newest events first.
func ListAuditEvents(ctx context.Context, db *gorm.DB, orgID string, limit int) ([]*AuditEvent, error) {
	if limit < 1 || limit > MaxAuditEvents {
		return nil, Invalid("limit", "limit must be between 1 and %d", MaxAuditEvents)
	}
	var events []*AuditEvent
	err := db.WithContext(ctx).Where("organization_id = ?", orgID).
		Order("created_at DESC, id DESC").Limit(limit).Find(&events).Error
	return events, err
}

func (e *AuditEvent) sortKey() (time.Time, time.Time, string) { return e.CreatedAt, e.CreatedAt, e.ID }

// DefaultAuditPageSize is the audit log's page size when first is left out.
const DefaultAuditPageSize = 50

// AuditEventConnection is a page of the audit log, newest first.
type AuditEventConnection = Connection[*AuditEvent]

// AuditEventEdge is one event of a page with its cursor.
type AuditEventEdge = Edge[*AuditEvent]

// AuditFilter narrows the audit log; empty fields do not filter.
type AuditFilter struct {
	Actions  []AuditAction
	ActorID  *string
	TargetID *string
}

// ListAuditLog pages through the organisation's audit events, newest first,
// with the governance lists' cursor rules (see paginate).
func ListAuditLog(ctx context.Context, db *gorm.DB, orgID string, f AuditFilter, page PageArgs) (*AuditEventConnection, error) {
	return paginate[AuditEvent](ctx, func() *gorm.DB {
		q := db.Model(&AuditEvent{}).Where("organization_id = ?", orgID)
		if len(f.Actions) > 0 {
			q = q.Where("action IN ?", f.Actions)
		}
		if f.ActorID != nil {
			q = q.Where("actor_id = ?", *f.ActorID)
		}
		if f.TargetID != nil {
			q = q.Where("target_id = ?", *f.TargetID)
		}
		return q
	}, PageArgs{First: page.First, After: page.After}, NewestFirst)
}

func (a *AuditAction) UnmarshalGQL(v any) error {
	s, _ := v.(string)
	*a = AuditAction(s)
	return nil
}

func (a AuditAction) MarshalGQL(w io.Writer) { writeEnum(w, string(a)) }

// quoteName names an object in an audit detail, by name and id.
func quoteName(name, id string) string { return "\"" + name + "\" (" + id + ")" }
