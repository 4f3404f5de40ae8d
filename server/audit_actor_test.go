package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"keyward/models"
)

// createProjectAs writes a project as the actor straight through models, for
// actors no HTTP client can be (the command line, many distinct users).
func createProjectAs(t *testing.T, s *testServer, actor models.Actor, title string) {
	t.Helper()
	_, err := models.CreateProject(context.Background(), s.app.db, s.adminOrg(t),
		models.ProjectFields{Title: models.Opt[string]{Set: true, Value: &title}}, actor)
	if err != nil {
		t.Fatal(err)
	}
}

// AuditEvent.actor says who acted, for each kind of actor; its user is the
// account while it exists. The deprecated actorKind/actorId/actorName say
// the same until they are removed.
func TestAuditEventActor(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		adminID := admin.gql(`{ me { id } }`, nil).ok().str("me", "id")
		keyID, secret := admin.createKey("actor key")
		s.bearer(secret).createProject("By a key")
		admin.createProject("By the admin")
		if _, err := models.CreateUser(context.Background(), s.app.db, s.adminOrg(t), models.NewUserInput{
			Email: "cli@example.com", Name: "From the CLI", Password: "password-cli", Role: models.RoleViewer,
		}, models.CommandLineActor("ops@host")); err != nil {
			t.Fatal(err)
		}
		editorID := admin.createUser("leaver@example.com", "EDITOR")
		s.login("leaver@example.com", "password-EDITOR").createProject("By a leaver")
		admin.gql(`mutation($id:ID!){ deleteUser(input:{id:$id}) { deletedUserId } }`, vars{"id": editorID}).ok()

		r := admin.gql(`{ auditLog(first: 100, filter: {action: [PROJECT_CREATED, USER_CREATED]}) { nodes {
			targetName actor { kind id name user { id email } } actorKind actorId actorName } } }`, nil).ok()
		want := map[string]struct{ kind, id, name, userID string }{
			"By a key":           {"API_KEY", keyID, "actor key", ""},
			"By the admin":       {"USER", adminID, adminEmail, adminID},
			"cli@example.com":    {"COMMAND_LINE", "command-line", "Command line (ops@host)", ""},
			"leaver@example.com": {"USER", adminID, adminEmail, adminID},
			"By a leaver":        {"USER", editorID, "leaver@example.com", ""}, // removed since: no user
		}
		nodes := r.get("auditLog", "nodes").([]any)
		if len(nodes) != len(want) {
			t.Fatalf("want %d events, got %s", len(want), r.body)
		}
		for _, n := range nodes {
			e := n.(map[string]any)
			w, ok := want[e["targetName"].(string)]
			a := e["actor"].(map[string]any)
			if !ok || a["kind"] != w.kind || a["id"] != w.id || a["name"] != w.name {
				t.Errorf("%s: actor %v, want %+v", e["targetName"], a, w)
			}
			user, _ := a["user"].(map[string]any)
			if (w.userID == "") != (user == nil) || (user != nil && (user["id"] != w.userID || user["email"] != w.name)) {
				t.Errorf("%s: actor.user %v, want %q", e["targetName"], a["user"], w.userID)
			}
			if e["actorKind"] != a["kind"] || e["actorId"] != a["id"] || e["actorName"] != a["name"] {
				t.Errorf("%s: the deprecated fields disagree with actor: %v", e["targetName"], e)
			}
		}

		// The same Actor is createdBy, readable with its user by any key.
		got := s.bearer(secret).gql(`{ projects(first: 100) { nodes { title createdBy { kind user { email } } } } }`, nil).ok()
		if !strings.Contains(got.body, `{"title":"By the admin","createdBy":{"kind":"USER","user":{"email":"`+adminEmail+`"}}}`) ||
			!strings.Contains(got.body, `{"title":"By a key","createdBy":{"kind":"API_KEY","user":null}}`) {
			t.Errorf("createdBy.user: %s", got.body)
		}
	})
}

// The old actor fields are deprecated, with the reason, and still served.
func TestActorFieldsAreDeprecated(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	r := s.anon().gql(`{ __type(name: "AuditEvent") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }`, nil).ok()
	deprecated := map[string]bool{}
	for _, f := range r.get("__type", "fields").([]any) {
		m := f.(map[string]any)
		if m["isDeprecated"] == true {
			if m["deprecationReason"] != "Use actor." {
				t.Errorf("%s: reason %v", m["name"], m["deprecationReason"])
			}
			deprecated[m["name"].(string)] = true
		}
	}
	if fmt.Sprint(deprecated) != "map[actorId:true actorKind:true actorName:true]" {
		t.Errorf("deprecated AuditEvent fields: %v", deprecated)
	}
}

// actor.user over a page of events from many people is one batch of users,
// not one query per actor.
func TestAuditActorUsersAreBatched(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		for i := 0; i < 30; i++ {
			email := fmt.Sprintf("actor%d@example.com", i)
			id := admin.createUser(email, "EDITOR")
			createProjectAs(t, s, models.Actor{Kind: "USER", ID: id, Name: email}, fmt.Sprint("P", i))
		}
		counter := countStatements(t, s.app.db)
		counts := map[int]int64{}
		for _, n := range []int{2, 60} {
			before := counter.Load()
			r := admin.gql(`query($n:Int){ auditLog(first: $n) { nodes { actor { user { email } } } } }`, vars{"n": n}).ok()
			counts[n] = counter.Load() - before
			if strings.Count(r.body, `"email"`) != n {
				t.Fatalf("want %d actors with a user: %s", n, r.body)
			}
		}
		t.Logf("auditLog with actor.user: %d statements for 2 events, %d for 60", counts[2], counts[60])
		if counts[60] != counts[2] {
			t.Errorf("%d statements for 2 events, %d for 60: one per actor somewhere", counts[2], counts[60])
		}
	})
}

// The command line can create every governance row: its kind, COMMAND_LINE,
// is longer than the kinds of the first release, so created_by_kind must be
// wide enough for it (PostgreSQL enforces varchar lengths).
func TestCommandLineActorCreatesGovernanceRows(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		ctx, org, cli := context.Background(), s.adminOrg(t), models.CommandLineActor("ops@host")
		set := func(v string) models.Opt[string] { return models.Opt[string]{Set: true, Value: &v} }
		three := 3
		p, err := models.CreateProject(ctx, s.app.db, org, models.ProjectFields{Title: set("From the CLI")}, cli)
		if err != nil {
			t.Fatalf("project: %v", err)
		}
		if _, err := models.CreateAIModel(ctx, s.app.db, org, models.AIModelFields{
			Provider: set("Acme"), Model: set("cli-model"), Version: set("1")}, cli); err != nil {
			t.Fatalf("model: %v", err)
		}
		if _, err := models.CreateRisk(ctx, s.app.db, org, models.RiskFields{ProjectID: set(p.ID), Name: set("CLI risk"),
			Likelihood: models.Opt[int]{Set: true, Value: &three}, Severity: models.Opt[int]{Set: true, Value: &three}}, cli); err != nil {
			t.Fatalf("risk: %v", err)
		}
		r := admin.gql(`{ projects(first: 10) { nodes { createdBy { kind name } } }
			aiModels(first: 10) { nodes { createdBy { kind name } } }
			risks(first: 10) { nodes { createdBy { kind name } } } }`, nil).ok()
		if n := strings.Count(r.body, `{"createdBy":{"kind":"COMMAND_LINE","name":"Command line (ops@host)"}}`); n != 3 {
			t.Errorf("want 3 rows created by the command line, got %d: %s", n, r.body)
		}
	})
}
