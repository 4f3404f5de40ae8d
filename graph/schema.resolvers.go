package graph

import (
	"context"
	"fmt"
	"keyward/graph/model"
)

// Whoami is the resolver for the whoami field.
func (r *queryResolver) Whoami(ctx context.Context) (*model.Principal, error) {
	panic(fmt.Errorf("not implemented: Whoami - whoami"))
}

// Query returns QueryResolver implementation.
func (r *Resolver) Query() QueryResolver { return &queryResolver{r} }

type queryResolver struct{ *Resolver }
