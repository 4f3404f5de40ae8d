package main

import (
	"strings"
	"testing"

	"github.com/google/uuid"
)

// mutations lists every governance mutation with variables for a fixture.
var mutations = []struct {
	name  string
	query string
	vars  func(f fixture) vars
	// creates is true for mutations that make a new object: another
	// organisation may make its own, but may not attach it to ours.
	creates bool
}{
	{"createProject", `mutation{ createProject(input:{title:"New"}) { project { id title } } }`, func(fixture) vars { return nil }, true},
	{"updateProject", `mutation($id:ID!){ updateProject(input:{id:$id, status:CLOSED}) { project { id title } } }`, func(f fixture) vars { return vars{"id": f.project} }, false},
	{"deleteProject", `mutation($id:ID!){ deleteProject(input:{id:$id}) { deletedProjectId } }`, func(f fixture) vars { return vars{"id": f.project} }, false},
	{"createAiModel", `mutation($v:String!){ createAiModel(input:{provider:"P", model:"M", version:$v}) { aiModel { id } } }`, func(fixture) vars { return vars{"v": uuid.NewString()} }, true},
	{"upsertAiModel", `mutation{ upsertAiModel(input:{provider:"Secret", model:"internal-model", version:"1", status:BLOCKED}) { created aiModel { id projects { title } } } }`, func(fixture) vars { return nil }, true},
	{"updateAiModel", `mutation($id:ID!){ updateAiModel(input:{id:$id, status:APPROVED}) { aiModel { id provider } } }`, func(f fixture) vars { return vars{"id": f.model} }, false},
	{"deleteAiModel", `mutation($id:ID!){ deleteAiModel(input:{id:$id}) { deletedAiModelId } }`, func(f fixture) vars { return vars{"id": f.model} }, false},
	{"createRisk", `mutation($p:ID!){ createRisk(input:{projectId:$p, name:"New risk", likelihood:1, severity:1}) { risk { id project { title } } } }`, func(f fixture) vars { return vars{"p": f.project} }, false},
	{"updateRisk", `mutation($id:ID!){ updateRisk(input:{id:$id, severity:5}) { risk { id name } } }`, func(f fixture) vars { return vars{"id": f.risk} }, false},
	{"deleteRisk", `mutation($id:ID!){ deleteRisk(input:{id:$id}) { deletedRiskId } }`, func(f fixture) vars { return vars{"id": f.risk} }, false},
}

