package main

import (
	"fmt"
	"strings"
	"testing"

	"keyward/models"
	"keyward/ratelimit"
)

// Every create and update reports all of its invalid fields at once, each
// as its own BAD_USER_INPUT error whose extensions.field is the path from
// the input argument, in the input's field order; and it writes nothing:
// no row, no change, no audit event.
func TestEveryInvalidFieldIsReported(t *testing.T) {
	const missing = "00000000-0000-4000-8000-0000000000ff"
	long := strings.Repeat("x", 2001)
	onEachDB(t, func(c *config) { c.AllowSignup, c.SignupLimit = true, ratelimit.Limit{} }, func(t *testing.T, s *testServer, admin *client) {
		f := admin.fixture()
		keyID, _ := admin.createKey("Existing key")
		cases := []struct {
			name  string
			query string
			in    map[string]any
			want  []string
			// rows is a table that must not gain a row.
			rows any
		}{
			{"createProject", `mutation($i:CreateProjectInput!){ createProject(input:$i) { project { id } } }`,
				map[string]any{"title": " ", "ownerId": missing, "goal": long, "riskClassification": "HIGH"},
				[]string{"[input title]", "[input ownerId]", "[input goal]"}, &models.Project{}},
			{"updateProject", `mutation($i:UpdateProjectInput!){ updateProject(input:$i) { project { id } } }`,
				map[string]any{"id": f.project, "title": "Renamed", "ownerId": missing, "status": nil, "goal": long},
				[]string{"[input ownerId]", "[input goal]", "[input status]"}, nil},
			{"createRisk", `mutation($i:CreateRiskInput!){ createRisk(input:$i) { risk { id } } }`,
				map[string]any{"projectId": missing, "name": "", "likelihood": 0, "severity": 6, "mitigationPlan": "ok"},
				[]string{"[input projectId]", "[input name]", "[input likelihood]", "[input severity]"}, &models.Risk{}},
			{"updateRisk", `mutation($i:UpdateRiskInput!){ updateRisk(input:$i) { risk { id } } }`,
				map[string]any{"id": f.risk, "projectId": nil, "name": "Renamed", "ownerId": missing, "mitigationStatus": nil},
				[]string{"[input projectId]", "[input ownerId]", "[input mitigationStatus]"}, nil},
			{"createAiModel", `mutation($i:CreateAiModelInput!){ createAiModel(input:$i) { aiModel { id } } }`,
				map[string]any{"provider": "", "model": "M", "version": " ", "approverId": missing, "referenceLink": "ftp://x", "projectIds": []string{f.project, missing}},
				[]string{"[input provider]", "[input version]", "[input approverId]", "[input referenceLink]", "[input projectIds 1]"}, &models.AIModel{}},
			{"upsertAiModel", `mutation($i:UpsertAiModelInput!){ upsertAiModel(input:$i) { aiModel { id } } }`,
				map[string]any{"provider": "P", "model": "", "version": "1", "hostingProvider": "a\tb", "projectIds": []string{missing}},
				[]string{"[input model]", "[input hostingProvider]", "[input projectIds 0]"}, &models.AIModel{}},
			{"updateAiModel", `mutation($i:UpdateAiModelInput!){ updateAiModel(input:$i) { aiModel { id } } }`,
				map[string]any{"id": f.model, "capabilities": "fine", "statusDate": nil, "status": nil, "referenceLink": "not a link"},
				[]string{"[input status]", "[input referenceLink]"}, nil},
			{"createUser", `mutation($i:CreateUserInput!){ createUser(input:$i) { user { id } } }`,
				map[string]any{"email": "not-an-email", "name": " ", "password": "short", "role": "VIEWER"},
				[]string{"[input email]", "[input name]", "[input password]"}, &models.User{}},
			{"signup", `mutation($i:SignupInput!){ signup(input:$i) { user { id } } }`,
				map[string]any{"orgName": "x", "email": "founder@example.com", "name": "", "password": "pw"},
				[]string{"[input orgName]", "[input name]", "[input password]"}, &models.Organization{}},
			{"createApiKey", `mutation($i:CreateApiKeyInput!){ createApiKey(input:$i) { secret } }`,
				map[string]any{"name": "ab", "expiresInDays": 0, "scope": "READ_ONLY"},
				[]string{"[input name]", "[input expiresInDays]"}, &models.APIKey{}},
			{"rotateApiKey", `mutation($i:RotateApiKeyInput!){ rotateApiKey(input:$i) { secret } }`,
				map[string]any{"id": keyID, "graceHours": -1, "expiresInDays": 100000},
				[]string{"[input graceHours]", "[input expiresInDays]"}, nil},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				audits, rows := countRows(t, s, &models.AuditEvent{}), int64(0)
				if tc.rows != nil {
					rows = countRows(t, s, tc.rows)
				}
				r := admin.gql(tc.query, vars{"i": tc.in}).wantCode("BAD_USER_INPUT")
				var got []string
				for _, e := range r.Errors {
					if e.Extensions["code"] != "BAD_USER_INPUT" {
						t.Fatalf("every error must be BAD_USER_INPUT: %s", r.body)
					}
					got = append(got, fmt.Sprint(e.Extensions["field"]))
				}
				if fmt.Sprint(got) != fmt.Sprint(tc.want) {
					t.Fatalf("fields %v, want %v: %s", got, tc.want, r.body)
				}
				if n := countRows(t, s, &models.AuditEvent{}); n != audits {
					t.Fatalf("a refused write recorded %d audit events", n-audits)
				}
				if tc.rows != nil {
					if n := countRows(t, s, tc.rows); n != rows {
						t.Fatalf("a refused create wrote %d rows", n-rows)
					}
				}
			})
		}
		// The updates above set one valid field beside the bad ones: it was
		// not saved either.
		r := admin.gql(`query($p:ID!,$r:ID!){ project(id:$p) { title } risk(id:$r) { name } }`, vars{"p": f.project, "r": f.risk}).ok()
		if r.str("project", "title") != secretTitle || r.str("risk", "name") != "Confidential risk" {
			t.Fatalf("a refused update changed a row: %s", r.body)
		}
	})
}

// A field is reported once, with its first problem: a required field that
// is also empty is "required", not twice.
func TestProblemsReportAFieldOnce(t *testing.T) {
	var p models.Problems
	p.Add(models.Invalid("name", "Name is required"))
	p.Add(models.Errors{models.Invalid("name", "Name must be at most 200 characters"), models.InvalidAt([]any{"projectIds", 1}, "bad")})
	many, ok := p.Err().(models.Errors)
	if !ok || len(many) != 2 || many[0].Message != "Name is required" || models.PathString(many[1].Path) != "projectIds[1]" {
		t.Fatalf("problems: %v", p.Err())
	}
}
