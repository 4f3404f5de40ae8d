package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"keyward/models"
)

const projectFields = `id title owner { id email } goal description riskClassification status startDate createdAt updatedAt createdBy { kind id name }`

// wantField fails unless the first error is BAD_USER_INPUT on a path whose
// last name is field, e.g. "likelihood" for ["input","likelihood"].
func (r *response) wantField(field string) *response {
	r.t.Helper()
	r.wantCode("BAD_USER_INPUT")
	if got := fieldName(r.Errors[0].Extensions["field"]); got != field {
		r.t.Fatalf("want field %q, got %q: %s", field, got, r.body)
	}
	return r
}

func TestProjectCRUD(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		editorID := admin.createUser("editor@example.com", "EDITOR")
		r := admin.gql(`mutation($i:CreateProjectInput!){ createProject(input:$i) { project { `+projectFields+` } } }`, vars{"i": map[string]any{
			"title": "  Credit scoring  ", "ownerId": editorID, "goal": "Score applicants\nfairly", "description": "Gradient boosting",
			"riskClassification": "HIGH", "status": "IN_PROGRESS", "startDate": "2025-03-31",
		}}).ok()
		id := r.str("createProject", "project", "id")
		if r.str("createProject", "project", "title") != "Credit scoring" || r.str("createProject", "project", "owner", "email") != "editor@example.com" ||
			r.str("createProject", "project", "goal") != "Score applicants\nfairly" || r.str("createProject", "project", "riskClassification") != "HIGH" ||
			r.str("createProject", "project", "status") != "IN_PROGRESS" || r.str("createProject", "project", "startDate") != "2025-03-31" ||
			r.str("createProject", "project", "createdBy", "kind") != "USER" || r.str("createProject", "project", "createdBy", "name") != adminEmail {
			t.Fatalf("created: %s", r.body)
		}
		created, _ := time.Parse(time.RFC3339Nano, r.str("createProject", "project", "createdAt"))
		if time.Since(created) > time.Minute || !strings.HasSuffix(r.str("createProject", "project", "createdAt"), "Z") {
			t.Fatalf("createdAt %s", r.str("createProject", "project", "createdAt"))
		}

		// Defaults.
		d := admin.gql(`mutation{ createProject(input:{title:"Chatbot"}) { project { status riskClassification goal owner { id } startDate } } }`, nil).ok()
		if d.str("createProject", "project", "status") != "NOT_STARTED" || d.get("createProject", "project", "riskClassification") != nil || d.get("createProject", "project", "owner") != nil {
			t.Fatalf("defaults: %s", d.body)
		}

		got := admin.gql(`query($id:ID!){ project(id:$id) { `+projectFields+` } }`, vars{"id": id}).ok()
		if got.str("project", "title") != "Credit scoring" {
			t.Fatalf("get: %s", got.body)
		}

		// Only the fields sent change; null clears optional ones.
		u := admin.gql(`mutation($id:ID!){ updateProject(input:{id:$id, title:"Credit scoring v2", startDate:null, ownerId:null}) { project { `+projectFields+` } } }`, vars{"id": id}).ok()
		if u.str("updateProject", "project", "title") != "Credit scoring v2" || u.str("updateProject", "project", "goal") != "Score applicants\nfairly" ||
			u.get("updateProject", "project", "startDate") != nil || u.get("updateProject", "project", "owner") != nil || u.str("updateProject", "project", "status") != "IN_PROGRESS" {
			t.Fatalf("update: %s", u.body)
		}
		if u.str("updateProject", "project", "updatedAt") <= u.str("updateProject", "project", "createdAt") {
			t.Fatalf("updatedAt did not move: %s", u.body)
		}
		admin.gql(`mutation($id:ID!){ updateProject(input:{id:$id, title:null}) { project { id } } }`, vars{"id": id}).wantField("title")
		admin.gql(`mutation($id:ID!){ updateProject(input:{id:$id, status:null}) { project { id } } }`, vars{"id": id}).wantField("status")

		// A key is recorded as the creator by its name.
		_, secret := admin.createKey("ci pipeline")
		k := s.bearer(secret).gql(`mutation{ createProject(input:{title:"From CI"}) { project { createdBy { kind name } } } }`, nil).ok()
		if k.str("createProject", "project", "createdBy", "kind") != "API_KEY" || k.str("createProject", "project", "createdBy", "name") != "ci pipeline" {
			t.Fatalf("created by key: %s", k.body)
		}

		admin.gql(`mutation($id:ID!){ deleteProject(input:{id:$id}) { deletedProjectId } }`, vars{"id": id}).ok()
		admin.gql(`query($id:ID!){ project(id:$id) { id } }`, vars{"id": id}).wantCode("NOT_FOUND")
		// A retried delete succeeds and answers the same id (idempotent).
		if again := admin.gql(`mutation($id:ID!){ deleteProject(input:{id:$id}) { deletedProjectId } }`, vars{"id": id}).ok(); again.str("deleteProject", "deletedProjectId") != id {
			t.Fatalf("retried delete: %s", again.body)
		}
		admin.gql(`mutation($id:ID!){ updateProject(input:{id:$id, title:"x"}) { project { id } } }`, vars{"id": id}).wantCode("NOT_FOUND")
		// A malformed id is the caller's mistake, not a missing project.
		admin.gql(`query{ project(id:"not-a-uuid") { id } }`, nil).wantField("id")

		// Deleting the owner leaves the project without one.
		pid := admin.createProject("Owned", vars{"ownerId": editorID})
		admin.gql(`mutation($id:ID!){ deleteUser(input:{id:$id}) { deletedUserId } }`, vars{"id": editorID}).ok()
		o := admin.gql(`query($id:ID!){ project(id:$id) { owner { id } } }`, vars{"id": pid}).ok()
		if o.get("project", "owner") != nil {
			t.Fatalf("owner after deletion: %s", o.body)
		}
	})
}

