package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"keyward/models"
	"keyward/ratelimit"
)

const keyUsageQuery = `query($d:Int){ apiKeys { id name lastUsedAt lastUsedIp lastUsedUserAgent
  usage(days:$d) { date requests reads writes errors rateLimited refused } } }`

// usageDay mirrors ApiKeyUsageDay.
type usageDay struct {
	Date string
	models.UsageCounts
}

// keyUsage returns every key's usage series by key name, and the key rows.
func (c *client) keyUsage(days int) (map[string][]usageDay, map[string]map[string]any) {
	c.s.t.Helper()
	r := c.gql(keyUsageQuery, vars{"d": days}).ok()
	series, rows := map[string][]usageDay{}, map[string]map[string]any{}
	for _, k := range r.get("apiKeys").([]any) {
		row := k.(map[string]any)
		name := row["name"].(string)
		rows[name] = row
		for _, d := range row["usage"].([]any) {
			m := d.(map[string]any)
			n := func(f string) int { return int(m[f].(float64)) }
			series[name] = append(series[name], usageDay{Date: m["date"].(string), UsageCounts: models.UsageCounts{
				Requests: n("requests"), Reads: n("reads"), Writes: n("writes"), Errors: n("errors"), RateLimited: n("rateLimited"), Refused: n("refused")}})
		}
	}
	return series, rows
}

// total sums a series.
func total(days []usageDay) models.UsageCounts {
	var t models.UsageCounts
	for _, d := range days {
		t.Add(d.UsageCounts)
	}
	return t
}

// Fixed traffic (reads, a write, an error, a 429, a refused expired key)
// gives exact daily counts, the last use's address and client, and flushes
// add to what is stored instead of replacing it.
func TestKeyUsageCountsFixedTraffic(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		// A budget of 5 an hour: the 6th request is the one 429.
		s := newServer(t, dbURL, func(c *config) { c.RateLimit = ratelimit.Limit{Rate: 5, Period: time.Hour} })
		admin := s.admin()
		_, secret := admin.createKey("busy key")
		expiredID, expiredSecret := admin.createKey("old key")
		admin.createKey("quiet key")
		s.expireKey(expiredID)

		busy := s.bearer(secret)
		busy.headers["User-Agent"] = "inventory-sync/2.1"
		busy.gql(`{ whoami { kind } }`, nil).ok()
		busy.gql(`{ projects { totalCount } }`, nil).ok()
		busy.createProject("Counted")
		busy.gql(`{ apiKeys { id } }`, nil).wantCode("FORBIDDEN") // a read that fails
		old := s.bearer(expiredSecret)
		if r := old.gql(`{ whoami { kind } }`, nil); r.status != http.StatusUnauthorized {
			t.Fatalf("expired key: %d %s", r.status, r.body)
		}
		// A secret rotated out without grace is refused, and still counted for its key.
		rotatedID, rotatedOld := admin.createKey("rotated key")
		admin.rotate(rotatedID, vars{"graceHours": 0})
		if r := s.bearer(rotatedOld).gql(`{ whoami { kind } }`, nil); r.status != http.StatusUnauthorized {
			t.Fatalf("rotated-out secret: %d %s", r.status, r.body)
		}
		// Sessions and anonymous callers are no key's usage.
		admin.gql(`{ me { id } }`, nil).ok()
		s.anon().gql(`{ __typename }`, nil).ok()

		s.flushUsage()
		days, rows := admin.keyUsage(7)
		if len(days["busy key"]) != 7 || len(days["quiet key"]) != 7 {
			t.Fatalf("want 7 days per key, got %d and %d", len(days["busy key"]), len(days["quiet key"]))
		}
		want := models.UsageCounts{Requests: 4, Reads: 3, Writes: 1, Errors: 1}
		if got := total(days["busy key"]); got != want {
			t.Fatalf("busy key after the first flush: %+v, want %+v", got, want)
		}
		if got := total(days["old key"]); got != (models.UsageCounts{Requests: 1, Refused: 1}) {
			t.Fatalf("expired key: %+v, want one refused request", got)
		}
		if got := total(days["rotated key"]); got != (models.UsageCounts{Requests: 1, Refused: 1}) {
			t.Fatalf("rotated key: %+v, want one refused request", got)
		}
		if got := total(days["quiet key"]); got != (models.UsageCounts{}) {
			t.Fatalf("quiet key: %+v, want zeros", got)
		}
		if rows["busy key"]["lastUsedIp"] != "127.0.0.1" || rows["busy key"]["lastUsedUserAgent"] != "inventory-sync/2.1" || rows["busy key"]["lastUsedAt"] == nil {
			t.Fatalf("last use: %v", rows["busy key"])
		}
		if rows["old key"]["lastUsedAt"] != nil || rows["quiet key"]["lastUsedIp"] != nil {
			t.Fatalf("a refused or absent use set the last use: %v %v", rows["old key"], rows["quiet key"])
		}

		// Two more requests: the 5th passes, the 6th is rate-limited. The
		// next flush adds them.
		busy.gql(`{ whoami { kind } }`, nil).ok()
		if r := busy.gql(`{ whoami { kind } }`, nil); r.status != http.StatusTooManyRequests {
			t.Fatalf("6th request: %d %s", r.status, r.body)
		}
		s.flushUsage()
		s.flushUsage() // an empty flush adds nothing
		days, _ = admin.keyUsage(30)
		want = models.UsageCounts{Requests: 6, Reads: 4, Writes: 1, Errors: 1, RateLimited: 1}
		if got := total(days["busy key"]); got != want {
			t.Fatalf("busy key after the second flush: %+v, want %+v", got, want)
		}
		series := days["busy key"]
		today := models.DayOf(time.Now())
		if len(series) != 30 || (series[29].Date != string(today) && series[29].Date != string(models.DayOf(time.Now().Add(-time.Minute)))) {
			t.Fatalf("want 30 days ending today (%s), got %d ending %s", today, len(series), series[len(series)-1].Date)
		}
		for i := 1; i < len(series); i++ {
			prev, _ := time.Parse("2006-01-02", series[i-1].Date)
			if cur, _ := time.Parse("2006-01-02", series[i].Date); !cur.Equal(prev.AddDate(0, 0, 1)) {
				t.Fatalf("days not consecutive, oldest first: %s then %s", series[i-1].Date, series[i].Date)
			}
		}
		// The counts survive a restart (shutdown flushes what is held).
		busy.gql(`{ whoami { kind } }`, nil) // one more, held in memory until shutdown
		want.Requests++
		want.RateLimited++
		s.shutdown()
		s2 := newServer(t, dbURL)
		days, _ = s2.admin().keyUsage(1)
		if got := total(days["busy key"]); got != want {
			t.Fatalf("after restart: %+v, want %+v", got, want)
		}
	})
}

