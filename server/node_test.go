package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// nodeSelection reads every Node type's id and one field of its own, so a
// wrong type or a mixed-up row shows.
const nodeSelection = `__typename id
	... on Organization { name } ... on User { email } ... on ApiKey { name prefix }
	... on Project { title } ... on AiModel { model } ... on Risk { name project { title } }
	... on AuditEvent { action actorId }`

// identities holds one object of every Node type, in the admin's organisation.
type identities struct {
	byType map[string]string // __typename → id
	// label is the field each type's selection shows, to check the right row came back.
	label map[string]string
}

func makeIdentities(t *testing.T, admin *client) identities {
	t.Helper()
	f := admin.fixture()
	keyID, _ := admin.createKey("identity key")
	userID := admin.createUser("identity@example.com", "VIEWER")
	who := admin.gql(`{ whoami { organization { id name } } auditLog(first: 1) { nodes { id action } } }`, nil).ok()
	events := who.get("auditLog", "nodes").([]any)
	event := events[0].(map[string]any)
	return identities{
		byType: map[string]string{
			"Organization": who.str("whoami", "organization", "id"),
			"User":         userID,
			"ApiKey":       keyID,
			"Project":      f.project,
			"AiModel":      f.model,
			"Risk":         f.risk,
			"AuditEvent":   event["id"].(string),
		},
		label: map[string]string{
			"Organization": who.str("whoami", "organization", "name"),
			"User":         "identity@example.com",
			"ApiKey":       "identity key",
			"Project":      secretTitle,
			"AiModel":      "internal-model",
			"Risk":         "Confidential risk",
			"AuditEvent":   event["action"].(string),
		},
	}
}

// node(id) and nodes(ids) return every type by its plain UUID; nodes keeps
// the order asked, repeats included, and answers null with NOT_FOUND at
// ["nodes", i] for what it cannot find; nothing else fails with it.
func TestNodeFindsEveryTypeByID(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		ids := makeIdentities(t, admin)
		var all []string
		for typ, id := range ids.byType {
			r := admin.gql(`query($id:ID!){ node(id:$id) { `+nodeSelection+` } }`, vars{"id": id}).ok()
			if r.str("node", "__typename") != typ || r.str("node", "id") != id || !strings.Contains(r.body, ids.label[typ]) {
				t.Errorf("node(%s) of a %s: %s", id, typ, r.body)
			}
			all = append(all, id)
		}

		missing := uuid.NewString()
		ask := append([]string{missing}, all...)
		ask = append(ask, uuid.NewString(), all[0])
		r := admin.gql(`query($ids:[ID!]!){ nodes(ids:$ids) { `+nodeSelection+` } }`, vars{"ids": ask})
		if r.status != 200 {
			t.Fatalf("nodes: %d %s", r.status, r.body)
		}
		got, _ := r.get("nodes").([]any)
		if len(got) != len(ask) {
			t.Fatalf("nodes answered %d entries for %d ids: %s", len(got), len(ask), r.body)
		}
		for i, id := range ask {
			n, _ := got[i].(map[string]any)
			if absent := i == 0 || i == len(ask)-2; absent != (n == nil) || (n != nil && n["id"] != id) {
				t.Errorf("nodes[%d] for %s: %v", i, id, got[i])
			}
		}
		wantPaths := map[string]bool{"nodes.0": true, fmt.Sprintf("nodes.%d", len(ask)-2): true}
		if len(r.Errors) != len(wantPaths) {
			t.Fatalf("want %d errors, got %s", len(wantPaths), r.body)
		}
		for _, e := range r.Errors {
			if path := fmt.Sprint(e.Path[0], ".", e.Path[1]); !wantPaths[path] || e.Extensions["code"] != "NOT_FOUND" {
				t.Errorf("error %v at %v, want NOT_FOUND at one of %v", e.Extensions["code"], e.Path, wantPaths)
			}
		}

		// An id that is no UUID is bad input, as in every other argument.
		r = admin.gql(`query($ids:[ID!]!){ nodes(ids:$ids) { id } }`, vars{"ids": []string{all[0], "not-a-uuid"}}).wantCode("BAD_USER_INPUT")
		if r.field() != "ids[1]" {
			t.Errorf("a malformed id: %s", r.body)
		}

		// Sizes: none is fine, more than 100 is refused before anything runs.
		admin.gql(`{ nodes(ids: []) { id } }`, nil).ok()
		many := make([]string, 101)
		for i := range many {
			many[i] = uuid.NewString()
		}
		r = admin.gql(`query($ids:[ID!]!){ nodes(ids:$ids) { id } }`, vars{"ids": many}).wantCode("BAD_USER_INPUT")
		if r.field() != "ids" || r.get("nodes") != nil {
			t.Fatalf("101 ids: %s", r.body)
		}
	})
}

