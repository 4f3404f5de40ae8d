package main

import (
	"fmt"
	"os"
	"regexp"
	"sync/atomic"
	"testing"
)

// spaDocument is an operation exactly as the SPA sends it: the document
// graphql-codegen printed into frontend/src/gql/graphql.ts (fragments
// included), so a test runs what the browser runs. make check-generated
// keeps that file in step with frontend/src/api/operations.ts.
func spaDocument(t *testing.T, name string) string {
	t.Helper()
	src, err := os.ReadFile("../frontend/src/gql/graphql.ts")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`export const ` + name + `Document = new TypedDocumentString\(` + "`([^`]*)`").FindSubmatch(src)
	if m == nil {
		t.Fatalf("no %sDocument in frontend/src/gql/graphql.ts", name)
	}
	return string(m[1])
}

// The admin's API Keys list loads at any allowed key limit. The whole
// apiKeys list is priced at KEYWARD_MAX_API_KEYS keys (40 a key with usage
// and insights), so from about 75 allowed the SPA's list was refused with
// COST_LIMIT_EXCEEDED; the SPA now reads it a page at a time, each page
// priced at its own rows, with every key's usage and insights, in the same
// few statements per page however many keys there are.
func TestSPAKeyListLoadsAtAnyKeyLimit(t *testing.T) {
	doc := spaDocument(t, "ApiKeys")
	for _, limit := range []int{100, 10000} {
		t.Run(fmt.Sprint("limit ", limit), func(t *testing.T) {
			onEachDB(t, func(c *config) { c.MaxAPIKeys = limit }, func(t *testing.T, s *testServer, admin *client) {
				const keys = 100
				busyID, busySecret := admin.createKey("busy key")
				soon := admin.gql(`mutation{ createApiKey(input:{name:"soon key", expiresInDays:3}) { apiKey { id } } }`, nil).ok()
				soonID := soon.str("createApiKey", "apiKey", "id")
				for i := 2; i < keys; i++ {
					admin.createKey(fmt.Sprintf("key %03d", i))
				}
				s.bearer(busySecret).gql(`{ whoami { kind } }`, nil).ok()
				s.flushUsage()

				counter := countStatements(t, s.app.db)
				seen, statements := readKeyPages(t, admin, doc, counter)
				if got := admin.gql(`{ apiKeyLimit }`, nil).ok().get("apiKeyLimit"); got != float64(limit) {
					t.Fatalf("apiKeyLimit %v, want %d", got, limit)
				}
				if len(seen) != keys {
					t.Fatalf("listed %d keys, want %d", len(seen), keys)
				}
				for id, row := range seen {
					if usage, _ := row["usage"].([]any); len(usage) != 30 {
						t.Fatalf("key %s: %d usage days, want 30", id, len(usage))
					}
					if _, ok := row["insights"].([]any); !ok {
						t.Fatalf("key %s: no insights: %v", id, row)
					}
				}
				requests := 0
				for _, d := range seen[busyID]["usage"].([]any) {
					requests += int(d.(map[string]any)["requests"].(float64))
				}
				if requests != 1 {
					t.Errorf("busy key: %d requests in its sparkline, want 1", requests)
				}
				if ins := seen[soonID]["insights"].([]any); len(ins) == 0 || ins[0].(map[string]any)["kind"] != "EXPIRES_SOON" {
					t.Errorf("soon key's insights: %v", ins)
				}
				// The other tabs' key lists (offboarding a person, the audit
				// log's actor filter) load too.
				for _, other := range []string{"KeysByCreator", "AuditActors"} {
					if rows, _ := readKeyPages(t, admin, spaDocument(t, other), counter); len(rows) != keys {
						t.Errorf("%s listed %d keys, want %d", other, len(rows), keys)
					}
				}
				// Each page reads its keys, their usage and their creators in
				// one statement each, whatever its size: no statement per key.
				t.Logf("statements per page: %v", statements)
				for i, n := range statements {
					if n != statements[0] || n > 4 {
						t.Errorf("page %d took %d statements (pages: %v)", i, n, statements)
					}
				}
			})
		})
	}
}

// readKeyPages runs an SPA operation on apiKeyConnection page after page to
// its end, and returns the keys by id with the statements each page took.
func readKeyPages(t *testing.T, admin *client, doc string, counter *atomic.Int64) (map[string]map[string]any, []int64) {
	t.Helper()
	var statements []int64
	seen := map[string]map[string]any{}
	var after any
	for page := 0; ; page++ {
		if page > 200 {
			t.Fatal("the list never ends")
		}
		before := counter.Load()
		r := admin.gql(doc, vars{"after": after}).ok()
		statements = append(statements, counter.Load()-before)
		if cost := r.extensions()["cost"].(map[string]any); cost["requested"].(float64) > cost["limit"].(float64) {
			t.Fatalf("page %d costs %v", page, cost)
		}
		for _, n := range r.get("apiKeyConnection", "nodes").([]any) {
			row := n.(map[string]any)
			id := row["id"].(string)
			if seen[id] != nil {
				t.Fatalf("key %s listed twice", id)
			}
			seen[id] = row
		}
		if r.get("apiKeyConnection", "pageInfo", "hasNextPage") != true {
			return seen, statements
		}
		after = r.str("apiKeyConnection", "pageInfo", "endCursor")
	}
}

// nodes(ids) of many keys loads their usage (and so their insights) in one
// statement, as the key list does, not one per key.
func TestNodesLoadKeyUsageInBoundedStatements(t *testing.T) {
	onEachDB(t, func(c *config) { c.MaxAPIKeys = 100 }, func(t *testing.T, s *testServer, admin *client) {
		var ids []string
		for i := 0; i < 60; i++ {
			id, _ := admin.createKey(fmt.Sprintf("key %02d", i))
			ids = append(ids, id)
		}
		counter := countStatements(t, s.app.db)
		query := `query($ids:[ID!]!){ nodes(ids:$ids) { ... on ApiKey { usage(days: 30) { requests } insights { kind } } } }`
		counts := map[int]int64{}
		for _, n := range []int{2, 60} {
			before := counter.Load()
			admin.gql(query, vars{"ids": ids[:n]}).ok()
			counts[n] = counter.Load() - before
		}
		t.Logf("nodes of keys with usage: %d statements for 2 ids, %d for 60", counts[2], counts[60])
		if counts[60] != counts[2] {
			t.Errorf("%d statements for 2 keys, %d for 60: one per key somewhere", counts[2], counts[60])
		}
	})
}
