package main

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/vektah/gqlparser/v2/ast"

	"keyward/graph"
	"keyward/models"
	"keyward/ratelimit"
)

// aliased is one request with n copies of field, each under its own alias.
func aliased(op, field string, n int) string {
	var b strings.Builder
	b.WriteString(op + " {")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, " a%d: %s", i, field)
	}
	return b.String() + " }"
}

func upsertModelField(version string) string {
	return `upsertAiModel(input: {provider: "P", model: "M", version: "` + version + `"}) { created }`
}

func (r *response) remaining() int {
	r.t.Helper()
	n, err := strconv.Atoi(r.header.Get("X-RateLimit-Remaining"))
	if err != nil {
		r.t.Fatalf("no X-RateLimit-Remaining: %v %s", r.header, r.body)
	}
	return n
}

// The per-key budget is metered in cost points: 40 aliased upserts spend
// what 40 single ones do, rateLimit reports the budget from the charge, a
// request the budget cannot pay runs nothing, and a dry run prices without
// running. Memory and Redis limiters alike.
func TestKeyBudgetMetersCostPoints(t *testing.T) {
	limiters := map[string]func(t *testing.T) func(*config){
		"memory": func(*testing.T) func(*config) { return func(*config) {} },
		"redis":  func(t *testing.T) func(*config) { u := redisURL(t); return func(c *config) { c.RedisURL = u } },
	}
	for name, limiter := range limiters {
		t.Run(name, func(t *testing.T) {
			// note: 50 points an hour refills one point every 72 s, so the
			// counts below are exact however slow the machine is.
			s := newServer(t, sqliteURL(t), limiter(t), func(c *config) { c.RateLimit = ratelimit.Limit{Rate: 50, Period: time.Hour} })
			admin := s.admin()
			_, batchSecret := admin.createKey("batch")
			_, singleSecret := admin.createKey("single")
			batch, single := s.bearer(batchSecret), s.bearer(singleSecret)

			r := batch.gql(`{ rateLimit { limit cost remaining resetAt } }`, nil).ok()
			if r.num("rateLimit", "limit") != 50 || r.num("rateLimit", "cost") != 1 || r.num("rateLimit", "remaining") != 49 || r.remaining() != 49 {
				t.Fatalf("first request: %s %v", r.body, r.header)
			}
			reset, err := time.Parse(time.RFC3339, r.str("rateLimit", "resetAt"))
			if err != nil || reset.Before(time.Now()) || reset.After(time.Now().Add(2*time.Minute)) {
				t.Fatalf("resetAt %q: one point refills in 72 s", r.str("rateLimit", "resetAt"))
			}
			if cost := r.extensions()["cost"].(map[string]any); cost["points"] != 1.0 || cost["limit"] != 3000.0 || cost["requested"].(float64) < 1 {
				t.Fatalf("extensions.cost: %s", r.body)
			}

			r = batch.gql(aliased("mutation", upsertModelField("1"), 40), nil).ok()
			if r.extensions()["cost"].(map[string]any)["points"] != 40.0 || r.remaining() != 9 {
				t.Fatalf("40 aliased upserts: remaining %d, want 9: %s", r.remaining(), r.body)
			}
			single.gql(`{ rateLimit { remaining } }`, nil).ok()
			for i := 0; i < 40; i++ {
				r = single.gql(aliased("mutation", upsertModelField("1"), 1), nil).ok()
			}
			if r.remaining() != 9 {
				t.Fatalf("40 single upserts: remaining %d, want 9 like the batch", r.remaining())
			}

			// 10 upserts cost more than the 9 points left: refused whole.
			before := countRows(t, s, &models.AIModel{})
			r = batch.gql(aliased("mutation", upsertModelField("2"), 10), nil).wantCode("RATE_LIMITED")
			if r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") == "" || strings.Contains(r.body, `"data"`) {
				t.Fatalf("over budget: %d %v %s", r.status, r.header, r.body)
			}
			if retry, _ := strconv.Atoi(r.header.Get("Retry-After")); retry < 60 || r.Errors[0].Extensions["retryAfter"] != float64(retry) {
				t.Fatalf("Retry-After %q for one missing point (72 s): %s", r.header.Get("Retry-After"), r.body)
			}
			if countRows(t, s, &models.AIModel{}) != before {
				t.Fatal("a refused request wrote rows")
			}

			// A dry run prices the whole request, runs only rateLimit and
			// spends 1 point.
			r = batch.gql(`{ rateLimit(dryRun: true) { cost remaining } projects(first: 100) { nodes { id title status owner { name } } } }`, nil).ok()
			if r.num("rateLimit", "cost") != 8 || r.num("rateLimit", "remaining") != 8 || r.get("projects") != nil {
				t.Fatalf("dry run: %s", r.body)
			}
			// A request that does not parse is charged 1 point too.
			batch.gql(`{ rateLimit {`, nil).wantCode("GRAPHQL_PARSE_FAILED")
			if r = batch.gql(`{ rateLimit { remaining } }`, nil).ok(); r.num("rateLimit", "remaining") != 6 {
				t.Fatalf("after a parse error: %s", r.body)
			}
			// More than the whole budget can never pass: no point waiting.
			r = batch.gql(aliased("query", "whoami { kind }", 51), nil).wantCode("COST_LIMIT_EXCEEDED")
			if r.header.Get("Retry-After") != "" {
				t.Fatalf("a query over the whole budget says to retry: %v", r.header)
			}
		})
	}
}