// nodes(ids) costs one query per table, however many ids it is asked for,
// and the relations of the rows it returns are batched as in the lists.
func TestNodesIssueBoundedStatements(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		owner := admin.createUser("owner@example.com", "EDITOR")
		var projects, risks []string
		for i := 0; i < 30; i++ {
			p := admin.createProject(fmt.Sprint("P", i), vars{"ownerId": owner})
			projects = append(projects, p)
			risks = append(risks, admin.createRisk(p, fmt.Sprint("R", i), 2, 2))
		}
		counter := countStatements(t, s.app.db)
		query := `query($ids:[ID!]!){ nodes(ids:$ids) { id ... on Project { owner { name } } ... on Risk { project { title owner { name } } } } }`
		counts := map[int]int64{}
		for _, n := range []int{2, 60} {
			ids := append(append([]string{}, projects[:n/2]...), risks[:n/2]...)
			before := counter.Load()
			admin.gql(query, vars{"ids": ids}).ok()
			counts[n] = counter.Load() - before
		}
		t.Logf("nodes: %d statements for 2 ids, %d for 60", counts[2], counts[60])
		if counts[60] != counts[2] {
			t.Errorf("nodes issued %d statements for 2 ids and %d for 60: one per id somewhere", counts[2], counts[60])
		}
		// The session check, two tables (projects, then risks), the owners and
		// the risks' projects: far fewer than the 9 tables and relations.
		if counts[60] > 8 {
			t.Errorf("nodes issued %d statements", counts[60])
		}

		// The cost grows with the ids asked for, as a page's grows with first.
		one := admin.gql(`query($ids:[ID!]!){ nodes(ids:$ids) { id } }`, vars{"ids": projects[:1]}).ok()
		hundred := admin.gql(`query($ids:[ID!]!){ nodes(ids:$ids) { id } }`, vars{"ids": append(append(projects, risks...), projects...)[:90]}).ok()
		c1 := one.extensions()["cost"].(map[string]any)["requested"].(float64)
		c90 := hundred.extensions()["cost"].(map[string]any)["requested"].(float64)
		if c1 != 11 || c90 != 100 {
			t.Errorf("nodes cost %v for 1 id and %v for 90, want 11 and 100", c1, c90)
		}
	})
}

// node(id) is authorised exactly as the list of its type: a caller who may
// read the list gets the object, one who may not gets the list's FORBIDDEN,
// and an id of another organisation reads as one that does not exist, word
// for word.
func TestNodePermissionMatrix(t *testing.T) {
	onEachDB(t, func(c *config) { c.AllowSignup = true }, func(t *testing.T, s *testServer, admin *client) {
		ids := makeIdentities(t, admin)
		admin.createUser("editor@example.com", "EDITOR")
		admin.createUser("viewer@example.com", "VIEWER")
		_, rw := admin.createKey("read write")
		ro := admin.gql(`mutation{ createApiKey(input:{name:"read only", scope:READ_ONLY}) { secret } }`, nil).ok().str("createApiKey", "secret")
		// The list that shows each type; node must agree with it.
		lists := map[string]string{
			"Organization": `{ whoami { organization { id } } }`,
			"User":         `{ members(first: 100) { nodes { id } } }`,
			"ApiKey":       `{ apiKeys { id } }`,
			"Project":      `{ projects(first: 100) { nodes { id } } }`,
			"AiModel":      `{ aiModels(first: 100) { nodes { id } } }`,
			"Risk":         `{ risks(first: 100) { nodes { id } } }`,
			"AuditEvent":   `{ auditLog(first: 100) { nodes { id } } }`,
		}
		other := s.otherOrg()
		callers := []struct {
			name string
			c    *client
			// want is the code node(id of typ) answers; "" for the object.
			want func(typ string) string
		}{
			{"ADMIN", admin, func(string) string { return "" }},
			{"EDITOR", s.login("editor@example.com", "password-EDITOR"), adminOnly},
			{"VIEWER", s.login("viewer@example.com", "password-VIEWER"), adminOnly},
			{"READ_WRITE key", s.bearer(rw), adminOnly},
			{"READ_ONLY key", s.bearer(ro), adminOnly},
			{"other organisation's admin", other, func(string) string { return "NOT_FOUND" }},
			{"anonymous", s.anon(), func(string) string { return "UNAUTHENTICATED" }},
		}
		notFound := other.gql(`query($id:ID!){ node(id:$id) { id } }`, vars{"id": "00000000-0000-4000-8000-000000000000"}).wantCode("NOT_FOUND")
		var scenarios []scenario
		for _, c := range callers {
			for typ, id := range ids.byType {
				want := c.want(typ)
				// What the list says for this caller: an error code, or
				// whether the id is among its rows.
				list := c.c.gql(lists[typ], nil)
				switch listed := strings.Contains(list.body, id); {
				case list.code() != "" && list.code() != want:
					t.Errorf("%s: the list of %s answers %s, the matrix says %q", c.name, typ, list.code(), want)
				case want == "" && !listed, want == "NOT_FOUND" && listed:
					t.Errorf("%s: the list of %s disagrees with the matrix (%q): %s", c.name, typ, want, list.body)
				}
				sc := scenario{
					name: c.name + "/" + typ, as: c.c, query: `query($id:ID!){ node(id:$id) { ` + nodeSelection + ` } }`,
					vars: vars{"id": id}, code: want,
				}
				if want == "" {
					sc.want = []string{ids.label[typ]}
				} else {
					sc.forbid = []string{ids.label[typ]}
					sc.after = func(t *testing.T, r *response) {
						noData(t, r)
						// Another organisation's object and no object at all read the same.
						if want == "NOT_FOUND" && strings.ReplaceAll(r.Errors[0].Message, id, "X") !=
							strings.ReplaceAll(notFound.Errors[0].Message, "00000000-0000-4000-8000-000000000000", "X") {
							t.Errorf("another organisation's %s reads differently from a missing id: %s", typ, r.body)
						}
					}
				}
				scenarios = append(scenarios, sc)
			}
		}
		runScenarios(t, scenarios)
	})
}

// adminOnly is the matrix row of every caller below an Admin session: API
// keys and audit events are FORBIDDEN, as their lists are.
func adminOnly(typ string) string {
	if typ == "ApiKey" || typ == "AuditEvent" {
		return "FORBIDDEN"
	}
	return ""
}
