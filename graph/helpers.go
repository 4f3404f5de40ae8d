package graph

import (
	"context"
	"fmt"
	"math"

	"gorm.io/gorm"

	"keyward/auth"
	"keyward/models"
)

// caller returns the principal; guarded fields have already checked it, this
// keeps unguarded resolvers honest too.
func caller(ctx context.Context) (*auth.Principal, error) {
	p := auth.FromContext(ctx)
	if p == nil {
		return nil, models.Unauthenticated("Sign in, or send an API key as \"Authorization: Bearer kw_…\".")
	}
	return p, nil
}

// startSession signs the user in on this browser.
func startSession(ctx context.Context, db *gorm.DB, user *models.User) error {
	token, s, err := models.CreateSession(ctx, db, user.ID)
	if err != nil {
		return err
	}
	auth.SetSessionCookie(ctx, token, s.ExpiresAt)
	return nil
}

// rateLimited is the error a throttled sign-in gets.
func rateLimited(wait float64) error {
	return &models.Error{Code: models.CodeRateLimited, Message: fmt.Sprintf(
		"Too many failed sign-in attempts. Try again in %d minutes.", int(math.Ceil(wait/60)))}
}
