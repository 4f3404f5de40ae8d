// Package auth resolves who is calling (a session user or an API key) into
// one principal in the request context, and holds the credentials' caches.
package auth

import (
	"context"
	"time"

	"keyward/models"
)

// Kind tells a signed-in user from an API key. It is models.PrincipalKind,
// the type the API's PrincipalKind enum is bound to.
type Kind = models.PrincipalKind

const (
	KindUser   = models.PrincipalUser
	KindAPIKey = models.PrincipalAPIKey
)

// KeyIdentity is what a verified API key tells about itself. It carries no
// secret. It is cached as is, so everything a response says about the key
// (expiry headers, warnings) costs no database work on a cache hit.
type KeyIdentity struct {
	ID, Name       string
	OrganizationID string
	// ExpiresAt is when the presented secret stops working: the key's
	// expiry, or for a previous secret the end of its grace period.
	ExpiresAt time.Time
	// Scope decides the key's role: see models.APIKeyScope.Role.
	Scope models.APIKeyScope
	// Previous is set when the presented secret is the one from before the
	// key's last rotation, at RotatedAt.
	Previous  bool
	RotatedAt time.Time
	// RevokedAt is set (non-zero) for a key reported as leaked.
	RevokedAt time.Time
	// headers are the expiry headers' values, formatted once when the key
	// is cached rather than on every request (see setKeyHeaders).
	headers keyHeaderValues
}

// Principal is the authenticated caller.
type Principal struct {
	Kind           Kind
	OrganizationID string
	// Role is the effective role: the user's own, or the key scope's (Editor
	// for READ_WRITE, Viewer for READ_ONLY).
	Role   models.Role
	User   *models.User // set for KindUser
	APIKey *KeyIdentity // set for KindAPIKey
}

// Actor is the principal as the audit trail records it.
func (p *Principal) Actor() models.Actor {
	if p.Kind == KindAPIKey {
		return models.Actor{Kind: KindAPIKey, ID: p.APIKey.ID, Name: p.APIKey.Name}
	}
	return models.Actor{Kind: KindUser, ID: p.User.ID, Name: p.User.Email}
}

type principalKey struct{}

// WithPrincipal stores the caller. Only the middleware (and tests of guards) call it.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the caller, or nil for an anonymous request.
func FromContext(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}
