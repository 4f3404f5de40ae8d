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
	if err := requireRole(p, role); err != nil {
		return nil, err
	}
	return next(ctx)
}

// requireRole is @hasRole's rule, also for resolvers that learn only from
// the data which role a result needs (node(id:)).
func requireRole(p *auth.Principal, role models.Role) error {
	if p.Kind == auth.KindAPIKey && role == models.RoleAdmin {
		return models.Forbidden("API keys cannot manage API keys or users. Sign in to the admin as an Admin to do this.")
	}
	if p.Kind == auth.KindAPIKey && !p.Role.Includes(role) {
		return models.Forbidden("This API key is read-only (scope " + string(p.APIKey.Scope) +
			"); create a READ_WRITE key in Settings → API keys to create, change or delete data.")
	}
	if !p.Role.Includes(role) {
		return models.Forbidden("This needs the " + role.Label() + " role. Ask an Admin of your organisation.")
	}
	return nil
}
