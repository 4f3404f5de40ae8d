package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"keyward/auth"
	"keyward/models"
)

const listKeys = `{ apiKeys { id name prefix status createdAt expiresAt lastUsedAt createdBy { email } } }`

func TestAPIKeyLifecycle(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		before := time.Now().UTC()
		r := admin.gql(`mutation{ createApiKey(input:{name:"  CI pipeline  ", expiresInDays: 90}) { secret apiKey { id name prefix status expiresAt createdBy { email } } } }`, nil).ok()
		secret := r.str("createApiKey", "secret")
		id := r.str("createApiKey", "apiKey", "id")
		if !models.WellFormedKey(secret) || !strings.HasPrefix(secret, r.str("createApiKey", "apiKey", "prefix")) {
			t.Fatalf("bad secret or prefix: %s", r.body)
		}
		if r.str("createApiKey", "apiKey", "name") != "CI pipeline" || r.str("createApiKey", "apiKey", "status") != "ACTIVE" ||
			r.str("createApiKey", "apiKey", "createdBy", "email") != adminEmail {
			t.Fatalf("created key: %s", r.body)
		}
		// The chosen lifetime, not an hour and not the default.
		exp, _ := time.Parse(time.RFC3339Nano, r.str("createApiKey", "apiKey", "expiresAt"))
		if d := exp.Sub(before); d < 90*24*time.Hour-time.Minute || d > 90*24*time.Hour+time.Minute {
			t.Fatalf("expiresAt %s is not 90 days from now", exp)
		}

		list := admin.gql(listKeys, nil).ok()
		if strings.Contains(list.body, secret) || strings.Contains(list.body, secret[7:20]) {
			t.Fatal("the key list returns the secret")
		}
		if len(list.get("apiKeys").([]any)) != 1 {
			t.Fatalf("list: %s", list.body)
		}

		key := s.bearer(secret)
		who := key.gql(`{ whoami { kind organization { name } user { id } apiKey { id name prefix expiresAt } } }`, nil).ok()
		if who.str("whoami", "kind") != "API_KEY" || who.str("whoami", "apiKey", "id") != id ||
			who.str("whoami", "organization", "name") != "Acme" || who.get("whoami", "user") != nil {
			t.Fatalf("whoami with key: %s", who.body)
		}
		// The use shows in the list at once, before the batched write.
		used := admin.gql(listKeys, nil).ok()
		if !strings.Contains(used.body, `"lastUsedAt":"20`) {
			t.Fatalf("lastUsedAt not shown: %s", used.body)
		}

		admin.gql(`mutation($id:ID!){ deleteApiKey(input:{id:$id}) { deletedApiKeyId } }`, vars{"id": id}).ok()
		gone := key.gql(`{ whoami { kind } }`, nil)
		if gone.status != http.StatusUnauthorized || gone.code() != "UNAUTHENTICATED" {
			t.Fatalf("deleted key: %d %s", gone.status, gone.body)
		}
		// A retried delete succeeds and answers the same id (idempotent).
		if again := admin.gql(`mutation($id:ID!){ deleteApiKey(input:{id:$id}) { deletedApiKeyId } }`, vars{"id": id}).ok(); again.str("deleteApiKey", "deletedApiKeyId") != id {
			t.Fatalf("retried delete: %s", again.body)
		}

		audit := admin.gql(`{ auditEvents { action actorKind actorName targetId targetName } }`, nil).ok()
		events := audit.get("auditEvents").([]any)
		if len(events) != 2 || events[0].(map[string]any)["action"] != "API_KEY_DELETED" || events[1].(map[string]any)["action"] != "API_KEY_CREATED" {
			t.Fatalf("audit: %s", audit.body)
		}
		if strings.Contains(audit.body, secret) || !strings.Contains(audit.body, adminEmail) {
			t.Fatalf("audit: %s", audit.body)
		}
	})
}

