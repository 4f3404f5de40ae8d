package main

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"keyward/models"
	"keyward/ratelimit"
)

const upsertBatch = `mutation($i:UpsertAiModelsInput!){ upsertAiModels(input:$i) {
	results { created aiModel { id provider model version status referenceLink } }
	createdCount updatedCount failedCount } }`

func modelEntry(version string, extra ...map[string]any) map[string]any {
	e := map[string]any{"provider": "OpenAI", "model": "gpt-4o", "version": version}
	for _, x := range extra {
		e = with(e, x)
	}
	return e
}

func batchVars(entries ...map[string]any) vars {
	list := make([]any, len(entries))
	for i, e := range entries {
		list[i] = e
	}
	return vars{"i": map[string]any{"models": list}}
}

// errorFields lists every error's extensions.field as input.models[1].x.
func (r *response) errorFields() []string {
	var out []string
	for _, e := range r.Errors {
		path, _ := e.Extensions["field"].([]any)
		for i, el := range path {
			if f, ok := el.(float64); ok {
				path[i] = int(f)
			}
		}
		out = append(out, fmt.Sprint(e.Extensions["code"])+" "+models.PathString(path))
	}
	return out
}

// A valid batch creates and updates in one call; a batch with bad entries
// saves the others, answers null for the bad ones and names every problem
// by its path; an oversized batch writes nothing.
func TestUpsertAiModelsBatch(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL)
		_, secret := s.admin().createKey("inventory sync")
		key := s.bearer(secret)
		key.gql(`mutation{ upsertAiModel(input:{provider:"OpenAI", model:"gpt-4o", version:"1", status: APPROVED}) { created } }`, nil).ok()

		r := key.gql(upsertBatch, batchVars(modelEntry("1", map[string]any{"referenceLink": "https://example.com/1"}),
			modelEntry("2"), modelEntry("3", map[string]any{"status": "BLOCKED"}))).ok()
		if r.get("upsertAiModels", "createdCount") != 2.0 || r.get("upsertAiModels", "updatedCount") != 1.0 || r.get("upsertAiModels", "failedCount") != 0.0 {
			t.Fatalf("counts: %s", r.body)
		}
		results := r.get("upsertAiModels", "results").([]any)
		first := results[0].(map[string]any)
		if first["created"] != false || first["aiModel"].(map[string]any)["status"] != "APPROVED" ||
			first["aiModel"].(map[string]any)["referenceLink"] != "https://example.com/1" {
			t.Fatalf("the update of an existing entry: %s", r.body)
		}
		if results[2].(map[string]any)["aiModel"].(map[string]any)["version"] != "3" {
			t.Fatalf("results out of order: %s", r.body)
		}
		if n := countRows(t, s, &models.AIModel{}); n != 3 {
			t.Fatalf("%d models", n)
		}

		// Entries 1 and 3 are bad (3 twice): the others are saved.
		r = key.gql(upsertBatch, batchVars(modelEntry("4"), modelEntry("5", map[string]any{"referenceLink": "not a link"}),
			modelEntry("6"), modelEntry("7", map[string]any{"projectIds": []string{"00000000-0000-0000-0000-000000000000"}}),
			modelEntry("8", map[string]any{"hostingProvider": strings.Repeat("h", 201)})))
		want := []string{"BAD_USER_INPUT input.models[1].referenceLink", "BAD_USER_INPUT input.models[3].projectIds[0]", "BAD_USER_INPUT input.models[4].hostingProvider"}
		if got := r.errorFields(); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("errors %v, want %v: %s", got, want, r.body)
		}
		results = r.get("upsertAiModels", "results").([]any)
		if results[0] == nil || results[1] != nil || results[2] == nil || results[3] != nil || results[4] != nil || r.get("upsertAiModels", "failedCount") != 3.0 {
			t.Fatalf("results: %s", r.body)
		}
		if n := countRows(t, s, &models.AIModel{}); n != 5 {
			t.Fatalf("%d models, want 5: the bad entries wrote something, or the good ones nothing", n)
		}

		// One entry too many: refused as a whole, nothing written.
		many := make([]map[string]any, models.MaxUpsertBatch+1)
		for i := range many {
			many[i] = modelEntry(fmt.Sprintf("big-%d", i))
		}
		r = key.gql(upsertBatch, batchVars(many...)).wantCode("BAD_USER_INPUT")
		if r.field() != "input.models" || r.get("upsertAiModels") != nil {
			t.Fatalf("101 entries: %s", r.body)
		}
		key.gql(upsertBatch, batchVars()).wantCode("BAD_USER_INPUT")
		if n := countRows(t, s, &models.AIModel{}); n != 5 {
			t.Fatalf("a refused batch wrote: %d models", n)
		}
		// 100 is allowed.
		r = key.gql(`mutation($i:UpsertAiModelsInput!){ upsertAiModels(input:$i) { createdCount } }`, batchVars(many[:100]...)).ok()
		if r.get("upsertAiModels", "createdCount") != 100.0 {
			t.Fatalf("100 entries: %s", r.body)
		}
	})
}

