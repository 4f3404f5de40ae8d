package models

import (
	"slices"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// checkProjectRefs makes sure every id names a project of the organisation.
// Every unknown id is reported at its index in the input, so a sync job
// learns all of them at once.
func checkProjectRefs(tx *gorm.DB, orgID string, given []string) error {
	if len(uniqueIDs(given)) > MaxModelProjects {
		return Invalid("projectIds", "Link at most %d projects to a model", MaxModelProjects)
	}
	return checkRef[Project](tx, orgID, given, func(i int, id string) *Error {
		return InvalidAt([]any{"projectIds", i}, "No project with id %q in your organisation", id)
	})
}

// uniqueIDs is ids sorted, without repeats, and never nil: an empty list
// still replaces the links (with none).
func uniqueIDs(ids []string) []string {
	return append([]string{}, slices.Compact(slices.Sorted(slices.Values(ids)))...)
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
