package main

import (
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"keyward/graph"
	"keyward/models"
)

// publicFields are the root fields without @hasRole, each with the reason it
// needs none. Every other Query and Mutation field must carry @hasRole: a
// field that loses it, or a new field added without it, fails
// TestEveryFieldOutsideThePublicListHasARole.
var publicFields = map[string]string{
	"me":                 "answers null when nobody is signed in",
	"whoami":             "answers UNAUTHENTICATED itself; for users and keys alike",
	"setupRequired":      "the sign-in page asks before anyone is signed in",
	"setup":              "the one-time setup token is the credential",
	"login":              "signs in",
	"logout":             "ends whatever session there is",
	"signup":             "creates a new organisation when KEYWARD_ALLOW_SIGNUP is on",
	"rateLimit":          "a caller's own budget; anonymous callers have one too",
	"revokeLeakedApiKey": "whoever holds a leaked secret may kill it",
}

// rootFields lists the schema's Query and Mutation fields (no __ fields).
func rootFields(schema *ast.Schema) map[*ast.FieldDefinition]*ast.Definition {
	out := map[*ast.FieldDefinition]*ast.Definition{}
	for _, root := range []*ast.Definition{schema.Query, schema.Mutation} {
		for _, f := range root.Fields {
			if !strings.HasPrefix(f.Name, "__") {
				out[f] = root
			}
		}
	}
	return out
}

// guardRole is the role a field's @hasRole asks for, or "" without one.
func guardRole(f *ast.FieldDefinition) models.Role {
	d := f.Directives.ForName("hasRole")
	if d == nil {
		return ""
	}
	return models.Role(d.Arguments.ForName("role").Value.Raw)
}

func TestEveryFieldOutsideThePublicListHasARole(t *testing.T) {
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	seen := map[string]bool{}
	for f, root := range rootFields(schema) {
		_, public := publicFields[f.Name]
		seen[f.Name] = public
		switch role := guardRole(f); {
		case public && role != "":
			t.Errorf("%s.%s is in publicFields but has @hasRole(role: %s): take it off the list", root.Name, f.Name, role)
		case !public && role == "":
			t.Errorf("%s.%s has no @hasRole: add one, or add it to publicFields with the reason it needs none", root.Name, f.Name)
		}
	}
	for name := range publicFields {
		if !seen[name] {
			t.Errorf("publicFields names %s, which the schema no longer has", name)
		}
	}
}

// Every guarded field refuses every caller below its role, before its
// resolver runs, on both databases. The requests are built from the schema
// (valid values for the required arguments), so a new guarded field is in
// the matrix without a line here.
func TestRoleMatrix(t *testing.T) {
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		admin.createUser("editor@example.com", "EDITOR")
		admin.createUser("viewer@example.com", "VIEWER")
		_, rw := admin.createKey("read write")
		ro := admin.gql(`mutation{ createApiKey(input:{name:"read only", scope:READ_ONLY}) { secret } }`, nil).ok().str("createApiKey", "secret")
		callers := []struct {
			name string
			c    *client
			// role is what the caller may do; "" for nobody.
			role models.Role
			key  bool
		}{
			{"EDITOR", s.login("editor@example.com", "password-EDITOR"), models.RoleEditor, false},
			{"VIEWER", s.login("viewer@example.com", "password-VIEWER"), models.RoleViewer, false},
			{"READ_WRITE key", s.bearer(rw), models.RoleEditor, true},
			{"READ_ONLY key", s.bearer(ro), models.RoleViewer, true},
			{"anonymous", s.anon(), "", false},
		}
		tables := []any{&models.User{}, &models.APIKey{}, &models.Project{}, &models.Risk{}, &models.AIModel{}}
		before := make([]int64, len(tables))
		for i, m := range tables {
			before[i] = countRows(t, s, m)
		}
		var scenarios []scenario
		for f, root := range rootFields(schema) {
			need := guardRole(f)
			if need == "" {
				continue
			}
			query, v := walkRequest(t, schema, root, f, nil, "")
			for _, c := range callers {
				code := ""
				switch {
				case c.role == "":
					code = "UNAUTHENTICATED"
				case c.key && need == models.RoleAdmin, !c.role.Includes(need):
					code = "FORBIDDEN"
				}
				if code != "" {
					scenarios = append(scenarios, scenario{name: f.Name + "/" + c.name, as: c.c, query: query, vars: v, code: code, after: noData})
				}
			}
		}
		if len(scenarios) < 40 {
			t.Fatalf("only %d refusals: the walk missed the schema's guarded fields", len(scenarios))
		}
		runScenarios(t, scenarios)
		// Nothing the refused callers tried took effect.
		for i, m := range tables {
			if n := countRows(t, s, m); n != before[i] {
				t.Errorf("%T: %d rows before the refused calls, %d after", m, before[i], n)
			}
		}
	})
}