func TestProjectPagination(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		var want []string
		for i := 0; i < 25; i++ {
			want = append(want, admin.createProject(fmt.Sprintf("Project %02d", i)))
		}
		pageThrough := func(first int) ([]string, int) {
			var ids []string
			var after any
			pages := 0
			for {
				r := admin.gql(`query($f:Int,$a:String){ projects(first:$f, after:$a) { nodes { id } pageInfo { hasNextPage endCursor } totalCount } }`,
					vars{"f": first, "a": after}).ok()
				pages++
				if n := r.get("projects", "totalCount"); n != float64(25) {
					t.Fatalf("totalCount %v", n)
				}
				for _, n := range r.get("projects", "nodes").([]any) {
					ids = append(ids, n.(map[string]any)["id"].(string))
				}
				if r.get("projects", "pageInfo", "hasNextPage") != true {
					return ids, pages
				}
				after = r.str("projects", "pageInfo", "endCursor")
			}
		}
		ids, pages := pageThrough(10)
		if pages != 3 || strings.Join(ids, ",") != strings.Join(want, ",") {
			t.Fatalf("pages %d, order %v, want %v", pages, ids, want)
		}
		// Default page size is 20.
		r := admin.gql(`{ projects { nodes { id } pageInfo { hasNextPage } } }`, nil).ok()
		if len(r.get("projects", "nodes").([]any)) != 20 || r.get("projects", "pageInfo", "hasNextPage") != true {
			t.Fatalf("default page: %s", r.body)
		}

		// Rows written in the same instant are ordered by id: no row is
		// skipped or repeated across pages.
		same := time.Now().UTC().Truncate(time.Microsecond)
		if err := s.app.db.Exec("UPDATE projects SET created_at = ?", same).Error; err != nil {
			t.Fatal(err)
		}
		ids, _ = pageThrough(7)
		seen := map[string]bool{}
		for _, id := range ids {
			seen[id] = true
		}
		if len(ids) != 25 || len(seen) != 25 {
			t.Fatalf("with equal timestamps: %d rows, %d distinct", len(ids), len(seen))
		}

		// A row added while paging shows up on a later page, never twice.
		first := admin.gql(`{ projects(first: 5) { nodes { id } pageInfo { endCursor } } }`, nil).ok()
		late := admin.createProject("Late arrival")
		rest := admin.gql(`query($a:String){ projects(first: 100, after:$a) { nodes { id } pageInfo { hasNextPage } } }`,
			vars{"a": first.str("projects", "pageInfo", "endCursor")}).ok()
		if n := len(rest.get("projects", "nodes").([]any)); n != 21 || !strings.Contains(rest.body, late) {
			t.Fatalf("after adding: %d rows: %s", n, rest.body)
		}

		for _, bad := range []string{"abc", "!!!", "MjAyNS0wMS0wMVQwMDowMDowMFp8bm90LWEtdXVpZA", "bm8gc2VwYXJhdG9y"} {
			admin.gql(`query($a:String){ projects(after:$a) { nodes { id } } }`, vars{"a": bad}).wantField("after")
		}
		for _, bad := range []int{0, -1, 101} {
			admin.gql(`query($f:Int){ projects(first:$f) { nodes { id } } }`, vars{"f": bad}).wantField("first")
		}
		// An empty page keeps the cursor, so polling for new rows works.
		end := admin.gql(`{ projects(first: 100) { pageInfo { endCursor } } }`, nil).ok().str("projects", "pageInfo", "endCursor")
		e := admin.gql(`query($a:String){ projects(after:$a) { nodes { id } pageInfo { hasNextPage endCursor } } }`, vars{"a": end}).ok()
		if e.str("projects", "pageInfo", "endCursor") != end || len(e.get("projects", "nodes").([]any)) != 0 {
			t.Fatalf("empty page: %s", e.body)
		}
	})
}

