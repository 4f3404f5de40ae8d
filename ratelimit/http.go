package ratelimit

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"time"

	"keyward/auth"
	"keyward/metrics"
	"keyward/models"
)

// PerKey limits each API key's requests to limit and reports the budget in
// the IETF RateLimit-Policy/RateLimit headers and the de-facto X-RateLimit-*
// ones. Requests without an API key pass untouched. If the limiter itself
// fails, the request is served: availability beats strictness here.
func PerKey(l Limiter, limit Limit, log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		if limit.Off() {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p := auth.FromContext(r.Context())
			if p == nil || p.Kind != auth.KindAPIKey {
				next.ServeHTTP(w, r)
				return
			}
			res, err := l.Allow(r.Context(), "key:"+p.APIKey.ID, limit, 1)
			if err != nil {
				log.Warn("rate limit check failed; serving the request", "err", err)
				next.ServeHTTP(w, r)
				return
			}
			setHeaders(w.Header(), limit, res)
			if !res.Allowed {
				metrics.AuthOutcomes.WithLabelValues("rate_limited").Inc()
				retry := seconds(res.RetryAfter)
				w.Header().Set("Retry-After", strconv.Itoa(retry))
				auth.WriteError(w, http.StatusTooManyRequests, models.CodeRateLimited, fmt.Sprintf(
					"This API key has used its %s request budget. Retry after %d seconds.", limit, retry))
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

func setHeaders(h http.Header, limit Limit, res Result) {
	window := int(limit.Period / time.Second)
	reset := seconds(res.ResetAfter)
	h.Set("RateLimit-Policy", fmt.Sprintf(`"default";q=%d;w=%d`, limit.Rate, window))
	h.Set("RateLimit", fmt.Sprintf(`"default";r=%d;t=%d`, res.Remaining, reset))
	h.Set("X-RateLimit-Limit", strconv.Itoa(limit.Rate))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(res.Remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Duration(reset)*time.Second).Unix(), 10))
}

// seconds rounds up, so a client that waits that long is let in.
func seconds(d time.Duration) int { return int(math.Ceil(d.Seconds())) }

// FailedAuth refuses clients (by IP) that failed authentication too often:
// API keys and sign-in passwords each get their own budget (Kind). With
// Redis, a client's failures count on every replica. It implements
// auth.FailureLimiter.
type FailedAuth struct {
	L     Limiter
	Limit Limit
	Kind  string // "key" or "login"
}

// Blocked looks without spending: a client is blocked while its budget is empty.
func (f FailedAuth) Blocked(ctx context.Context, client string) (bool, time.Duration) {
	if f.Limit.Off() {
		return false, 0
	}
	res, err := f.L.Allow(ctx, f.Kind+"fail:"+client, f.Limit, 0)
	if err != nil || res.Remaining >= 1 {
		return false, 0
	}
	emission := f.Limit.Period / time.Duration(f.Limit.Rate)
	return true, max(res.ResetAfter-f.Limit.Period+emission, time.Second)
}

// Failed spends one unit of the client's budget.
func (f FailedAuth) Failed(ctx context.Context, client string) {
	if !f.Limit.Off() {
		_, _ = f.L.Allow(ctx, f.Kind+"fail:"+client, f.Limit, 1)
	}
}
