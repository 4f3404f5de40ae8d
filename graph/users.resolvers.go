package graph

import (
	"context"
	"errors"
	"keyward/auth"
	"keyward/graph/gqlmodel"
	"keyward/models"

	"gorm.io/gorm"
)

// Login is the resolver for the login field.
func (r *mutationResolver) Login(ctx context.Context, input gqlmodel.LoginInput) (*gqlmodel.LoginPayload, error) {
	if err := spendAttempt(ctx, r.LoginFailures, "failed sign-in attempts"); err != nil {
		return nil, err
	}
	user, err := models.Authenticate(ctx, r.DB, input.Email, input.Password, optString(input.OrganizationID))
	if !models.HasCode(err, models.CodeUnauthenticated) {
		r.LoginFailures.Refund(ctx, auth.ClientIP(ctx))
	}
	if err != nil {
		return nil, err
	}
	if err := startSession(ctx, r.DB, user); err != nil {
		return nil, err
	}
	return &gqlmodel.LoginPayload{User: user}, nil
}

// Logout is the resolver for the logout field.
func (r *mutationResolver) Logout(ctx context.Context) (*gqlmodel.LogoutPayload, error) {
	out := &gqlmodel.LogoutPayload{}
	if p := auth.FromContext(ctx); p != nil && p.Kind == auth.KindUser {
		out.User = p.User
	}
	if token := auth.SessionToken(ctx); token != "" {
		if err := models.DeleteSession(ctx, r.DB, token); err != nil {
			return nil, err
		}
	}
	auth.ClearSessionCookie(ctx)
	return out, nil
}

// Signup is the resolver for the signup field.
func (r *mutationResolver) Signup(ctx context.Context, input gqlmodel.SignupInput) (*gqlmodel.SignupPayload, error) {
	if !r.AllowSignup {
		return nil, models.Forbidden("Sign-up is turned off on this server. Ask an Admin to add you.")
	}
	if err := spendAttempt(ctx, r.Signups, "sign-ups"); err != nil {
		return nil, err
	}
	user, err := models.CreateOrganizationWithAdmin(ctx, r.DB, models.NewOrganizationInput{OrgName: input.OrgName, Email: input.Email, Name: input.Name, Password: input.Password})
	if models.HasCode(err, models.CodeBadUserInput) {
		// Nothing was hashed or created: a typo does not use up the budget.
		r.Signups.Refund(ctx, auth.ClientIP(ctx))
	}
	if err != nil {
		return nil, err
	}
	if err := startSession(ctx, r.DB, user); err != nil {
		return nil, err
	}
	return &gqlmodel.SignupPayload{User: user}, nil
}

// Setup is the resolver for the setup field.
func (r *mutationResolver) Setup(ctx context.Context, input gqlmodel.SetupInput) (*gqlmodel.SetupPayload, error) {
	var user *models.User
	ok, err := r.SetupToken.Use(input.Token, func() error {
		n, err := models.CountUsers(ctx, r.DB)
		if err != nil {
			return err
		}
		if n > 0 {
			return models.Forbidden("Keyward is already set up. Sign in instead.")
		}
		user, err = models.CreateOrganizationWithAdmin(ctx, r.DB, models.NewOrganizationInput{OrgName: input.OrgName, Email: input.Email, Name: input.Name, Password: input.Password})
		return err
	})
	if !ok {
		return nil, models.Invalid("token", "This setup link is invalid or was already used. Restart the server for a new link, or sign in.")
	}
	if err != nil {
		return nil, err
	}
	if err := startSession(ctx, r.DB, user); err != nil {
		return nil, err
	}
	return &gqlmodel.SetupPayload{User: user}, nil
}

