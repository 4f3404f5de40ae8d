package main

import (
	"encoding/json"
	"sync"
	"testing"
	"time"

	"keyward/models"
)

// replayWarnings lists the IDEMPOTENT_REPLAY warnings of a response, each
// checked to carry a message and the path of the field it is about.
func replayWarnings(t testing.TB, r *response) []string {
	t.Helper()
	var body struct {
		Extensions struct {
			Warnings []struct {
				Code, Message string
				Path          []any
			} `json:"warnings"`
		} `json:"extensions"`
	}
	if err := json.Unmarshal([]byte(r.body), &body); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, w := range body.Extensions.Warnings {
		if w.Code != "IDEMPOTENT_REPLAY" {
			continue
		}
		if w.Message == "" || len(w.Path) == 0 {
			t.Fatalf("replay warning without message or path: %s", r.body)
		}
		out = append(out, w.Path[0].(string))
	}
	return out
}

// idempotentCreates are the mutations that take an idempotencyKey: the
// query (selecting the new object's id as "id" under one alias), a valid
// input and a different valid input.
func idempotentCreates(t *testing.T, admin *client) []struct {
	name, query, path string
	in, other         map[string]any
	table             any
} {
	projectID := admin.createProject("Idempotency target")
	return []struct {
		name, query, path string
		in, other         map[string]any
		table             any
	}{
		{"createProject", `mutation($i:CreateProjectInput!){ m: createProject(input:$i) { project { id } } }`, "project",
			map[string]any{"title": "Chatbot"}, map[string]any{"title": "Chatbot v2"}, &models.Project{}},
		{"createRisk", `mutation($i:CreateRiskInput!){ m: createRisk(input:$i) { risk { id } } }`, "risk",
			map[string]any{"projectId": projectID, "name": "Bias", "likelihood": 2, "severity": 3},
			map[string]any{"projectId": projectID, "name": "Bias", "likelihood": 3, "severity": 3}, &models.Risk{}},
		{"createAiModel", `mutation($i:CreateAiModelInput!){ m: createAiModel(input:$i) { aiModel { id } } }`, "aiModel",
			map[string]any{"provider": "OpenAI", "model": "gpt-4o", "version": "1"},
			map[string]any{"provider": "OpenAI", "model": "gpt-4o", "version": "2"}, &models.AIModel{}},
		{"createUser", `mutation($i:CreateUserInput!){ m: createUser(input:$i) { user { id } } }`, "user",
			map[string]any{"email": "new@example.com", "name": "New", "password": "password-1", "role": "VIEWER"},
			map[string]any{"email": "new@example.com", "name": "New", "password": "password-1", "role": "EDITOR"}, &models.User{}},
		{"createApiKey", `mutation($i:CreateApiKeyInput!){ m: createApiKey(input:$i) { secret apiKey { id } } }`, "apiKey",
			map[string]any{"name": "Nightly sync"}, map[string]any{"name": "Nightly sync", "expiresInDays": 7}, &models.APIKey{}},
	}
}

