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

// FailedAuth refuses clients that failed authentication too often: API
// keys, sign-in passwords and sign-ups each get their own budget (Kind). A
// client is its address, IPv6 by /64 (see ClientKey). With Redis, a
// client's attempts count on every replica. It implements
// auth.FailureLimiter.
//
// note: an attempt is counted before the credential is checked, atomically
// (one GCRA step under a mutex or in one Redis script), so parallel guesses
// cannot all pass a look-only check before any of them is counted. Refused
// attempts are not counted: the budget refills at the policy's rate however
// large a burst was, and a burst never buys more than the budget.
type FailedAuth struct {
	L     Limiter
	Limit Limit
	Kind  string // "key", "login" or "signup"
}

// Spend takes one unit of the client's budget, or refuses and says how long to wait.
func (f FailedAuth) Spend(ctx context.Context, client string) (bool, time.Duration) {
	if f.Limit.Off() {
		return true, 0
	}
	res, err := f.L.Allow(ctx, f.key(client), f.Limit, 1)
	if err != nil || res.Allowed {
		return true, 0
	}
	return false, max(res.RetryAfter, time.Second)
}

// Refund gives back the unit of an attempt that succeeded.
func (f FailedAuth) Refund(ctx context.Context, client string) {
	if !f.Limit.Off() {
		_, _ = f.L.Allow(ctx, f.key(client), f.Limit, -1)
	}
}

func (f FailedAuth) key(client string) string { return f.Kind + "fail:" + ClientKey(client) }
