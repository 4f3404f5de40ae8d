package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"keyward/models"
)

// fixtureTables are every table release cd78cde had, with their ordering keys.
var fixtureTables = map[string]string{
	"organizations": "id", "users": "id", "sessions": "id", "api_keys": "id", "audit_events": "id",
	"projects": "id", "ai_models": "id", "ai_model_projects": "ai_model_id, project_id", "risks": "id",
}

// fixtureSecrets are the passwords and keys scripts/make-fixtures.sh used.
type fixtureSecrets struct {
	Password string `json:"password"`
	Keys     struct {
		ReadWrite string `json:"readWrite"`
		ReadOnly  string `json:"readOnly"`
		Expired   string `json:"expired"`
	} `json:"keys"`
}

// loadFixture puts release cd78cde's database (made by scripts/make-fixtures.sh)
// where dbURL points, unmigrated, and returns the secrets it was made with.
func loadFixture(t *testing.T, dbURL string) fixtureSecrets {
	t.Helper()
	var all map[string]fixtureSecrets
	raw, err := os.ReadFile("testdata/fixtures/cd78cde.secrets.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &all); err != nil {
		t.Fatal(err)
	}
	if path, ok := strings.CutPrefix(dbURL, "sqlite:"); ok {
		db, err := os.ReadFile("testdata/fixtures/cd78cde.sqlite")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, db, 0o600); err != nil {
			t.Fatal(err)
		}
		return all["sqlite"]
	}
	dump, err := os.ReadFile("testdata/fixtures/cd78cde.postgres.sql")
	if err != nil {
		t.Fatal(err)
	}
	schema := pgSchema(t, dbURL)
	sql := regexp.MustCompile(`\bpublic\.`).ReplaceAllString(string(dump), schema+".")
	// note: its own connection, because the dump empties search_path.
	db, err := gorm.Open(postgres.Open(dbURL), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	defer models.Close(db)
	if err := db.Exec(sql).Error; err != nil {
		t.Fatalf("load the PostgreSQL fixture: %v", err)
	}
	return all["postgres"]
}

func pgSchema(t *testing.T, dbURL string) string {
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("search_path")
}

// snapshot is every row of every fixture table, in a stable order.
func snapshot(t *testing.T, db *gorm.DB) map[string][]map[string]any {
	t.Helper()
	out := map[string][]map[string]any{}
	for table, order := range fixtureTables {
		var rows []map[string]any
		if err := db.Raw("SELECT * FROM " + table + " ORDER BY " + order).Scan(&rows).Error; err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		if len(rows) == 0 {
			t.Fatalf("the fixture has no rows in %s: regenerate it with scripts/make-fixtures.sh", table)
		}
		out[table] = rows
	}
	return out
}

// sameRows reports whether every row and every column of before is in after
// unchanged; columns that steps added are not compared.
func sameRows(before, after []map[string]any) bool {
	if len(before) != len(after) {
		return false
	}
	for i, row := range before {
		for col, v := range row {
			a, _ := json.Marshal(v)
			b, _ := json.Marshal(after[i][col])
			if _, ok := after[i][col]; !ok || string(a) != string(b) {
				return false
			}
		}
	}
	return true
}

// A database made by the last release before versioned migrations adopts the
// baseline and every later step without losing or changing a row, and the
// product then works on it: people sign in, keys authenticate, the expired
// key stays expired.
func TestReleaseFixtureMigratesWithoutLoss(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		secrets := loadFixture(t, dbURL)
		ctx := context.Background()
		db, _, err := models.Connect(ctx, dbURL)
		if err != nil {
			t.Fatal(err)
		}
		before := snapshot(t, db)
		// note: new connections, because PostgreSQL refuses a cached
		// "SELECT *" plan once a step has added columns.
		models.Close(db)
		if db, _, err = models.Connect(ctx, dbURL); err != nil {
			t.Fatal(err)
		}
		if err := models.MigrateAndThen(ctx, db, nil); err != nil {
			t.Fatalf("migrate the release's database: %v", err)
		}
		after := snapshot(t, db)
		for table := range fixtureTables {
			if !sameRows(before[table], after[table]) {
				t.Errorf("migration changed %s:\nbefore %v\nafter  %v", table, before[table], after[table])
			}
		}
		steps, err := models.MigrationStatus(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range steps {
			if s.AppliedAt == nil {
				t.Errorf("step %s was not applied", s.Name)
			}
		}
		// The migrated release database has the same schema as a new one.
		wantModelsMatch(t, db)
		models.Close(db)

		s := newServer(t, dbURL, func(c *config) { c.AdminEmail, c.AdminPassword = "", "" })
		for _, email := range []string{"admin@acme.test", "edith@acme.test", "victor@acme.test", "hank@globex.test"} {
			s.login(email, secrets.Password)
		}
		if r := s.login("admin@acme.test", secrets.Password).gql(`{ apiKeys { name status } auditEvents { action } }`, nil).ok(); !strings.Contains(r.body, `"Old laptop","status":"EXPIRED"`) ||
			!strings.Contains(r.body, `USER_ROLE_CHANGED`) || !strings.Contains(r.body, `RISK_CREATED`) {
			t.Errorf("keys or audit trail after migration: %s", r.body)
		}
		if r := s.bearer(secrets.Keys.ReadWrite).gql(`mutation{ createProject(input:{title:"after upgrade"}) { project { id } } }`, nil); r.code() != "" {
			t.Errorf("read-write key after migration: %s", r.body)
		}
		if r := s.bearer(secrets.Keys.ReadOnly).gql(`mutation{ createProject(input:{title:"nope"}) { project { id } } }`, nil); r.code() != "FORBIDDEN" {
			t.Errorf("read-only key kept its scope? %s", r.body)
		}
		if r := s.bearer(secrets.Keys.Expired).gql(`{ whoami { kind } }`, nil); r.status != http.StatusUnauthorized || !strings.Contains(r.body, "expired") {
			t.Errorf("expired key after migration: %d %s", r.status, r.body)
		}
		if r := s.login("victor@acme.test", secrets.Password).gql(`{ projects { totalCount } }`, nil).ok(); !strings.Contains(r.body, `"totalCount":4`) {
			t.Errorf("Acme's projects after migration (3 from the fixture, 1 just made): %s", r.body)
		}
	})
}

