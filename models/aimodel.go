package models

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// AIModel is one entry of the model inventory: a model at one version from
// one provider. (provider, model, version) is unique per organisation,
// ignoring case, so that inventory sync can upsert by it.
type AIModel struct {
	ID             string        `gorm:"type:varchar(36);primaryKey"`
	OrganizationID string        `gorm:"type:varchar(36);not null;index:idx_ai_models_org_created,priority:1;uniqueIndex:idx_ai_models_identity,priority:1"`
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
	UpdatedAt time.Time `gorm:"not null"`
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

// apply validates the set fields and copies them onto m. It returns the
// project ids to link when they were set.
func (f AIModelFields) apply(tx *gorm.DB, m *AIModel) ([]string, error) {
	var err error
	ident := []struct {
		opt        Opt[string]
		field, lbl string
		max        int
		val, key   *string
	}{
		{f.Provider, "provider", "Provider", 100, &m.Provider, &m.ProviderKey},
		{f.Model, "model", "Model", 200, &m.Model, &m.ModelKey},
		{f.Version, "version", "Version", 100, &m.Version, &m.VersionKey},
	}
	for _, it := range ident {
		if !it.opt.Set {
			continue
		}
		v, err := cleanText(it.field, it.lbl, deref(it.opt.Value), 1, it.max)
		if err != nil {
			return nil, err
		}
		*it.val, *it.key = v, IdentityKey(v)
	}
	if f.ApproverID.Set {
		if m.ApproverID, err = checkUserRef(tx, m.OrganizationID, "approverId", f.ApproverID.Value); err != nil {
			return nil, err
		}
	}
	texts := []struct {
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
	}
	for _, it := range texts {
		if !it.opt.Set {
			continue
		}
		if it.long {
			*it.dst, err = cleanLongText(it.field, it.lbl, deref(it.opt.Value), it.max)
		} else {
			*it.dst, err = cleanOptionalText(it.field, it.lbl, deref(it.opt.Value), it.max)
		}
		if err != nil {
			return nil, err
		}
	}
	if f.Status.Set {
		if f.Status.Value == nil {
			return nil, Invalid("status", "Status cannot be empty: use %s", enumList(aiModelStatuses))
		}
		if err := checkEnum("status", "model status", *f.Status.Value, aiModelStatuses); err != nil {
			return nil, err
		}
		m.Status = *f.Status.Value
	}
	if f.StatusDate.Set {
		if m.StatusDate, err = checkDate("statusDate", f.StatusDate.Value); err != nil {
			return nil, err
		}
	}
	if f.ReferenceLink.Set {
		if m.ReferenceLink, err = checkLink("referenceLink", deref(f.ReferenceLink.Value)); err != nil {
			return nil, err
		}
	}
	var links []string
	if f.ProjectIDs.Set {
		if links, err = checkProjectRefs(tx, m.OrganizationID, deref(f.ProjectIDs.Value)); err != nil {
			return nil, err
		}
	}
	refsChecked(tx)
	return links, nil
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

// checkProjectRefs makes sure every id names a project of the organisation.
// Every unknown id is reported at its index in the input, so a sync job
// learns all of them at once.
func checkProjectRefs(tx *gorm.DB, orgID string, given []string) ([]string, error) {
	ids := slices.Compact(slices.Sorted(slices.Values(given)))
	if len(ids) > MaxModelProjects {
		return nil, Invalid("projectIds", "Link at most %d projects to a model", MaxModelProjects)
	}
	valid := make([]string, 0, len(ids))
	for _, id := range ids {
		if _, err := uuid.Parse(id); err == nil {
			valid = append(valid, id)
		}
	}
	if len(ids) == 0 {
		return []string{}, nil
	}
	var found []string
	if len(valid) > 0 {
		var err error
		if found, err = lockRefs[Project](tx, orgID, valid); err != nil {
			return nil, err
		}
	}
	var problems Problems
	for i, id := range given {
		if !slices.Contains(found, id) {
			problems.Add(InvalidAt([]any{"projectIds", i}, "No project with id %q in your organisation", id))
		}
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return ids, nil
}

// linkProjects replaces the model's project links and says, for the audit
// trail, which links it added and which it removed.
func linkProjects(tx *gorm.DB, modelID string, projectIDs []string) (string, error) {
	if projectIDs == nil {
		return "", nil
	}
	var old []string
	if err := tx.Model(&AIModelProject{}).Where("ai_model_id = ?", modelID).Pluck("project_id", &old).Error; err != nil {
		return "", err
	}
	if err := tx.Where("ai_model_id = ?", modelID).Delete(&AIModelProject{}).Error; err != nil {
		return "", err
	}
	if len(projectIDs) > 0 {
		links := make([]AIModelProject, len(projectIDs))
		for i, id := range projectIDs {
			links[i] = AIModelProject{AIModelID: modelID, ProjectID: id}
		}
		if err := tx.Omit(clause.Associations).Create(&links).Error; err != nil {
			return "", err
		}
	}
	return describeLinkChange(tx, old, projectIDs)
}

// describeLinkChange names the projects linked and unlinked, e.g.
// `Linked to project "A" (id); Link to project "B" (id) removed`.
func describeLinkChange(tx *gorm.DB, old, now []string) (string, error) {
	var added, removed []string
	for _, id := range now {
		if !slices.Contains(old, id) {
			added = append(added, id)
		}
	}
	for _, id := range old {
		if !slices.Contains(now, id) {
			removed = append(removed, id)
		}
	}
	if len(added)+len(removed) == 0 {
		return "", nil
	}
	var projects []Project
	if err := tx.Select("id", "title").Where("id IN ?", append(append([]string{}, added...), removed...)).Find(&projects).Error; err != nil {
		return "", err
	}
	title := map[string]string{}
	for _, p := range projects {
		title[p.ID] = p.Title
	}
	var parts []string
	for _, id := range added {
		parts = append(parts, "Linked to project "+quoteName(title[id], id))
	}
	for _, id := range removed {
		parts = append(parts, "Link to project "+quoteName(title[id], id)+" removed")
	}
	return strings.Join(parts, "; "), nil
}

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

// label names the model in the audit trail, e.g. "OpenAI gpt-4o 2024-08-06".
func (m *AIModel) label() string { return m.Provider + " " + m.Model + " " + m.Version }

// GetAIModel returns one of the organisation's models.
func GetAIModel(ctx context.Context, db *gorm.DB, orgID, id string) (*AIModel, error) {
	return findInOrg[AIModel](db.WithContext(ctx), "Model", orgID, id, false)
}

// AIModelFilter narrows a model list; empty fields match everything.
type AIModelFilter struct {
	Status []AIModelStatus
	// Provider matches the whole provider name, ignoring case.
	Provider  *string
	ProjectID *string
	// Search matches part of the provider or model name, ignoring case.
	Search string
}

// AIModelConnection is a page of models.
type AIModelConnection = Connection[*AIModel]

// AIModelEdge is one model of a page with its cursor.
type AIModelEdge = Edge[*AIModel]

// ListAIModels returns a page of the organisation's models, oldest first.
func ListAIModels(ctx context.Context, db *gorm.DB, orgID string, f AIModelFilter, page PageArgs) (*AIModelConnection, error) {
	pattern, err := searchPattern("search", f.Search)
	if err != nil {
		return nil, err
	}
	return paginate[*AIModel](ctx, func() *gorm.DB {
		q := db.Model(&AIModel{}).Where("organization_id = ?", orgID)
		if len(f.Status) > 0 {
			q = q.Where("status IN ?", f.Status)
		}
		if f.Provider != nil {
			q = q.Where("provider_key = ?", IdentityKey(TrimText(*f.Provider)))
		}
		if f.ProjectID != nil {
			q = q.Where("id IN (?)", db.Model(&AIModelProject{}).Select("ai_model_id").Where("project_id = ?", *f.ProjectID))
		}
		if pattern != "" {
			q = q.Where("(provider_key LIKE ?"+likeEscape+" OR model_key LIKE ?"+likeEscape+")", pattern, pattern)
		}
		return q
	}, page, OldestFirst)
}

// ProjectsOfModels loads the linked projects of many models in one query,
// each list oldest first.
func ProjectsOfModels(ctx context.Context, db *gorm.DB, orgID string, modelIDs []string) (map[string][]*Project, error) {
	out := map[string][]*Project{}
	if len(modelIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		AIModelID string
		Project   `gorm:"embedded"`
	}
	err := db.WithContext(ctx).Table("projects").
		Select("ai_model_projects.ai_model_id, projects.*").
		Joins("JOIN ai_model_projects ON ai_model_projects.project_id = projects.id").
		Where("projects.organization_id = ? AND ai_model_projects.ai_model_id IN ?", orgID, modelIDs).
		Order("projects.created_at, projects.id").Scan(&rows).Error
	for i := range rows {
		p := rows[i].Project
		out[rows[i].AIModelID] = append(out[rows[i].AIModelID], &p)
	}
	return out, err
}
