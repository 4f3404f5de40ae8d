package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"keyward/auth"
	"keyward/models"
)

// hasRole implements @hasRole. API keys carry their scope's role (Editor for
// READ_WRITE, Viewer for READ_ONLY), so an ADMIN field (keys, users) is never
// open to a key, whatever the key's creator was.
func hasRole(ctx context.Context, _ any, next graphql.Resolver, role models.Role) (any, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if p.Kind == auth.KindAPIKey && role == models.RoleAdmin {
		return nil, models.Forbidden("API keys cannot manage API keys or users. Sign in to the admin as an Admin to do this.")
	}
	if p.Kind == auth.KindAPIKey && !p.Role.Includes(role) {
		return nil, models.Forbidden("This API key is read-only (scope " + string(p.APIKey.Scope) +
			"); create a READ_WRITE key in Settings → API keys to create, change or delete data.")
	}
	if !p.Role.Includes(role) {
		return nil, models.Forbidden("This needs the " + role.Label() + " role. Ask an Admin of your organisation.")
	}
	return next(ctx)
}
