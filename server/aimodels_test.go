package main

import (
	"fmt"
	"strings"
	"testing"

	"keyward/models"
)

const upsertModel = `mutation($i:UpsertAiModelInput!){ upsertAiModel(input:$i) { created aiModel { id provider model version status capabilities hostingProvider referenceLink statusDate approver { email } projects { title } } } }`

func TestAIModelCRUD(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		approver := admin.createUser("approver@example.com", "EDITOR")
		p1, p2 := admin.createProject("Support bot"), admin.createProject("Search")
		r := admin.gql(`mutation($i:CreateAiModelInput!){ createAiModel(input:$i) { aiModel { id provider model version status statusDate referenceLink biases limitations capabilities hostingProvider approver { email } projects { id title } createdBy { kind name } } } }`,
			vars{"i": map[string]any{
				"provider": "OpenAI", "model": "gpt-4o", "version": "2024-08-06", "approverId": approver,
				"capabilities": "text\nvision", "hostingProvider": "Azure", "status": "APPROVED", "statusDate": "2025-01-15",
				"referenceLink": "https://example.com/model-card", "biases": "English-centric", "limitations": "No medical advice",
				"projectIds": []string{p2, p1, p1},
			}}).ok()
		id := r.str("createAiModel", "aiModel", "id")
		if r.str("createAiModel", "aiModel", "approver", "email") != "approver@example.com" || r.str("createAiModel", "aiModel", "status") != "APPROVED" ||
			len(r.get("createAiModel", "aiModel", "projects").([]any)) != 2 || r.str("createAiModel", "aiModel", "createdBy", "name") != adminEmail {
			t.Fatalf("created: %s", r.body)
		}
		// The same identity, ignoring case, is a duplicate for create.
		dup := admin.gql(`mutation{ createAiModel(input:{provider:"openai", model:"GPT-4o", version:"2024-08-06"}) { aiModel { id } } }`, nil).wantCode("DUPLICATE_NAME")
		if !strings.Contains(dup.Errors[0].Message, "upsertAiModel") {
			t.Fatalf("message: %s", dup.body)
		}
		u := admin.gql(`mutation($id:ID!){ updateAiModel(input:{id:$id, status:BLOCKED, projectIds:[], approverId:null}) { aiModel { status projects { id } approver { id } model } } }`, vars{"id": id}).ok()
		if u.str("updateAiModel", "aiModel", "status") != "BLOCKED" || len(u.get("updateAiModel", "aiModel", "projects").([]any)) != 0 ||
			u.get("updateAiModel", "aiModel", "approver") != nil || u.str("updateAiModel", "aiModel", "model") != "gpt-4o" {
			t.Fatalf("update: %s", u.body)
		}
		admin.gql(`mutation($id:ID!){ updateAiModel(input:{id:$id, projectIds:[`+fmt.Sprintf("%q", p1)+`]}) { aiModel { id } } }`, vars{"id": id}).ok()
		// Deleting a project unlinks it.
		admin.gql(`mutation($id:ID!){ deleteProject(input:{id:$id}) { deletedProjectId } }`, vars{"id": p1}).ok()
		g := admin.gql(`query($id:ID!){ aiModel(id:$id) { projects { id } } }`, vars{"id": id}).ok()
		if len(g.get("aiModel", "projects").([]any)) != 0 {
			t.Fatalf("link survived the project: %s", g.body)
		}
		admin.gql(`mutation($id:ID!){ deleteAiModel(input:{id:$id}) { deletedAiModelId } }`, vars{"id": id}).ok()
		admin.gql(`query($id:ID!){ aiModel(id:$id) { id } }`, vars{"id": id}).wantCode("NOT_FOUND")
		// A retried delete succeeds and answers the same id (idempotent).
		if again := admin.gql(`mutation($id:ID!){ deleteAiModel(input:{id:$id}) { deletedAiModelId } }`, vars{"id": id}).ok(); again.str("deleteAiModel", "deletedAiModelId") != id {
			t.Fatalf("retried delete: %s", again.body)
		}
		admin.gql(`mutation($id:ID!){ updateAiModel(input:{id:$id, status:APPROVED}) { aiModel { id } } }`, vars{"id": id}).wantCode("NOT_FOUND")
	})
}

