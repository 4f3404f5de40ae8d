package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"keyward/models"
)

const rotateKey = `mutation($i:RotateApiKeyInput!){ rotateApiKey(input:$i) {
	secret apiKey { id name prefix scope status expiresAt rotatedAt previousSecretExpiresAt } } }`

// keyInput is the variables of rotateKey and updateKey: the key's id and
// the other fields of its input, in one input object.
func keyInput(id string, fields map[string]any) vars {
	in := vars{"id": id}
	for k, v := range fields {
		in[k] = v
	}
	return vars{"i": in}
}

// rotate rotates as the admin client and returns the new secret.
func (c *client) rotate(id string, in vars) (*response, string) {
	c.s.t.Helper()
	r := c.gql(rotateKey, keyInput(id, in)).ok()
	return r, r.str("rotateApiKey", "secret")
}

// warningCodes lists the codes at extensions.warnings.
func warningCodes(t testing.TB, r *response) []string {
	t.Helper()
	var out []string
	var body struct {
		Extensions struct {
			Warnings []struct {
				Code, Message, ExpiresAt string
			} `json:"warnings"`
		} `json:"extensions"`
	}
	if err := json.Unmarshal([]byte(r.body), &body); err != nil {
		t.Fatal(err)
	}
	for _, w := range body.Extensions.Warnings {
		if w.Message == "" || w.ExpiresAt == "" {
			t.Fatalf("warning without message or expiresAt: %s", r.body)
		}
		out = append(out, w.Code)
	}
	return out
}

func parseTime(t testing.TB, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("time %q: %v", s, err)
	}
	return at
}

func near(a, b time.Time) bool { d := a.Sub(b); return d > -time.Minute && d < time.Minute }

