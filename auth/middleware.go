package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"time"

	"gorm.io/gorm"

	"keyward/metrics"
	"keyward/models"
	"keyward/usage"
)

// Authenticator is the one middleware that turns credentials into a principal.
type Authenticator struct {
	DB   *gorm.DB
	Keys *KeyVerifier
	// Sessions, when set, serves recently verified session cookies from memory.
	Sessions *SessionCache
	Log      *slog.Logger
	// Failures, when set, refuses clients that keep presenting bad keys.
	Failures FailureLimiter
	// Proxies decides which forwarded headers name the client.
	Proxies TrustedProxies
}

// FailureLimiter slows credential guessing per client. Every attempt takes
// a unit before the credential is checked, so that parallel attempts cannot
// all be checked before any is counted; an attempt that proves good gives
// its unit back. An empty budget refuses with 429 before anything is checked.
type FailureLimiter interface {
	Spend(ctx context.Context, client string) (ok bool, wait time.Duration)
	Refund(ctx context.Context, client string)
}

// Middleware resolves the caller. A presented Authorization header decides
// alone (a cookie is then ignored); a bad one ends the request with 401
// before GraphQL runs. Without credentials the request goes on anonymous.
func (a *Authenticator) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		client, https := a.Proxies.Client(r)
		ri := &requestInfo{w: w, secure: https, clientIP: client, userAgent: r.Header.Get("User-Agent")}
		ctx := withRequestInfo(r.Context(), ri)
		// note: the session cookie is remembered even when a Bearer header
		// decides who the caller is, so that logout ends the session it was
		// given instead of answering true while the session lives on.
		if c, err := r.Cookie(SessionCookie); err == nil {
			ri.token = c.Value
		}

		if headers := r.Header.Values("Authorization"); len(headers) > 0 {
			p, err := a.bearer(ctx, headers, ri.clientIP)
			if err != nil {
				if exp := (*refusedKeyError)(nil); errors.As(err, &exp) {
					usage.Attribute(ctx, exp.id.ID, true)
				}
				a.reject(w, r, err)
				return
			}
			authOK.Inc()
			usage.Attribute(ctx, p.APIKey.ID, false)
			setKeyHeaders(w.Header(), p.APIKey)
			next.ServeHTTP(w, r.WithContext(WithPrincipal(ctx, p)))
			return
		}

		if ri.token != "" {
			var user *models.User
			var err error
			if a.Sessions != nil {
				user, err = a.Sessions.User(ctx, ri.token)
			} else {
				user, err = models.SessionUser(ctx, a.DB, ri.token)
			}
			if err != nil {
				a.reject(w, r, err)
				return
			}
			if user != nil {
				ctx = WithPrincipal(ctx, &Principal{Kind: KindUser, OrganizationID: user.OrganizationID, Role: user.Role, User: user})
			} else {
				ClearSessionCookie(ctx)
			}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// authOK is resolved once: WithLabelValues costs a label hash per call.
var authOK = metrics.AuthOutcomes.WithLabelValues("ok")

// bearer verifies the Authorization header. Unless the key is a verified
// one already in the cache (see KeyVerifier.Verify), the attempt is counted
// against the client before the key is looked at, and given back when the
// key proves valid or the check could not be made.
func (a *Authenticator) bearer(ctx context.Context, headers []string, client string) (*Principal, error) {
	token := BearerToken(headers)
	var guard func() error
	spent := false
	if a.Failures != nil {
		guard = func() error {
			ok, wait := a.Failures.Spend(ctx, client)
			if !ok {
				return &blockedError{wait: wait}
			}
			spent = true
			return nil
		}
	}
	// note: a header that is not "Bearer <token>" leaves token empty, which
	// Verify refuses as malformed after the guard.
	id, err := a.Keys.Verify(ctx, token, guard)
	refused := errors.Is(err, ErrExpiredKey) || errors.Is(err, ErrRotatedKey) || errors.Is(err, ErrRevokedKey)
	if spent && (err == nil || !(errors.Is(err, ErrInvalidKey) || refused)) {
		a.Failures.Refund(ctx, client)
	}
	if refused {
		return nil, &refusedKeyError{id: id, err: err}
	}
	if err != nil {
		return nil, err
	}
	return &Principal{Kind: KindAPIKey, OrganizationID: id.OrganizationID, Role: id.Scope.Role(), APIKey: id}, nil
}

// refusedKeyError is a known key that no longer works: expired, rotated
// past its grace period, or revoked. The caller is told which, and when,
// so that an integrator knows what to do.
type refusedKeyError struct {
	id  *KeyIdentity
	err error
}

func (e *refusedKeyError) Error() string { return e.err.Error() }
func (e *refusedKeyError) Unwrap() error { return e.err }

// blockedError refuses a client that failed authentication too often.
type blockedError struct{ wait time.Duration }

func (e *blockedError) Error() string { return "too many failed authentications" }

// reject answers a request whose credentials failed. The message names an
// expired, rotated or revoked key, but not which other check failed.
func (a *Authenticator) reject(w http.ResponseWriter, r *http.Request, err error) {
	var refused *refusedKeyError
	var blocked *blockedError
	switch {
	case errors.As(err, &blocked):
		metrics.AuthOutcomes.WithLabelValues("rate_limited").Inc()
		secs := int(math.Ceil(blocked.wait.Seconds()))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		WriteError(w, http.StatusTooManyRequests, models.CodeRateLimited, fmt.Sprintf(
			"Too many failed authentication attempts from your address. Retry after %d seconds.", secs))
	case errors.As(err, &refused):
		outcome, desc, msg := refusal(refused)
		metrics.AuthOutcomes.WithLabelValues(outcome).Inc()
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token", error_description="`+desc+`"`)
		WriteError(w, http.StatusUnauthorized, models.CodeUnauthenticated, msg)
	case errors.Is(err, ErrInvalidKey):
		metrics.AuthOutcomes.WithLabelValues("invalid").Inc()
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token", error_description="The API key is invalid"`)
		WriteError(w, http.StatusUnauthorized, models.CodeUnauthenticated,
			"Invalid API key. Send a valid key as \"Authorization: Bearer kw_…\".")
	case models.IsUnavailable(err):
		a.Log.Warn("authenticate request: database unavailable", "err", err, "path", r.URL.Path)
		w.Header().Set("Retry-After", "2")
		WriteError(w, http.StatusServiceUnavailable, models.CodeUnavailable,
			"The service cannot reach its database right now. Retry in a few seconds.")
	default:
		a.Log.Error("authenticate request", "err", err, "path", r.URL.Path)
		WriteError(w, http.StatusServiceUnavailable, models.CodeInternal,
			"The service is temporarily unavailable. Try again shortly.")
	}
}

// refusal words the 401 for a known key that no longer works.
func refusal(e *refusedKeyError) (outcome, description, message string) {
	const at = "2006-01-02 15:04 UTC"
	id := e.id
	switch {
	case errors.Is(e.err, ErrRevokedKey):
		return "revoked", "The API key was revoked", fmt.Sprintf(
			"This API key was revoked on %s after it was reported as leaked. Ask your admin for a new key.", id.RevokedAt.UTC().Format(at))
	case errors.Is(e.err, ErrRotatedKey):
		return "rotated", "The API key was rotated", fmt.Sprintf(
			"This API key was rotated on %s and this secret stopped working on %s. Use the key's new secret; your admin received it when rotating.",
			id.RotatedAt.UTC().Format(at), id.ExpiresAt.UTC().Format(at))
	default:
		return "expired", "The API key expired", fmt.Sprintf(
			"This API key expired on %s. Create a new key in Settings → API keys.", id.ExpiresAt.UTC().Format(at))
	}
}

// WriteError sends a GraphQL-shaped error body from outside GraphQL execution.
func WriteError(w http.ResponseWriter, status int, code models.Code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": map[string]any{"code": code}}},
	})
}