func TestProjectFilters(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		owner := admin.createUser("owner@example.com", "VIEWER")
		admin.createProject("Fraud detection", vars{"status": "IN_PROGRESS", "riskClassification": "HIGH", "ownerId": owner})
		admin.createProject("Élan chatbot", vars{"status": "COMPLETED", "riskClassification": "LIMITED"})
		admin.createProject("100% uptime_monitor", vars{"status": "IN_PROGRESS", "riskClassification": "MINIMAL"})
		admin.createProject("Fraudulent invoices", vars{"status": "REJECTED"})
		cases := []struct {
			name   string
			filter map[string]any
			want   []string
		}{
			{"status", map[string]any{"status": []string{"IN_PROGRESS"}}, []string{"Fraud detection", "100% uptime_monitor"}},
			{"two statuses", map[string]any{"status": []string{"COMPLETED", "REJECTED"}}, []string{"Élan chatbot", "Fraudulent invoices"}},
			{"classification", map[string]any{"riskClassification": []string{"HIGH", "LIMITED"}}, []string{"Fraud detection", "Élan chatbot"}},
			{"owner", map[string]any{"ownerId": owner}, []string{"Fraud detection"}},
			{"search ignores case", map[string]any{"search": "FRAUD"}, []string{"Fraud detection", "Fraudulent invoices"}},
			{"search ignores case beyond ASCII", map[string]any{"search": "éLAN"}, []string{"Élan chatbot"}},
			{"percent is literal", map[string]any{"search": "0%"}, []string{"100% uptime_monitor"}},
			{"underscore is literal", map[string]any{"search": "e_m"}, []string{"100% uptime_monitor"}},
			{"combined", map[string]any{"search": "fraud", "status": []string{"REJECTED"}}, []string{"Fraudulent invoices"}},
			{"no match", map[string]any{"search": "nothing like this"}, nil},
			{"empty filter", map[string]any{}, []string{"Fraud detection", "Élan chatbot", "100% uptime_monitor", "Fraudulent invoices"}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				r := admin.gql(`query($f:ProjectFilter){ projects(filter:$f) { nodes { title } totalCount } }`, vars{"f": tc.filter}).ok()
				var got []string
				for _, n := range r.get("projects", "nodes").([]any) {
					got = append(got, n.(map[string]any)["title"].(string))
				}
				if strings.Join(got, "|") != strings.Join(tc.want, "|") || r.get("projects", "totalCount") != float64(len(tc.want)) {
					t.Fatalf("got %q, want %q (%s)", got, tc.want, r.body)
				}
			})
		}
		admin.gql(`{ projects(filter:{search:"`+strings.Repeat("x", 201)+`"}) { totalCount } }`, nil).wantField("search")
		admin.gql(`{ projects(filter:{status:[FINISHED]}) { totalCount } }`, nil).wantCode("GRAPHQL_VALIDATION_FAILED")
	})
}

