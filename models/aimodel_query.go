package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

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
	// UpdatedSince keeps rows changed at or after it.
	UpdatedSince *time.Time
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
	return paginate[AIModel](ctx, func() *gorm.DB {
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
		return updatedSince(q, f.UpdatedSince)
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
