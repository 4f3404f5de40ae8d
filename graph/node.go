package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"

	"keyward/auth"
	"keyward/models"
)

// nodeRole is the role that may read a node of n's type: the role of the
// field that lists that type (apiKeys and auditLog are ADMIN, so an API key
// never reads a key or an event by id either; users are listed to any role
// by members, governance data to Viewers).
func nodeRole(n models.Node) models.Role {
	switch n.(type) {
	case *models.APIKey, *models.AuditEvent:
		return models.RoleAdmin
	}
	return models.RoleViewer
}

// resolveNodes answers nodes(ids) in the order asked: an id that names
// nothing the caller may read is nil, with its error (NOT_FOUND or
// FORBIDDEN) at index i.
func (r *queryResolver) resolveNodes(ctx context.Context, ids []string) ([]models.Node, []error, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, nil, err
	}
	found, err := models.NodesByIDs(ctx, r.DB, p.OrganizationID, ids)
	if err != nil {
		return nil, nil, err
	}
	out := make([]models.Node, len(ids))
	errs := make([]error, len(ids))
	for i, id := range ids {
		out[i], errs[i] = readableNode(p, found[id], id)
		if out[i] != nil {
			r.sawNode(ctx, out[i])
		}
	}
	return out, errs, nil
}

// readableNode is n when p may read it; otherwise the error to answer.
// Another organisation's id was never found, so it reads as missing.
func readableNode(p *auth.Principal, n models.Node, id string) (models.Node, error) {
	if n == nil {
		return nil, &models.Error{Code: models.CodeNotFound, Message: fmt.Sprintf("Nothing with id %q in your organisation", id)}
	}
	if err := requireRole(p, nodeRole(n)); err != nil {
		return nil, err
	}
	return n, nil
}

// sawNode primes the batchers with a node's relations, as the lists do.
func (r *queryResolver) sawNode(ctx context.Context, n models.Node) {
	l := r.loaders(ctx)
	switch n := n.(type) {
	case *models.Project:
		l.sawProject(n)
	case *models.AIModel:
		l.sawAIModels([]*models.AIModel{n})
	case *models.Risk:
		l.sawRisks([]*models.Risk{n})
	case *models.APIKey:
		// nodes(ids) of many keys then loads their usage in one query.
		l.sawAPIKeys([]*models.APIKey{n})
	}
}

// addErrorAt reports err for element i of the current list field, so its
// path is e.g. ["nodes", 2].
func addErrorAt(ctx context.Context, i int, err error) {
	graphql.AddError(graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i}), err)
}
