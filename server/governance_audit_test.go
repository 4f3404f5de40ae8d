package main

import (
	"strings"
	"testing"
)

// Every governance write leaves an audit event naming who made it, a key
// or a user, in the same transaction as the write.
func TestGovernanceWritesAreAudited(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		_, secret := admin.createKey("pipeline")
		key := s.bearer(secret)

		project := key.gql(`mutation{ createProject(input:{title:"Fraud scoring"}) { project { id } } }`, nil).ok().str("createProject", "project", "id")
		key.gql(`mutation($id:ID!){ updateProject(input:{id:$id, status: IN_PROGRESS}) { project { id } } }`, vars{"id": project}).ok()
		risk := key.gql(`mutation($p:ID!){ createRisk(input:{projectId:$p, name:"Bias", likelihood:3, severity:4}) { risk { id } } }`, vars{"p": project}).ok().str("createRisk", "risk", "id")
		key.gql(`mutation($id:ID!){ updateRisk(input:{id:$id, likelihood:2}) { risk { id } } }`, vars{"id": risk}).ok()
		upsert := `mutation{ upsertAiModel(input:{provider:"OpenAI", model:"gpt-4o", version:"2024-08-06"}) { aiModel { id } } }`
		model := key.gql(upsert, nil).ok().str("upsertAiModel", "aiModel", "id")
		key.gql(upsert, nil).ok()
		key.gql(`mutation($id:ID!){ updateAiModel(input:{id:$id, status: APPROVED}) { aiModel { id } } }`, vars{"id": model}).ok()
		key.gql(`mutation($id:ID!){ deleteAiModel(input:{id:$id}) { deletedAiModelId } }`, vars{"id": model}).ok()
		key.gql(`mutation($id:ID!){ deleteRisk(input:{id:$id}) { deletedRiskId } }`, vars{"id": risk}).ok()
		admin.gql(`mutation($id:ID!){ deleteProject(input:{id:$id}) { deletedProjectId } }`, vars{"id": project}).ok()
		// Retried deletes succeed and record nothing more.
		key.gql(`mutation($id:ID!){ deleteAiModel(input:{id:$id}) { deletedAiModelId } }`, vars{"id": model}).ok()
		key.gql(`mutation($id:ID!){ deleteRisk(input:{id:$id}) { deletedRiskId } }`, vars{"id": risk}).ok()
		admin.gql(`mutation($id:ID!){ deleteProject(input:{id:$id}) { deletedProjectId } }`, vars{"id": project}).ok()
		// A refused write leaves no event.
		key.gql(`mutation{ createProject(input:{title:""}) { project { id } } }`, nil).wantCode("BAD_USER_INPUT")

		events := admin.gql(`{ auditEvents(limit: 20) { action actorKind actorName targetName } }`, nil).ok().get("auditEvents").([]any)
		var got []string
		for _, e := range events {
			m := e.(map[string]any)
			got = append(got, m["action"].(string)+" by "+m["actorKind"].(string)+" "+m["actorName"].(string)+": "+m["targetName"].(string))
		}
		want := []string{
			"PROJECT_DELETED by USER admin@example.com: Fraud scoring",
			"RISK_DELETED by API_KEY pipeline: Bias",
			"AI_MODEL_DELETED by API_KEY pipeline: OpenAI gpt-4o 2024-08-06",
			"AI_MODEL_UPDATED by API_KEY pipeline: OpenAI gpt-4o 2024-08-06",
			"AI_MODEL_UPDATED by API_KEY pipeline: OpenAI gpt-4o 2024-08-06",
			"AI_MODEL_CREATED by API_KEY pipeline: OpenAI gpt-4o 2024-08-06",
			"RISK_UPDATED by API_KEY pipeline: Bias",
			"RISK_CREATED by API_KEY pipeline: Bias",
			"PROJECT_UPDATED by API_KEY pipeline: Fraud scoring",
			"PROJECT_CREATED by API_KEY pipeline: Fraud scoring",
			"API_KEY_CREATED by USER admin@example.com: pipeline",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("audit trail:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}
