package graph

import (
	"context"
	"fmt"
	"math"
	"time"

	"gorm.io/gorm"

	"keyward/auth"
	"keyward/graph/gqlmodel"
	"keyward/models"
)

// caller is the one way a resolver reads the principal. @hasRole has already
// checked it on guarded fields; should a field lose its directive, this
// answers UNAUTHENTICATED instead of a nil dereference
// (TestResolversRefuseAMissingCaller).
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

// spendAttempt takes one unit of the client's budget in l before a
// credential or a costly sign-up is checked; an empty budget refuses with
// RATE_LIMITED. what names the attempts in the message.
func spendAttempt(ctx context.Context, l auth.FailureLimiter, what string) error {
	ok, wait := l.Spend(ctx, auth.ClientIP(ctx))
	if ok {
		return nil
	}
	return &models.Error{Code: models.CodeRateLimited, RetryAfter: wait, Message: fmt.Sprintf(
		"Too many %s from your address. Try again in %d minutes.", what, int(math.Ceil(wait.Minutes())))}
}

// tooManyReports is the error a client gets after too many leaked-key
// reports of secrets that were no working key.
func tooManyReports(wait time.Duration) error {
	return &models.Error{Code: models.CodeRateLimited, RetryAfter: wait, Message: fmt.Sprintf(
		"Too many reports of secrets that are no working key from your address. Try again in %d seconds.", int(math.Ceil(wait.Seconds())))}
}

// rotateInput reads rotateApiKey's input; left-out fields take their defaults.
func rotateInput(in gqlmodel.RotateAPIKeyInput) models.RotateAPIKeyInput {
	return models.RotateAPIKeyInput{GraceHours: in.GraceHours.Value(), ExpiresInDays: in.ExpiresInDays.Value()}
}

// isTrue reads an optional Boolean argument; null and absent are false.
func isTrue(b *bool) bool { return b != nil && *b }
