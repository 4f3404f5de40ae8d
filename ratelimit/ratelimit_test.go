package ratelimit

import (
	"context"
	"testing"
	"time"
)

func TestParseLimit(t *testing.T) {
	for in, want := range map[string]Limit{
		"600/m": {600, time.Minute}, "20/s": {20, time.Second}, "5000/h": {5000, time.Hour}, "off": {}, "0": {},
	} {
		got, err := ParseLimit(in)
		if err != nil || got != want {
			t.Errorf("ParseLimit(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "600", "600/d", "-1/m", "x/m", "600/m/s", "2000000/s"} {
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