// A retried create with the same idempotency key answers the first call's
// object and writes nothing; the same key with another input is refused on
// the key's field; a key is the caller's own.
func TestIdempotencyKeyReplaysCreates(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL)
		admin := s.admin()
		for _, c := range idempotentCreates(t, admin) {
			t.Run(c.name, func(t *testing.T) {
				in := with(c.in, map[string]any{"idempotencyKey": "key-" + c.name})
				first := admin.gql(c.query, vars{"i": in}).ok()
				id := first.str("m", c.path, "id")
				if len(replayWarnings(t, first)) != 0 {
					t.Fatalf("first call warns of a replay: %s", first.body)
				}
				rows := countRows(t, s, c.table)

				again := admin.gql(c.query, vars{"i": in}).ok()
				if got := again.str("m", c.path, "id"); got != id {
					t.Fatalf("retry answered %s, want the first object %s", got, id)
				}
				if w := replayWarnings(t, again); len(w) != 1 || w[0] != "m" {
					t.Fatalf("retry warnings %v: %s", w, again.body)
				}
				if c.name == "createApiKey" {
					if first.str("m", "secret") == "" || again.get("m", "secret") != nil {
						t.Fatalf("the secret must be shown once, on the first call only: %s / %s", first.body, again.body)
					}
				}
				if n := countRows(t, s, c.table); n != rows {
					t.Fatalf("retry wrote rows: %d → %d", rows, n)
				}

				other := admin.gql(c.query, vars{"i": with(c.other, map[string]any{"idempotencyKey": "key-" + c.name})})
				other.wantCode("BAD_USER_INPUT")
				if other.field() != "input.idempotencyKey" || other.get("m") != nil {
					t.Fatalf("another input with the same key: %s", other.body)
				}
				if n := countRows(t, s, c.table); n != rows {
					t.Fatalf("refused call wrote rows: %d → %d", rows, n)
				}
			})
		}
		// The password is not part of the fingerprint (it is never stored):
		// a retry that differs only in it answers the first user.
		in := map[string]any{"email": "pw@example.com", "name": "Pw", "password": "password-1", "role": "VIEWER", "idempotencyKey": "user-pw"}
		first := admin.gql(`mutation($i:CreateUserInput!){ createUser(input:$i) { user { id } } }`, vars{"i": in}).ok()
		again := admin.gql(`mutation($i:CreateUserInput!){ createUser(input:$i) { user { id } } }`, vars{"i": with(in, map[string]any{"password": "password-2"})}).ok()
		if first.str("createUser", "user", "id") != again.str("createUser", "user", "id") {
			t.Fatalf("retry with another password: %s / %s", first.body, again.body)
		}
		var recs []models.IdempotencyRecord
		s.app.db.Find(&recs)
		for _, r := range recs {
			if len(r.InputHash) != 64 || r.ResultID == "" {
				t.Fatalf("record %+v", r)
			}
		}

		// Keys are per caller: an API key using the same value makes its own project.
		_, secret := admin.createKey("integration")
		key := s.bearer(secret)
		q := `mutation($i:CreateProjectInput!){ createProject(input:$i) { project { id } } }`
		byAdmin := admin.gql(q, vars{"i": map[string]any{"title": "Shared", "idempotencyKey": "shared"}}).ok().str("createProject", "project", "id")
		byKey := key.gql(q, vars{"i": map[string]any{"title": "Shared", "idempotencyKey": "shared"}}).ok().str("createProject", "project", "id")
		if byKey == byAdmin || byKey != key.gql(q, vars{"i": map[string]any{"title": "Shared", "idempotencyKey": "shared"}}).ok().str("createProject", "project", "id") {
			t.Fatal("an idempotency key must be remembered per caller")
		}

		for _, bad := range []string{"", "has space", string(make([]byte, 256))} {
			r := admin.gql(q, vars{"i": map[string]any{"title": "X", "idempotencyKey": bad}}).wantCode("BAD_USER_INPUT")
			if r.field() != "input.idempotencyKey" {
				t.Fatalf("key %q: %s", bad, r.body)
			}
		}
	})
}

