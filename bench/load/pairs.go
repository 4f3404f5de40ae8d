package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
)

// listQuery is the measured list: 20 projects with their owners.
const listQuery = `{ projects(first: 20){ totalCount nodes{ id title goal status riskClassification createdAt owner{ id name } } } }`

// seedProjects creates n projects owned by the signed-in admin, so the
// list scenarios read full pages with an owner on every row.
func seedProjects(ctx context.Context, client *http.Client, url, cookie string, n int) error {
	_, me, err := graphql(ctx, client, url, `{ me { id } }`, "Cookie", sessionCookie+"="+cookie)
	if err != nil {
		return fmt.Errorf("me: %w", err)
	}
	var data struct {
		Me struct{ ID string } `json:"me"`
	}
	if err := json.Unmarshal(me.Data, &data); err != nil || data.Me.ID == "" {
		return fmt.Errorf("me: no id in %s", me.Data)
	}
	for i := range n {
		q := fmt.Sprintf(`mutation { createProject(input:{title:"Bench project %d", goal:"Measure the list path", description:"Seeded by the load generator", ownerId:%q}) { project { id } } }`, i, data.Me.ID)
		if _, _, err := graphql(ctx, client, url, q, "Cookie", sessionCookie+"="+cookie); err != nil {
			return fmt.Errorf("createProject: %w", err)
		}
	}
	return nil
}

// seedKeys creates n more keys, so the admin's key list has a full page.
func seedKeys(ctx context.Context, client *http.Client, url, cookie string, n int) error {
	for i := range n {
		if _, err := createKey(ctx, client, url, cookie, fmt.Sprintf("bench %d", i+2)); err != nil {
			return err
		}
	}
	return nil
}

// listScenarios are the list reads of the issue, by key and by session,
// plus the session's apiKeys list.
func listScenarios(secret, cookie string) []scenario {
	body := func(q string) string { return `{"query":"` + strings.ReplaceAll(q, `"`, `\"`) + `"}` }
	return []scenario{
		{id: "e", name: "Bearer key `projects(first: 20)` with owners", body: body(listQuery), header: "Authorization", value: "Bearer " + secret},
		{id: "f", name: "admin session, the same 20-row query", body: body(listQuery), header: "Cookie", value: sessionCookie + "=" + cookie},
		{id: "g", name: "Bearer key, 100-row page of the same selection", body: body(strings.Replace(listQuery, "first: 20", "first: 100", 1)),
			header: "Authorization", value: "Bearer " + secret},
	}
}

// abPairs measures a and b n times each, alternating, and returns each
// pair's b/a. The order flips every pair (a b, b a, a b, ...), so slow drift
// of the machine's load, and anything that favours whichever runs second,
// hits both sides alike.
func abPairs(ctx context.Context, o options, a, b scenario, n int) []float64 {
	var ratios []float64
	for i := range n {
		fmt.Fprintf(os.Stderr, "A/B pair %d of %d\n", i+1, n)
		first, second := a, b
		if i%2 == 1 {
			first, second = b, a
		}
		r1 := first.load(ctx, first.server.url, o.pairDur, o.concurrency)
		r2 := second.load(ctx, second.server.url, o.pairDur, o.concurrency)
		ra, rb := r1, r2
		if i%2 == 1 {
			ra, rb = r2, r1
		}
		fmt.Fprintf(os.Stderr, "  anonymous %.0f req/s, Bearer %.0f req/s\n", ra.rps(), rb.rps())
		if ra.rps() > 0 {
			ratios = append(ratios, rb.rps()/ra.rps())
		}
	}
	return ratios
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

// rssKB is the server's resident set size from /proc (Linux), or 0.
func rssKB(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kb int
			fmt.Sscanf(strings.TrimSpace(rest), "%d", &kb)
			return kb
		}
	}
	return 0
}
