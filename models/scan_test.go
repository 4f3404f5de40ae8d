package models_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"keyward/internal/testdb"
	. "keyward/models"
)

// FindAll (findAll) must read every stored field exactly as GORM's Find does, for
// every model a list returns, with optional fields both set and null.
func TestFindAllReadsWhatFindReads(t *testing.T) {
	testdb.ForEachMigrated(t, func(t *testing.T, db *gorm.DB) {
		org := &Organization{ID: uuid.NewString(), Name: "Scan org"}
		must(t, db.Create(org).Error)
		at := time.Date(2026, 3, 4, 5, 6, 7, 123456000, time.UTC)
		owner := &User{OrganizationID: org.ID, Email: "o@example.com", Name: "Owner", Role: "ADMIN", PasswordHash: "x", CreatedAt: at, UpdatedAt: at}
		must(t, db.Create(owner).Error)
		prov := Provenance{CreatedByKind: PrincipalUser, CreatedByID: owner.ID, CreatedByName: "Owner"}
		class, day := RiskClassification("HIGH"), Date("2026-01-31")
		full := &Project{ID: uuid.NewString(), OrganizationID: org.ID, Title: "Full", TitleKey: "full", OwnerID: &owner.ID,
			Goal: "g", Description: "d", RiskClassification: &class, Status: ProjectNotStarted, StartDate: &day,
			Provenance: prov, CreatedAt: at, UpdatedAt: at.Add(time.Second)}
		bare := &Project{ID: uuid.NewString(), OrganizationID: org.ID, Title: "Bare", TitleKey: "bare", Status: ProjectNotStarted,
			Provenance: prov, CreatedAt: at.Add(time.Minute), UpdatedAt: at.Add(time.Minute)}
		must(t, db.Create(full).Error)
		must(t, db.Create(bare).Error)
		phase := LifecyclePhase("DESIGN")
		must(t, db.Create(&Risk{ID: uuid.NewString(), OrganizationID: org.ID, ProjectID: full.ID, Name: "R", NameKey: "r", OwnerID: &owner.ID,
			LifecyclePhase: &phase, Likelihood: 2, Severity: 3, MitigationStatus: "NOT_STARTED", MitigationPlan: "p", Deadline: &day,
			Provenance: prov, CreatedAt: at, UpdatedAt: at}).Error)
		must(t, db.Create(&Risk{ID: uuid.NewString(), OrganizationID: org.ID, ProjectID: bare.ID, Name: "S", NameKey: "s",
			Likelihood: 1, Severity: 1, MitigationStatus: "NOT_STARTED", Provenance: prov, CreatedAt: at, UpdatedAt: at}).Error)
		must(t, db.Create(&AIModel{ID: uuid.NewString(), OrganizationID: org.ID, Provider: "P", Model: "M", Version: "1",
			ProviderKey: "p", ModelKey: "m", VersionKey: "1", ApproverID: &owner.ID, Status: "APPROVED", StatusDate: &day,
			Provenance: prov, CreatedAt: at, UpdatedAt: at}).Error)
		must(t, db.Create(&AuditEvent{ID: uuid.NewString(), OrganizationID: org.ID, ActorKind: PrincipalUser, ActorID: owner.ID, ActorName: "Owner",
			Action: AuditProjectCreated, TargetType: "Project", TargetID: full.ID, TargetName: "Full", Detail: "detail", CreatedAt: at}).Error)

		sameRows[Project](t, db.Model(&Project{}).Order("created_at"), 2)
		sameRows[Risk](t, db.Model(&Risk{}).Order("created_at, name"), 2)
		sameRows[AIModel](t, db.Model(&AIModel{}), 1)
		sameRows[User](t, db.Where("organization_id = ?", org.ID), 1)
		sameRows[AuditEvent](t, db.Model(&AuditEvent{}), 1)
		sameRows[Organization](t, db.Model(&Organization{}), 1)

		ip, agent, note, prev := "2001:db8::1", "curl/8", "leaked in a gist", strings.Repeat("b", 64)
		later := at.Add(time.Hour)
		must(t, db.Create(&APIKey{ID: uuid.NewString(), OrganizationID: org.ID, Name: "Full", NameKey: "full", Prefix: "kw_abc",
			SecretHash: strings.Repeat("a", 64), CreatedByID: &owner.ID, CreatedAt: at, ExpiresAt: later, LastUsedAt: &later,
			LastUsedIP: &ip, LastUsedUserAgent: &agent, Scope: "READ_ONLY", PreviousSecretHash: &prev, PreviousSecretUntil: &later,
			RotatedAt: &at, RevokedAt: &later, RevocationNote: &note}).Error)
		must(t, db.Create(&APIKey{ID: uuid.NewString(), OrganizationID: org.ID, Name: "Bare", NameKey: "bare", Prefix: "kw_def",
			SecretHash: strings.Repeat("c", 64), CreatedAt: at.Add(time.Minute), ExpiresAt: later, Scope: "READ_WRITE"}).Error)
		sameRows[APIKey](t, db.Model(&APIKey{}).Order("created_at"), 2)
	})
}

func sameRows[S any, T interface{ *S }](t *testing.T, q *gorm.DB, n int) {
	t.Helper()
	var want []T
	must(t, q.Session(&gorm.Session{}).Find(&want).Error)
	got, err := FindAll[S, T](q.Session(&gorm.Session{}))
	must(t, err)
	if len(want) != n || !reflect.DeepEqual(got, want) {
		t.Fatalf("%T: findAll read\n%+v\nFind read (%d rows, want %d)\n%+v", *new(S), values[S](got), len(want), n, values[S](want))
	}
}

func values[S any, T interface{ *S }](rows []T) []S {
	out := make([]S, len(rows))
	for i, r := range rows {
		out[i] = *r
	}
	return out
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
