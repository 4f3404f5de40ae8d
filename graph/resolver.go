// Package graph is the GraphQL layer: schema, thin resolvers, the @hasRole
// directive and the error presenter. Logic lives in models/.
package graph

import (
	"gorm.io/gorm"

	"keyward/auth"
)

// Resolver holds the dependencies every resolver may use.
type Resolver struct {
	DB   *gorm.DB
	Keys *auth.KeyVerifier
	// LoginFailures slows password guessing per client.
	LoginFailures auth.FailureLimiter
	// Signups limits sign-ups per client: each costs a password hash and
	// creates an organisation.
	Signups auth.FailureLimiter
	// Leaked revokes keys reported as leaked (revokeLeakedApiKey).
	Leaked *auth.LeakedKeys
	// SetupToken is nil once the first admin exists at start-up.
	SetupToken  *auth.SetupToken
	AllowSignup bool
	MaxAPIKeys  int
}
