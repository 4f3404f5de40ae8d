package models

import (
	"io"
	"net/url"
	"strings"
	"time"

	"gorm.io/gorm"
)

// AIModel is one entry of the model inventory: a model at one version from
// one provider. (provider, model, version) is unique per organisation,
// ignoring case, so that inventory sync can upsert by it.
type AIModel struct {
	ID             string        `gorm:"type:varchar(36);primaryKey"`
	OrganizationID string        `gorm:"type:varchar(36);not null;index:idx_ai_models_org_created,priority:1;index:idx_ai_models_org_updated,priority:1;uniqueIndex:idx_ai_models_identity,priority:1"`
	Organization   *Organization `gorm:"constraint:OnDelete:CASCADE"`
	Provider       string        `gorm:"type:varchar(100);not null"`
	Model          string        `gorm:"type:varchar(200);not null"`
	Version        string        `gorm:"type:varchar(100);not null"`
	// The IdentityKey forms carry the unique identity and text search.
	ProviderKey     string        `gorm:"type:varchar(300);not null;uniqueIndex:idx_ai_models_identity,priority:2"`
	ModelKey        string        `gorm:"type:varchar(600);not null;uniqueIndex:idx_ai_models_identity,priority:3"`
	VersionKey      string        `gorm:"type:varchar(300);not null;uniqueIndex:idx_ai_models_identity,priority:4"`
	ApproverID      *string       `gorm:"type:varchar(36);index"`
	Approver        *User         `gorm:"constraint:OnDelete:SET NULL"`
	Capabilities    string        `gorm:"type:text;not null"`
	HostingProvider string        `gorm:"type:varchar(200);not null"`
	Status          AIModelStatus `gorm:"type:varchar(12);not null;check:chk_ai_models_status,status IN ('APPROVED','RESTRICTED','PENDING','BLOCKED','REJECTED')"`
	StatusDate      *Date         `gorm:"type:varchar(10)"`
	ReferenceLink   string        `gorm:"type:varchar(2000);not null"`
	Biases          string        `gorm:"type:text;not null"`
	Limitations     string        `gorm:"type:text;not null"`
	Provenance
	CreatedAt time.Time `gorm:"not null;index:idx_ai_models_org_created,priority:2"`
	UpdatedAt time.Time `gorm:"not null;index:idx_ai_models_org_updated,priority:2"`
}

func (m *AIModel) sortKey() (time.Time, time.Time, string) { return m.CreatedAt, m.UpdatedAt, m.ID }

// AIModelProject links a model to a project that uses it. Deleting either
// side removes the link.
type AIModelProject struct {
	AIModelID string   `gorm:"type:varchar(36);primaryKey"`
	AIModel   *AIModel `gorm:"constraint:OnDelete:CASCADE"`
	ProjectID string   `gorm:"type:varchar(36);primaryKey;index"`
	Project   *Project `gorm:"constraint:OnDelete:CASCADE"`
}

// AIModelStatus is the organisation's decision about a model.
type AIModelStatus string

const AIModelPending AIModelStatus = "PENDING"

var aiModelStatuses = []AIModelStatus{"APPROVED", "RESTRICTED", AIModelPending, "BLOCKED", "REJECTED"}

func (s *AIModelStatus) UnmarshalGQL(v any) (err error) {
	*s, err = parseEnum("status", "model status", v, aiModelStatuses)
	return err
}

func (s AIModelStatus) MarshalGQL(w io.Writer) { writeEnum(w, string(s)) }

// MaxModelProjects bounds how many projects one write may link to a model.
const MaxModelProjects = 100

// AIModelFields are the writable fields of a model.
type AIModelFields struct {
	Provider, Model, Version Opt[string]
	ApproverID               Opt[string]
	Capabilities             Opt[string]
	HostingProvider          Opt[string]
	Status                   Opt[AIModelStatus]
	StatusDate               Opt[Date]
	ReferenceLink            Opt[string]
	Biases, Limitations      Opt[string]
	// ProjectIDs replaces the model's project links when set.
	ProjectIDs Opt[[]string]
}

// aiModels is the model entity of the write path (entity.go).
var aiModels = entity[AIModel, *AIModel]{name: "Model",
	created: AuditAIModelCreated, updated: AuditAIModelUpdated, deleted: AuditAIModelDeleted,
	saveErr: func(m *AIModel, err error) error {
		if isUniqueViolation(err) {
			return duplicateModel(m)
		}
		return err
	}}

