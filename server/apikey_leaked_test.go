package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"keyward/models"
	"keyward/ratelimit"
)

// postLeaks sends a body to POST /api/leaked-keys.
func postLeaks(s *testServer, body string) *response {
	return s.anon().do(http.MethodPost, "/api/leaked-keys", "application/json", strings.NewReader(body))
}

// verdicts decodes the answer of POST /api/leaked-keys.
func verdicts(t testing.TB, r *response) []map[string]string {
	t.Helper()
	var out []map[string]string
	if r.status != http.StatusOK || json.Unmarshal([]byte(r.body), &out) != nil {
		t.Fatalf("leaked-keys answer: %d %s", r.status, r.body)
	}
	return out
}

// reportLeak reports one secret and fails unless it was a true positive.
func reportLeak(t testing.TB, s *testServer, secret string) {
	t.Helper()
	body, _ := json.Marshal([]map[string]string{{"token": secret, "type": "keyward_api_key", "url": "https://github.com/acme/app/blob/main/.env", "source": "github"}})
	if v := verdicts(t, postLeaks(s, string(body))); v[0]["label"] != "true_positive" {
		t.Fatalf("report: %v", v)
	}
}

func TestLeakedKeyReportRevokes(t *testing.T) {
	onEachDB(t, func(c *config) { c.MaxAPIKeys, c.KeyCacheTTL = 3, time.Hour }, func(t *testing.T, s *testServer, admin *client) {
		leakedID, leaked := admin.createKey("leaked")
		_, other := admin.createKey("other")
		expiredID, expired := admin.createKey("expired")
		s.bearer(leaked).gql(`{ whoami { kind } }`, nil).ok() // cached: the revocation must evict it
		unknown, _, _, _ := models.GenerateKey()
		// One changed character breaks the checksum; note: never the same character, or it is the key.
		last := "x"
		if strings.HasSuffix(leaked, last) {
			last = "y"
		}
		malformed := leaked[:len(leaked)-1] + last
		if err := s.app.db.Exec("UPDATE api_keys SET expires_at = ? WHERE id = ?", time.Now().Add(-time.Hour), expiredID).Error; err != nil {
			t.Fatal(err)
		}

		body, _ := json.Marshal([]map[string]string{
			{"token": leaked, "type": "keyward_api_key", "url": "https://github.com/acme/app/blob/main/.env", "source": "github"},
			{"token": unknown, "type": "keyward_api_key"},
			{"token": malformed, "type": "keyward_api_key"},
			{"token": expired},
			{"token": leaked, "type": "keyward_api_key"}, // reported twice in one call
		})
		v := verdicts(t, postLeaks(s, string(body)))
		want := []string{"true_positive", "false_positive", "false_positive", "false_positive", "true_positive"}
		for i, w := range want {
			if v[i]["label"] != w || v[i]["token_type"] != "keyward_api_key" || v[i]["token_raw"] == "" {
				t.Fatalf("verdict %d: %v, want %s", i, v[i], w)
			}
		}

		r := s.bearer(leaked).gql(`{ whoami { kind } }`, nil)
		if r.status != http.StatusUnauthorized || !strings.Contains(r.Errors[0].Message, "revoked") {
			t.Fatalf("revoked key: %d %s", r.status, r.body)
		}
		s.bearer(other).gql(`{ whoami { kind } }`, nil).ok()

		list := admin.gql(`{ apiKeys { id status revokedAt revocationNote } }`, nil).ok()
		var found bool
		for _, k := range list.get("apiKeys").([]any) {
			k := k.(map[string]any)
			if k["id"] == leakedID {
				found = true
				if k["status"] != "REVOKED" || k["revokedAt"] == nil ||
					k["revocationNote"] != "Reported as leaked at https://github.com/acme/app/blob/main/.env by github" {
					t.Fatalf("revoked key in the list: %v", k)
				}
			}
		}
		if !found {
			t.Fatal("a revoked key must stay listed until an admin deletes it")
		}
		// It no longer counts against the limit (3): one more key fits, not two.
		replacementID, _ := admin.createKey("replacement")
		admin.gql(`mutation{ createApiKey(input:{name:"one too many"}) { secret } }`, nil).wantCode("LIMIT_REACHED")

		audit := admin.gql(`{ auditEvents { action actorKind actorName targetId detail } }`, nil).ok()
		ev := audit.get("auditEvents").([]any)[1].(map[string]any) // before the replacement's creation
		if ev["action"] != "API_KEY_REVOKED" || ev["targetId"] != leakedID || ev["actorName"] != "Leaked-key report (github)" ||
			!strings.Contains(ev["detail"].(string), "https://github.com/acme/app/blob/main/.env") {
			t.Fatalf("audit: %s", audit.body)
		}
		if n := strings.Count(audit.body, "API_KEY_REVOKED"); n != 1 {
			t.Fatalf("a second report of a revoked key is audited again: %d events", n)
		}
		if strings.Contains(s.log.String(), leaked) || strings.Contains(audit.body, leaked) {
			t.Fatal("the leaked secret reached the log or the audit trail")
		}

		for _, id := range []string{replacementID, expiredID} {
			admin.gql(`mutation($id:ID!){ deleteApiKey(input:{id:$id}) { deletedApiKeyId } }`, vars{"id": id}).ok()
		}

		// A single object instead of an array.
		_, single := admin.createKey("single")
		one := verdicts(t, postLeaks(s, `{"token":"`+single+`"}`))
		if len(one) != 1 || one[0]["label"] != "true_positive" || one[0]["token_raw"] != single {
			t.Fatalf("single report: %v", one)
		}

		// The GraphQL mutation, with no sign-in.
		_, viaGraphQL := admin.createKey("via graphql")
		const revoke = `mutation($s:String!,$u:String){ revokeLeakedApiKey(input:{secret:$s, url:$u}) { revoked } }`
		g := s.anon().gql(revoke, vars{"s": viaGraphQL, "u": "https://pastebin.example/abc"}).ok()
		if g.get("revokeLeakedApiKey", "revoked") != true {
			t.Fatalf("graphql revoke: %s", g.body)
		}
		if g := s.anon().gql(revoke, vars{"s": unknown}).ok(); g.get("revokeLeakedApiKey", "revoked") != false {
			t.Fatalf("unknown secret: %s", g.body)
		}
		if r := s.bearer(viaGraphQL).gql(`{ whoami { kind } }`, nil); r.status != http.StatusUnauthorized {
			t.Fatalf("key revoked over GraphQL still works: %d", r.status)
		}
		s.anon().gql(revoke, vars{"s": unknown, "u": strings.Repeat("u", 501)}).wantCode("BAD_USER_INPUT")
	})
}

