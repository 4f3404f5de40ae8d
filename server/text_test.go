package main

import "testing"

// Invisible names are empty on the server as in the SPA (the shared table is
// frontend/src/text/textCases.json); and upsertAiModel takes status: null as
// "not given", as its schema says.
func TestInvisibleNamesAndNullStatus(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		key, project := `mutation($i:CreateApiKeyInput!){ createApiKey(input:$i) { secret } }`, `mutation($i:CreateProjectInput!){ createProject(input:$i) { project { id } } }`
		runScenarios(t, refusedInputs(admin, key, []inputCase{
			{"key name of byte-order marks", map[string]any{"name": "\uFEFF\uFEFF\uFEFF"}, "name"},
			{"key name too short once the zero-width spaces go", map[string]any{"name": "\u200Bab\u200B"}, "name"},
		}))
		runScenarios(t, refusedInputs(admin, project, []inputCase{
			{"project title of invisible characters", map[string]any{"title": "\u200B\u2060\uFEFF\u00A0"}, "title"},
		}))
		r := admin.gql(`mutation($n:String!){ createApiKey(input:{name:$n}) { apiKey { name } } }`, vars{"n": "\uFEFF\u0085ci key\u00A0"}).ok()
		if got := r.str("createApiKey", "apiKey", "name"); got != "ci key" {
			t.Fatalf("stored name %q, want the trimmed %q", got, "ci key")
		}

		in := map[string]any{"provider": "P", "model": "m", "version": "1", "status": nil}
		first := admin.gql(upsertModel, vars{"i": in}).ok()
		if first.get("upsertAiModel", "created") != true || first.str("upsertAiModel", "aiModel", "status") != "PENDING" {
			t.Fatalf("upsert with status null should create a PENDING entry: %s", first.body)
		}
		id := first.str("upsertAiModel", "aiModel", "id")
		admin.gql(`mutation($id:ID!){ updateAiModel(input:{id:$id, status:APPROVED}) { aiModel { id } } }`, vars{"id": id}).ok()
		again := admin.gql(upsertModel, vars{"i": in}).ok()
		if again.get("upsertAiModel", "created") != false || again.str("upsertAiModel", "aiModel", "status") != "APPROVED" {
			t.Fatalf("upsert with status null should keep the entry's status: %s", again.body)
		}
		// updateAIModel: a status cannot be cleared.
		admin.gql(`mutation($id:ID!){ updateAiModel(input:{id:$id, status:null}) { aiModel { id } } }`, vars{"id": id}).wantField("status")
	})
}