// A create that fails leaves no record: the retry runs, and succeeds once
// the input is fixed. An expired record no longer counts, and is pruned.
func TestIdempotencyKeyFailuresAndExpiry(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL)
		admin := s.admin()
		p := admin.createProject("Risky")
		q := `mutation($i:CreateRiskInput!){ createRisk(input:$i) { risk { id likelihood } } }`
		in := map[string]any{"projectId": p, "name": "Drift", "likelihood": 9, "severity": 3, "idempotencyKey": "risk-1"}
		admin.gql(q, vars{"i": in}).wantCode("BAD_USER_INPUT")
		if n := countRows(t, s, &models.IdempotencyRecord{}); n != 0 {
			t.Fatalf("a failed create left %d records", n)
		}
		id := admin.gql(q, vars{"i": with(in, map[string]any{"likelihood": 4})}).ok().str("createRisk", "risk", "id")

		// Past its 24 hours the key is free again.
		if err := s.app.db.Model(&models.IdempotencyRecord{}).Where("client_key = ?", "risk-1").
			Update("expires_at", time.Now().Add(-time.Minute)).Error; err != nil {
			t.Fatal(err)
		}
		if again := admin.gql(q, vars{"i": with(in, map[string]any{"likelihood": 5})}).ok().str("createRisk", "risk", "id"); again == id {
			t.Fatal("an expired key still answered the old risk")
		}
		var rec models.IdempotencyRecord
		s.app.db.Where("client_key = ?", "risk-1").Take(&rec)
		if d := time.Until(rec.ExpiresAt); d < 23*time.Hour || d > 25*time.Hour {
			t.Fatalf("a key is remembered for %v, want 24 h", d)
		}
		s.app.db.Model(&models.IdempotencyRecord{}).Where("1 = 1").Update("expires_at", time.Now().Add(-time.Second))
		if n, err := models.PruneIdempotencyKeys(t.Context(), s.app.db, time.Now()); err != nil || n != 1 {
			t.Fatalf("pruned %d, %v", n, err)
		}

		// A deleted object cannot be answered again: NOT_FOUND on the key.
		pin := map[string]any{"title": "Short-lived", "idempotencyKey": "gone"}
		pid := admin.gql(`mutation($i:CreateProjectInput!){ createProject(input:$i) { project { id } } }`, vars{"i": pin}).ok().str("createProject", "project", "id")
		admin.gql(`mutation($id:ID!){ deleteProject(input:{id:$id}) { deletedProjectId } }`, vars{"id": pid}).ok()
		r := admin.gql(`mutation($i:CreateProjectInput!){ createProject(input:$i) { project { id } } }`, vars{"i": pin}).wantCode("NOT_FOUND")
		if r.field() != "input.idempotencyKey" {
			t.Fatalf("replay of a deleted object: %s", r.body)
		}
	})
}

// 20 concurrent calls with one key make one project and all answer it,
// even with a pause between claiming the key and creating the object.
func TestIdempotencyKeyUnderConcurrency(t *testing.T) {
	defer models.PauseAfterIdempotencyClaim(50 * time.Millisecond)()
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL)
		_, secret := s.admin().createKey("sync job")
		key := s.bearer(secret)
		q := `mutation($i:CreateProjectInput!){ createProject(input:$i) { project { id } } }`
		in := vars{"i": map[string]any{"title": "Concurrent", "idempotencyKey": "one-project"}}
		before := countRows(t, s, &models.Project{})
		ids := make([]string, 20)
		var wg sync.WaitGroup
		for i := range ids {
			wg.Go(func() { ids[i] = key.gql(q, in).ok().str("createProject", "project", "id") })
		}
		wg.Wait()
		for _, id := range ids {
			if id == "" || id != ids[0] {
				t.Fatalf("answers differ: %v", ids)
			}
		}
		if n := countRows(t, s, &models.Project{}) - before; n != 1 {
			t.Fatalf("%d projects made, want 1", n)
		}
	})
}

// A retried rotation does not rotate again: one rotation, one new secret,
// which stays the key's current one; the secret before it keeps its grace.
func TestIdempotentRotation(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL)
		admin := s.admin()
		id, original := admin.createKey("rotated once")
		in := keyInput(id, map[string]any{"graceHours": 1, "idempotencyKey": "rotate-1"})
		first := admin.gql(rotateKey, in).ok()
		secret := first.str("rotateApiKey", "secret")
		var wg sync.WaitGroup
		retries := make([]*response, 5)
		for i := range retries {
			wg.Go(func() { retries[i] = admin.gql(rotateKey, in) })
		}
		wg.Wait()
		for _, r := range retries {
			r.ok()
			if r.get("rotateApiKey", "secret") != nil || r.str("rotateApiKey", "apiKey", "rotatedAt") != first.str("rotateApiKey", "apiKey", "rotatedAt") {
				t.Fatalf("a retry rotated again or showed a secret: %s", r.body)
			}
		}
		var rotations int64
		s.app.db.Model(&models.AuditEvent{}).Where("action = ? AND target_id = ?", models.AuditAPIKeyRotated, id).Count(&rotations)
		if secret == "" || rotations != 1 {
			t.Fatalf("secret %q, %d rotations", secret, rotations)
		}
		s.bearer(secret).gql(`{ whoami { kind } }`, nil).ok()
		s.bearer(original).gql(`{ whoami { kind } }`, nil).ok() // within its hour of grace
	})
}
