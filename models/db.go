package models

import (
	"context"
	"errors"
	"fmt"
	neturl "net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Dialect tells the two supported databases apart where SQL differs.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// ParseDatabaseURL maps a KEYWARD_DATABASE_URL to a dialect and driver DSN.
func ParseDatabaseURL(url string) (Dialect, string, error) {
	switch {
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		return Postgres, url, nil
	case strings.HasPrefix(url, "sqlite:"):
		path := strings.TrimPrefix(url, "sqlite:")
		path = strings.TrimPrefix(path, "//")
		if path == "" {
			return "", "", errors.New("sqlite: URL needs a file path, e.g. sqlite:data/keyward.db")
		}
		return SQLite, path, nil
	default:
		return "", "", fmt.Errorf("unsupported database URL %q: use sqlite:PATH or postgres://", redactURL(url))
	}
}

// redactURL keeps passwords out of start-up error messages.
func redactURL(url string) string {
	if at := strings.LastIndex(url, "@"); at >= 0 {
		if scheme := strings.Index(url, "://"); scheme >= 0 && scheme < at {
			return url[:scheme+3] + "…@" + url[at+1:]
		}
	}
	return url
}

// Open connects, checks the connection and migrates the schema.
func Open(ctx context.Context, url string) (*gorm.DB, Dialect, error) {
	db, dialect, err := Connect(ctx, url)
	if err != nil {
		return nil, "", err
	}
	if err := MigrateAndThen(ctx, db, nil); err != nil {
		Close(db)
		return nil, "", err
	}
	return db, dialect, nil
}

// Close closes db's connections.
func Close(db *gorm.DB) {
	if sqlDB, err := db.DB(); err == nil {
		_ = sqlDB.Close()
	}
}

// Connect opens the database and checks that it answers; it does not migrate.
func Connect(ctx context.Context, url string) (*gorm.DB, Dialect, error) {
	dialect, dsn, err := ParseDatabaseURL(url)
	if err != nil {
		return nil, "", err
	}
	cfg := &gorm.Config{
		Logger:  logger.Discard,
		NowFunc: func() time.Time { return time.Now().UTC() },
		// Our writes that need a transaction open one explicitly.
		SkipDefaultTransaction: true,
		TranslateError:         true,
	}
	var db *gorm.DB
	switch dialect {
	case SQLite:
		if dir := filepath.Dir(dsn); dir != "." {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return nil, "", fmt.Errorf("create database directory: %w", err)
			}
		}
		// note: _txlock=immediate makes every transaction take the write lock at
		// BEGIN, so read-then-write transactions serialise instead of failing
		// with SQLITE_BUSY when they upgrade.
		db, err = gorm.Open(sqlite.Open(dsn+"?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate"), cfg)
	case Postgres:
		db, err = gorm.Open(postgres.Open(withConnectTimeout(dsn)), cfg)
	}
	if err != nil {
		return nil, "", fmt.Errorf("open %s database: %s", dialect, firstLine(err))
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, "", err
	}
	switch dialect {
	case Postgres:
		sqlDB.SetMaxOpenConns(25)
		sqlDB.SetMaxIdleConns(25)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	case SQLite:
		// note: database/sql keeps 2 idle connections by default; under
		// concurrent requests every other query then opened a new SQLite
		// connection (file, pragmas, schema, a cold page cache) and closed it.
		// Open connections stay unlimited, so a transaction that waits for
		// a second connection can never starve.
		sqlDB.SetMaxIdleConns(16)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(pingCtx); err != nil {
		_ = sqlDB.Close()
		return nil, "", fmt.Errorf("cannot reach %s database: %s", dialect, firstLine(err))
	}
	return db, dialect, nil
}

// DefaultConnectTimeout bounds each new PostgreSQL connection when the URL
// sets no connect_timeout. Without it, a database host that hangs or a
// network that drops packets holds every request that needs a new
// connection until the operating system gives up (minutes), instead of
// answering UNAVAILABLE.
const DefaultConnectTimeout = 5 * time.Second

// withConnectTimeout adds connect_timeout to a postgres:// URL that has none.
// note: the URL is appended to, never re-encoded: gorm's driver reads
// timezone= from the raw text, and "Pacific/Kiritimati" must stay as written.
func withConnectTimeout(dsn string) string {
	u, err := neturl.Parse(dsn)
	if err != nil || u.Query().Has("connect_timeout") {
		return dsn
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "connect_timeout=" + strconv.Itoa(int(DefaultConnectTimeout.Seconds()))
}

func firstLine(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}