func TestProjectValidation(t *testing.T) {
	onEachDB(t, func(c *config) { c.AllowSignup = true }, func(t *testing.T, s *testServer, admin *client) {
		foreignUser := s.otherOrg().createUser("g@globex.example", "EDITOR")
		runScenarios(t, refusedInputs(admin, `mutation($i:CreateProjectInput!){ createProject(input:$i) { project { id } } }`, []inputCase{
			{"empty title", map[string]any{"title": "   "}, "title"},
			{"title too long", map[string]any{"title": strings.Repeat("t", 201)}, "title"},
			{"title with a line break", map[string]any{"title": "two\nlines"}, "title"},
			{"title not text", map[string]any{"title": 42}, "title"},
			{"goal too long", map[string]any{"title": "ok", "goal": strings.Repeat("g", 2001)}, "goal"},
			{"goal with a control character", map[string]any{"title": "ok", "goal": "bell\a"}, "goal"},
			{"description too long", map[string]any{"title": "ok", "description": strings.Repeat("d", 10001)}, "description"},
			{"unknown status", map[string]any{"title": "ok", "status": "DONE"}, ""},
			{"unknown classification", map[string]any{"title": "ok", "riskClassification": "EXTREME"}, ""},
			{"impossible date", map[string]any{"title": "ok", "startDate": "2025-02-30"}, "startDate"},
			{"date in another format", map[string]any{"title": "ok", "startDate": "31/03/2025"}, "startDate"},
			{"date with a time", map[string]any{"title": "ok", "startDate": "2025-03-31T10:00:00Z"}, "startDate"},
			{"date out of range", map[string]any{"title": "ok", "startDate": "0999-01-01"}, "startDate"},
			{"date not text", map[string]any{"title": "ok", "startDate": 20250331}, "startDate"},
			{"unknown owner", map[string]any{"title": "ok", "ownerId": "6f1c1a70-0000-4000-8000-000000000000"}, "ownerId"},
			{"malformed owner", map[string]any{"title": "ok", "ownerId": "bob"}, "ownerId"},
			{"another organisation's user", map[string]any{"title": "ok", "ownerId": foreignUser}, "ownerId"},
		}))
		id := admin.createProject("Valid")
		admin.gql(`mutation($id:ID!){ updateProject(input:{id:$id, startDate:"2025-13-01"}) { project { id } } }`, vars{"id": id}).wantField("startDate")
		admin.gql(`mutation($id:ID!,$o:ID){ updateProject(input:{id:$id, ownerId:$o}) { project { id } } }`, vars{"id": id, "o": foreignUser}).wantField("ownerId")
		if n := countRows(t, s, &models.Project{}); n != 1 {
			t.Fatalf("%d projects: failed writes must leave no rows", n)
		}
	})
}

// A connection costs its page size times its selection: a full page of a
// plain selection fits, the same page with every field nested many times
// over does not, and the refusal runs nothing.
func TestConnectionComplexity(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	admin := s.admin()
	admin.gql(`{ projects(first: 100) { nodes { id title status owner { name } } totalCount } }`, nil).ok()
	var b strings.Builder
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&b, " t%d: title", i)
	}
	r := admin.gql(`{ projects(first: 100) { nodes { `+b.String()+` } } }`, nil).wantCode("COST_LIMIT_EXCEEDED")
	if r.Data != nil || !strings.Contains(r.Errors[0].Message, "The query costs") {
		t.Fatalf("want a refusal naming the complexity: %d %s", r.status, r.body)
	}
	// The same selection fits a smaller page.
	admin.gql(`{ projects(first: 20) { nodes { `+b.String()+` } } }`, nil).ok()
}
