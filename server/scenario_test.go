package main

import (
	"net/http"
	"strings"
	"testing"
)

// scenario is one GraphQL request through the real router and what must come
// back, in the manner of pocketbase's ApiScenario: a table of these replaces
// a hand-written request and its assertions.
type scenario struct {
	name string
	// as sends the request, with its cookies and headers.
	as    *client
	query string
	vars  vars
	// prepare, when set, makes the variables right before the request (e.g.
	// a fresh fixture for a mutation that deletes it); it overrides vars.
	prepare func(t *testing.T) vars
	// headers are sent on top of the client's own.
	headers map[string]string
	// status is the HTTP status; 0 means 200.
	status int
	// code is the first error's extensions.code; "" means no error at all.
	code string
	// field, with code, is the innermost field extensions.field names;
	// path, the whole of it, dotted (e.g. "input.projectIds[1]").
	field, path string
	// want and forbid are substrings the body must and must not contain.
	want, forbid []string
	// after checks what the table cannot say, e.g. that nothing was written.
	after func(t *testing.T, r *response)
}

// run sends the request and checks the response against the scenario.
func (sc scenario) run(t *testing.T) *response {
	t.Helper()
	v := sc.vars
	if sc.prepare != nil {
		v = sc.prepare(t)
	}
	c := sc.as
	if len(sc.headers) > 0 {
		headers := map[string]string{}
		for k, val := range c.headers {
			headers[k] = val
		}
		for k, val := range sc.headers {
			headers[k] = val
		}
		c = &client{s: c.s, http: c.http, headers: headers}
	}
	r := c.gql(sc.query, v)
	r.t = t
	status := sc.status
	if status == 0 {
		status = http.StatusOK
	}
	if r.status != status {
		t.Fatalf("want status %d, got %d: %s", status, r.status, r.body)
	}
	switch {
	case sc.code == "" && len(r.Errors) > 0:
		t.Fatalf("want no error, got %s", r.body)
	case sc.code != "" && r.code() != sc.code:
		t.Fatalf("want error %s, got %s", sc.code, r.body)
	case sc.field != "" && fieldName(r.Errors[0].Extensions["field"]) != sc.field:
		t.Fatalf("want the error to name field %q, got %s", sc.field, r.body)
	case sc.path != "" && r.field() != sc.path:
		t.Fatalf("want the error at %q, got %q: %s", sc.path, r.field(), r.body)
	}
	for _, s := range sc.want {
		if !strings.Contains(r.body, s) {
			t.Fatalf("want %q in %s", s, r.body)
		}
	}
	for _, s := range sc.forbid {
		if strings.Contains(r.body, s) {
			t.Fatalf("%q must not be in %s", s, r.body)
		}
	}
	if sc.after != nil {
		sc.after(t, r)
	}
	return r
}

// runScenarios runs each scenario as a subtest named for it.
func runScenarios(t *testing.T, scenarios []scenario) {
	t.Helper()
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) { sc.run(t) })
	}
}

// inputCase is one row of a validation table: the input must be refused
// with BAD_USER_INPUT naming field ("" when the refusal comes from GraphQL's
// own coercion, which names none), and answer no object.
type inputCase struct {
	name  string
	input map[string]any
	field string
}

// refusedInputs turns a validation table into scenarios for the query
// (which takes its input as $i) sent by c.
func refusedInputs(c *client, query string, cases []inputCase) []scenario {
	out := make([]scenario, len(cases))
	for i, tc := range cases {
		out[i] = scenario{name: tc.name, as: c, query: query, vars: vars{"i": tc.input}, code: "BAD_USER_INPUT", field: tc.field, after: noData}
	}
	return out
}

// noData fails when a refused request still answered with an object.
func noData(t *testing.T, r *response) {
	t.Helper()
	for name, v := range r.Data {
		if v != nil {
			t.Fatalf("%s answered despite the error: %s", name, r.body)
		}
	}
}

// with is base with the extra input fields set, for validation tables.
func with(base map[string]any, extra map[string]any) map[string]any {
	in := make(map[string]any, len(base)+len(extra))
	for k, v := range base {
		in[k] = v
	}
	for k, v := range extra {
		in[k] = v
	}
	return in
}