// Batches and single upserts of the same models at once: every call
// succeeds (no deadlock, no duplicate error) and each model exists once.
func TestUpsertAiModelsConcurrently(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL)
		_, secret := s.admin().createKey("inventory sync")
		key := s.bearer(secret)
		// note: warm the key cache first, or 36 cold lookups from one address
		// trip the failed-authentication guard, which spends before looking up.
		key.gql(`{ whoami { kind } }`, nil).ok()
		versions := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
		var wg sync.WaitGroup
		errs := make(chan string, 100)
		for w := 0; w < 4; w++ {
			wg.Go(func() {
				// Each batch lists the versions in another order.
				entries := make([]map[string]any, len(versions))
				for i := range versions {
					entries[i] = modelEntry(versions[(i*(w+1)+w)%len(versions)], map[string]any{"limitations": fmt.Sprint("batch ", w)})
				}
				if r := key.gql(upsertBatch, batchVars(entries...)); r.status != 200 || len(r.Errors) > 0 {
					errs <- r.body
				}
			})
			for _, v := range versions {
				wg.Go(func() {
					if r := key.gql(`mutation($v:String!){ upsertAiModel(input:{provider:"OpenAI", model:"gpt-4o", version:$v}) { created } }`, vars{"v": v}); r.status != 200 || len(r.Errors) > 0 {
						errs <- r.body
					}
				})
			}
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
		if n := countRows(t, s, &models.AIModel{}); n != int64(len(versions)) {
			t.Fatalf("%d models, want %d", n, len(versions))
		}
	})
}

// A batch of N entries spends what N single upserts do, in rate-limit
// points and in extensions.cost.points.
func TestUpsertAiModelsCost(t *testing.T) {
	// note: 1000 points an hour refills one point every 3.6 s: exact counts.
	s := newServer(t, sqliteURL(t), func(c *config) { c.RateLimit = ratelimit.Limit{Rate: 1000, Period: time.Hour} })
	_, secret := s.admin().createKey("inventory sync")
	key := s.bearer(secret)
	// note: a selection over 100 in complexity, so that one upsert costs 2
	// points and a batch priced by its total complexity would cost less.
	const selection = `{ created aiModel { id provider model version status capabilities biases limitations
		hostingProvider referenceLink statusDate createdAt updatedAt createdBy { kind id name } approver { id name email }
		projects { id title goal description status riskClassification startDate createdAt updatedAt
			owner { id name email } createdBy { kind id name } } } }`
	single := key.gql(`mutation{ upsertAiModel(input:{provider:"P", model:"M", version:"0"}) `+selection+` }`, nil).ok()
	perSingle := single.extensions()["cost"].(map[string]any)["points"].(float64)
	if perSingle < 2 {
		t.Fatalf("a single upsert should cost more than 1 point with this selection: %s", single.body)
	}
	for _, n := range []int{1, 7, 20} {
		entries := make([]map[string]any, n)
		for i := range entries {
			entries[i] = map[string]any{"provider": "P", "model": "M", "version": fmt.Sprint(n, "-", i)}
		}
		before := key.gql(`{ rateLimit { remaining } }`, nil).ok().remaining()
		r := key.gql(`mutation($i:UpsertAiModelsInput!){ upsertAiModels(input:$i) { results `+selection+` } }`, batchVars(entries...)).ok()
		points := r.extensions()["cost"].(map[string]any)["points"].(float64)
		if points != float64(n)*perSingle || before-r.remaining() != int(points) {
			t.Fatalf("a batch of %d cost %v points (%d from the budget), want %d × %v", n, points, before-r.remaining(), n, perSingle)
		}
	}
}