func TestKeyUsageDaysArgument(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	admin := s.admin()
	admin.createKey("some key")
	for _, d := range []any{0, -1, 91, 1000} {
		r := admin.gql(`query($d:Int){ apiKeys { usage(days:$d) { date } } }`, vars{"d": d}).wantCode("BAD_USER_INPUT")
		if r.field() != "days" || !strings.Contains(r.Errors[0].Message, "between 1 and 90") {
			t.Fatalf("days %v: %s", d, r.body)
		}
	}
	admin.gql(`{ apiKeys { usage(days:"7") { date } } }`, nil).wantCode("GRAPHQL_VALIDATION_FAILED")
	for _, d := range []int{1, 90} {
		days, _ := admin.keyUsage(d)
		if len(days["some key"]) != d {
			t.Fatalf("days %d: got %d entries", d, len(days["some key"]))
		}
	}
	// The default is 30.
	r := admin.gql(`{ apiKeys { usage { date } } }`, nil).ok()
	if n := len(r.get("apiKeys").([]any)[0].(map[string]any)["usage"].([]any)); n != 30 {
		t.Fatalf("default: %d days", n)
	}
}

// A client's User-Agent is stored clean: valid UTF-8 without control
// characters, at most 200 characters. Invalid UTF-8 would otherwise make
// PostgreSQL refuse the whole batch.
func TestLastUsedUserAgentIsBoundedAndClean(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		_, a := admin.createKey("long agent")
		_, b := admin.createKey("bad bytes")
		long := s.bearer(a)
		long.headers["User-Agent"] = strings.Repeat("é", 250)
		long.gql(`{ whoami { kind } }`, nil).ok()
		bad := s.bearer(b)
		bad.headers["User-Agent"] = "tool\xff\xfe/1\t.0"
		bad.gql(`{ whoami { kind } }`, nil).ok()

		// Before the flush the serving replica already shows the cleaned value.
		check := func(when string) {
			_, rows := admin.keyUsage(1)
			if got := rows["long agent"]["lastUsedUserAgent"]; got != strings.Repeat("é", 200) {
				t.Fatalf("%s: long agent kept as %q", when, got)
			}
			if got := rows["bad bytes"]["lastUsedUserAgent"]; got != "tool\uFFFD/1.0" {
				t.Fatalf("%s: bad bytes kept as %q", when, got)
			}
		}
		check("pending")
		s.flushUsage()
		check("stored")
	})
}

