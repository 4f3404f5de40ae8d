package main

import (
	"context"
	"fmt"

	"keyward/auth"
	"keyward/models"
)

// afterMigrate brings stored data up to this release's rules, then
// bootstraps. It runs on every start, under the start-up lock.
func (a *app) afterMigrate(ctx context.Context) error {
	dups, err := models.RewriteIdentityKeys(ctx, a.db)
	if err != nil {
		return err
	}
	for _, d := range dups {
		a.log.Warn("names that are now the same ignoring case and accents; their search keys were left as they were", "duplicate", d.String())
	}
	return a.bootstrap(ctx)
}

// bootstrap creates the first organisation and admin from the environment,
// or, without those settings, a one-time setup token.
func (a *app) bootstrap(ctx context.Context) error {
	n, err := models.CountUsers(ctx, a.db)
	if err != nil || n > 0 {
		return err
	}
	if a.cfg.AdminEmail == "" {
		a.setup, err = auth.NewSetupToken()
		return err
	}
	_, err = models.CreateOrganizationWithAdmin(ctx, a.db, models.NewOrganizationInput{
		OrgName: a.cfg.OrgName, Email: a.cfg.AdminEmail, Name: "Admin", Password: a.cfg.AdminPassword,
	})
	if err != nil {
		return fmt.Errorf("create the first admin from KEYWARD_ADMIN_EMAIL/KEYWARD_ADMIN_PASSWORD: %v", err)
	}
	a.bootstrapped = a.cfg.AdminEmail
	return nil
}