// CreateUser is the resolver for the createUser field.
func (r *mutationResolver) CreateUser(ctx context.Context, input gqlmodel.CreateUserInput) (*gqlmodel.CreateUserPayload, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	user, err := idempotent(ctx, r.DB, p, input.IdempotencyKey.Value(),
		func(tx *gorm.DB) (*models.User, string, error) {
			u, err := models.CreateUser(ctx, tx, p.OrganizationID, models.NewUserInput{Email: input.Email, Name: input.Name, Password: input.Password, Role: input.Role}, p.Actor())
			if err != nil {
				return nil, "", err
			}
			return u, u.ID, nil
		},
		func(id string) (*models.User, error) { return models.GetUser(ctx, r.DB, p.OrganizationID, id) },
		"password")
	if err != nil {
		return nil, err
	}
	return &gqlmodel.CreateUserPayload{User: user}, nil
}

// UpdateUserRole is the resolver for the updateUserRole field.
func (r *mutationResolver) UpdateUserRole(ctx context.Context, input gqlmodel.UpdateUserRoleInput) (*gqlmodel.UpdateUserRolePayload, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	user, removed, err := models.UpdateUserRole(ctx, r.DB, p.OrganizationID, input.ID, input.Role, isTrue(input.DeleteAPIKeys.Value()), p.Actor())
	r.Keys.ForgetAll(removed)
	if err != nil {
		return nil, err
	}
	return &gqlmodel.UpdateUserRolePayload{User: user}, nil
}

// DeleteUser is the resolver for the deleteUser field.
func (r *mutationResolver) DeleteUser(ctx context.Context, input gqlmodel.DeleteUserInput) (*gqlmodel.DeleteUserPayload, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	removed, err := models.DeleteUser(ctx, r.DB, p.OrganizationID, input.ID, isTrue(input.DeleteAPIKeys.Value()), p.Actor())
	if err != nil {
		return nil, err
	}
	r.Keys.ForgetAll(removed)
	return &gqlmodel.DeleteUserPayload{DeletedUserID: input.ID}, nil
}

// ChangePassword is the resolver for the changePassword field.
func (r *mutationResolver) ChangePassword(ctx context.Context, input gqlmodel.ChangePasswordInput) (*gqlmodel.ChangePasswordPayload, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if p.Kind != auth.KindUser {
		return nil, models.Forbidden("API keys cannot change passwords. Sign in to the admin to change yours.")
	}
	if err := spendAttempt(ctx, r.LoginFailures, "failed sign-in attempts"); err != nil {
		return nil, err
	}
	ended, err := models.ChangePassword(ctx, r.DB, p.User, auth.SessionToken(ctx), input.CurrentPassword, input.NewPassword, p.Actor())
	if !errors.Is(err, models.ErrWrongCurrentPassword) {
		r.LoginFailures.Refund(ctx, auth.ClientIP(ctx))
	}
	if err != nil {
		return nil, err
	}
	return &gqlmodel.ChangePasswordPayload{User: p.User, EndedSessions: int(ended)}, nil
}

// Me is the resolver for the me field.
func (r *queryResolver) Me(ctx context.Context) (*models.User, error) {
	if p := auth.FromContext(ctx); p != nil && p.Kind == auth.KindUser {
		return p.User, nil
	}
	return nil, nil
}

// SetupRequired is the resolver for the setupRequired field.
func (r *queryResolver) SetupRequired(ctx context.Context) (bool, error) {
	n, err := models.CountUsers(ctx, r.DB)
	return n == 0, err
}

// Users is the resolver for the users field.
func (r *queryResolver) Users(ctx context.Context, first *int, after *string) (*models.Connection[*models.User], error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	return models.ListUsers(ctx, r.DB, p.OrganizationID, page(ctx, first, after))
}

// Members is the resolver for the members field.
func (r *queryResolver) Members(ctx context.Context, first *int, after *string) (*models.Connection[*models.User], error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	return models.ListUsers(ctx, r.DB, p.OrganizationID, page(ctx, first, after))
}

// Organization is the resolver for the organization field.
func (r *userResolver) Organization(ctx context.Context, obj *models.User) (*models.Organization, error) {
	org, err := r.loaders(ctx).organizations.load(ctx, obj.OrganizationID)
	if err == nil && org == nil {
		err = models.NotFound("Organisation")
	}
	return org, err
}

// User returns UserResolver implementation.
func (r *Resolver) User() UserResolver { return &userResolver{r} }

type userResolver struct{ *Resolver }
