package models

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"time"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"gorm.io/gorm"
)

// Schema changes are versioned steps run by goose. Each step is a file in
// migrations/sqlite and migrations/postgres with the same version number (the
// two dialects differ in DDL), or a Go step in goMigrations for data rewrites
// that SQL cannot express. Steps run in order, each in its own transaction,
// and the applied ones are recorded in goose_db_version.
//
// Rolling upgrades rely on one rule: a release's steps only add (tables,
// nullable or defaulted columns, indexes, wider constraints), so the previous
// release keeps working against the new schema while replicas are replaced.
// Removing or narrowing comes one release later, once no replica uses it.
//
//go:embed migrations
var migrationFiles embed.FS

// goMigrations are steps written in Go, shared by both dialects. Register
// one with goose.NewGoMigration(version, &goose.GoFunc{RunTx: …}, nil); its
// version must not collide with an SQL file's.
var goMigrations []*goose.Migration

// Tables are every model with a table. The migration steps must create
// exactly what these describe; a test compares them.
func Tables() []any {
	return []any{&Organization{}, &User{}, &Session{}, &APIKey{}, &APIKeyUsage{}, &UsageFlush{}, &AuditEvent{}, &Project{}, &AIModel{}, &AIModelProject{}, &Risk{}, &IdempotencyRecord{}}
}

// MigrationTable records which steps ran.
const MigrationTable = "goose_db_version"

// MigrationStep is one step and whether it has run.
type MigrationStep struct {
	Version   int64
	Name      string
	AppliedAt *time.Time // nil while pending
}

func dialectOf(db *gorm.DB) Dialect {
	if db.Dialector.Name() == "postgres" {
		return Postgres
	}
	return SQLite
}

// newMigrator builds the goose provider for db's dialect. On PostgreSQL it
// holds goose's session-level advisory lock while it migrates, so a stray
// second migrator waits instead of racing.
func newMigrator(ctx context.Context, db *gorm.DB) (*goose.Provider, error) {
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	dialect := dialectOf(db)
	files, err := fs.Sub(migrationFiles, "migrations/"+string(dialect))
	if err != nil {
		return nil, err
	}
	opts := []goose.ProviderOption{goose.WithTableName(MigrationTable), goose.WithDisableGlobalRegistry(true)}
	if len(goMigrations) > 0 {
		opts = append(opts, goose.WithGoMigrations(goMigrations...))
	}
	if dialect == Postgres {
		id, err := lockID(ctx, sqlDB, "goose")
		if err != nil {
			return nil, err
		}
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(id), lock.WithLockTimeout(1, 600))
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
		return goose.NewProvider(goose.DialectPostgres, sqlDB, files, opts...)
	}
	return goose.NewProvider(goose.DialectSQLite3, sqlDB, files, opts...)
}

// lockID names an advisory lock for this schema: two Keyward installations
// in different schemas of one database do not wait for each other.
func lockID(ctx context.Context, sqlDB *sql.DB, purpose string) (int64, error) {
	var schema string
	if err := sqlDB.QueryRowContext(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		return 0, fmt.Errorf("read current schema: %w", err)
	}
	h := fnv.New64a()
	_, _ = h.Write([]byte("keyward:" + purpose + ":" + schema))
	return int64(h.Sum64()), nil
}

// Migrate runs every pending step. It is safe to run on every start and from
// several processes at once.
func Migrate(db *gorm.DB) error {
	return MigrateContext(context.Background(), db)
}

// MigrateContext is Migrate with a context.
func MigrateContext(ctx context.Context, db *gorm.DB) error {
	p, err := newMigrator(ctx, db)
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return unwrapGoose(err)
	}
	return nil
}

// unwrapGoose keeps the failing step's name and the database's words, and
// drops goose's partial-result wrapper.
func unwrapGoose(err error) error {
	var partial *goose.PartialError
	if errors.As(err, &partial) && partial.Failed != nil {
		return fmt.Errorf("step %s: %w", partial.Failed.Source.Path, partial.Err)
	}
	return err
}

// MigrationStatus lists every step, applied or not, oldest first.
func MigrationStatus(ctx context.Context, db *gorm.DB) ([]MigrationStep, error) {
	p, err := newMigrator(ctx, db)
	if err != nil {
		return nil, err
	}
	list, err := p.Status(ctx)
	if err != nil {
		return nil, err
	}
	steps := make([]MigrationStep, 0, len(list))
	for _, s := range list {
		step := MigrationStep{Version: s.Source.Version, Name: s.Source.Path}
		if s.State == goose.StateApplied {
			at := s.AppliedAt.UTC()
			step.AppliedAt = &at
		}
		steps = append(steps, step)
	}
	return steps, nil
}

// MigrateAndThen migrates, then runs then (the first-admin bootstrap), all
// under one PostgreSQL advisory lock: replicas that start together on an
// empty database migrate once and create one organisation and one admin,
// while the others wait and then find both done. On SQLite, one process owns
// the file, so there is nothing to wait for.
func MigrateAndThen(ctx context.Context, db *gorm.DB, then func(context.Context) error) error {
	if dialectOf(db) == Postgres {
		unlock, err := advisoryLock(ctx, db, "startup")
		if err != nil {
			return err
		}
		defer unlock()
	}
	if err := MigrateContext(ctx, db); err != nil {
		return fmt.Errorf("migrate %s database: %s", dialectOf(db), firstLine(err))
	}
	if then == nil {
		return nil
	}
	return then(ctx)
}

// advisoryLock waits for a session-level advisory lock on a connection of its
// own. If the process dies, PostgreSQL ends the session and frees the lock.
func advisoryLock(ctx context.Context, db *gorm.DB, purpose string) (unlock func(), err error) {
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	id, err := lockID(ctx, sqlDB, purpose)
	if err != nil {
		return nil, err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", id); err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("wait for the start-up lock: %w", err)
	}
	return func() {
		// note: a fresh context, so a cancelled start still releases the lock
		// instead of leaving it to the end of the session.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_, _ = conn.ExecContext(ctx, "SELECT pg_advisory_unlock($1)", id)
		_ = conn.Close()
	}, nil
}