// ddlRecorder keeps every schema-changing statement GORM sends.
type ddlRecorder struct {
	logger.Interface
	mu    sync.Mutex
	stmts []string
}

func (r *ddlRecorder) Trace(_ context.Context, _ time.Time, fc func() (string, int64), _ error) {
	sql, _ := fc()
	word := strings.ToUpper(strings.Fields(sql + " x")[0])
	if word == "CREATE" || word == "ALTER" || word == "DROP" {
		r.mu.Lock()
		r.stmts = append(r.stmts, sql)
		r.mu.Unlock()
	}
}

// The migration steps and the Go models describe the same schema: after the
// steps, GORM finds nothing to add. A model change without a step fails here.
func TestMigrationStepsMatchTheModels(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL)
		wantModelsMatch(t, s.app.db)
	})
}

// wantModelsMatch fails when GORM's AutoMigrate would still change db.
func wantModelsMatch(t *testing.T, db *gorm.DB) {
	t.Helper()
	autoMigrate := func() []string {
		rec := &ddlRecorder{Interface: logger.Discard}
		if err := db.Session(&gorm.Session{Logger: rec}).AutoMigrate(models.Tables()...); err != nil {
			t.Fatal(err)
		}
		return rec.stmts
	}
	// note: GORM re-sends some statements on every run whatever the schema
	// (char(n) columns on PostgreSQL); only what a second run no longer
	// sends was a real difference.
	first, again := autoMigrate(), strings.Join(autoMigrate(), "\n")
	var missing []string
	for _, stmt := range first {
		if !strings.Contains(again, stmt) {
			missing = append(missing, stmt)
		}
	}
	if len(missing) > 0 {
		t.Errorf("the models need schema changes that no migration step makes; add a step in models/migrations:\n%s", strings.Join(missing, "\n"))
	}
}

// Four replicas started at the same instant on an empty PostgreSQL database,
// as an orchestrator does: all become ready, the schema is migrated once, and
// there is one organisation with one admin.
func TestReplicasStartingTogether(t *testing.T) {
	dbURL := postgresURL(t)
	bin := keywardBinary(t)
	const replicas = 4
	var wg sync.WaitGroup
	procs := make([]*serverProcess, replicas)
	for i := range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			procs[i] = startProcess(t, bin, []string{"KEYWARD_DATABASE_URL=" + dbURL,
				"KEYWARD_ADMIN_EMAIL=first@example.com", "KEYWARD_ADMIN_PASSWORD=first-admin-pw", "KEYWARD_ORG_NAME=Together"})
		}()
	}
	wg.Wait()
	for i, p := range procs {
		if p.err != nil {
			t.Fatalf("replica %d did not start: %v\n%s", i, p.err, p.output())
		}
		res, err := http.Get(p.url + "/readyz")
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("replica %d is not ready: %v %v", i, err, res)
		}
		res.Body.Close()
	}
	db, _, err := models.Connect(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer models.Close(db)
	var orgs, users, steps int64
	db.Raw("SELECT count(*) FROM organizations").Scan(&orgs)
	db.Raw("SELECT count(*) FROM users WHERE role = 'ADMIN'").Scan(&users)
	db.Raw("SELECT count(*) FROM " + models.MigrationTable + " WHERE version_id > 0").Scan(&steps)
	if orgs != 1 || users != 1 {
		t.Fatalf("%d organisations and %d admins, want 1 and 1", orgs, users)
	}
	list, _ := models.MigrationStatus(context.Background(), db)
	if steps != int64(len(list)) {
		t.Fatalf("%d steps recorded for %d steps: some ran twice", steps, len(list))
	}
}

// Migrating a migrated database does nothing, and status lists every step.
func TestMigrateTwiceAndStatus(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		ctx := context.Background()
		db, _, err := models.Open(ctx, dbURL)
		if err != nil {
			t.Fatal(err)
		}
		defer models.Close(db)
		if err := models.MigrateAndThen(ctx, db, nil); err != nil {
			t.Fatal(err)
		}
		steps, err := models.MigrationStatus(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if len(steps) == 0 || steps[0].Version != 1 || !strings.Contains(steps[0].Name, "baseline") {
			t.Fatalf("steps: %+v", steps)
		}
		var recorded int64
		db.Raw("SELECT count(*) FROM " + models.MigrationTable + " WHERE version_id > 0").Scan(&recorded)
		if recorded != int64(len(steps)) {
			t.Fatalf("%d recorded, %d steps", recorded, len(steps))
		}
	})
}
