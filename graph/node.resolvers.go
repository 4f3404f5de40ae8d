package graph

import (
	"context"
	"keyward/models"
)

// Node is the resolver for the node field.
func (r *queryResolver) Node(ctx context.Context, id string) (models.Node, error) {
	nodes, errs, err := r.resolveNodes(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	return nodes[0], errs[0]
}

// Nodes is the resolver for the nodes field.
func (r *queryResolver) Nodes(ctx context.Context, ids []string) ([]models.Node, error) {
	if len(ids) > models.MaxNodeIDs {
		return nil, models.Invalid("ids", "Ask for at most %d ids at once; you sent %d", models.MaxNodeIDs, len(ids))
	}
	nodes, errs, err := r.resolveNodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, e := range errs {
		if e != nil {
			addErrorAt(ctx, i, e)
		}
	}
	return nodes, nil
}
