package main

import (
	"fmt"
	"strings"
	"testing"
)

const riskFields = `id name project { id title } owner { email } lifecyclePhase likelihood severity score riskLevel mitigationStatus mitigationPlan deadline createdBy { kind name }`

func TestRiskCRUD(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		owner := admin.createUser("risk.owner@example.com", "EDITOR")
		p, p2 := admin.createProject("Credit scoring"), admin.createProject("Chatbot")
		r := admin.gql(`mutation($i:CreateRiskInput!){ createRisk(input:$i) { risk { `+riskFields+` } } }`, vars{"i": map[string]any{
			"projectId": p, "name": "Disparate impact", "ownerId": owner, "lifecyclePhase": "VALIDATION", "likelihood": 3, "severity": 5,
			"mitigationStatus": "IN_PROGRESS", "mitigationPlan": "Fairness audit\nper release", "deadline": "2025-12-31",
		}}).ok()
		id := r.str("createRisk", "risk", "id")
		if r.str("createRisk", "risk", "project", "title") != "Credit scoring" || r.get("createRisk", "risk", "score") != float64(15) ||
			r.str("createRisk", "risk", "riskLevel") != "HIGH" || r.str("createRisk", "risk", "owner", "email") != "risk.owner@example.com" ||
			r.str("createRisk", "risk", "deadline") != "2025-12-31" || r.str("createRisk", "risk", "lifecyclePhase") != "VALIDATION" {
			t.Fatalf("created: %s", r.body)
		}
		u := admin.gql(`mutation($id:ID!,$p:ID){ updateRisk(input:{id:$id, likelihood:5, projectId:$p, deadline:null}) { risk { `+riskFields+` } } }`, vars{"id": id, "p": p2}).ok()
		if u.str("updateRisk", "risk", "riskLevel") != "CRITICAL" || u.str("updateRisk", "risk", "project", "title") != "Chatbot" ||
			u.get("updateRisk", "risk", "deadline") != nil || u.str("updateRisk", "risk", "mitigationPlan") != "Fairness audit\nper release" {
			t.Fatalf("update: %s", u.body)
		}
		admin.gql(`mutation($id:ID!){ updateRisk(input:{id:$id, projectId:null}) { risk { id } } }`, vars{"id": id}).wantField("projectId")
		admin.gql(`mutation($id:ID!){ updateRisk(input:{id:$id, severity:null}) { risk { id } } }`, vars{"id": id}).wantField("severity")
		admin.gql(`query($id:ID!){ risk(id:$id) { name } }`, vars{"id": id}).ok()
		admin.gql(`mutation($id:ID!){ deleteRisk(input:{id:$id}) { deletedRiskId } }`, vars{"id": id}).ok()
		admin.gql(`query($id:ID!){ risk(id:$id) { name } }`, vars{"id": id}).wantCode("NOT_FOUND")
		// A retried delete succeeds and answers the same id (idempotent).
		if again := admin.gql(`mutation($id:ID!){ deleteRisk(input:{id:$id}) { deletedRiskId } }`, vars{"id": id}).ok(); again.str("deleteRisk", "deletedRiskId") != id {
			t.Fatalf("retried delete: %s", again.body)
		}

		// A project's risks go with it.
		admin.createRisk(p, "Drift", 2, 2)
		admin.gql(`mutation($id:ID!){ deleteProject(input:{id:$id}) { deletedProjectId } }`, vars{"id": p}).ok()
		if n := admin.gql(`{ risks { totalCount } }`, nil).ok().get("risks", "totalCount"); n != float64(0) {
			t.Fatalf("risks left after deleting their project: %v", n)
		}
	})
}

// The level is a pure function of likelihood × severity; every cell of the
// 5×5 matrix is checked against the documented bands.
func TestRiskLevelBands(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	admin := s.admin()
	p := admin.createProject("Matrix")
	for l := 1; l <= 5; l++ {
		for sv := 1; sv <= 5; sv++ {
			r := admin.gql(`mutation($i:CreateRiskInput!){ createRisk(input:$i) { risk { score riskLevel } } }`, vars{"i": map[string]any{
				"projectId": p, "name": fmt.Sprintf("%d×%d", l, sv), "likelihood": l, "severity": sv}}).ok()
			want := "LOW"
			switch score := l * sv; {
			case score >= 20:
				want = "CRITICAL"
			case score >= 10:
				want = "HIGH"
			case score >= 5:
				want = "MEDIUM"
			}
			if r.str("createRisk", "risk", "riskLevel") != want || r.get("createRisk", "risk", "score") != float64(l*sv) {
				t.Fatalf("%d×%d: %s, want %s", l, sv, r.body, want)
			}
		}
	}
}