func TestAPIKeyNameRules(t *testing.T) {
	onEachDB(t, func(c *config) { c.AllowSignup = true }, func(t *testing.T, s *testServer, admin *client) {
		cases := []struct {
			name, input, code, stored string
		}{
			{"2 characters", "ab", "BAD_USER_INPUT", ""},
			{"3 characters", "abc", "", "abc"},
			{"50 characters", strings.Repeat("x", 50), "", strings.Repeat("x", 50)},
			{"51 characters", strings.Repeat("y", 51), "BAD_USER_INPUT", ""},
			{"whitespace only", "     ", "BAD_USER_INPUT", ""},
			{"padded is trimmed", "   padded   ", "", "padded"},
			{"padding does not count", "  ab  ", "BAD_USER_INPUT", ""},
			{"50 multi-byte characters", strings.Repeat("é", 25) + strings.Repeat("鍵", 25), "", strings.Repeat("é", 25) + strings.Repeat("鍵", 25)},
			{"51 multi-byte characters", strings.Repeat("鍵", 51), "BAD_USER_INPUT", ""},
			{"emoji", "deploy 🚀 bot", "", "deploy 🚀 bot"},
			{"control character", "bad\tname", "BAD_USER_INPUT", ""},
			{"newline", "bad\nname", "BAD_USER_INPUT", ""},
			{"duplicate differing by case", "ABC", "DUPLICATE_NAME", ""},
			{"duplicate after trimming", " abc ", "DUPLICATE_NAME", ""},
		}
		var scenarios []scenario
		for _, tc := range cases {
			sc := scenario{name: tc.name, as: admin, query: `mutation($n:String!){ createApiKey(input:{name:$n}) { apiKey { name } } }`,
				vars: vars{"n": tc.input}, code: tc.code}
			switch tc.code {
			case "":
				sc.want = []string{`{"name":"` + tc.stored + `"}`}
			case "DUPLICATE_NAME":
				sc.path, sc.want = "input.name", []string{"Choose another name"}
			default:
				sc.path = "input.name"
			}
			scenarios = append(scenarios, sc)
		}
		runScenarios(t, scenarios)
		if n := countKeys(t, s); n != 5 {
			t.Fatalf("want 5 keys, have %d: failed creates must leave no rows", n)
		}
		// The same name in another organisation is fine.
		s.otherOrg().createKey("abc")
		// Wrong types never reach the resolver.
		admin.gql(`mutation($n:String!){ createApiKey(input:{name:$n}) { secret } }`, vars{"n": 12345}).wantCode("BAD_USER_INPUT")
		for _, bad := range []any{"30", true, 30.5, 1 << 40, []int{30}} {
			if r := admin.gql(`mutation($d:Int){ createApiKey(input:{name:"typed", expiresInDays:$d}) { secret } }`, vars{"d": bad}); r.code() != "BAD_USER_INPUT" {
				t.Fatalf("expiresInDays %v: %s", bad, r.body)
			}
		}
	})
}

func TestAPIKeyExpiryInput(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	admin := s.admin()
	for _, days := range []int{0, -1, 366, 100000} {
		r := admin.gql(`mutation($d:Int){ createApiKey(input:{name:"expiry test", expiresInDays:$d}) { secret } }`, vars{"d": days}).wantCode("BAD_USER_INPUT")
		if r.field() != "input.expiresInDays" {
			t.Fatalf("field: %s", r.body)
		}
	}
	for name, days := range map[string]any{"default": nil, "one day": 1, "a year": 365} {
		r := admin.gql(`mutation($n:String!,$d:Int){ createApiKey(input:{name:$n, expiresInDays:$d}) { apiKey { createdAt expiresAt } } }`, vars{"n": name, "d": days}).ok()
		created, _ := time.Parse(time.RFC3339Nano, r.str("createApiKey", "apiKey", "createdAt"))
		expires, _ := time.Parse(time.RFC3339Nano, r.str("createApiKey", "apiKey", "expiresAt"))
		want := 30
		if d, ok := days.(int); ok {
			want = d
		}
		if got := expires.Sub(created); got != time.Duration(want)*24*time.Hour {
			t.Fatalf("%s: lifetime %s, want %d days", name, got, want)
		}
	}
}

func TestBearerRejections(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		_, secret := admin.createKey("good key")
		flipped := []byte(secret)
		flipped[10] ^= 1
		unknown, _, _, _ := models.GenerateKey()
		cases := []struct{ name, header string }{
			{"Basic scheme", "Basic YWRtaW46cGFzcw=="},
			{"bare token", secret},
			{"empty Bearer", "Bearer"},
			{"Bearer and space", "Bearer "},
			{"not a Keyward key", "Bearer abcdef"},
			{"bad checksum", "Bearer " + string(flipped)},
			{"truncated", "Bearer " + secret[:len(secret)-1]},
			{"extra character", "Bearer " + secret + "A"},
			{"unknown key with valid checksum", "Bearer " + unknown},
			{"two tokens", "Bearer " + secret + " " + secret},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				c := s.anon()
				c.headers["Authorization"] = tc.header
				r := c.gql(`{ whoami { kind } }`, nil)
				if r.status != http.StatusUnauthorized || r.code() != "UNAUTHENTICATED" {
					t.Fatalf("want 401 UNAUTHENTICATED, got %d %s", r.status, r.body)
				}
				if got := r.header.Get("WWW-Authenticate"); !strings.HasPrefix(got, `Bearer error="invalid_token"`) || !strings.Contains(got, "error_description=") {
					t.Fatalf("WWW-Authenticate: %q", got)
				}
				if strings.Contains(r.body, "expired") || r.Data != nil {
					t.Fatalf("body: %s", r.body)
				}
			})
		}
		t.Run("scheme is case-insensitive", func(t *testing.T) {
			c := s.anon()
			c.headers["Authorization"] = "bearer " + secret
			c.gql(`{ whoami { kind } }`, nil).ok()
		})
		t.Run("no header is anonymous, not 401", func(t *testing.T) {
			r := s.anon().gql(`{ whoami { kind } }`, nil).wantCode("UNAUTHENTICATED")
			if r.status != http.StatusOK {
				t.Fatalf("status %d", r.status)
			}
		})
		t.Run("the key decides over a cookie", func(t *testing.T) {
			admin.headers["Authorization"] = "Bearer " + secret
			defer delete(admin.headers, "Authorization")
			admin.gql(`{ apiKeys { id } }`, nil).wantCode("FORBIDDEN")
			admin.gql(`mutation{ createApiKey(input:{name:"made by a key"}) { secret } }`, nil).wantCode("FORBIDDEN")
		})
	})
}