// Sessions are not metered: rateLimit is null, extensions.cost is there.
func TestRateLimitForSessions(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	r := s.admin().gql(`{ rateLimit { remaining } projects(first: 100) { nodes { id title status owner { name } } } }`, nil).ok()
	if r.get("rateLimit") != nil || r.header.Get("X-RateLimit-Remaining") != "" {
		t.Fatalf("session budget: %s", r.body)
	}
	if cost := r.extensions()["cost"].(map[string]any); cost["requested"] != 621.0 || cost["points"] != 8.0 {
		t.Fatalf("extensions.cost: %s", r.body)
	}
}

// num is a number at path in the data.
func (r *response) num(path ...string) int {
	r.t.Helper()
	f, ok := r.get(path...).(float64)
	if !ok {
		r.t.Fatalf("no number at %v: %s", path, r.body)
	}
	return int(f)
}

// listCost is how one list field is priced: q(size, child) is a query that
// selects child inside the list; perField is what one more field inside it
// must cost at that size (the most rows it can return there).
type listCost struct {
	q        string // with %d for the size and %s for the child selection
	sizes    []int
	child    [2]string // a selection, and the same with one field more
	perField func(size int) int
}

// Every list field has a cost rule that grows with what it can return:
// selecting one more field inside a list costs as many units as the rows the
// list may hold. The schema is walked, so a new list field without a case
// here (and a rule in graph/complexity.go) fails.
func TestEveryListIsPricedByWhatItReturns(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	admin := s.admin()
	keys := s.app.cfg.MaxAPIKeys
	page := func(n int) int { return n }
	cases := map[string]listCost{
		"Query.projects":         {`{ projects(first: %d) { nodes { %s } } }`, []int{1, 100}, [2]string{"id", "id title"}, page},
		"Query.projects/edges":   {`{ projects(first: %d) { edges { node { %s } } } }`, []int{1, 100}, [2]string{"id", "id title"}, page},
		"Query.aiModels":         {`{ aiModels(first: %d) { nodes { %s } } }`, []int{1, 100}, [2]string{"id", "id model"}, page},
		"Query.risks":            {`{ risks(first: %d) { nodes { %s } } }`, []int{1, 100}, [2]string{"id", "id name"}, page},
		"Query.users":            {`{ users(first: %d) { nodes { %s } } }`, []int{1, 100}, [2]string{"id", "id name"}, page},
		"Query.members":          {`{ members(first: %d) { edges { node { %s } } } }`, []int{1, 100}, [2]string{"id", "id name"}, page},
		"Query.auditLog":         {`{ auditLog(first: %d) { nodes { %s } } }`, []int{1, 100}, [2]string{"id", "id action"}, page},
		"Query.auditEvents":      {`{ auditEvents(limit: %d) { %s } }`, []int{1, 500}, [2]string{"id", "id action"}, page},
		"Query.apiKeys":          {`{ apiKeys { %[2]s } }`, []int{0}, [2]string{"id", "id name"}, func(int) int { return keys }},
		"Query.apiKeyConnection": {`{ apiKeyConnection(first: %d) { nodes { %s } } }`, []int{1, 100}, [2]string{"id", "id name"}, page},
		"ApiKey.usage": {`{ apiKeys { usage(days: %d) { %s } } }`, []int{7, 90}, [2]string{"date", "date requests"},
			func(days int) int { return keys * ((days + 6) / 7) }},
		"ApiKey.insights": {`{ apiKeys { insights { %[2]s } } }`, []int{0}, [2]string{"kind", "kind message"},
			func(int) int { return keys * len(models.InsightKinds) }},
		"Query.nodes": {`{ nodes(ids: [%s]) { ... on Node { %s } } }`, []int{1, 3}, [2]string{"id", "id __typename"}, page},
		"UpsertAiModelsPayload.results": {`mutation { upsertAiModels(input: {models: [%s]}) { results { %s } } }`, []int{1, 3},
			[2]string{"created", "created __typename"}, page},
		"AiModel.projects": {`{ aiModels(first: %d) { nodes { projects { %s } } } }`, []int{1, 100}, [2]string{"id", "id title"},
			func(n int) int { return n * 5 }},
	}
	requested := func(q string) int {
		t.Helper()
		r := admin.gql(q, nil)
		c, _ := r.extensions()["cost"].(map[string]any)
		n, ok := c["requested"].(float64)
		if !ok {
			t.Fatalf("%s: no extensions.cost: %s", q, r.body)
		}
		return int(n)
	}
	for name, c := range cases {
		var last int
		for _, size := range c.sizes {
			var arg any = size
			switch {
			case strings.Contains(c.q, "ids: [%s]"):
				arg = strings.TrimSuffix(strings.Repeat(`"`+uuid.NewString()+`",`, size), ",")
			case strings.Contains(c.q, "models: [%s]"):
				arg = strings.Repeat(`{provider: "P", model: "M", version: "`+uuid.NewString()+`"} `, size)
			}
			a := requested(fmt.Sprintf(c.q, arg, c.child[0]))
			b := requested(fmt.Sprintf(c.q, arg, c.child[1]))
			if b-a != c.perField(size) || b-a <= last && len(c.sizes) > 1 {
				t.Errorf("%s at size %d: one more field costs %d, want %d", name, size, b-a, c.perField(size))
			}
			last = b - a
		}
	}
	// Every list-valued field of the schema has a case. Fields of a
	// connection are priced by the connection's field.
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	for tname, def := range schema.Types {
		if def.Kind != ast.Object || strings.HasPrefix(tname, "__") || strings.HasSuffix(tname, "Connection") {
			continue
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") || (f.Type.Elem == nil && !strings.HasSuffix(f.Type.Name(), "Connection")) {
				continue
			}
			if _, ok := cases[tname+"."+f.Name]; !ok {
				t.Errorf("%s.%s is a list with no cost case here (and maybe no rule in graph/complexity.go)", tname, f.Name)
			}
		}
	}
}