func TestRotateAPIKeyWithGracePeriod(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		// One key allowed: rotating must not count against the limit. An
		// hour-long cache TTL: only invalidation can make the change visible.
		s := newServer(t, dbURL, func(c *config) { c.MaxAPIKeys, c.KeyCacheTTL = 1, time.Hour })
		admin := s.admin()
		r := admin.gql(`mutation{ createApiKey(input:{name:"CI pipeline", expiresInDays: 90, scope: READ_ONLY}) { secret apiKey { id prefix } } }`, nil).ok()
		id, first := r.str("createApiKey", "apiKey", "id"), r.str("createApiKey", "secret")
		oldPrefix := r.str("createApiKey", "apiKey", "prefix")
		s.bearer(first).gql(`{ whoami { kind } }`, nil).ok() // cached as the current secret

		before := time.Now()
		rot, second := admin.rotate(id, vars{"graceHours": 24})
		k := rot.get("rotateApiKey", "apiKey").(map[string]any)
		if !models.WellFormedKey(second) || second == first || k["id"] != id || k["name"] != "CI pipeline" || k["scope"] != "READ_ONLY" ||
			k["prefix"] == oldPrefix || !strings.HasPrefix(second, k["prefix"].(string)) || k["status"] != "ACTIVE" {
			t.Fatalf("rotated key: %s", rot.body)
		}
		// Default lifetime: the key's own 90 days, counted from the rotation.
		if exp := parseTime(t, k["expiresAt"].(string)); !near(exp, before.AddDate(0, 0, 90)) {
			t.Fatalf("new expiry %s is not 90 days from now", exp)
		}
		graceEnd := parseTime(t, k["previousSecretExpiresAt"].(string))
		if !near(graceEnd, before.Add(24*time.Hour)) || !near(parseTime(t, k["rotatedAt"].(string)), before) {
			t.Fatalf("grace end / rotatedAt: %s", rot.body)
		}

		// Both secrets work during the grace period; the old one says so.
		old := s.bearer(first).gql(`{ whoami { apiKey { id } } }`, nil).ok()
		if old.str("whoami", "apiKey", "id") != id {
			t.Fatalf("old secret: %s", old.body)
		}
		if got := old.header.Get("Keyward-Key-Expires-At"); got != graceEnd.UTC().Format(time.RFC3339) {
			t.Fatalf("old secret Keyward-Key-Expires-At %q, want grace end %s", got, graceEnd)
		}
		if got := old.header.Get("Sunset"); got != graceEnd.UTC().Format(http.TimeFormat) {
			t.Fatalf("old secret Sunset %q", got)
		}
		if codes := warningCodes(t, old); len(codes) != 1 || codes[0] != "KEY_ROTATED" {
			t.Fatalf("old secret warnings %v: %s", codes, old.body)
		}
		cur := s.bearer(second).gql(`{ whoami { apiKey { id } } }`, nil).ok()
		if cur.header.Get("Sunset") != "" || cur.header.Get("Keyward-Key-Expires-At") == "" || len(warningCodes(t, cur)) != 0 {
			t.Fatalf("new secret headers %v body %s", cur.header, cur.body)
		}
		// The scope stays: still read only.
		s.bearer(second).gql(`mutation{ createProject(input:{title:"x"}) { project { id } } }`, nil).wantCode("FORBIDDEN")

		// Rotating again ends the oldest secret at once: never three.
		_, third := admin.rotate(id, vars{"graceHours": 0})
		if r := s.bearer(first).gql(`{ whoami { kind } }`, nil); r.status != http.StatusUnauthorized {
			t.Fatalf("a secret two rotations old still works: %d %s", r.status, r.body)
		}
		// graceHours 0: the previous secret stops at once, and says why.
		gone := s.bearer(second).gql(`{ whoami { kind } }`, nil)
		if gone.status != http.StatusUnauthorized || !strings.Contains(gone.Errors[0].Message, "rotated on") ||
			!strings.Contains(gone.header.Get("WWW-Authenticate"), "rotated") {
			t.Fatalf("previous secret after grace 0: %d %s", gone.status, gone.body)
		}
		s.bearer(third).gql(`{ whoami { kind } }`, nil).ok()
		list := admin.gql(`{ apiKeys { id previousSecretExpiresAt rotatedAt } }`, nil).ok()
		if keys := list.get("apiKeys").([]any); len(keys) != 1 || keys[0].(map[string]any)["previousSecretExpiresAt"] != nil {
			t.Fatalf("after grace 0 no previous secret is valid: %s", list.body)
		}

		audit := admin.gql(`{ auditEvents { action targetId detail } }`, nil).ok()
		events := audit.get("auditEvents").([]any)
		top := events[0].(map[string]any)
		if top["action"] != "API_KEY_ROTATED" || top["targetId"] != id || !strings.Contains(top["detail"].(string), "at once") ||
			!strings.Contains(events[1].(map[string]any)["detail"].(string), "24 hours") {
			t.Fatalf("audit: %s", audit.body)
		}
		for _, secret := range []string{first, second, third} {
			if strings.Contains(audit.body, secret) || strings.Contains(s.log.String(), secret) {
				t.Fatal("a secret reached the audit trail or the log")
			}
		}

		// Deleting the key ends both secrets at once.
		_, fourth := admin.rotate(id, vars{"graceHours": 1})
		s.bearer(third).gql(`{ whoami { kind } }`, nil).ok()
		s.bearer(fourth).gql(`{ whoami { kind } }`, nil).ok()
		admin.gql(`mutation($id:ID!){ deleteApiKey(input:{id:$id}) { deletedApiKeyId } }`, vars{"id": id}).ok()
		for _, secret := range []string{third, fourth} {
			if r := s.bearer(secret).gql(`{ whoami { kind } }`, nil); r.status != http.StatusUnauthorized {
				t.Fatalf("a secret of a deleted key still works: %d", r.status)
			}
		}
	})
}

func TestRotateAPIKeyRefusesBadInput(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		id, secret := admin.createKey("to rotate")
		for _, tc := range []struct {
			name, field string
			in          vars
		}{
			{"negative grace", "graceHours", vars{"graceHours": -1}},
			{"grace over a week", "graceHours", vars{"graceHours": 169}},
			{"zero days", "expiresInDays", vars{"expiresInDays": 0}},
			{"over a year", "expiresInDays", vars{"expiresInDays": 366}},
		} {
			r := admin.gql(rotateKey, keyInput(id, tc.in)).wantCode("BAD_USER_INPUT")
			if fieldName(r.Errors[0].Extensions["field"]) != tc.field {
				t.Fatalf("%s: %s", tc.name, r.body)
			}
		}
		// Nothing changed: the secret still works and is still current.
		if r := s.bearer(secret).gql(`{ whoami { kind } }`, nil).ok(); r.header.Get("Sunset") != "" {
			t.Fatal("a refused rotation rotated")
		}
		admin.gql(rotateKey, keyInput("00000000-0000-0000-0000-000000000000", nil)).wantCode("NOT_FOUND")
		admin.gql(rotateKey, keyInput("nope", nil)).wantCode("BAD_USER_INPUT")

		// The edges are allowed.
		admin.rotate(id, vars{"graceHours": 168, "expiresInDays": 365})
		admin.rotate(id, vars{"graceHours": 0, "expiresInDays": 1})

		expiredID, _ := admin.createKey("expired")
		if err := s.app.db.Exec("UPDATE api_keys SET expires_at = ? WHERE id = ?", time.Now().Add(-time.Hour), expiredID).Error; err != nil {
			t.Fatal(err)
		}
		r := admin.gql(rotateKey, keyInput(expiredID, nil)).wantCode("BAD_USER_INPUT")
		if !strings.Contains(r.Errors[0].Message, "expired") || !strings.Contains(r.Errors[0].Message, "Create a new key") {
			t.Fatalf("expired: %s", r.body)
		}

		revokedID, revokedSecret := admin.createKey("revoked")
		reportLeak(t, s, revokedSecret)
		r = admin.gql(rotateKey, keyInput(revokedID, nil)).wantCode("BAD_USER_INPUT")
		if !strings.Contains(r.Errors[0].Message, "revoked") {
			t.Fatalf("revoked: %s", r.body)
		}

		// A key may not rotate keys, not even itself.
		_, live := admin.createKey("live")
		s.bearer(live).gql(rotateKey, keyInput(id, nil)).wantCode("FORBIDDEN")
	})
}