func TestGovernancePermissionMatrix(t *testing.T) {
	onEachDB(t, func(c *config) { c.AllowSignup = true }, func(t *testing.T, s *testServer, admin *client) {
		admin.createUser("editor@example.com", "EDITOR")
		admin.createUser("viewer@example.com", "VIEWER")
		editor := s.login("editor@example.com", "password-EDITOR")
		viewer := s.login("viewer@example.com", "password-VIEWER")
		_, rw := admin.createKey("read write")
		r := admin.gql(`mutation{ createApiKey(input:{name:"read only", scope:READ_ONLY}) { secret apiKey { scope } } }`, nil).ok()
		if r.str("createApiKey", "apiKey", "scope") != "READ_ONLY" {
			t.Fatalf("scope: %s", r.body)
		}
		ro := r.str("createApiKey", "secret")
		otherAdmin := s.otherOrg()
		_, otherSecret := otherAdmin.createKey("globex key")

		callers := []struct {
			name string
			c    *client
			// want is "" for success, else the error code.
			want string
			// other is true for another organisation's callers.
			other bool
		}{
			{"ADMIN", admin, "", false},
			{"EDITOR", editor, "", false},
			{"VIEWER", viewer, "FORBIDDEN", false},
			{"READ_WRITE key", s.bearer(rw), "", false},
			{"READ_ONLY key", s.bearer(ro), "FORBIDDEN", false},
			{"anonymous", s.anon(), "UNAUTHENTICATED", false},
			{"other organisation's admin", otherAdmin, "NOT_FOUND", true},
			{"other organisation's key", s.bearer(otherSecret), "NOT_FOUND", true},
		}
		var scenarios []scenario
		for _, m := range mutations {
			for _, c := range callers {
				var f fixture
				sc := scenario{name: m.name + "/" + c.name, as: c.c, query: m.query, code: c.want,
					prepare: func(*testing.T) vars { f = admin.fixture(); return m.vars(f) }}
				if c.other && (m.creates || strings.HasPrefix(m.name, "delete")) {
					// Creates make their own organisation's object; a delete
					// of our id answers like one of a deleted id (success,
					// nothing leaks), and the check below proves ours survives.
					sc.code = ""
				}
				switch {
				case c.other && m.name == "createRisk":
					sc.code, sc.field = "BAD_USER_INPUT", "projectId"
				case c.name == "VIEWER":
					sc.want = []string{"Editor role"}
				case c.name == "READ_ONLY key":
					sc.want = []string{"read-only (scope READ_ONLY)"}
				}
				if c.other {
					sc.forbid = []string{"Confidential"}
				}
				// Refused writes change nothing.
				if sc.code != "" || c.other {
					sc.after = func(t *testing.T, _ *response) {
						g := admin.gql(`query($p:ID!,$m:ID!,$r:ID!){ project(id:$p) { status } aiModel(id:$m) { status } risk(id:$r) { severity } }`,
							vars{"p": f.project, "m": f.model, "r": f.risk}).ok()
						if g.str("project", "status") != "NOT_STARTED" || g.str("aiModel", "status") != "PENDING" || g.get("risk", "severity") != float64(3) {
							t.Fatalf("a refused %s changed data: %s", m.name, g.body)
						}
					}
				}
				scenarios = append(scenarios, sc)
			}
		}
		runScenarios(t, scenarios)

		// Reads: every role and both scopes; never across organisations.
		f := admin.fixture()
		read := `query($p:ID!,$m:ID!,$r:ID!){ project(id:$p) { title } aiModel(id:$m) { model } risk(id:$r) { name }
			projects { totalCount } aiModels { totalCount } risks { totalCount } }`
		v := vars{"p": f.project, "m": f.model, "r": f.risk}
		for _, c := range callers[:5] {
			r := c.c.gql(read, v).ok()
			if r.str("project", "title") != secretTitle {
				t.Fatalf("%s read: %s", c.name, r.body)
			}
		}
		s.anon().gql(read, v).wantCode("UNAUTHENTICATED")
		for _, c := range callers[6:] {
			var reads []scenario
			for _, q := range []struct{ name, query, id string }{
				{"project", `query($id:ID!){ project(id:$id) { title } }`, f.project},
				{"aiModel", `query($id:ID!){ aiModel(id:$id) { model } }`, f.model},
				{"risk", `query($id:ID!){ risk(id:$id) { name } }`, f.risk},
			} {
				reads = append(reads, scenario{name: c.name + "/" + q.name, as: c.c, query: q.query, vars: vars{"id": q.id},
					code: "NOT_FOUND", forbid: []string{"Confidential", "internal-model"}})
			}
			runScenarios(t, reads)
			lists := c.c.gql(`{ projects { nodes { id title } } aiModels { nodes { id model } } risks(filter:{search:"confidential"}) { nodes { name } } }`, nil).ok()
			if strings.Contains(lists.body, "Confidential") || strings.Contains(lists.body, f.model) || strings.Contains(lists.body, f.project) {
				t.Fatalf("%s lists show our data: %s", c.name, lists.body)
			}
			// Filtering by our ids finds nothing either.
			byID := c.c.gql(`query($p:ID){ risks(filter:{projectId:$p}) { totalCount } aiModels(filter:{projectId:$p}) { totalCount } }`, vars{"p": f.project}).ok()
			if byID.get("risks", "totalCount") != float64(0) || byID.get("aiModels", "totalCount") != float64(0) {
				t.Fatalf("%s: %s", c.name, byID.body)
			}
		}
	})
}

func TestAPIKeyScope(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		_, rw := admin.createKey("default scope")
		r := admin.gql(`mutation{ createApiKey(input:{name:"exporter", scope:READ_ONLY}) { secret apiKey { scope } } }`, nil).ok()
		ro := r.str("createApiKey", "secret")
		list := admin.gql(`{ apiKeys { name scope } }`, nil).ok()
		if !strings.Contains(list.body, `{"name":"exporter","scope":"READ_ONLY"}`) || !strings.Contains(list.body, `{"name":"default scope","scope":"READ_WRITE"}`) {
			t.Fatalf("list: %s", list.body)
		}
		who := s.bearer(ro).gql(`{ whoami { kind apiKey { name scope } } }`, nil).ok()
		if who.str("whoami", "apiKey", "scope") != "READ_ONLY" {
			t.Fatalf("whoami: %s", who.body)
		}
		if s.bearer(rw).gql(`{ whoami { apiKey { scope } } }`, nil).ok().str("whoami", "apiKey", "scope") != "READ_WRITE" {
			t.Fatal("default scope is not READ_WRITE")
		}
		admin.gql(`mutation{ createApiKey(input:{name:"bad scope", scope:ADMIN}) { secret } }`, nil).wantCode("GRAPHQL_VALIDATION_FAILED")
		admin.gql(`mutation($s:ApiKeyScope){ createApiKey(input:{name:"bad scope", scope:$s}) { secret } }`, vars{"s": "WRITE_ONLY"}).wantCode("BAD_USER_INPUT")
		// Neither scope reaches admin fields.
		for _, k := range []string{rw, ro} {
			s.bearer(k).gql(`{ apiKeys { id } }`, nil).wantCode("FORBIDDEN")
			s.bearer(k).gql(`mutation{ createApiKey(input:{name:"escalate"}) { secret } }`, nil).wantCode("FORBIDDEN")
		}
	})
}
