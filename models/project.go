package models

import (
	"context"
	"io"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Project is an AI use case of the organisation.
type Project struct {
	ID             string        `gorm:"type:varchar(36);primaryKey"`
	OrganizationID string        `gorm:"type:varchar(36);not null;index:idx_projects_org_created,priority:1"`
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
	UpdatedAt time.Time `gorm:"not null"`
}

func (p *Project) cursor() (time.Time, string) { return p.CreatedAt, p.ID }

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

// apply validates the set fields and copies them onto p.
func (f ProjectFields) apply(tx *gorm.DB, p *Project) error {
	if f.Title.Set {
		title, err := cleanText("title", "Title", deref(f.Title.Value), 1, 200)
		if err != nil {
			return err
		}
		p.Title, p.TitleKey = title, IdentityKey(title)
	}
	if f.OwnerID.Set {
		id, err := checkUserRef(tx, p.OrganizationID, "ownerId", f.OwnerID.Value)
		if err != nil {
			return err
		}
		p.OwnerID = id
	}
	var err error
	if f.Goal.Set {
		if p.Goal, err = cleanLongText("goal", "Goal", deref(f.Goal.Value), 2000); err != nil {
			return err
		}
	}
	if f.Description.Set {
		if p.Description, err = cleanLongText("description", "Description", deref(f.Description.Value), 10000); err != nil {
			return err
		}
	}
	if f.RiskClassification.Set {
		if c := f.RiskClassification.Value; c != nil {
			if err := checkEnum("riskClassification", "risk classification", *c, riskClassifications); err != nil {
				return err
			}
		}
		p.RiskClassification = f.RiskClassification.Value
	}
	if f.Status.Set {
		if f.Status.Value == nil {
			return Invalid("status", "Status cannot be empty: use %s", enumList(projectStatuses))
		}
		if err := checkEnum("status", "project status", *f.Status.Value, projectStatuses); err != nil {
			return err
		}
		p.Status = *f.Status.Value
	}
	if f.StartDate.Set {
		if p.StartDate, err = checkDate("startDate", f.StartDate.Value); err != nil {
			return err
		}
	}
	refsChecked(tx)
	return nil
}

// CreateProject validates and saves a new project.
func CreateProject(ctx context.Context, db *gorm.DB, orgID string, f ProjectFields, actor Actor) (*Project, error) {
	at := nowUTC()
	p := &Project{ID: uuid.NewString(), OrganizationID: orgID, Status: ProjectNotStarted,
		Provenance: provenance(actor), CreatedAt: at, UpdatedAt: at}
	if !f.Title.Set {
		return nil, Invalid("title", "Title is required")
	}
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := f.apply(tx, p); err != nil {
			return err
		}
		if err := tx.Omit(clause.Associations).Create(p).Error; err != nil {
			return err
		}
		return recordAudit(tx, orgID, actor, AuditProjectCreated, "PROJECT", p.ID, p.Title)
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// UpdateProject changes the set fields of one of the organisation's projects.
func UpdateProject(ctx context.Context, db *gorm.DB, orgID, id string, f ProjectFields, actor Actor) (*Project, error) {
	var p *Project
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if p, err = findInOrg[Project](tx, "Project", orgID, id, true); err != nil {
			return err
		}
		if err := f.apply(tx, p); err != nil {
			return err
		}
		p.UpdatedAt = nowUTC()
		if err := tx.Omit(clause.Associations).Save(p).Error; err != nil {
			return err
		}
		return recordAudit(tx, orgID, actor, AuditProjectUpdated, "PROJECT", p.ID, p.Title)
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// DeleteProject removes a project; its risks and its links to models go with
// it through the database's cascade, and each of them is audited here, in
// the same transaction. The project row is locked before its dependents are
// read, and writers that reference it hold it FOR SHARE (lockRefs), so no
// risk or link can appear between that read and the delete.
func DeleteProject(ctx context.Context, db *gorm.DB, orgID, id string, actor Actor) error {
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		p, err := deleteInOrg(tx, "Project", orgID, id, func(p *Project) error {
			err := eachRow(tx, func(r *Risk) error {
				return recordAuditDetail(tx, orgID, actor, AuditRiskDeleted, "RISK", r.ID, r.Name,
					"Deleted with its project "+quoteName(p.Title, p.ID))
			}, "organization_id = ? AND project_id = ?", orgID, p.ID)
			if err != nil {
				return err
			}
			return eachRow(tx, func(m *AIModel) error {
				return recordAuditDetail(tx, orgID, actor, AuditAIModelUpdated, "AI_MODEL", m.ID, m.label(),
					"Link to project "+quoteName(p.Title, p.ID)+" removed: the project was deleted")
			}, "organization_id = ? AND id IN (?)", orgID, tx.Model(&AIModelProject{}).Select("ai_model_id").Where("project_id = ?", p.ID))
		})
		if err != nil || p == nil {
			return err // nil row: already gone, nothing to record
		}
		return recordAudit(tx, orgID, actor, AuditProjectDeleted, "PROJECT", p.ID, p.Title)
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
}

// ProjectConnection is a page of projects.
type ProjectConnection = Connection[*Project]

// ListProjects returns a page of the organisation's projects, oldest first.
func ListProjects(ctx context.Context, db *gorm.DB, orgID string, f ProjectFilter, page PageArgs) (*ProjectConnection, error) {
	pattern, err := searchPattern("search", f.Search)
	if err != nil {
		return nil, err
	}
	return paginate[*Project](ctx, func() *gorm.DB {
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
		return q
	}, page)
}

// ProjectsByIDs loads projects of one organisation in one query.
func ProjectsByIDs(ctx context.Context, db *gorm.DB, orgID string, ids []string) (map[string]*Project, error) {
	out := map[string]*Project{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []*Project
	err := db.WithContext(ctx).Where("organization_id = ? AND id IN ?", orgID, ids).Find(&rows).Error
	for _, p := range rows {
		out[p.ID] = p
	}
	return out, err
}
