package main

import (
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"keyward/models"
)

// raceIntoRefCheck runs write until it has checked its references and
// pauses it there, runs del into that gap, lets write go on once del has
// either finished or is waiting for write's transaction, and returns both
// answers. On PostgreSQL "waiting" is read from pg_blocking_pids. SQLite
// transactions hold the write lock from BEGIN, so del cannot finish during
// the pause; it gets a moment to start and is then left waiting.
func raceIntoRefCheck(t *testing.T, s *testServer, write, del func() *response) (w, d *response) {
	t.Helper()
	paused, resume := make(chan *gorm.DB), make(chan struct{})
	var once sync.Once
	models.SetAfterRefCheck(func(tx *gorm.DB) { once.Do(func() { paused <- tx; <-resume }) })
	defer models.SetAfterRefCheck(nil)

	wc, dc := make(chan *response, 1), make(chan *response, 1)
	go func() { wc <- write() }()
	tx := <-paused
	var pid int
	if s.app.dialect == models.Postgres {
		if err := tx.Raw("SELECT pg_backend_pid()").Scan(&pid).Error; err != nil {
			t.Fatal(err)
		}
	}
	go func() { dc <- del() }()
	deadline := time.Now().Add(10 * time.Second)
	if s.app.dialect == models.SQLite {
		deadline = time.Now().Add(100 * time.Millisecond)
	}
wait:
	for time.Now().Before(deadline) {
		select {
		case d = <-dc:
			break wait
		case <-time.After(5 * time.Millisecond):
		}
		if pid != 0 {
			var blocked int64
			s.app.db.Raw("SELECT count(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))", pid).Scan(&blocked)
			if blocked > 0 {
				break
			}
		}
	}
	if pid != 0 && d == nil && time.Now().After(deadline) {
		t.Fatal("the delete neither finished nor waited for the paused write")
	}
	close(resume)
	w = <-wc
	if d == nil {
		d = <-dc
	}
	return w, d
}

// auditDetails returns "ACTION targetId detail" lines of the audit trail.
func auditDetails(admin *client) string {
	r := admin.gql(`{ auditEvents(limit: 500) { action targetId detail } }`, nil).ok()
	var b strings.Builder
	for _, e := range r.get("auditEvents").([]any) {
		m := e.(map[string]any)
		b.WriteString(m["action"].(string) + " " + m["targetId"].(string) + " " + m["detail"].(string) + "\n")
	}
	return b.String()
}

