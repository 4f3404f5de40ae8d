package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"gorm.io/gorm"

	"keyward/models"
)

func migrateCommand() command {
	return command{
		name: "migrate",
		summary: "Applies every pending schema step and exits. Replicas migrate on start too, " +
			"so this is for running the upgrade as its own step, before the new release starts.",
		run: withDatabase(func(ctx context.Context, db *gorm.DB, io stdio) error {
			before, err := models.MigrationStatus(ctx, db)
			if err != nil {
				return fmt.Errorf("read the migration history: %v", err)
			}
			if err := models.MigrateAndThen(ctx, db, nil); err != nil {
				return err
			}
			pending := 0
			for _, s := range before {
				if s.AppliedAt == nil {
					pending++
				}
			}
			fmt.Fprintf(io.out, "Applied %d step(s); the schema is at version %d.\n", pending, before[len(before)-1].Version)
			return nil
		}),
	}
}

func migrateStatusCommand() command {
	return command{
		name:    "migrate status",
		summary: "Lists every schema step, with when it was applied, or pending. Changes nothing.",
		run: withDatabase(func(ctx context.Context, db *gorm.DB, io stdio) error {
			steps, err := models.MigrationStatus(ctx, db)
			if err != nil {
				return fmt.Errorf("read the migration history: %v", err)
			}
			w := tabwriter.NewWriter(io.out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "VERSION\tAPPLIED\tSTEP")
			for _, s := range steps {
				at := "pending"
				if s.AppliedAt != nil {
					at = s.AppliedAt.Format(time.RFC3339)
				}
				fmt.Fprintf(w, "%d\t%s\t%s\n", s.Version, at, s.Name)
			}
			return w.Flush()
		}),
	}
}

// withDatabase is a command without arguments that works on the connected,
// unmigrated database.
func withDatabase(fn func(ctx context.Context, db *gorm.DB, io stdio) error) func(context.Context, config, []string, stdio) error {
	return func(ctx context.Context, cfg config, rest []string, io stdio) error {
		if len(rest) > 0 {
			return fmt.Errorf("unexpected %q (see --help)", rest[0])
		}
		db, _, err := models.Connect(ctx, cfg.DatabaseURL)
		if err != nil {
			return err
		}
		defer models.Close(db)
		return fn(ctx, db, io)
	}
}
