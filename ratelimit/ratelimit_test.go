package ratelimit

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"
)

func TestParseLimit(t *testing.T) {
	for in, want := range map[string]Limit{
		"600/m": {600, time.Minute}, "20/s": {20, time.Second}, "5000/h": {5000, time.Hour}, "off": {}, "0": {},
		"10/15m": {10, 15 * time.Minute}, "5/1h": {5, time.Hour}, "3/90s": {3, 90 * time.Second},
	} {
		got, err := ParseLimit(in)
		if err != nil || got != want {
			t.Errorf("ParseLimit(%q) = %v, %v; want %v", in, got, err, want)
		}
		if back, _ := ParseLimit(got.String()); back != got {
			t.Errorf("%v prints as %q, which reads back as %v", got, got.String(), back)
		}
	}
	for _, bad := range []string{"", "600", "600/d", "-1/m", "x/m", "600/m/s", "2000000/s", "10/0m", "10/-5m", "10/m5", "10/1.5m", "10/5", "10/5d"} {
		if _, err := ParseLimit(bad); err == nil {
			t.Errorf("ParseLimit(%q) accepted", bad)
		}
	}
}

func TestMemoryGCRA(t *testing.T) {
	m := NewMemory()
	ctx := context.Background()
	limit := Limit{Rate: 3, Period: 300 * time.Millisecond} // one unit per 100 ms, burst 3
	for want := 2; want >= 0; want-- {
		res, _ := m.Allow(ctx, "k", limit, 1)
		if !res.Allowed || res.Remaining != want {
			t.Fatalf("want allowed with %d remaining, got %+v", want, res)
		}
	}
	res, _ := m.Allow(ctx, "k", limit, 1)
	if res.Allowed || res.RetryAfter <= 0 || res.RetryAfter > 100*time.Millisecond {
		t.Fatalf("over budget: %+v", res)
	}
	if peek, _ := m.Allow(ctx, "k", limit, 0); peek.Remaining != 0 {
		t.Fatalf("peek on an empty budget: %+v", peek)
	}
	if other, _ := m.Allow(ctx, "other", limit, 1); !other.Allowed {
		t.Fatal("another key shares the budget")
	}
	time.Sleep(res.RetryAfter + 5*time.Millisecond)
	if res, _ := m.Allow(ctx, "k", limit, 1); !res.Allowed {
		t.Fatalf("not allowed after waiting Retry-After: %+v", res)
	}
	if off, _ := m.Allow(ctx, "k", Limit{}, 1); !off.Allowed {
		t.Fatal("an off limit refused")
	}
}

// A map full of live keys (say, rotating IPv6 addresses) must not make every
// new key rescan the whole map under the lock.
func TestMemorySweepCostIsAmortised(t *testing.T) {
	m := NewMemory()
	m.floor, m.sweepAt = 100, 100
	ctx := context.Background()
	live := Limit{Rate: 1, Period: time.Hour}
	const inserts = 20_000
	for i := range inserts {
		m.Allow(ctx, fmt.Sprint("live-", i), live, 1)
	}
	if len(m.tat) != inserts {
		t.Fatalf("a live key was forgotten: %d of %d", len(m.tat), inserts)
	}
	// Doubling thresholds scan about 2 × inserts in all; a sweep on every
	// insert past the threshold would scan about inserts²/2.
	if m.scanned > 2*inserts {
		t.Fatalf("sweeps looked at %d keys for %d inserts", m.scanned, inserts)
	}

	// Expired keys are still forgotten, so memory follows the live set.
	m = NewMemory()
	m.floor, m.sweepAt = 100, 100
	brief := Limit{Rate: 1, Period: time.Millisecond}
	for i := range 99 {
		m.Allow(ctx, fmt.Sprint("brief-", i), brief, 1)
	}
	time.Sleep(2 * time.Millisecond)
	m.Allow(ctx, "new", live, 1)
	if len(m.tat) != 1 {
		t.Fatalf("%d keys kept after a sweep, want only the live one", len(m.tat))
	}
}

func TestMemoryRefund(t *testing.T) {
	m := NewMemory()
	ctx := context.Background()
	limit := Limit{Rate: 2, Period: time.Hour}
	m.Allow(ctx, "k", limit, 1)
	m.Allow(ctx, "k", limit, 1)
	if res, _ := m.Allow(ctx, "k", limit, 1); res.Allowed {
		t.Fatal("third unit of two allowed")
	}
	m.Allow(ctx, "k", limit, -1)
	if res, _ := m.Allow(ctx, "k", limit, 1); !res.Allowed {
		t.Fatal("a refunded unit was not given back")
	}
	// Refunds never fill beyond a full budget.
	for range 5 {
		m.Allow(ctx, "k", limit, -1)
	}
	if _, ok := m.tat["k"]; ok {
		t.Fatal("a full budget is still stored")
	}
	m.Allow(ctx, "k", limit, 1)
	m.Allow(ctx, "k", limit, 1)
	if res, _ := m.Allow(ctx, "k", limit, 1); res.Allowed {
		t.Fatal("refunds beyond a full budget were banked")
	}
}

// The three per-request budget values share one backing array; each header
// must still be its own: adding to one never changes another.
func TestBudgetHeadersAreIndependent(t *testing.T) {
	h := http.Header{}
	setHeaders(h, policyHeaders(Limit{Rate: 600, Period: time.Minute}), Result{Allowed: true, Remaining: 599, ResetAfter: 100 * time.Millisecond})
	want := h.Clone()
	h.Add("Ratelimit", "extra")
	h.Add("X-Ratelimit-Remaining", "extra")
	for _, name := range []string{"Ratelimit", "X-Ratelimit-Remaining", "X-Ratelimit-Reset", "X-Ratelimit-Limit", "Ratelimit-Policy"} {
		if got := h.Values(name)[0]; got != want.Get(name) {
			t.Errorf("%s is %q after adding to its neighbours, want %q", name, got, want.Get(name))
		}
	}
	if h.Get("Ratelimit") != `"default";r=599;t=1` || h.Get("X-Ratelimit-Remaining") != "599" {
		t.Errorf("budget headers %v", h)
	}
}
