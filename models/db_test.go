package models

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

func TestWithConnectTimeout(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u:p%40ss@db:5432/kw?sslmode=disable&timezone=Pacific/Kiritimati": "postgres://u:p%40ss@db:5432/kw?sslmode=disable&timezone=Pacific/Kiritimati&connect_timeout=5",
		"postgres://db/kw?connect_timeout=30":                                        "postgres://db/kw?connect_timeout=30",
		"postgresql://db/kw":                                                         "postgresql://db/kw?connect_timeout=5",
	} {
		if got := withConnectTimeout(in); got != want {
			t.Errorf("withConnectTimeout(%q) = %q, want %q", in, got, want)
		}
	}
}

// SQLite keeps the connections that concurrent requests opened, instead of
// closing all but database/sql's default two and opening them again on the
// next burst.
func TestSQLiteKeepsConcurrentConnections(t *testing.T) {
	db, _, err := Connect(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "keyward.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer Close(db)
	sqlDB, _ := db.DB()
	const n = 12
	conns := make([]*sql.Conn, n)
	for i := range conns {
		if conns[i], err = sqlDB.Conn(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range conns {
		_ = c.Close() // back to the pool
	}
	if s := sqlDB.Stats(); s.MaxIdleClosed != 0 || s.Idle != n {
		t.Errorf("after %d concurrent connections: %d idle, %d closed for the idle limit; want all %d kept", n, s.Idle, s.MaxIdleClosed, n)
	}
}