func TestRiskFiltersAndValidation(t *testing.T) {
	onEachDB(t, func(c *config) { c.AllowSignup = true }, func(t *testing.T, s *testServer, admin *client) {
		p1, p2 := admin.createProject("One"), admin.createProject("Two")
		admin.createRisk(p1, "Data leakage", 2, 4)
		admin.createRisk(p1, "Prompt injection", 4, 4)
		id := admin.createRisk(p2, "Model drift", 3, 2)
		admin.gql(`mutation($id:ID!){ updateRisk(input:{id:$id, mitigationStatus:ACCEPTED}) { risk { id } } }`, vars{"id": id}).ok()
		for _, tc := range []struct {
			filter map[string]any
			want   string
		}{
			{map[string]any{"projectId": p1}, "Data leakage|Prompt injection"},
			{map[string]any{"mitigationStatus": []string{"ACCEPTED"}}, "Model drift"},
			{map[string]any{"search": "INJECT"}, "Prompt injection"},
			{map[string]any{"projectId": p2, "search": "leak"}, ""},
		} {
			r := admin.gql(`query($f:RiskFilter){ risks(filter:$f) { nodes { name } } }`, vars{"f": tc.filter}).ok()
			var got []string
			for _, n := range r.get("risks", "nodes").([]any) {
				got = append(got, n.(map[string]any)["name"].(string))
			}
			if strings.Join(got, "|") != tc.want {
				t.Fatalf("filter %v: got %v, want %s", tc.filter, got, tc.want)
			}
		}

		foreignProject := s.otherOrg().createProject("Theirs")
		base := map[string]any{"projectId": p1, "name": "Risk", "likelihood": 3, "severity": 3}
		runScenarios(t, refusedInputs(admin, `mutation($i:CreateRiskInput!){ createRisk(input:$i) { risk { id } } }`, []inputCase{
			{"likelihood 0", with(base, map[string]any{"likelihood": 0}), "likelihood"},
			{"likelihood 6", with(base, map[string]any{"likelihood": 6}), "likelihood"},
			{"severity -1", with(base, map[string]any{"severity": -1}), "severity"},
			{"severity 99", with(base, map[string]any{"severity": 99}), "severity"},
			{"likelihood as text", with(base, map[string]any{"likelihood": "3"}), "likelihood"},
			{"severity fractional", with(base, map[string]any{"severity": 2.5}), ""},
			{"empty name", with(base, map[string]any{"name": ""}), "name"},
			{"name too long", with(base, map[string]any{"name": strings.Repeat("n", 201)}), "name"},
			{"plan too long", with(base, map[string]any{"mitigationPlan": strings.Repeat("m", 10001)}), "mitigationPlan"},
			{"bad deadline", with(base, map[string]any{"deadline": "2025-02-29"}), "deadline"},
			{"unknown phase", with(base, map[string]any{"lifecyclePhase": "LAUNCH"}), ""},
			{"unknown mitigation status", with(base, map[string]any{"mitigationStatus": "DONE"}), ""},
			{"unknown project", with(base, map[string]any{"projectId": "6f1c1a70-0000-4000-8000-000000000000"}), "projectId"},
			{"malformed project", with(base, map[string]any{"projectId": "p1"}), "projectId"},
			{"another organisation's project", with(base, map[string]any{"projectId": foreignProject}), "projectId"},
			{"unknown owner", with(base, map[string]any{"ownerId": "6f1c1a70-0000-4000-8000-000000000000"}), "ownerId"},
		}))
		admin.gql(`mutation($id:ID!){ updateRisk(input:{id:$id, likelihood:7}) { risk { id } } }`, vars{"id": id}).wantField("likelihood")
		admin.gql(`mutation($id:ID!,$p:ID){ updateRisk(input:{id:$id, projectId:$p}) { risk { id } } }`, vars{"id": id, "p": foreignProject}).wantField("projectId")
		if n := admin.gql(`{ risks { totalCount } }`, nil).ok().get("risks", "totalCount"); n != float64(3) {
			t.Fatalf("%v risks: failed writes must leave none", n)
		}
	})
}