func TestAIModelUpsertIsIdempotent(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		_, secret := admin.createKey("inventory sync")
		key := s.bearer(secret)
		p := admin.createProject("Support bot")
		in := map[string]any{"provider": "Anthropic", "model": "claude", "version": "3.5", "capabilities": "text", "projectIds": []string{p}}
		first := key.gql(upsertModel, vars{"i": in}).ok()
		if first.get("upsertAiModel", "created") != true || first.str("upsertAiModel", "aiModel", "status") != "PENDING" {
			t.Fatalf("first upsert: %s", first.body)
		}
		id := first.str("upsertAiModel", "aiModel", "id")
		again := key.gql(upsertModel, vars{"i": in}).ok()
		if again.get("upsertAiModel", "created") != false || again.str("upsertAiModel", "aiModel", "id") != id {
			t.Fatalf("second upsert: %s", again.body)
		}
		// Identity ignores case; fields left out are kept; null clears.
		third := key.gql(upsertModel, vars{"i": map[string]any{"provider": "ANTHROPIC", "model": "Claude", "version": "3.5", "status": "APPROVED", "hostingProvider": nil}}).ok()
		if third.str("upsertAiModel", "aiModel", "id") != id || third.str("upsertAiModel", "aiModel", "capabilities") != "text" ||
			third.str("upsertAiModel", "aiModel", "status") != "APPROVED" || len(third.get("upsertAiModel", "aiModel", "projects").([]any)) != 1 ||
			third.str("upsertAiModel", "aiModel", "provider") != "ANTHROPIC" {
			t.Fatalf("third upsert: %s", third.body)
		}
		// Another version is another entry.
		other := key.gql(upsertModel, vars{"i": map[string]any{"provider": "Anthropic", "model": "claude", "version": "3.7"}}).ok()
		if other.get("upsertAiModel", "created") != true {
			t.Fatalf("new version: %s", other.body)
		}
		// A bad field leaves the entry untouched.
		key.gql(upsertModel, vars{"i": map[string]any{"provider": "Anthropic", "model": "claude", "version": "3.5", "status": "BLOCKED", "referenceLink": "nope"}}).wantField("referenceLink")
		if st := admin.gql(`query($id:ID!){ aiModel(id:$id) { status } }`, vars{"id": id}).ok().str("aiModel", "status"); st != "APPROVED" {
			t.Fatalf("status after failed upsert: %s", st)
		}
		if n := countRows(t, s, &models.AIModel{}); n != 2 {
			t.Fatalf("%d rows", n)
		}
	})
}

func TestConcurrentUpserts(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL)
		_, secret := s.admin().createKey("sync")
		key := s.bearer(secret)
		const n = 20
		codes := race(n, func(i int) string {
			r := key.gql(upsertModel, vars{"i": map[string]any{"provider": "Mistral", "model": "large", "version": "2", "capabilities": fmt.Sprint("run ", i)}})
			if r.code() != "" {
				return r.code()
			}
			return fmt.Sprint("created=", r.get("upsertAiModel", "created"))
		})
		if codes["created=true"] != 1 || codes["created=false"] != n-1 {
			t.Fatalf("want 1 create and %d updates, got %v", n-1, codes)
		}
		if c := countRows(t, s, &models.AIModel{}); c != 1 {
			t.Fatalf("%d rows for one (provider, model, version)", c)
		}
	})
}