// A reference that passed its check is still valid when the write commits:
// a delete racing into the gap between the two never turns the write into
// INTERNAL. Either the write wins (and the delete that follows audits what
// it cascades to) or the reference is refused as the check would refuse it.
func TestReferencesStayValidUntilCommit(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		for _, c := range []struct {
			name  string
			field string
			// run returns the write, the delete, and what the audit trail
			// must hold when the write won.
			run func() (write, del func() *response, audit func(w *response) string)
		}{
			{"upsertAiModel links a project being deleted", "projectIds", func() (func() *response, func() *response, func(*response) string) {
				pid := admin.createProject("Doomed link")
				return func() *response {
						return admin.gql(upsertModel, vars{"i": map[string]any{"provider": "P", "model": "m-link", "version": "1", "projectIds": []string{pid}}})
					}, func() *response {
						return admin.gql(`mutation($id:ID!){ deleteProject(input:{id:$id}) { deletedProjectId } }`, vars{"id": pid})
					}, func(w *response) string {
						return "AI_MODEL_UPDATED " + w.str("upsertAiModel", "aiModel", "id") + ` Link to project "Doomed link" (` + pid + ")"
					}
			}},
			{"createRisk in a project being deleted", "projectId", func() (func() *response, func() *response, func(*response) string) {
				pid := admin.createProject("Doomed risks")
				return func() *response {
						return admin.gql(`mutation($p:ID!){ createRisk(input:{projectId:$p, name:"Late", likelihood:2, severity:3}) { risk { id } } }`, vars{"p": pid})
					}, func() *response {
						return admin.gql(`mutation($id:ID!){ deleteProject(input:{id:$id}) { deletedProjectId } }`, vars{"id": pid})
					}, func(w *response) string {
						return "RISK_DELETED " + w.str("createRisk", "risk", "id") + ` Deleted with its project "Doomed risks" (` + pid + ")"
					}
			}},
			{"updateRisk moves to a project being deleted", "projectId", func() (func() *response, func() *response, func(*response) string) {
				home, target := admin.createProject("Home"), admin.createProject("Target")
				rid := admin.createRisk(home, "Mover", 1, 1)
				return func() *response {
						return admin.gql(`mutation($id:ID!,$p:ID!){ updateRisk(input:{id:$id, projectId:$p}) { risk { id } } }`, vars{"id": rid, "p": target})
					}, func() *response {
						return admin.gql(`mutation($id:ID!){ deleteProject(input:{id:$id}) { deletedProjectId } }`, vars{"id": target})
					}, func(*response) string {
						return "RISK_DELETED " + rid + ` Deleted with its project "Target" (` + target + ")"
					}
			}},
			{"createProject owned by a user being deleted", "ownerId", func() (func() *response, func() *response, func(*response) string) {
				uid := admin.createUser("owner-race@example.com", "EDITOR")
				return func() *response {
						return admin.gql(`mutation($o:ID!){ createProject(input:{title:"Orphan", ownerId:$o}) { project { id } } }`, vars{"o": uid})
					}, func() *response {
						return admin.gql(`mutation($id:ID!){ deleteUser(input:{id:$id}) { deletedUserId } }`, vars{"id": uid})
					}, func(w *response) string {
						return "PROJECT_UPDATED " + w.str("createProject", "project", "id") + ` Owner "Test EDITOR <owner-race@example.com>" (` + uid + ") removed"
					}
			}},
			{"upsertAiModel approved by a user being deleted", "approverId", func() (func() *response, func() *response, func(*response) string) {
				uid := admin.createUser("approver-race@example.com", "EDITOR")
				return func() *response {
						return admin.gql(upsertModel, vars{"i": map[string]any{"provider": "P", "model": "m-approver", "version": "1", "approverId": uid}})
					}, func() *response {
						return admin.gql(`mutation($id:ID!){ deleteUser(input:{id:$id}) { deletedUserId } }`, vars{"id": uid})
					}, func(w *response) string {
						return "AI_MODEL_UPDATED " + w.str("upsertAiModel", "aiModel", "id") + ` Approver "Test EDITOR <approver-race@example.com>" (` + uid + ") removed"
					}
			}},
			{"updateRisk owned by a user being deleted", "ownerId", func() (func() *response, func() *response, func(*response) string) {
				uid := admin.createUser("risk-owner-race@example.com", "VIEWER")
				rid := admin.createRisk(admin.createProject("Risky"), "Owned risk", 1, 1)
				return func() *response {
						return admin.gql(`mutation($id:ID!,$o:ID!){ updateRisk(input:{id:$id, ownerId:$o}) { risk { id } } }`, vars{"id": rid, "o": uid})
					}, func() *response {
						return admin.gql(`mutation($id:ID!){ deleteUser(input:{id:$id}) { deletedUserId } }`, vars{"id": uid})
					}, func(*response) string {
						return "RISK_UPDATED " + rid + ` Owner "Test VIEWER <risk-owner-race@example.com>" (` + uid + ") removed"
					}
			}},
		} {
			t.Run(c.name, func(t *testing.T) {
				write, del, audit := c.run()
				w, d := raceIntoRefCheck(t, s, write, del)
				d.ok()
				switch w.code() {
				case "":
					w.ok()
					if want := audit(w); !strings.Contains(auditDetails(admin), want) {
						t.Fatalf("the delete after the write did not audit what it removed: want %q in\n%s", want, auditDetails(admin))
					}
				case "BAD_USER_INPUT":
					w.wantField(c.field)
				default:
					t.Fatalf("write racing a delete: %s", w.body)
				}
			})
		}
		if strings.Contains(s.log.String(), "internal error") {
			t.Fatalf("a race surfaced as an internal error:\n%s", s.log.String())
		}
	})
}