func (m *AIModel) audited() auditTarget {
	return auditTarget{m.OrganizationID, "AI_MODEL", m.ID, m.label()}
}

func (m *AIModel) touch(at time.Time) { m.UpdatedAt = at }

// label names the model in the audit trail, e.g. "OpenAI gpt-4o 2024-08-06".
func (m *AIModel) label() string { return m.Provider + " " + m.Model + " " + m.Version }

// missing reports the parts of the identity a create or upsert lacks.
func (f AIModelFields) missing() error {
	var problems Problems
	for _, it := range []struct {
		o     Opt[string]
		field string
	}{{f.Provider, "provider"}, {f.Model, "model"}, {f.Version, "version"}} {
		if !it.o.Set || it.o.Value == nil {
			problems.Add(Invalid(it.field, "%s is required", strings.ToUpper(it.field[:1])+it.field[1:]))
		}
	}
	return problems.Err()
}

// apply validates the set fields, every one, and copies the valid ones onto
// m. The project links are written once m is saved (saved).
func (f AIModelFields) apply(tx *gorm.DB, m *AIModel) error {
	var problems Problems
	for _, it := range []struct {
		opt        Opt[string]
		field, lbl string
		max        int
		val, key   *string
	}{
		{f.Provider, "provider", "Provider", 100, &m.Provider, &m.ProviderKey},
		{f.Model, "model", "Model", 200, &m.Model, &m.ModelKey},
		{f.Version, "version", "Version", 100, &m.Version, &m.VersionKey},
	} {
		if !it.opt.Set {
			continue
		}
		if v, err := cleanText(it.field, it.lbl, deref(it.opt.Value), 1, it.max); problems.Add(err) {
			*it.val, *it.key = v, IdentityKey(v)
		}
	}
	if f.ApproverID.Set {
		if id, err := userRef(tx, m.OrganizationID, "approverId", f.ApproverID.Value); problems.Add(err) {
			m.ApproverID = id
		}
	}
	for _, it := range []struct {
		opt        Opt[string]
		field, lbl string
		max        int
		long       bool
		dst        *string
	}{
		{f.Capabilities, "capabilities", "Capabilities", 10000, true, &m.Capabilities},
		{f.HostingProvider, "hostingProvider", "Hosting provider", 200, false, &m.HostingProvider},
		{f.Biases, "biases", "Biases", 10000, true, &m.Biases},
		{f.Limitations, "limitations", "Limitations", 10000, true, &m.Limitations},
	} {
		if !it.opt.Set {
			continue
		}
		check := cleanOptionalText
		if it.long {
			check = cleanLongText
		}
		if v, err := check(it.field, it.lbl, deref(it.opt.Value), it.max); problems.Add(err) {
			*it.dst = v
		}
	}
	setOpt(&problems, f.Status, &m.Status, func(v *AIModelStatus) (AIModelStatus, error) {
		return requiredEnum("status", "Status", "model status", v, aiModelStatuses)
	})
	setOpt(&problems, f.StatusDate, &m.StatusDate, func(v *Date) (*Date, error) { return checkDate("statusDate", v) })
	setOpt(&problems, f.ReferenceLink, &m.ReferenceLink, func(v *string) (string, error) { return checkLink("referenceLink", deref(v)) })
	if f.ProjectIDs.Set {
		problems.Add(checkProjectRefs(tx, m.OrganizationID, deref(f.ProjectIDs.Value)))
	}
	return problems.Err()
}

// saved replaces the model's project links when they were set, and names
// the links it changed for the audit event.
func (f AIModelFields) saved(tx *gorm.DB, m *AIModel) (string, error) {
	if !f.ProjectIDs.Set {
		return "", nil
	}
	return linkProjects(tx, m.ID, uniqueIDs(deref(f.ProjectIDs.Value)))
}

// checkLink accepts an empty value or an absolute http(s) URL.
func checkLink(field, raw string) (string, error) {
	v := TrimText(raw)
	if v == "" {
		return "", nil
	}
	if len(v) > 2000 {
		return "", Invalid(field, "The link must be at most 2000 characters")
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.ContainsAny(v, " \t\r\n") {
		return "", Invalid(field, "Enter a full http:// or https:// link, e.g. https://example.com/model-card")
	}
	return v, nil
}