func TestAiModelFiltersAndValidation(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		p := admin.createProject("Linked")
		for _, m := range []map[string]any{
			{"provider": "OpenAI", "model": "gpt-4o", "version": "1", "status": "APPROVED", "projectIds": []string{p}},
			{"provider": "OpenAI", "model": "whisper", "version": "2", "status": "BLOCKED"},
			{"provider": "Meta", "model": "Llama 3", "version": "70b", "status": "APPROVED"},
		} {
			admin.gql(upsertModel, vars{"i": m}).ok()
		}
		for _, tc := range []struct {
			filter map[string]any
			want   string
		}{
			{map[string]any{"status": []string{"APPROVED"}}, "gpt-4o|Llama 3"},
			{map[string]any{"provider": "openai"}, "gpt-4o|whisper"},
			{map[string]any{"projectId": p}, "gpt-4o"},
			{map[string]any{"search": "LLAMA"}, "Llama 3"},
			{map[string]any{"search": "openai", "status": []string{"BLOCKED"}}, "whisper"},
		} {
			r := admin.gql(`query($f:AiModelFilter){ aiModels(filter:$f) { nodes { model } totalCount } }`, vars{"f": tc.filter}).ok()
			var got []string
			for _, n := range r.get("aiModels", "nodes").([]any) {
				got = append(got, n.(map[string]any)["model"].(string))
			}
			if strings.Join(got, "|") != tc.want {
				t.Fatalf("filter %v: got %v, want %s", tc.filter, got, tc.want)
			}
		}
		admin.gql(`{ aiModels(after:"x") { totalCount } }`, nil).wantField("after")

		base := map[string]any{"provider": "P", "model": "M", "version": "V"}
		cases := []inputCase{
			{"empty provider", with(base, map[string]any{"provider": " "}), "provider"},
			{"provider too long", with(base, map[string]any{"provider": strings.Repeat("p", 101)}), "provider"},
			{"model too long", with(base, map[string]any{"model": strings.Repeat("m", 201)}), "model"},
			{"empty version", with(base, map[string]any{"version": ""}), "version"},
			{"version too long", with(base, map[string]any{"version": strings.Repeat("v", 101)}), "version"},
			{"hosting provider too long", with(base, map[string]any{"hostingProvider": strings.Repeat("h", 201)}), "hostingProvider"},
			{"capabilities too long", with(base, map[string]any{"capabilities": strings.Repeat("c", 10001)}), "capabilities"},
			{"biases too long", with(base, map[string]any{"biases": strings.Repeat("b", 10001)}), "biases"},
			{"limitations too long", with(base, map[string]any{"limitations": strings.Repeat("l", 10001)}), "limitations"},
			{"link without scheme", with(base, map[string]any{"referenceLink": "example.com/card"}), "referenceLink"},
			{"link with another scheme", with(base, map[string]any{"referenceLink": "javascript:alert(1)"}), "referenceLink"},
			{"link too long", with(base, map[string]any{"referenceLink": "https://example.com/" + strings.Repeat("a", 2000)}), "referenceLink"},
			{"bad status date", with(base, map[string]any{"statusDate": "yesterday"}), "statusDate"},
			{"unknown status", with(base, map[string]any{"status": "MAYBE"}), ""},
			{"unknown approver", with(base, map[string]any{"approverId": "6f1c1a70-0000-4000-8000-000000000000"}), "approverId"},
			{"unknown project", with(base, map[string]any{"projectIds": []string{p, "6f1c1a70-0000-4000-8000-000000000000"}}), "projectIds"},
			{"malformed project id", with(base, map[string]any{"projectIds": []string{"x"}}), "projectIds"},
		}
		t.Run("createAiModel", func(t *testing.T) {
			runScenarios(t, refusedInputs(admin, `mutation($i:CreateAiModelInput!){ createAiModel(input:$i) { aiModel { id } } }`, cases))
		})
		t.Run("upsertAiModel", func(t *testing.T) {
			runScenarios(t, refusedInputs(admin, `mutation($i:UpsertAiModelInput!){ upsertAiModel(input:$i) { created } }`, cases))
		})
		if n := countRows(t, s, &models.AIModel{}); n != 3 {
			t.Fatalf("%d rows: failed writes must leave none", n)
		}
	})
}