// Every row a delete removes or alters through the database's cascade is in
// the audit trail, written in the delete's transaction.
func TestCascadesAreAudited(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		pid := admin.createProject("Cascade")
		keep := admin.createProject("Keep")
		r1, r2 := admin.createRisk(pid, "Risk one", 1, 2), admin.createRisk(pid, "Risk two", 3, 4)
		var modelIDs []string
		for _, name := range []string{"m1", "m2"} {
			r := admin.gql(upsertModel, vars{"i": map[string]any{"provider": "P", "model": name, "version": "1", "projectIds": []string{pid, keep}}}).ok()
			modelIDs = append(modelIDs, r.str("upsertAiModel", "aiModel", "id"))
		}
		// An update that changes links names them.
		other := admin.createProject("Other")
		admin.gql(`mutation($id:ID!,$p:[ID!]){ updateAiModel(input:{id:$id, projectIds:$p}) { aiModel { id } } }`,
			vars{"id": modelIDs[1], "p": []string{pid, other}}).ok()
		if want := "AI_MODEL_UPDATED " + modelIDs[1] + ` Linked to project "Other" (` + other + `); Link to project "Keep" (` + keep + `) removed`; !strings.Contains(auditDetails(admin), want) {
			t.Errorf("missing %q in the audit trail:\n%s", want, auditDetails(admin))
		}
		admin.gql(`mutation($id:ID!){ deleteProject(input:{id:$id}) { deletedProjectId } }`, vars{"id": pid}).ok()
		trail := auditDetails(admin)
		for _, want := range []string{
			"RISK_DELETED " + r1 + ` Deleted with its project "Cascade" (` + pid + ")",
			"RISK_DELETED " + r2 + ` Deleted with its project "Cascade" (` + pid + ")",
			"AI_MODEL_UPDATED " + modelIDs[0] + ` Link to project "Cascade" (` + pid + `) removed: the project was deleted`,
			"AI_MODEL_UPDATED " + modelIDs[1] + ` Link to project "Cascade" (` + pid + `) removed: the project was deleted`,
			"PROJECT_DELETED " + pid + " \n",
		} {
			if !strings.Contains(trail, want) {
				t.Errorf("missing %q in the audit trail:\n%s", want, trail)
			}
		}

		uid := admin.createUser("leaver@example.com", "ADMIN")
		owned := admin.createProject("Owned", vars{"ownerId": uid})
		risk := admin.createRisk(keep, "Owned risk", 1, 1)
		admin.gql(`mutation($id:ID!,$o:ID!){ updateRisk(input:{id:$id, ownerId:$o}) { risk { id } } }`, vars{"id": risk, "o": uid}).ok()
		admin.gql(`mutation($id:ID!,$u:ID!){ updateAiModel(input:{id:$id, approverId:$u}) { aiModel { id } } }`, vars{"id": modelIDs[0], "u": uid}).ok()
		keyID, _ := s.login("leaver@example.com", "password-ADMIN").createKey("Leaver's key")
		admin.gql(`mutation($id:ID!){ deleteUser(input:{id:$id}) { deletedUserId } }`, vars{"id": uid}).ok()
		trail = auditDetails(admin)
		who := `"Test ADMIN <leaver@example.com>" (` + uid + `) removed: the user was deleted`
		for _, want := range []string{
			"PROJECT_UPDATED " + owned + " Owner " + who,
			"RISK_UPDATED " + risk + " Owner " + who,
			"AI_MODEL_UPDATED " + modelIDs[0] + " Approver " + who,
			"API_KEY_UPDATED " + keyID + " Creator " + who,
			"USER_DELETED " + uid + " \n",
		} {
			if !strings.Contains(trail, want) {
				t.Errorf("missing %q in the audit trail:\n%s", want, trail)
			}
		}
		if strings.Count(trail, who) != 4 {
			t.Errorf("want exactly four rows cleared by the user's deletion:\n%s", trail)
		}
	})
}
