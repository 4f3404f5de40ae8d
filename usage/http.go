package usage

import (
	"context"
	"net/http"
	"time"

	"keyward/models"
)

// request collects what one request tells about its key's usage. The
// layers inside the middleware fill it: the authenticator names the key (and
// whether it was refused), GraphQL says what ran and whether it failed, and
// the status code shows a 429.
type request struct {
	http.ResponseWriter
	status  int
	keyID   string
	refused bool
	reads   int
	writes  int
	failed  bool
}

func (r *request) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the real writer.
func (r *request) Unwrap() http.ResponseWriter { return r.ResponseWriter }

type requestKey struct{}

func from(ctx context.Context) *request {
	r, _ := ctx.Value(requestKey{}).(*request)
	return r
}

// Middleware counts each request that presented a known key. It must wrap
// the authenticator and everything after it (rate limit, GraphQL).
func (c *Counter) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &request{ResponseWriter: w}
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), requestKey{}, rec)))
		if rec.keyID != "" {
			c.Add(rec.keyID, time.Now(), rec.counts())
		}
	})
}

func (r *request) counts() models.UsageCounts {
	d := models.UsageCounts{Requests: 1, Reads: r.reads, Writes: r.writes}
	switch {
	case r.refused:
		d.Refused = 1
	case r.status == http.StatusTooManyRequests:
		d.RateLimited = 1
	case r.failed || r.status >= http.StatusBadRequest:
		d.Errors = 1
	}
	return d
}

// Attribute names the key a request presented. refused is true when the
// key was turned away (expired, revoked, or a secret past its grace period)
// but its hash still identified it.
func Attribute(ctx context.Context, keyID string, refused bool) {
	if r := from(ctx); r != nil {
		r.keyID, r.refused = keyID, refused
	}
}

// Executed records one GraphQL operation: a mutation counts as a write,
// anything else that ran as a read. failed is true when the response
// carries any error.
func Executed(ctx context.Context, mutation, failed bool) {
	r := from(ctx)
	if r == nil {
		return
	}
	if mutation {
		r.writes++
	} else {
		r.reads++
	}
	r.failed = r.failed || failed
}

// Failed records a response with errors from an operation that never ran
// (it did not parse, or broke a limit).
func Failed(ctx context.Context) {
	if r := from(ctx); r != nil {
		r.failed = true
	}
}
