package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"keyward/auth"
)

// addKeyWarnings puts the calling key's warnings (see auth.KeyIdentity.Warnings)
// at extensions.warnings, beside data, so that clients that ignore them
// keep working. It reads only the verified identity: no database work.
func addKeyWarnings(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if p := auth.FromContext(ctx); resp != nil && p != nil && p.APIKey != nil {
		if w := p.APIKey.Warnings(time.Now()); len(w) > 0 {
			addExtension(resp, "warnings", w)
		}
	}
	return resp
}

// addExtension sets one entry of a response's extensions, keeping the others
// (such as the query cost) that other extensions put there.
func addExtension(resp *graphql.Response, name string, value any) {
	if resp.Extensions == nil {
		resp.Extensions = map[string]any{}
	}
	resp.Extensions[name] = value
}