func TestLeakedKeyReportRefusesBadBodies(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		_, secret := admin.createKey("keep me")
		tooMany := make([]map[string]string, 1001)
		for i := range tooMany {
			tooMany[i] = map[string]string{"token": secret}
		}
		many, _ := json.Marshal(tooMany)
		for _, tc := range []struct {
			name, body string
			status     int
			says       string
		}{
			{"garbage", `this is not json`, 400, "not valid JSON"},
			{"truncated", `[{"token":"kw_`, 400, "not valid JSON"},
			{"wrong type", `[{"token": 42}]`, 400, `"token" must be a string`},
			{"a number", `17`, 400, "expected an array"},
			{"empty array", `[]`, 400, "no reports"},
			{"empty body", ``, 400, "no reports"},
			{"no token", `[{"url":"https://x"}]`, 400, `Report 1 has no "token"`},
			{"1,001 tokens", string(many), 400, "at most 1000"},
			{"url too long", `[{"token":"` + secret + `","url":"` + strings.Repeat("u", 501) + `"}]`, 400, "URL must be at most 500"},
			{"over 1 MiB", `[{"token":"` + strings.Repeat("a", 1<<20) + `"}]`, 413, "larger than"},
		} {
			r := postLeaks(s, tc.body)
			if r.status != tc.status || r.code() != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, tc.says) {
				t.Fatalf("%s: %d %s", tc.name, r.status, r.body)
			}
		}
		// None of the refused calls revoked anything, not even partly.
		s.bearer(secret).gql(`{ whoami { kind } }`, nil).ok()
		// Exactly 1,000 is fine.
		if v := verdicts(t, postLeaks(s, strings.Replace(string(many), `{"token":"`+secret+`"},`, "", 1))); len(v) != 1000 {
			t.Fatalf("1000 reports: %d verdicts", len(v))
		}
		if r := s.anon().do(http.MethodGet, "/api/leaked-keys", "", nil); r.status != http.StatusMethodNotAllowed || r.code() != "BAD_USER_INPUT" {
			t.Fatalf("GET: %d %s", r.status, r.body)
		}
		if r := s.anon().do(http.MethodGet, "/api/nothing", "", nil); r.status != http.StatusNotFound || r.code() != "NOT_FOUND" {
			t.Fatalf("unknown /api path: %d %s", r.status, r.body)
		}
	})
}

// Reports of well-formed secrets that are no working key cost a lookup each,
// like wrong Bearer keys, and spend the same per-client budget.
func TestLeakedKeyReportsAreLimitedPerClient(t *testing.T) {
	s := newServer(t, sqliteURL(t), func(c *config) { c.AuthFailLimit = ratelimit.Limit{Rate: 5, Period: time.Minute} })
	admin := s.admin()
	_, secret := admin.createKey("real")
	s.bearer(secret).gql(`{ whoami { kind } }`, nil).ok() // verified and cached: a blocked client may still use it
	var batch []string
	for range 5 {
		k, _, _, _ := models.GenerateKey()
		batch = append(batch, fmt.Sprintf(`{"token":%q}`, k))
	}
	verdicts(t, postLeaks(s, "["+strings.Join(batch, ",")+"]"))
	r := postLeaks(s, `[{"token":"`+secret+`"}]`)
	if r.status != http.StatusTooManyRequests || r.code() != "RATE_LIMITED" || r.header.Get("Retry-After") == "" {
		t.Fatalf("after 5 false positives: %d %s", r.status, r.body)
	}
	s.anon().gql(`mutation($s:String!){ revokeLeakedApiKey(input:{secret:$s}) { revoked } }`, vars{"s": secret}).wantCode("RATE_LIMITED")
	// The blocked report did not revoke the key.
	s.bearer(secret).gql(`{ whoami { kind } }`, nil).ok()
}

// Two reports of one key at once: both say true_positive, one revocation.
func TestConcurrentLeakReportsRevokeOnce(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL)
		id, secret := s.admin().createKey("raced leak")
		var wg sync.WaitGroup
		for range 5 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if r := postLeaks(s, `{"token":"`+secret+`"}`); r.status != http.StatusOK || !strings.Contains(r.body, `"label":"true_positive"`) {
					t.Errorf("verdict: %d %s", r.status, r.body)
				}
			}()
		}
		wg.Wait()
		var n int64
		s.app.db.Table("audit_events").Where("action = ? AND target_id = ?", "API_KEY_REVOKED", id).Count(&n)
		if n != 1 {
			t.Fatalf("%d revocation events, want 1", n)
		}
	})
}
