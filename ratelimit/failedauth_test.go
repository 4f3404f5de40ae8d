package ratelimit

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// limiters returns the in-memory limiter and, when KEYWARD_TEST_REDIS_URL is
// set, the Redis one.
func limiters(t *testing.T) map[string]Limiter {
	out := map[string]Limiter{"memory": NewMemory()}
	if url := os.Getenv("KEYWARD_TEST_REDIS_URL"); url != "" {
		r, err := NewRedis(url, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = r.Close() })
		out["redis"] = r
	} else if os.Getenv("KEYWARD_REQUIRE_REDIS") == "1" {
		t.Fatal("KEYWARD_TEST_REDIS_URL is not set but KEYWARD_REQUIRE_REDIS=1")
	}
	return out
}

// freshClient is an address no other test run has used, so a shared Redis
// starts with a full budget.
func freshClient() string {
	buf := make([]byte, 8)
	_, _ = rand.Read(buf)
	return "2001:db8:" + hex.EncodeToString(buf[:2]) + ":" + hex.EncodeToString(buf[2:4]) + "::1"
}

// burst spends n attempts at once and returns how many were let through.
func burst(f FailedAuth, client string, n int) int {
	var ok atomic.Int32
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if allowed, _ := f.Spend(context.Background(), client); allowed {
				ok.Add(1)
			}
		}()
	}
	wg.Wait()
	return int(ok.Load())
}

func TestFailedAuthCountsBeforeChecking(t *testing.T) {
	for name, l := range limiters(t) {
		t.Run(name, func(t *testing.T) {
			// One unit back per second: slow enough that no unit comes back
			// during a burst, fast enough to wait for one.
			f := FailedAuth{L: l, Limit: Limit{Rate: 3, Period: 3 * time.Second}, Kind: "test"}
			client := freshClient()
			if got := burst(f, client, 40); got != 3 {
				t.Fatalf("a parallel burst of 40 let %d attempts through; the budget is 3", got)
			}
			ok, wait := f.Spend(context.Background(), client)
			if ok || wait < time.Second/2 || wait > 2*time.Second {
				t.Fatalf("empty budget: allowed=%v, wait %v; want refused for about one second", ok, wait)
			}
			// After the wait, the policy gives back one unit, not a fresh burst.
			time.Sleep(wait)
			if got := burst(f, client, 40); got != 1 {
				t.Fatalf("after waiting, a burst of 40 let %d through; the policy gives back 1", got)
			}
			// Another /64 has its own budget; the same /64 does not.
			if got := burst(f, freshClient(), 5); got != 3 {
				t.Fatalf("another client got %d of 3", got)
			}
		})
	}
}

func TestFailedAuthRefund(t *testing.T) {
	for name, l := range limiters(t) {
		t.Run(name, func(t *testing.T) {
			f := FailedAuth{L: l, Limit: Limit{Rate: 2, Period: time.Hour}, Kind: "test"}
			ctx := context.Background()
			client := freshClient()
			// Successes give their unit back: any number of them fit.
			for range 10 {
				if ok, _ := f.Spend(ctx, client); !ok {
					t.Fatal("a success-only client was refused")
				}
				f.Refund(ctx, client)
			}
			if got := burst(f, client, 10); got != 2 {
				t.Fatalf("after refunds, %d failures let through; the budget is 2", got)
			}
			// Refunds never bank more than a full budget.
			for range 5 {
				f.Refund(ctx, client)
			}
			if got := burst(f, client, 10); got != 2 {
				t.Fatalf("after extra refunds, %d let through; the budget is 2", got)
			}
		})
	}
}

// IPv6 clients count by /64 and IPv4-mapped addresses as their IPv4 address.
func TestFailedAuthGroupsClients(t *testing.T) {
	f := FailedAuth{L: NewMemory(), Limit: Limit{Rate: 2, Period: time.Hour}, Kind: "test"}
	ctx := context.Background()
	for _, group := range [][]string{
		{"2001:db8:5:6::1", "2001:db8:5:6::2", "2001:db8:5:6:ffff::9"},
		{"198.51.100.4", "::ffff:198.51.100.4", "198.51.100.4"},
	} {
		allowed := 0
		for _, ip := range group {
			if ok, _ := f.Spend(ctx, ip); ok {
				allowed++
			}
		}
		if allowed != 2 {
			t.Errorf("%v: %d of 3 attempts allowed, want 2", group, allowed)
		}
	}
	if ok, _ := f.Spend(ctx, "2001:db8:5:7::1"); !ok {
		t.Error("the next /64 shares a budget")
	}
	if ok, _ := f.Spend(ctx, "198.51.100.5"); !ok {
		t.Error("the next IPv4 address shares a budget")
	}
}