// Counts of a key deleted before the flush are dropped without failing the
// batch, and rows past 90 days are pruned while newer ones stay.
func TestKeyUsageDeletedKeyAndPruning(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		goneID, gone := admin.createKey("gone key")
		keptID, kept := admin.createKey("kept key")
		s.bearer(gone).gql(`{ whoami { kind } }`, nil).ok()
		s.bearer(kept).gql(`{ whoami { kind } }`, nil).ok()
		admin.gql(`mutation($id:ID!){ deleteApiKey(input:{id:$id}) { deletedApiKeyId } }`, vars{"id": goneID}).ok()
		now := time.Now()
		old := []models.APIKeyUsage{
			{APIKeyID: keptID, Day: models.DayOf(now.AddDate(0, 0, -90)), UsageCounts: models.UsageCounts{Requests: 5}},
			{APIKeyID: keptID, Day: models.DayOf(now.AddDate(0, 0, -89)), UsageCounts: models.UsageCounts{Requests: 7}},
		}
		s.addUsage(old...)
		s.flushUsage() // the first flush of a process prunes

		var stored []models.APIKeyUsage
		if err := s.app.db.Order("day").Find(&stored).Error; err != nil {
			t.Fatal(err)
		}
		if len(stored) != 2 || stored[0].Requests != 7 || stored[1].Requests != 1 || stored[1].APIKeyID != keptID {
			t.Fatalf("stored rows: %+v", stored)
		}
		days, _ := admin.keyUsage(90)
		if got := total(days["kept key"]); got.Requests != 8 {
			t.Fatalf("90 days: %+v, want 8 requests", got)
		}
	})
}

// apiKeys { usage } costs the same few statements for 3 keys as for 20.
func TestKeyUsageListIssuesBoundedStatements(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		counter := countStatements(t, s.app.db)
		counts := map[int]int64{}
		for n := 1; n <= 20; n++ {
			_, secret := admin.createKey(fmt.Sprintf("key %02d", n))
			s.bearer(secret).gql(`{ whoami { kind } }`, nil).ok()
			if n != 3 && n != 20 {
				continue
			}
			s.flushUsage()
			before := counter.Load()
			admin.gql(`{ apiKeys { id lastUsedAt lastUsedIp createdBy { name } usage { requests errors } insights { kind } } }`, nil).ok()
			counts[n] = counter.Load() - before
		}
		t.Logf("apiKeys with usage: %d statements for 3 keys, %d for 20", counts[3], counts[20])
		// The session lookup, the keys with their creators, and one usage batch.
		if counts[20] != counts[3] || counts[20] > 5 {
			t.Fatalf("%d statements for 3 keys, %d for 20: not bounded", counts[3], counts[20])
		}
	})
}

// Two replicas serving one key, flushing at the same moment, sum exactly.
func TestKeyUsageSumsAcrossReplicas(t *testing.T) {
	dbURL := postgresURL(t)
	a := newServer(t, dbURL)
	b := newServer(t, dbURL)
	admin := a.admin()
	_, secret := admin.createKey("shared key")
	const perReplica = 40
	var wg sync.WaitGroup
	for _, s := range []*testServer{a, b} {
		for w := 0; w < 4; w++ {
			wg.Go(func() {
				c := s.bearer(secret)
				for i := 0; i < perReplica/4; i++ {
					c.gql(`{ whoami { kind } }`, nil).ok()
				}
			})
		}
	}
	wg.Wait()
	b.bearer(secret).createProject("From B")
	b.bearer(secret).gql(`{ nosuchfield }`, nil).wantCode("GRAPHQL_VALIDATION_FAILED")

	// Both replicas flush at once: the additive upsert must not lose either.
	var flush sync.WaitGroup
	for _, s := range []*testServer{a, b} {
		flush.Go(func() {
			if err := s.app.usage.Flush(context.Background()); err != nil {
				t.Error(err)
			}
		})
	}
	flush.Wait()
	days, _ := admin.keyUsage(1)
	want := models.UsageCounts{Requests: 2*perReplica + 2, Reads: 2 * perReplica, Writes: 1, Errors: 1}
	if got := total(days["shared key"]); got != want {
		t.Fatalf("summed over replicas: %+v, want %+v", got, want)
	}
	// A replica reading what the other wrote sees the same.
	days, _ = b.admin().keyUsage(1)
	if got := total(days["shared key"]); got != want {
		t.Fatalf("read on B: %+v, want %+v", got, want)
	}
}
