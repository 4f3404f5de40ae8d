package main

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

const updateKey = `mutation($i:UpdateApiKeyInput!){ updateApiKey(input:$i) { apiKey { id name scope prefix } } }`

func TestUpdateAPIKeyRenamesAndNarrows(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		// An hour-long cache TTL: the change must reach the cached key anyway.
		s := newServer(t, dbURL, func(c *config) { c.KeyCacheTTL = time.Hour })
		admin := s.admin()
		id, secret := admin.createKey("Deploy bot")
		admin.createKey("Taken")
		key := s.bearer(secret)
		key.gql(`mutation{ createProject(input:{title:"before"}) { project { id } } }`, nil).ok() // cached as READ_WRITE

		r := admin.gql(updateKey, keyInput(id, vars{"name": "  Deploy bot (prod)  "})).ok()
		if r.str("updateApiKey", "apiKey", "name") != "Deploy bot (prod)" || r.str("updateApiKey", "apiKey", "scope") != "READ_WRITE" {
			t.Fatalf("rename: %s", r.body)
		}
		if who := key.gql(`{ whoami { apiKey { name } } }`, nil).ok(); who.str("whoami", "apiKey", "name") != "Deploy bot (prod)" {
			t.Fatalf("the cached key kept its old name: %s", who.body)
		}

		for _, tc := range []struct {
			name, code, field string
			in                vars
		}{
			{"duplicate ignoring case", "DUPLICATE_NAME", "name", vars{"name": "taken"}},
			{"too short", "BAD_USER_INPUT", "name", vars{"name": "ab"}},
			{"only spaces", "BAD_USER_INPUT", "name", vars{"name": "    "}},
			{"too long", "BAD_USER_INPUT", "name", vars{"name": strings.Repeat("é", 51)}},
			{"line break", "BAD_USER_INPUT", "name", vars{"name": "two\nlines"}},
			{"unknown scope", "BAD_USER_INPUT", "", vars{"scope": "ADMIN"}},
		} {
			r := admin.gql(updateKey, keyInput(id, tc.in)).wantCode(tc.code)
			if tc.field != "" && fieldName(r.Errors[0].Extensions["field"]) != tc.field {
				t.Fatalf("%s: %s", tc.name, r.body)
			}
		}

		// Narrowing applies to the very next request of the cached key.
		r = admin.gql(updateKey, keyInput(id, vars{"scope": "READ_ONLY"})).ok()
		if r.str("updateApiKey", "apiKey", "scope") != "READ_ONLY" {
			t.Fatalf("narrow: %s", r.body)
		}
		key.gql(`mutation{ createProject(input:{title:"after"}) { project { id } } }`, nil).wantCode("FORBIDDEN")
		key.gql(`{ projects { totalCount } }`, nil).ok()

		// Widening is refused, with what to do instead.
		w := admin.gql(updateKey, keyInput(id, vars{"scope": "READ_WRITE"})).wantCode("FORBIDDEN")
		if !strings.Contains(w.Errors[0].Message, "Create a new key") {
			t.Fatalf("widen: %s", w.body)
		}
		key.gql(`mutation{ createProject(input:{title:"still"}) { project { id } } }`, nil).wantCode("FORBIDDEN")

		// Nothing to change is not an error and writes nothing.
		admin.gql(updateKey, keyInput(id, vars{"scope": "READ_ONLY", "name": "Deploy bot (prod)"})).ok()
		admin.gql(updateKey, keyInput("00000000-0000-0000-0000-000000000000", vars{"name": "whatever"})).wantCode("NOT_FOUND")
		key.gql(updateKey, keyInput(id, vars{"name": "by a key"})).wantCode("FORBIDDEN")

		audit := admin.gql(`{ auditEvents { action targetId detail } }`, nil).ok()
		var updates []string
		for _, e := range audit.get("auditEvents").([]any) {
			if e := e.(map[string]any); e["action"] == "API_KEY_UPDATED" {
				updates = append(updates, e["detail"].(string))
			}
		}
		if len(updates) != 2 || !strings.Contains(updates[0], "READ_ONLY") || !strings.Contains(updates[1], `Renamed from "Deploy bot"`) {
			t.Fatalf("audit: %v", updates)
		}
	})
}

// Two keys renamed to one name at once: the unique index lets one win.
func TestConcurrentRenamesToOneName(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		ids := make([]string, 4)
		for i := range ids {
			ids[i], _ = admin.createKey("key " + string(rune('a'+i)))
		}
		codes := make([]string, len(ids))
		var wg sync.WaitGroup
		for i, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := admin.gql(updateKey, keyInput(id, vars{"name": "Same Name"}))
				if r.status != http.StatusOK {
					t.Errorf("status %d", r.status)
				}
				codes[i] = r.code()
			}()
		}
		wg.Wait()
		won := 0
		for _, c := range codes {
			switch c {
			case "":
				won++
			case "DUPLICATE_NAME":
			default:
				t.Fatalf("unexpected outcome %q", c)
			}
		}
		var n int64
		s.app.db.Table("api_keys").Where("name_key = ?", "same name").Count(&n)
		if won != 1 || n != 1 {
			t.Fatalf("%d renames won, %d keys carry the name", won, n)
		}
	})
}

func TestKeyExpirySignals(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		r := admin.gql(`mutation{ createApiKey(input:{name:"short", expiresInDays: 3}) { secret apiKey { expiresAt } } }`, nil).ok()
		soon, soonExp := r.str("createApiKey", "secret"), parseTime(t, r.str("createApiKey", "apiKey", "expiresAt"))
		_, later := admin.createKey("thirty days")

		res := s.bearer(soon).gql(`{ whoami { kind } }`, nil).ok()
		if got := res.header.Get("Keyward-Key-Expires-At"); got != soonExp.UTC().Format(time.RFC3339) {
			t.Fatalf("Keyward-Key-Expires-At %q, want %s", got, soonExp)
		}
		if codes := warningCodes(t, res); len(codes) != 1 || codes[0] != "KEY_EXPIRES_SOON" || !strings.Contains(res.body, "in 2 days") {
			t.Fatalf("warnings: %s", res.body)
		}
		// The warning sits beside data: data is unchanged.
		if res.str("whoami", "kind") != "API_KEY" {
			t.Fatal(res.body)
		}
		// An error response still carries the warning and the header.
		bad := s.bearer(soon).gql(`{ nope }`, nil)
		if bad.header.Get("Keyward-Key-Expires-At") == "" || !strings.Contains(bad.body, "KEY_EXPIRES_SOON") {
			t.Fatalf("error response: %v %s", bad.header, bad.body)
		}

		quiet := s.bearer(later).gql(`{ whoami { kind } }`, nil).ok()
		if quiet.header.Get("Keyward-Key-Expires-At") == "" || strings.Contains(quiet.body, "extensions") && len(warningCodes(t, quiet)) > 0 {
			t.Fatalf("a 30-day key: %v %s", quiet.header, quiet.body)
		}
		// Sessions get neither.
		if a := admin.gql(`{ me { id } }`, nil).ok(); a.header.Get("Keyward-Key-Expires-At") != "" || strings.Contains(a.body, "warnings") {
			t.Fatalf("session: %v %s", a.header, a.body)
		}

		// No database work for any of it once the key is cached.
		counter := countStatements(t, s.app.db)
		before := counter.Load()
		for range 5 {
			s.bearer(soon).gql(`{ __typename }`, nil).ok()
		}
		if n := counter.Load() - before; n != 0 {
			t.Fatalf("%d statements for 5 requests of a cached key", n)
		}
	})
}
