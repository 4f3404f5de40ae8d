package main

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"keyward/models"
)

// Every mutation has the v1 shape: one `input` argument of its own
// <Verb><Type>Input type, and a nullable <Verb><Type>Payload answer, so that
// one failed mutation never nulls the whole response (see docs/api.md).
func TestMutationShapes(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	r := s.anon().gql(`{ __schema { mutationType { fields { name
		type { kind name }
		args { name type { kind ofType { kind name } } } } } } }`, nil).ok()
	fields := r.get("__schema", "mutationType", "fields").([]any)
	if len(fields) < 18 {
		t.Fatalf("only %d mutations", len(fields))
	}
	for _, f := range fields {
		f := f.(map[string]any)
		name := f["name"].(string)
		typeName := strings.ToUpper(name[:1]) + name[1:]
		typ := f["type"].(map[string]any)
		if typ["kind"] != "OBJECT" || typ["name"] != typeName+"Payload" {
			t.Errorf("%s answers %v %v, want a nullable %sPayload", name, typ["kind"], typ["name"], typeName)
		}
		args := f["args"].([]any)
		if name == "logout" && len(args) == 0 {
			continue // GraphQL has no empty input objects
		}
		if len(args) != 1 {
			t.Errorf("%s takes %d arguments, want one input", name, len(args))
			continue
		}
		a := args[0].(map[string]any)
		at := a["type"].(map[string]any)
		of, _ := at["ofType"].(map[string]any)
		if a["name"] != "input" || at["kind"] != "NON_NULL" || of["kind"] != "INPUT_OBJECT" || of["name"] != typeName+"Input" {
			t.Errorf("%s takes %v: %v, want input: %sInput!", name, a["name"], at, typeName)
		}
	}
}

// The alias case of the v1 issue: a failing mutation leaves its siblings'
// results in the response, and what they saved stays saved.
func TestFailingMutationKeepsSiblings(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		admin.gql(`mutation{ createAiModel(input:{provider:"OpenAI", model:"gpt-4o", version:"1"}) { aiModel { id } } }`, nil).ok()
		r := admin.gql(`mutation {
			a: upsertAiModel(input:{provider:"Anthropic", model:"claude", version:"3.5"}) { created aiModel { id } }
			b: createAiModel(input:{provider:"openai", model:"GPT-4o", version:"1"}) { aiModel { id } }
			c: createProject(input:{title:"Saved anyway"}) { project { id title } }
			d: deleteRisk(input:{id:"not-a-uuid"}) { deletedRiskId }
		}`, nil)
		if r.status != 200 || len(r.Errors) != 2 {
			t.Fatalf("want two errors, got %d: %s", r.status, r.body)
		}
		paths := map[string]string{}
		for _, e := range r.Errors {
			paths[fmt.Sprint(e.Path)] = fmt.Sprint(e.Extensions["code"])
		}
		if paths["[b]"] != "DUPLICATE_NAME" || paths["[d]"] != "BAD_USER_INPUT" {
			t.Fatalf("errors do not name their mutations: %s", r.body)
		}
		if r.get("a", "created") != true || r.str("c", "project", "title") != "Saved anyway" {
			t.Fatalf("a sibling's result was lost: %s", r.body)
		}
		if r.get("b") != nil || r.get("d") != nil {
			t.Fatalf("failed mutations must be null: %s", r.body)
		}
		if n := countRows(t, s, &models.AIModel{}); n != 2 {
			t.Fatalf("%d models, want 2 (the first and a)", n)
		}
		if n := countRows(t, s, &models.Project{}); n != 1 {
			t.Fatalf("%d projects, want 1 (c)", n)
		}
	})
}

// Deletes are idempotent, also when the retries race: every caller is told
// the id is deleted, and the audit log has one event.
func TestConcurrentRetriedDeletes(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		id := admin.createProject("Deleted by many")
		keyID, _ := admin.createKey("deleted by many")
		var wg sync.WaitGroup
		errs := make(chan string, 16)
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := admin.gql(`mutation($p:ID!,$k:ID!){
					deleteProject(input:{id:$p}) { deletedProjectId }
					deleteApiKey(input:{id:$k}) { deletedApiKeyId } }`, vars{"p": id, "k": keyID})
				if len(r.Errors) > 0 || r.str("deleteProject", "deletedProjectId") != id || r.str("deleteApiKey", "deletedApiKeyId") != keyID {
					errs <- r.body
				}
			}()
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Errorf("a concurrent retry failed: %s", e)
		}
		events := admin.gql(`{ auditEvents { action targetId } }`, nil).ok().get("auditEvents").([]any)
		deleted := 0
		for _, e := range events {
			if a := e.(map[string]any)["action"]; a == "PROJECT_DELETED" || a == "API_KEY_DELETED" {
				deleted++
			}
		}
		if deleted != 2 {
			t.Fatalf("%d delete events, want one per object: %v", deleted, events)
		}
	})
}