// Ten admins rotating one key at once: each rotation runs alone, so exactly
// one secret is current and at most one previous secret works.
func TestConcurrentRotationsLeaveTwoSecretsAtMost(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		id, original := admin.createKey("contended")
		const n = 10
		secrets := make([]string, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := admin.gql(rotateKey, keyInput(id, vars{"graceHours": 24}))
				if r.status != http.StatusOK || len(r.Errors) > 0 {
					t.Errorf("rotation %d: %s", i, r.body)
					return
				}
				secrets[i] = r.str("rotateApiKey", "secret")
			}()
		}
		wg.Wait()
		current, previous := 0, 0
		for _, secret := range append(secrets, original) {
			r := s.bearer(secret).gql(`{ whoami { kind } }`, nil)
			switch {
			case r.status == http.StatusUnauthorized:
			case r.header.Get("Sunset") != "":
				previous++
			case r.status == http.StatusOK:
				current++
			}
		}
		if current != 1 || previous != 1 {
			t.Fatalf("after %d concurrent rotations: %d current and %d previous secrets work, want 1 and 1", n, current, previous)
		}
		var rows int64
		s.app.db.Table("api_keys").Where("id = ?", id).Count(&rows)
		var rotations int64
		s.app.db.Table("audit_events").Where("action = ? AND target_id = ?", "API_KEY_ROTATED", id).Count(&rotations)
		if rows != 1 || rotations != n {
			t.Fatalf("%d rows, %d rotation events", rows, rotations)
		}
	})
}

// A rotation that commits while a lookup of the old secret is between its
// read and its cache fill must win: the late fill must not bring back the
// old secret as current (see KeyVerifier.fill).
func TestRotationDuringCacheFillIsNotLost(t *testing.T) {
	onEachDB(t, func(c *config) { c.KeyCacheTTL = time.Hour }, func(t *testing.T, s *testServer, admin *client) {
		id, secret := admin.createKey("raced rotation")
		resume, inFlight := whoamiPausedInLookup(t, s, secret)
		admin.rotate(id, vars{"graceHours": 0})
		wantRefusedAfterResume(t, s, secret, resume, inFlight)
	})
}

// Databases made before rotation and revocation existed (release cd78cde's
// fixture) gain the columns on start, and their keys keep working unchanged.
func TestKeysFromBeforeRotationKeepWorking(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		secrets := loadFixture(t, dbURL)
		s := newServer(t, dbURL)
		r := s.bearer(secrets.Keys.ReadWrite).gql(`{ whoami { kind } }`, nil).ok()
		if r.header.Get("Sunset") != "" || r.header.Get("Keyward-Key-Expires-At") == "" {
			t.Fatalf("old key after migration: %v", r.header)
		}
		list := s.login("admin@acme.test", secrets.Password).gql(`{ apiKeys { name status rotatedAt previousSecretExpiresAt revokedAt revocationNote } }`, nil).ok()
		if !strings.Contains(list.body, `{"name":"CI deploy","status":"ACTIVE","rotatedAt":null,"previousSecretExpiresAt":null,"revokedAt":null,"revocationNote":null}`) {
			t.Fatalf("old key in the list: %s", list.body)
		}
	})
}
