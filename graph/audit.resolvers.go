package graph

import (
	"context"
	"keyward/auth"
	"keyward/graph/model"
	"keyward/models"
)

// AuditLog is the resolver for the auditLog field.
func (r *queryResolver) AuditLog(ctx context.Context, first *int, after *string, filter *model.AuditFilter) (*models.Connection[*models.AuditEvent], error) {
	if first == nil { // an explicit null: the schema's default
		n := models.DefaultAuditPageSize
		first = &n
	}
	return models.ListAuditLog(ctx, r.DB, auth.FromContext(ctx).OrganizationID, auditFilter(filter), page(first, after))
}