func TestExpiredKey(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL)
		id, secret := s.admin().createKey("soon expired")
		key := s.bearer(secret)
		key.gql(`{ whoami { kind } }`, nil).ok()
		// Move the expiry into the past, and restart so no cache remembers the old one.
		past := time.Now().UTC().Add(-time.Second)
		if err := s.app.db.Model(&models.APIKey{}).Where("id = ?", id).Update("expires_at", past).Error; err != nil {
			t.Fatal(err)
		}
		s2 := newServer(t, dbURL)
		r := s2.bearer(secret).gql(`{ whoami { kind } }`, nil)
		if r.status != http.StatusUnauthorized || r.code() != "UNAUTHENTICATED" || !strings.Contains(r.Errors[0].Message, "expired") {
			t.Fatalf("expired key: %d %s", r.status, r.body)
		}
		if !strings.Contains(r.header.Get("WWW-Authenticate"), `error="invalid_token"`) {
			t.Fatalf("WWW-Authenticate: %q", r.header.Get("WWW-Authenticate"))
		}
		list := s2.admin().gql(`{ apiKeys { status } }`, nil).ok()
		if !strings.Contains(list.body, `"EXPIRED"`) {
			t.Fatalf("status: %s", list.body)
		}
	})
}

// The cache keeps the expiry instant, so a cached key stops working at its
// expiry without a database round trip.
func TestCachedKeyExpiresOnTime(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	id, secret := s.admin().createKey("short lived")
	expiry := time.Now().UTC().Add(1500 * time.Millisecond)
	if err := s.app.db.Model(&models.APIKey{}).Where("id = ?", id).Update("expires_at", expiry).Error; err != nil {
		t.Fatal(err)
	}
	s.app.keys.Purge()
	key := s.bearer(secret)
	key.gql(`{ whoami { kind } }`, nil).ok() // cached now
	time.Sleep(time.Until(expiry) + 50*time.Millisecond)
	if r := key.gql(`{ whoami { kind } }`, nil); r.status != http.StatusUnauthorized {
		t.Fatalf("cached key outlived its expiry: %d %s", r.status, r.body)
	}
}

func TestSecretNeverStoredOrLogged(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		id, secret := admin.createKey("leak check")
		s.bearer(secret).gql(`{ whoami { kind } }`, nil).ok()
		admin.gql(listKeys, nil).ok()
		admin.gql(`{ auditEvents { targetName } }`, nil).ok()
		if err := s.app.lastUsed.Flush(context.Background()); err != nil {
			t.Fatal(err)
		}
		admin.gql(`mutation($id:ID!){ deleteApiKey(input:{id:$id}) { deletedApiKeyId } }`, vars{"id": id}).ok()
		s.bearer(secret).gql(`{ whoami { kind } }`, nil)

		// Search every text column of every table for the secret.
		body := secret[len("kw_"):]
		for _, table := range []string{"organizations", "users", "sessions", "api_keys", "api_key_usage", "audit_events"} {
			var rows []map[string]any
			if err := s.app.db.Table(table).Find(&rows).Error; err != nil {
				t.Fatal(err)
			}
			for _, row := range rows {
				for col, v := range row {
					if strings.Contains(fmt.Sprint(v), body) {
						t.Fatalf("secret found in %s.%s", table, col)
					}
				}
			}
		}
		if logs := s.log.String(); strings.Contains(logs, body) || strings.Contains(logs, "Authorization") || strings.Contains(logs, "keyward_session=") {
			t.Fatalf("the log holds a credential:\n%s", logs)
		}
		if !strings.Contains(s.log.String(), "path=/graphql") {
			t.Fatal("the log captured nothing: the check above proved nothing")
		}
	})
}

