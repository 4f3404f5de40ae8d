package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"keyward/models"
)

// Each kind of failure has its own documented code: a client can tell a
// query it must fix from input it must fix from a moment it must wait out.
func TestErrorCodesByKind(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	admin := s.admin()
	deep := "{ whoami { organization { id } } }"
	for i := 0; i < 10; i++ {
		deep = strings.Replace(deep, "organization { id }", "user { organization { id } }", 1)
	}
	var wide strings.Builder
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&wide, " a%d: me { id }", i)
	}
	var scenarios []scenario
	for _, tc := range []struct {
		name, query string
		v           vars
		code, field string
	}{
		{"parse", `{ me { email `, nil, "GRAPHQL_PARSE_FAILED", ""},
		{"unknown field", `{ secrets }`, nil, "GRAPHQL_VALIDATION_FAILED", ""},
		{"unknown enum literal", `{ projects(filter:{status:[FINISHED]}) { totalCount } }`, nil, "GRAPHQL_VALIDATION_FAILED", ""},
		{"depth", deep, nil, "GRAPHQL_VALIDATION_FAILED", ""},
		{"cost", "{" + wide.String() + " }", nil, "COST_LIMIT_EXCEEDED", ""},
		{"variable of the wrong type", `mutation($i:CreateRiskInput!){ createRisk(input:$i) { risk { id } } }`,
			vars{"i": map[string]any{"projectId": "x", "name": "n", "likelihood": "high", "severity": 1}}, "BAD_USER_INPUT", "variables.i.likelihood"},
		{"missing variable field", `mutation($i:CreateProjectInput!){ createProject(input:$i) { project { id } } }`,
			vars{"i": map[string]any{}}, "BAD_USER_INPUT", "variables.i.title"},
		{"argument value", `mutation{ createRisk(input:{projectId:"x", name:"n", likelihood:9, severity:1}) { risk { id } } }`, nil, "BAD_USER_INPUT", "input.projectId"},
		{"list element", `mutation{ createAiModel(input:{provider:"P", model:"M", version:"1", projectIds:["00000000-0000-4000-8000-000000000000", "x"]}) { aiModel { id } } }`, nil, "BAD_USER_INPUT", "input.projectIds[1]"},
		{"pagination argument", `{ projects(first: 0) { totalCount } }`, nil, "BAD_USER_INPUT", "first"},
	} {
		scenarios = append(scenarios, scenario{name: tc.name, as: admin, query: tc.query, vars: tc.v, code: tc.code, path: tc.field})
	}
	runScenarios(t, scenarios)
	r := admin.gql("{"+wide.String()+" }", nil)
	if cost := r.extensions()["cost"].(map[string]any); cost["limit"] != 3000.0 || cost["requested"].(float64) <= 3000 {
		t.Fatalf("cost extension: %s", r.body)
	}
}

// Every invalid value of an input is reported, each at its own path, and
// nothing is written.
func TestEveryInvalidValueIsReported(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		p1, p2 := admin.createProject("One"), admin.createProject("Two")
		const missing, gone = "00000000-0000-4000-8000-000000000000", "00000000-0000-4000-8000-000000000001"
		r := admin.gql(`mutation($i:CreateAiModelInput!){ createAiModel(input:$i) { aiModel { id } } }`, vars{"i": map[string]any{
			"provider": "P", "model": "M", "version": "1", "projectIds": []string{p1, gone, p2, missing},
		}}).wantCode("BAD_USER_INPUT")
		var got []string
		for _, e := range r.Errors {
			got = append(got, fmt.Sprint(e.Extensions["field"]))
			if e.Extensions["code"] != "BAD_USER_INPUT" {
				t.Fatalf("code: %s", r.body)
			}
		}
		if want := []string{"[input projectIds 1]", "[input projectIds 3]"}; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("fields %v, want %v: %s", got, want, r.body)
		}
		if !strings.Contains(r.Errors[0].Message, gone) || !strings.Contains(r.Errors[1].Message, missing) {
			t.Fatalf("messages do not name the ids: %s", r.body)
		}
		if n := countRows(t, s, &models.AIModel{}); n != 0 {
			t.Fatalf("%d models written by a refused create", n)
		}
	})
}

// models.Problems collects problems, and a database error wins over them.
func TestProblemsCollects(t *testing.T) {
	var p models.Problems
	if p.Add(nil) != true || p.Err() != nil {
		t.Fatal("no problems")
	}
	p.Add(models.Invalid("title", "Title is required"))
	if one := p.Err(); one == nil || one.(*models.Error).Path[0] != "title" {
		t.Fatalf("one problem: %v", one)
	}
	p.Add(models.Errors{models.InvalidAt([]any{"projectIds", 2}, "bad")}.In("inputs", 4))
	many, ok := p.Err().(models.Errors)
	if !ok || len(many) != 2 || models.PathString(many[1].Path) != "inputs[4].projectIds[2]" {
		t.Fatalf("two problems: %#v", p.Err())
	}
	p.Add(os.ErrClosed)
	if p.Err() != os.ErrClosed {
		t.Fatalf("a database error must win: %v", p.Err())
	}
}

// The schema's ErrorCode enum, the Go codes and docs/api.md list the same
// codes, each with the same retry class.
func TestErrorCodesDocumented(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	r := s.anon().gql(`{ __type(name: "ErrorCode") { description enumValues { name description } } }`, nil).ok()
	values, _ := r.get("__type", "enumValues").([]any)
	if len(values) != len(models.Codes) {
		t.Fatalf("schema has %d codes, Go has %d", len(values), len(models.Codes))
	}
	doc, err := os.ReadFile(filepath.Join("..", "docs", "api.md"))
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range models.Codes {
		v := values[i].(map[string]any)
		if v["name"] != string(c.Code) || !strings.Contains(v["description"].(string), "Retry: "+string(c.Retry)) {
			t.Errorf("schema value %d: %v, want %s with Retry: %s", i, v, c.Code, c.Retry)
		}
		row := regexp.MustCompile("(?m)^\\| `" + string(c.Code) + "` \\|.*\\| " + string(c.Retry) + " \\|.*\\|$")
		if !row.Match(doc) {
			t.Errorf("docs/api.md has no table row for %s with retry class %s", c.Code, c.Retry)
		}
	}
}

// A throttled sign-in is refused like a throttled key: HTTP 429, Retry-After,
// and RATE_LIMITED with retryAfter, without running anything.
func TestSignInThrottleAnswers429(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	c := s.anon()
	for i := 0; i < 10; i++ {
		c.gql(`mutation{ login(input:{email:"admin@example.com", password:"wrong-password"}) { user { id } } }`, nil).wantCode("UNAUTHENTICATED")
	}
	r := c.gql(`mutation{ login(input:{email:"admin@example.com", password:"wrong-password"}) { user { id } } }`, nil).wantCode("RATE_LIMITED")
	if r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") == "" {
		t.Fatalf("want 429 with Retry-After, got %d %v: %s", r.status, r.header, r.body)
	}
	if secs, _ := r.Errors[0].Extensions["retryAfter"].(float64); secs < 1 || fmt.Sprint(secs) != r.header.Get("Retry-After") {
		t.Fatalf("retryAfter %v, Retry-After %q", secs, r.header.Get("Retry-After"))
	}
	if strings.Contains(r.body, `"data"`) {
		t.Fatalf("a refused request carries data: %s", r.body)
	}
}
