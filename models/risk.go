package models

import (
	"context"
	"io"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Risk is a risk of one project, scored on a 5×5 likelihood × severity matrix.
type Risk struct {
	ID             string        `gorm:"type:varchar(36);primaryKey"`
	OrganizationID string        `gorm:"type:varchar(36);not null;index:idx_risks_org_created,priority:1;index:idx_risks_org_updated,priority:1"`
	Organization   *Organization `gorm:"constraint:OnDelete:CASCADE"`
	ProjectID      string        `gorm:"type:varchar(36);not null;index"`
	Project        *Project      `gorm:"constraint:OnDelete:CASCADE"`
	Name           string        `gorm:"type:varchar(200);not null"`
	// NameKey is the name's IdentityKey that text search matches.
	NameKey          string           `gorm:"type:varchar(600);not null"`
	OwnerID          *string          `gorm:"type:varchar(36);index"`
	Owner            *User            `gorm:"constraint:OnDelete:SET NULL"`
	LifecyclePhase   *LifecyclePhase  `gorm:"type:varchar(20);check:chk_risks_phase,lifecycle_phase IN ('DESIGN','DATA_COLLECTION','DEVELOPMENT','VALIDATION','DEPLOYMENT','OPERATION','RETIREMENT')"`
	Likelihood       int              `gorm:"not null;check:chk_risks_likelihood,likelihood BETWEEN 1 AND 5"`
	Severity         int              `gorm:"not null;check:chk_risks_severity,severity BETWEEN 1 AND 5"`
	MitigationStatus MitigationStatus `gorm:"type:varchar(12);not null;check:chk_risks_mitigation,mitigation_status IN ('NOT_STARTED','IN_PROGRESS','COMPLETED','ON_HOLD','ACCEPTED')"`
	MitigationPlan   string           `gorm:"type:text;not null"`
	Deadline         *Date            `gorm:"type:varchar(10)"`
	Provenance
	CreatedAt time.Time `gorm:"not null;index:idx_risks_org_created,priority:2"`
	UpdatedAt time.Time `gorm:"not null;index:idx_risks_org_updated,priority:2"`
}

func (r *Risk) sortKey() (time.Time, time.Time, string) { return r.CreatedAt, r.UpdatedAt, r.ID }

// Score is likelihood × severity, 1 to 25.
func (r *Risk) Score() int { return r.Likelihood * r.Severity }

// RiskLevel is derived from the score, never stored, so it cannot disagree
// with likelihood and severity. Bands of the usual 5×5 matrix:
// 1–4 LOW, 5–9 MEDIUM, 10–16 HIGH, 20–25 CRITICAL (no product lies between
// 16 and 20).
func (r *Risk) RiskLevel() RiskLevel {
	switch s := r.Score(); {
	case s >= 20:
		return RiskCritical
	case s >= 10:
		return RiskHigh
	case s >= 5:
		return RiskMedium
	default:
		return RiskLow
	}
}

// RiskLevel is the band a risk's score falls in.
type RiskLevel string

const (
	RiskLow      RiskLevel = "LOW"
	RiskMedium   RiskLevel = "MEDIUM"
	RiskHigh     RiskLevel = "HIGH"
	RiskCritical RiskLevel = "CRITICAL"
)

func (l *RiskLevel) UnmarshalGQL(v any) (err error) {
	*l, err = parseEnum("riskLevel", "risk level", v, []RiskLevel{RiskLow, RiskMedium, RiskHigh, RiskCritical})
	return err
}

func (l RiskLevel) MarshalGQL(w io.Writer) { writeEnum(w, string(l)) }

// LifecyclePhase is the stage of the AI lifecycle a risk arises in.
type LifecyclePhase string

var lifecyclePhases = []LifecyclePhase{"DESIGN", "DATA_COLLECTION", "DEVELOPMENT", "VALIDATION", "DEPLOYMENT", "OPERATION", "RETIREMENT"}

func (p *LifecyclePhase) UnmarshalGQL(v any) (err error) {
	*p, err = parseEnum("lifecyclePhase", "lifecycle phase", v, lifecyclePhases)
	return err
}

func (p LifecyclePhase) MarshalGQL(w io.Writer) { writeEnum(w, string(p)) }

// MitigationStatus is how far the mitigation of a risk has got.
type MitigationStatus string

const MitigationNotStarted MitigationStatus = "NOT_STARTED"

var mitigationStatuses = []MitigationStatus{MitigationNotStarted, "IN_PROGRESS", "COMPLETED", "ON_HOLD", "ACCEPTED"}

func (s *MitigationStatus) UnmarshalGQL(v any) (err error) {
	*s, err = parseEnum("mitigationStatus", "mitigation status", v, mitigationStatuses)
	return err
}

func (s MitigationStatus) MarshalGQL(w io.Writer) { writeEnum(w, string(s)) }

// RiskFields are the writable fields of a risk.
type RiskFields struct {
	ProjectID            Opt[string]
	Name                 Opt[string]
	OwnerID              Opt[string]
	LifecyclePhase       Opt[LifecyclePhase]
	Likelihood, Severity Opt[int]
	MitigationStatus     Opt[MitigationStatus]
	MitigationPlan       Opt[string]
	Deadline             Opt[Date]
}

// risks is the risk entity of the write path (entity.go).
var risks = entity[Risk, *Risk]{name: "Risk",
	created: AuditRiskCreated, updated: AuditRiskUpdated, deleted: AuditRiskDeleted}

func (r *Risk) audited() auditTarget { return auditTarget{r.OrganizationID, "RISK", r.ID, r.Name} }

func (r *Risk) touch(at time.Time) { r.UpdatedAt = at }

func (f RiskFields) missing() error {
	var problems Problems
	for _, req := range []struct {
		set   bool
		field string
		label string
	}{
		{f.ProjectID.Set && f.ProjectID.Value != nil, "projectId", "Project"},
		{f.Name.Set && f.Name.Value != nil, "name", "Name"},
		{f.Likelihood.Set && f.Likelihood.Value != nil, "likelihood", "Likelihood"},
		{f.Severity.Set && f.Severity.Value != nil, "severity", "Severity"},
	} {
		if !req.set {
			problems.Add(Invalid(req.field, "%s is required", req.label))
		}
	}
	return problems.Err()
}

// apply validates the set fields, every one, and copies the valid ones onto r.
func (f RiskFields) apply(tx *gorm.DB, r *Risk) error {
	var problems Problems
	if f.ProjectID.Set {
		if f.ProjectID.Value == nil {
			problems.Add(Invalid("projectId", "A risk always belongs to a project: give the id of one"))
		} else if problems.Add(checkRef[Project](tx, r.OrganizationID, []string{*f.ProjectID.Value}, func(_ int, id string) *Error {
			return Invalid("projectId", "No project with id %q in your organisation. Use the id of one of its projects.", id)
		})) {
			r.ProjectID = *f.ProjectID.Value
		}
	}
	if f.Name.Set {
		if name, err := cleanText("name", "Name", deref(f.Name.Value), 1, 200); problems.Add(err) {
			r.Name, r.NameKey = name, IdentityKey(name)
		}
	}
	if f.OwnerID.Set {
		if id, err := userRef(tx, r.OrganizationID, "ownerId", f.OwnerID.Value); problems.Add(err) {
			r.OwnerID = id
		}
	}
	setOpt(&problems, f.LifecyclePhase, &r.LifecyclePhase, func(v *LifecyclePhase) (*LifecyclePhase, error) {
		return optionalEnum("lifecyclePhase", "lifecycle phase", v, lifecyclePhases)
	})
	for _, it := range []struct {
		o          Opt[int]
		field, lbl string
		dst        *int
	}{{f.Likelihood, "likelihood", "Likelihood", &r.Likelihood}, {f.Severity, "severity", "Severity", &r.Severity}} {
		if !it.o.Set {
			continue
		}
		if it.o.Value == nil || *it.o.Value < 1 || *it.o.Value > 5 {
			problems.Add(Invalid(it.field, "%s must be a whole number from 1 (lowest) to 5 (highest)", it.lbl))
			continue
		}
		*it.dst = *it.o.Value
	}
	setOpt(&problems, f.MitigationStatus, &r.MitigationStatus, func(v *MitigationStatus) (MitigationStatus, error) {
		return requiredEnum("mitigationStatus", "Mitigation status", "mitigation status", v, mitigationStatuses)
	})
	setOpt(&problems, f.MitigationPlan, &r.MitigationPlan, func(v *string) (string, error) {
		return cleanLongText("mitigationPlan", "Mitigation plan", deref(v), 10000)
	})
	setOpt(&problems, f.Deadline, &r.Deadline, func(v *Date) (*Date, error) { return checkDate("deadline", v) })
	return problems.Err()
}

// CreateRisk validates and saves a new risk of one of the organisation's projects.
func CreateRisk(ctx context.Context, db *gorm.DB, orgID string, f RiskFields, actor Actor) (*Risk, error) {
	at := nowUTC()
	return risks.create(ctx, db, &Risk{ID: uuid.NewString(), OrganizationID: orgID, MitigationStatus: MitigationNotStarted,
		Provenance: provenance(actor), CreatedAt: at, UpdatedAt: at}, f, actor)
}

// UpdateRisk changes the set fields of one of the organisation's risks.
func UpdateRisk(ctx context.Context, db *gorm.DB, orgID, id string, f RiskFields, actor Actor) (*Risk, error) {
	return risks.update(ctx, db, orgID, id, f, actor)
}

// DeleteRisk removes one of the organisation's risks.
func DeleteRisk(ctx context.Context, db *gorm.DB, orgID, id string, actor Actor) error {
	return risks.delete(ctx, db, orgID, id, actor)
}

// GetRisk returns one of the organisation's risks.
func GetRisk(ctx context.Context, db *gorm.DB, orgID, id string) (*Risk, error) {
	return findInOrg[Risk](db.WithContext(ctx), "Risk", orgID, id, false)
}

// RiskFilter narrows a risk list; empty fields match everything.
type RiskFilter struct {
	ProjectID        *string
	OwnerID          *string
	MitigationStatus []MitigationStatus
	// Search matches part of the name, ignoring case.
	Search string
	// UpdatedSince keeps rows changed at or after it.
	UpdatedSince *time.Time
}

// RiskConnection is a page of risks.
type RiskConnection = Connection[*Risk]

// RiskEdge is one risk of a page with its cursor.
type RiskEdge = Edge[*Risk]

// ListRisks returns a page of the organisation's risks, oldest first.
func ListRisks(ctx context.Context, db *gorm.DB, orgID string, f RiskFilter, page PageArgs) (*RiskConnection, error) {
	pattern, err := searchPattern("search", f.Search)
	if err != nil {
		return nil, err
	}
	return paginate[Risk](ctx, func() *gorm.DB {
		q := db.Model(&Risk{}).Where("organization_id = ?", orgID)
		if f.ProjectID != nil {
			q = q.Where("project_id = ?", *f.ProjectID)
		}
		if f.OwnerID != nil {
			q = q.Where("owner_id = ?", *f.OwnerID)
		}
		if len(f.MitigationStatus) > 0 {
			q = q.Where("mitigation_status IN ?", f.MitigationStatus)
		}
		if pattern != "" {
			q = q.Where("name_key LIKE ?"+likeEscape, pattern)
		}
		return updatedSince(q, f.UpdatedSince)
	}, page, OldestFirst)
}