func TestKeySurvivesRestartAndLastUsedIsFlushed(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL)
		id, secret := s.admin().createKey("long lived")
		s.bearer(secret).gql(`{ whoami { kind } }`, nil).ok()
		// Shutting down flushes the batched last-used time.
		s.shutdown()

		s2 := newServer(t, dbURL)
		s2.bearer(secret).gql(`{ whoami { kind } }`, nil).ok()
		key, err := models.GetAPIKey(context.Background(), s2.app.db, s2.adminOrg(t), id)
		if err != nil || key.LastUsedAt == nil || time.Since(*key.LastUsedAt) > time.Minute {
			t.Fatalf("last used not flushed on shutdown: %+v %v", key, err)
		}
		// Flushes never move the time backwards (another replica may have written a newer one).
		// The address and client move with the time, never alone.
		newer := key.LastUsedAt.Add(time.Hour)
		if err := models.RecordLastUsed(context.Background(), s2.app.db, map[string]models.LastUse{id: {At: newer, IP: "203.0.113.9", UserAgent: "newer/2"}}); err != nil {
			t.Fatal(err)
		}
		if err := models.RecordLastUsed(context.Background(), s2.app.db, map[string]models.LastUse{id: {At: *key.LastUsedAt, IP: "198.51.100.1", UserAgent: "older/1"}}); err != nil {
			t.Fatal(err)
		}
		key, _ = models.GetAPIKey(context.Background(), s2.app.db, s2.adminOrg(t), id)
		if !key.LastUsedAt.Equal(newer) || *key.LastUsedIP != "203.0.113.9" || *key.LastUsedUserAgent != "newer/2" {
			t.Fatalf("last use moved backwards to %s %v %v, want %s from 203.0.113.9 with newer/2", key.LastUsedAt, *key.LastUsedIP, *key.LastUsedUserAgent, newer)
		}
	})
}

func TestConcurrentCreates(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		const n = 20
		t.Run("one name", func(t *testing.T) {
			s := newServer(t, dbURL+"")
			admin := s.admin()
			codes := race(n, func(i int) string {
				return admin.gql(`mutation{ createApiKey(input:{name:"same name"}) { secret } }`, nil).code()
			})
			if codes[""] != 1 || codes["DUPLICATE_NAME"] != n-1 {
				t.Fatalf("want 1 success and %d DUPLICATE_NAME, got %v", n-1, codes)
			}
			if c := countKeys(t, s); c != 1 {
				t.Fatalf("%d rows", c)
			}
		})
	})
	forEachDB(t, func(t *testing.T, dbURL string) {
		const n, max = 20, 5
		s := newServer(t, dbURL, func(c *config) { c.MaxAPIKeys = max })
		admin := s.admin()
		for i := 0; i < max-1; i++ {
			admin.createKey(fmt.Sprintf("existing %d", i))
		}
		codes := race(n, func(i int) string {
			return admin.gql(`mutation($n:String!){ createApiKey(input:{name:$n}) { secret } }`, vars{"n": fmt.Sprintf("racer %d", i)}).code()
		})
		if codes[""] != 1 || codes["LIMIT_REACHED"] != n-1 {
			t.Fatalf("want 1 success and %d LIMIT_REACHED, got %v", n-1, codes)
		}
		if c := countKeys(t, s); c != max {
			t.Fatalf("%d rows, want %d", c, max)
		}
		r := admin.gql(`mutation{ createApiKey(input:{name:"one more"}) { secret } }`, nil).wantCode("LIMIT_REACHED")
		if !strings.Contains(r.Errors[0].Message, "Delete keys you no longer use") {
			t.Fatalf("message: %s", r.body)
		}
		// The admin can see the limit before hitting it (the SPA's "5 of 5 keys").
		if got := admin.gql(`{ apiKeyLimit }`, nil).ok().get("apiKeyLimit"); got != float64(max) {
			t.Fatalf("apiKeyLimit = %v, want %d", got, max)
		}
	})
}

// race runs fn n times at once and counts the outcomes.
func race(n int, fn func(i int) string) map[string]int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := make(chan struct{})
	codes := map[string]int{}
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			code := fn(i)
			mu.Lock()
			codes[code]++
			mu.Unlock()
		}(i)
	}
	close(start)
	wg.Wait()
	return codes
}

func TestKeyVerifierSkipsDatabaseForMalformedKeys(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	// With the database closed, a malformed key must still get a clean
	// "invalid" answer: the checksum check never reaches the database.
	s.app.closeDB()
	_, err := s.app.keys.Verify(context.Background(), "kw_"+strings.Repeat("A", models.KeyLength-3), nil)
	if err != auth.ErrInvalidKey {
		t.Fatalf("malformed key: %v", err)
	}
	good, _, _, _ := models.GenerateKey()
	if _, err := s.app.keys.Verify(context.Background(), good, nil); err == nil || err == auth.ErrInvalidKey {
		t.Fatalf("a well-formed key should have reached the (closed) database, got %v", err)
	}
}
