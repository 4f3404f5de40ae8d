package graph

import (
	"context"
	"fmt"
	"keyward/graph/model"
	"keyward/models"
)

// Login is the resolver for the login field.
func (r *mutationResolver) Login(ctx context.Context, email string, password string) (*models.User, error) {
	panic(fmt.Errorf("not implemented: Login - login"))
}

// Logout is the resolver for the logout field.
func (r *mutationResolver) Logout(ctx context.Context) (bool, error) {
	panic(fmt.Errorf("not implemented: Logout - logout"))
}

// Signup is the resolver for the signup field.
func (r *mutationResolver) Signup(ctx context.Context, orgName string, email string, name string, password string) (*models.User, error) {
	panic(fmt.Errorf("not implemented: Signup - signup"))
}

// Setup is the resolver for the setup field.
func (r *mutationResolver) Setup(ctx context.Context, token string, orgName string, email string, name string, password string) (*models.User, error) {
	panic(fmt.Errorf("not implemented: Setup - setup"))
}

// CreateUser is the resolver for the createUser field.
func (r *mutationResolver) CreateUser(ctx context.Context, input model.CreateUserInput) (*models.User, error) {
	panic(fmt.Errorf("not implemented: CreateUser - createUser"))
}

// UpdateUserRole is the resolver for the updateUserRole field.
func (r *mutationResolver) UpdateUserRole(ctx context.Context, id string, role models.Role) (*models.User, error) {
	panic(fmt.Errorf("not implemented: UpdateUserRole - updateUserRole"))
}

// DeleteUser is the resolver for the deleteUser field.
func (r *mutationResolver) DeleteUser(ctx context.Context, id string) (bool, error) {
	panic(fmt.Errorf("not implemented: DeleteUser - deleteUser"))
}

// Me is the resolver for the me field.
func (r *queryResolver) Me(ctx context.Context) (*models.User, error) {
	panic(fmt.Errorf("not implemented: Me - me"))
}

// SetupRequired is the resolver for the setupRequired field.
func (r *queryResolver) SetupRequired(ctx context.Context) (bool, error) {
	panic(fmt.Errorf("not implemented: SetupRequired - setupRequired"))
}

// Users is the resolver for the users field.
func (r *queryResolver) Users(ctx context.Context) ([]*models.User, error) {
	panic(fmt.Errorf("not implemented: Users - users"))
}

// Organization is the resolver for the organization field.
func (r *userResolver) Organization(ctx context.Context, obj *models.User) (*models.Organization, error) {
	panic(fmt.Errorf("not implemented: Organization - organization"))
}

// User returns UserResolver implementation.
func (r *Resolver) User() UserResolver { return &userResolver{r} }

type userResolver struct{ *Resolver }
