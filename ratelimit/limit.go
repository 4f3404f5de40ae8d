// Package ratelimit throttles API-key traffic and failed authentication with
// GCRA, in memory for one process or in Redis for replicas sharing a budget.
package ratelimit

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Limit is Rate requests per Period, with bursts up to Rate.
type Limit struct {
	Rate   int
	Period time.Duration
}

// Off reports a disabled limit.
func (l Limit) Off() bool { return l.Rate <= 0 }

func (l Limit) String() string {
	if l.Off() {
		return "off"
	}
	for _, u := range []struct {
		d    time.Duration
		name string
	}{{time.Hour, "h"}, {time.Minute, "m"}, {time.Second, "s"}} {
		if l.Period%u.d == 0 {
			if n := l.Period / u.d; n > 1 {
				return fmt.Sprintf("%d/%d%s", l.Rate, n, u.name)
			}
			return fmt.Sprintf("%d/%s", l.Rate, u.name)
		}
	}
	return fmt.Sprintf("%d/%s", l.Rate, l.Period)
}

// ParseLimit reads "600/m", "10/s", "5000/h", "10/15m" (10 per 15 minutes),
// or "off".
func ParseLimit(s string) (Limit, error) {
	s = strings.TrimSpace(s)
	if s == "off" || s == "0" {
		return Limit{}, nil
	}
	n, per, ok := strings.Cut(s, "/")
	rate, err := strconv.Atoi(n)
	count, unit := 1, per
	if i := strings.IndexAny(per, "smh"); i > 0 {
		count, err = strconv.Atoi(per[:i])
		unit = per[i:]
	}
	period := map[string]time.Duration{"s": time.Second, "m": time.Minute, "h": time.Hour}[unit] * time.Duration(count)
	if !ok || err != nil || rate < 1 || rate > 1_000_000 || count < 1 || count > 1000 || period == 0 {
		return Limit{}, fmt.Errorf("%q is not a rate limit: use a count per s, m or h, like 600/m or 10/15m, or off", s)
	}
	return Limit{Rate: rate, Period: period}, nil
}

// Result is the state of one key's budget after a request.
type Result struct {
	Allowed    bool
	Remaining  int
	RetryAfter time.Duration // when not allowed: wait this long
	ResetAfter time.Duration // until the budget is full again
}

// Limiter spends n units of key's budget under limit; n = 0 only looks.
type Limiter interface {
	Allow(ctx context.Context, key string, limit Limit, n int) (Result, error)
}
