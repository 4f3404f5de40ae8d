package graph

import (
	"context"
	"keyward/graph/gqlmodel"
	"keyward/models"
)

// AuditEvents is the resolver for the auditEvents field.
func (r *queryResolver) AuditEvents(ctx context.Context, limit *int) ([]*models.AuditEvent, error) {
	n := 100 // the schema's default; only an explicit null reaches here as nil
	if limit != nil {
		n = *limit
	}
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	events, err := models.ListAuditEvents(ctx, r.DB, p.OrganizationID, n)
	r.loaders(ctx).sawAuditEvents(events)
	return events, err
}

// AuditLog is the resolver for the auditLog field.
func (r *queryResolver) AuditLog(ctx context.Context, first *int, after *string, filter *gqlmodel.AuditFilter) (*models.Connection[*models.AuditEvent], error) {
	if first == nil { // an explicit null: the schema's default
		n := models.DefaultAuditPageSize
		first = &n
	}
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	c, err := models.ListAuditLog(ctx, r.DB, p.OrganizationID, auditFilter(filter), page(ctx, first, after))
	if err != nil {
		return nil, err
	}
	r.loaders(ctx).sawAuditEvents(c.Nodes)
	return c, nil
}
