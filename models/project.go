package models

import (
	"context"
	"io"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Project is an AI use case of the organisation.
type Project struct {
	ID             string        `gorm:"type:varchar(36);primaryKey"`
	OrganizationID string        `gorm:"type:varchar(36);not null;index:idx_projects_org_created,priority:1;index:idx_projects_org_updated,priority:1"`
	Organization   *Organization `gorm:"constraint:OnDelete:CASCADE"`
	Title          string        `gorm:"type:varchar(200);not null"`
	// TitleKey is the title's IdentityKey that text search matches, the
	// same way on both databases.
	TitleKey           string              `gorm:"type:varchar(600);not null"`
	OwnerID            *string             `gorm:"type:varchar(36);index"`
	Owner              *User               `gorm:"constraint:OnDelete:SET NULL"`
	Goal               string              `gorm:"type:text;not null"`
	Description        string              `gorm:"type:text;not null"`
	RiskClassification *RiskClassification `gorm:"type:varchar(16);check:chk_projects_classification,risk_classification IN ('HIGH','LIMITED','MINIMAL','PROHIBITED','NOT_AI_SYSTEM')"`
	Status             ProjectStatus       `gorm:"type:varchar(16);not null;check:chk_projects_status,status IN ('NOT_STARTED','IN_PROGRESS','UNDER_REVIEW','COMPLETED','CLOSED','ON_HOLD','REJECTED')"`
	StartDate          *Date               `gorm:"type:varchar(10)"`
	Provenance
	CreatedAt time.Time `gorm:"not null;index:idx_projects_org_created,priority:2"`
	UpdatedAt time.Time `gorm:"not null;index:idx_projects_org_updated,priority:2"`
}

func (p *Project) sortKey() (time.Time, time.Time, string) { return p.CreatedAt, p.UpdatedAt, p.ID }

// RiskClassification is the EU AI Act class of a project.
type RiskClassification string

var riskClassifications = []RiskClassification{"HIGH", "LIMITED", "MINIMAL", "PROHIBITED", "NOT_AI_SYSTEM"}

func (c *RiskClassification) UnmarshalGQL(v any) (err error) {
	*c, err = parseEnum("riskClassification", "risk classification", v, riskClassifications)
	return err
}

func (c RiskClassification) MarshalGQL(w io.Writer) { writeEnum(w, string(c)) }

// ProjectStatus is where a project stands.
type ProjectStatus string

const ProjectNotStarted ProjectStatus = "NOT_STARTED"

var projectStatuses = []ProjectStatus{ProjectNotStarted, "IN_PROGRESS", "UNDER_REVIEW", "COMPLETED", "CLOSED", "ON_HOLD", "REJECTED"}

func (s *ProjectStatus) UnmarshalGQL(v any) (err error) {
	*s, err = parseEnum("status", "project status", v, projectStatuses)
	return err
}

func (s ProjectStatus) MarshalGQL(w io.Writer) { writeEnum(w, string(s)) }

// ProjectFields are the writable fields of a project.
type ProjectFields struct {
	Title              Opt[string]
	OwnerID            Opt[string]
	Goal               Opt[string]
	Description        Opt[string]
	RiskClassification Opt[RiskClassification]
	Status             Opt[ProjectStatus]
	StartDate          Opt[Date]
}

// projects is the project entity of the write path (entity.go).
var projects = entity[Project, *Project]{name: "Project",
	created: AuditProjectCreated, updated: AuditProjectUpdated, deleted: AuditProjectDeleted}

func (p *Project) audited() auditTarget {
	return auditTarget{p.OrganizationID, "PROJECT", p.ID, p.Title}
}

func (p *Project) touch(at time.Time) { p.UpdatedAt = at }

func (f ProjectFields) missing() error {
	if !f.Title.Set {
		return Invalid("title", "Title is required")
	}
	return nil
}

// apply validates the set fields, every one, and copies the valid ones onto p.
func (f ProjectFields) apply(tx *gorm.DB, p *Project) error {
	var problems Problems
	if f.Title.Set {
		if title, err := cleanText("title", "Title", deref(f.Title.Value), 1, 200); problems.Add(err) {
			p.Title, p.TitleKey = title, IdentityKey(title)
		}
	}
	if f.OwnerID.Set {
		if id, err := userRef(tx, p.OrganizationID, "ownerId", f.OwnerID.Value); problems.Add(err) {
			p.OwnerID = id
		}
	}
	setOpt(&problems, f.Goal, &p.Goal, func(v *string) (string, error) { return cleanLongText("goal", "Goal", deref(v), 2000) })
	setOpt(&problems, f.Description, &p.Description, func(v *string) (string, error) { return cleanLongText("description", "Description", deref(v), 10000) })
	setOpt(&problems, f.RiskClassification, &p.RiskClassification, func(v *RiskClassification) (*RiskClassification, error) {
		return optionalEnum("riskClassification", "risk classification", v, riskClassifications)
	})
	setOpt(&problems, f.Status, &p.Status, func(v *ProjectStatus) (ProjectStatus, error) {
		return requiredEnum("status", "Status", "project status", v, projectStatuses)
	})
	setOpt(&problems, f.StartDate, &p.StartDate, func(v *Date) (*Date, error) { return checkDate("startDate", v) })
	return problems.Err()
}

// CreateProject validates and saves a new project.
func CreateProject(ctx context.Context, db *gorm.DB, orgID string, f ProjectFields, actor Actor) (*Project, error) {
	at := nowUTC()
	return projects.create(ctx, db, &Project{ID: uuid.NewString(), OrganizationID: orgID, Status: ProjectNotStarted,
		Provenance: provenance(actor), CreatedAt: at, UpdatedAt: at}, f, actor)
}

// UpdateProject changes the set fields of one of the organisation's projects.
func UpdateProject(ctx context.Context, db *gorm.DB, orgID, id string, f ProjectFields, actor Actor) (*Project, error) {
	return projects.update(ctx, db, orgID, id, f, actor)
}

// DeleteProject removes a project; its risks and its links to models go with
// it through the database's cascade, and each of them is audited here, in
// the same transaction. The project row is locked before its dependents are
// read, and writers that reference it hold it FOR SHARE (checkRef), so no
// risk or link can appear between that read and the delete.
func DeleteProject(ctx context.Context, db *gorm.DB, orgID, id string, actor Actor) error {
	return projects.delete(ctx, db, orgID, id, actor, func(tx *gorm.DB, p *Project) error {
		err := eachRow(tx, func(r *Risk) error {
			return r.audited().record(tx, actor, AuditRiskDeleted, "Deleted with its project "+quoteName(p.Title, p.ID))
		}, "organization_id = ? AND project_id = ?", orgID, p.ID)
		if err != nil {
			return err
		}
		return eachRow(tx, func(m *AIModel) error {
			if err := touchRow(tx, m); err != nil {
				return err
			}
			return m.audited().record(tx, actor, AuditAIModelUpdated,
				"Link to project "+quoteName(p.Title, p.ID)+" removed: the project was deleted")
		}, "organization_id = ? AND id IN (?)", orgID, tx.Model(&AIModelProject{}).Select("ai_model_id").Where("project_id = ?", p.ID))
	})
}

// GetProject returns one of the organisation's projects.
func GetProject(ctx context.Context, db *gorm.DB, orgID, id string) (*Project, error) {
	return findInOrg[Project](db.WithContext(ctx), "Project", orgID, id, false)
}

// ProjectFilter narrows a project list; empty fields match everything.
type ProjectFilter struct {
	Status             []ProjectStatus
	RiskClassification []RiskClassification
	OwnerID            *string
	// Search matches part of the title, ignoring case.
	Search string
	// UpdatedSince keeps rows changed at or after it.
	UpdatedSince *time.Time
}

// ProjectConnection is a page of projects.
type ProjectConnection = Connection[*Project]

// ProjectEdge is one project of a page with its cursor.
type ProjectEdge = Edge[*Project]

// ListProjects returns a page of the organisation's projects, oldest first
// unless page.Order says otherwise.
func ListProjects(ctx context.Context, db *gorm.DB, orgID string, f ProjectFilter, page PageArgs) (*ProjectConnection, error) {
	pattern, err := searchPattern("search", f.Search)
	if err != nil {
		return nil, err
	}
	return paginate[Project](ctx, func() *gorm.DB {
		q := db.Model(&Project{}).Where("organization_id = ?", orgID)
		if len(f.Status) > 0 {
			q = q.Where("status IN ?", f.Status)
		}
		if len(f.RiskClassification) > 0 {
			q = q.Where("risk_classification IN ?", f.RiskClassification)
		}
		if f.OwnerID != nil {
			q = q.Where("owner_id = ?", *f.OwnerID)
		}
		if pattern != "" {
			q = q.Where("title_key LIKE ?"+likeEscape, pattern)
		}
		return updatedSince(q, f.UpdatedSince)
	}, page, OldestFirst)
}

// ProjectsByIDs loads projects of one organisation in one query.
func ProjectsByIDs(ctx context.Context, db *gorm.DB, orgID string, ids []string) (map[string]*Project, error) {
	return byIDs[Project](ctx, db.Where("organization_id = ?", orgID), ids)
}
