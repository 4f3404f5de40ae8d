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

// PerKey meters each API key's requests in cost points: GraphQL prices the
// operation, then charges it through the Meter this middleware puts in the
// context (see graph/cost.go), so 40 aliased mutations spend what 40 single
// ones do. A request that never reaches that point (it does not parse,
// breaks a limit, or is no GraphQL request) is charged 1 point afterwards.
// Budgets are reported in the IETF RateLimit-Policy/RateLimit headers and
// the de-facto X-RateLimit-* ones. Requests without an API key pass
// untouched. If the limiter itself fails, the request is served:
// availability beats strictness here.
func PerKey(l Limiter, limit Limit, log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		if limit.Off() {
			return next
		}
		static := policyHeaders(limit)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p := auth.FromContext(r.Context())
			if p == nil || p.Kind != auth.KindAPIKey {
				next.ServeHTTP(w, r)
				return
			}
			m := &Meter{l: l, limit: limit, key: "key:" + p.APIKey.ID, header: w.Header(), log: log, static: static}
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), meterKey{}, m)))
			if !m.charged {
				// note: the answer is already written, so no headers; this
				// keeps requests that fail early from being free.
				if _, err := l.Allow(r.Context(), m.key, limit, 1); err != nil {
					log.Warn("rate limit charge failed", "err", err)
				}
			}
		})
	}
}

type meterKey struct{}

// Meter charges one API key's request against its budget, once.
type Meter struct {
	l       Limiter
	limit   Limit
	key     string
	header  http.Header
	static  staticHeaders
	log     *slog.Logger
	charged bool
	ok      bool
	res     Result
}

// MeterFrom returns the request's meter: nil unless an API key is calling
// with a limit in force.
func MeterFrom(ctx context.Context) *Meter {
	m, _ := ctx.Value(meterKey{}).(*Meter)
	return m
}

// Charge spends points of the key's budget and sets the budget headers. A
// refusal is RATE_LIMITED with the wait; a query that costs more than the
// whole budget is COST_LIMIT_EXCEEDED, since waiting would not help.
func (m *Meter) Charge(ctx context.Context, points int) error {
	m.charged = true
	if points > m.limit.Rate {
		return &models.Error{Code: models.CodeCostLimit, Message: fmt.Sprintf(
			"This query costs %d points, more than this API key's whole budget of %s; select fewer fields or ask for smaller pages.", points, m.limit)}
	}
	res, err := m.l.Allow(ctx, m.key, m.limit, points)
	if err != nil {
		m.log.Warn("rate limit check failed; serving the request", "err", err)
		return nil
	}
	m.ok, m.res = true, res
	setHeaders(m.header, m.static, res)
	if res.Allowed {
		return nil
	}
	metrics.AuthOutcomes.WithLabelValues("rate_limited").Inc()
	wait := time.Duration(max(seconds(res.RetryAfter), 1)) * time.Second
	m.header.Set("Retry-After", strconv.Itoa(seconds(wait)))
	return &models.Error{Code: models.CodeRateLimited, RetryAfter: wait, Message: fmt.Sprintf(
		"This API key has used its budget of %s cost points: this query costs %d and %d are left. Retry after %d seconds.",
		m.limit, points, res.Remaining, seconds(wait))}
}

// Budget is the key's budget after the charge; ok is false before a charge
// or when the limiter failed.
func (m *Meter) Budget() (limit Limit, res Result, ok bool) { return m.limit, m.res, m.ok }

// staticHeaders are the budget headers that depend only on the limit,
// formatted once per server instead of once per request.
type staticHeaders struct{ policy, limit []string }

func policyHeaders(limit Limit) staticHeaders {
	window := int(limit.Period / time.Second)
	return staticHeaders{
		policy: []string{fmt.Sprintf(`"default";q=%d;w=%d`, limit.Rate, window)}[:1:1],
		limit:  []string{strconv.Itoa(limit.Rate)}[:1:1],
	}
}

// setHeaders writes the five budget headers on every metered request, so
// it is written to allocate little: canonical names straight into the map
// (no canonicalising), shared values for the static ones, and the three
// variable values cut from one string and one backing array (each slice
// capacity-capped, so an Add elsewhere copies instead of overwriting its
// neighbour).
func setHeaders(h http.Header, static staticHeaders, res Result) {
	if static.policy == nil {
		return
	}
	reset := seconds(res.ResetAfter)
	var buf [96]byte
	b := append(buf[:0], `"default";r=`...)
	b = strconv.AppendInt(b, int64(res.Remaining), 10)
	b = append(b, ";t="...)
	b = strconv.AppendInt(b, int64(reset), 10)
	mark1 := len(b)
	b = strconv.AppendInt(b, int64(res.Remaining), 10)
	mark2 := len(b)
	b = strconv.AppendInt(b, time.Now().Add(time.Duration(reset)*time.Second).Unix(), 10)
	all := string(b)
	vals := []string{all[:mark1], all[mark1:mark2], all[mark2:]}
	h["Ratelimit-Policy"] = static.policy
	h["Ratelimit"] = vals[0:1:1]
	h["X-Ratelimit-Limit"] = static.limit
	h["X-Ratelimit-Remaining"] = vals[1:2:2]
	h["X-Ratelimit-Reset"] = vals[2:3:3]
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
