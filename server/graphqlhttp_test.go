package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// The graphql-http audit (GraphQL-over-HTTP conformance, both media types)
// passes against the real server with no warnings and no errors.
func TestGraphQLOverHTTPAudit(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil && os.Getenv("CI") == "" {
		t.Skip("node is not installed")
	}
	s := newServer(t, sqliteURL(t))
	cmd := exec.Command("node", "scripts/graphql-http-audit.mjs", s.url+"/graphql")
	cmd.Dir = ".."
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("audit did not run (npm ci installs graphql-http): %v\n%s", err, out)
	}
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var r struct{ ID, Name, Status, Reason string }
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("audit output: %q", line)
		}
		n++
		if r.Status != "ok" {
			t.Errorf("%s %s: %s: %s", r.ID, r.Status, r.Name, r.Reason)
		}
	}
	if n < 30 {
		t.Fatalf("only %d audits ran", n)
	}
}

// The spec's status codes and bodies, checked directly: request errors get
// 200 with application/json and 400 with application/graphql-response+json,
// never a "data" entry; GET mutations and other methods get 405 with Allow.
func TestGraphQLOverHTTPStatuses(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	c := s.anon()
	send := func(method, accept, contentType, target, body string) *response {
		t.Helper()
		req, _ := http.NewRequest(method, s.url+target, strings.NewReader(body))
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		res, err := c.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var raw strings.Builder
		_, _ = io.Copy(&raw, res.Body)
		r := &response{t: t, status: res.StatusCode, header: res.Header, body: raw.String()}
		_ = json.Unmarshal([]byte(r.body), r)
		return r
	}
	const js, gr = "application/json", "application/graphql-response+json"
	for _, tc := range []struct {
		name, method, accept, ctype, target, body string
		status                                    int
		code, allow, media                        string
		data                                      bool
	}{
		{"parse error, json", "POST", js, js, "/graphql", `{"query":"{"}`, 200, "GRAPHQL_PARSE_FAILED", "", js, false},
		{"parse error, graphql-response", "POST", gr, js, "/graphql", `{"query":"{"}`, 400, "GRAPHQL_PARSE_FAILED", "", gr, false},
		{"validation error, json", "POST", js, js, "/graphql", `{"query":"{ nope }"}`, 200, "GRAPHQL_VALIDATION_FAILED", "", js, false},
		{"validation error, graphql-response", "POST", gr, js, "/graphql", `{"query":"{ nope }"}`, 400, "GRAPHQL_VALIDATION_FAILED", "", gr, false},
		{"variable error, graphql-response", "POST", gr, js, "/graphql", `{"query":"query($n:Int!){ projects(first:$n) { totalCount } }","variables":{"n":"x"}}`, 400, "BAD_USER_INPUT", "", gr, false},
		{"success, graphql-response", "POST", gr, js, "/graphql", `{"query":"{ __typename }"}`, 200, "", "", gr, true},
		{"field error keeps data", "POST", gr, js, "/graphql", `{"query":"{ __typename whoami { kind } }"}`, 200, "UNAUTHENTICATED", "", gr, true},
		{"no accept means json", "POST", "", js, "/graphql", `{"query":"{ __typename }"}`, 200, "", "", js, true},
		{"accept by quality", "POST", "application/json;q=0.5, application/graphql-response+json", js, "/graphql", `{"query":"{ __typename }"}`, 200, "", "", gr, true},
		{"unacceptable", "POST", "text/html", js, "/graphql", `{"query":"{ __typename }"}`, 406, "BAD_USER_INPUT", "", js, false},
		{"GET mutation", "GET", gr, "", "/graphql?query=" + url.QueryEscape(`mutation{ logout { user { id } } }`), "", 405, "BAD_USER_INPUT", "POST", gr, false},
		{"GET mutation, json", "GET", js, "", "/graphql?query=" + url.QueryEscape(`mutation{ logout { user { id } } }`), "", 405, "BAD_USER_INPUT", "POST", js, false},
		{"GET query", "GET", gr, "", "/graphql?query=" + url.QueryEscape(`{ __typename }`), "", 200, "", "", gr, true},
		{"PUT", "PUT", js, js, "/graphql", `{"query":"{ __typename }"}`, 405, "BAD_USER_INPUT", "GET, POST", js, false},
		{"DELETE", "DELETE", gr, "", "/graphql", "", 405, "BAD_USER_INPUT", "GET, POST", gr, false},
		{"no content type", "POST", js, "", "/graphql", `{"query":"{ __typename }"}`, 415, "BAD_USER_INPUT", "", js, false},
		{"text/plain body", "POST", js, "text/plain", "/graphql", `{"query":"{ __typename }"}`, 415, "BAD_USER_INPUT", "", js, false},
		{"latin-1 body", "POST", js, "application/json; charset=iso-8859-1", "/graphql", `{"query":"{ __typename }"}`, 415, "BAD_USER_INPUT", "", js, false},
		{"malformed JSON", "POST", js, js, "/graphql", `{"query":`, 400, "BAD_USER_INPUT", "", js, false},
		{"query not a string", "POST", gr, js, "/graphql", `{"query":7}`, 400, "BAD_USER_INPUT", "", gr, false},
		{"variables not an object", "POST", gr, js, "/graphql", `{"query":"{ __typename }","variables":"x"}`, 400, "BAD_USER_INPUT", "", gr, false},
		{"JSON array body", "POST", js, js, "/graphql", `[{"query":"{ __typename }"}]`, 400, "BAD_USER_INPUT", "", js, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := send(tc.method, tc.accept, tc.ctype, tc.target, tc.body)
			if r.status != tc.status || r.code() != tc.code {
				t.Fatalf("got %d %q, want %d %q: %s", r.status, r.code(), tc.status, tc.code, r.body)
			}
			if got := r.header.Get("Allow"); got != tc.allow {
				t.Fatalf("Allow %q, want %q", got, tc.allow)
			}
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, tc.media+";") {
				t.Fatalf("Content-Type %q, want %s", ct, tc.media)
			}
			var keys map[string]json.RawMessage
			if err := json.Unmarshal([]byte(r.body), &keys); err != nil {
				t.Fatalf("body is not a JSON object: %s", r.body)
			}
			if _, has := keys["data"]; has != tc.data {
				t.Fatalf("data entry present = %v, want %v: %s", has, tc.data, r.body)
			}
		})
	}
}

// A body over 2 KB (a page of rows) is sent with its length, not chunked;
// a small one is measured by net/http itself. Either way the client gets a
// Content-Length.
func TestResponsesCarryTheirLength(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	admin := s.admin()
	for i := range 30 {
		admin.createProject(fmt.Sprintf("A project with a long enough title to fill a page, number %02d", i))
	}
	for _, q := range []string{`{ __typename }`, `{ projects(first: 30) { nodes { id title createdAt } } }`} {
		r := admin.gql(q, nil).ok()
		if got := r.header.Get("Content-Length"); got != strconv.Itoa(len(r.body)) {
			t.Errorf("%s: Content-Length %q for a body of %d bytes", q, got, len(r.body))
		}
	}
}
