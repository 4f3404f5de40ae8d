package auth

import (
	"context"
	"net/http"
	"time"
)

// SessionCookie is the name of the browser session cookie.
const SessionCookie = "keyward_session"

// requestInfo lets resolvers set cookies and see the client without
// re-reading the request.
type requestInfo struct {
	w         http.ResponseWriter
	secure    bool
	clientIP  string
	userAgent string
	token     string // the session cookie's value, if any
}

type requestInfoKey struct{}

func withRequestInfo(ctx context.Context, ri *requestInfo) context.Context {
	return context.WithValue(ctx, requestInfoKey{}, ri)
}

func infoFrom(ctx context.Context) *requestInfo {
	ri, _ := ctx.Value(requestInfoKey{}).(*requestInfo)
	if ri == nil {
		return &requestInfo{}
	}
	return ri
}

// ClientIP is the client's address: the TCP peer, or behind proxies listed
// in KEYWARD_TRUSTED_PROXIES the right-most untrusted forwarded hop.
func ClientIP(ctx context.Context) string { return infoFrom(ctx).clientIP }

// UserAgent is the request's User-Agent header, as sent.
func UserAgent(ctx context.Context) string { return infoFrom(ctx).userAgent }

// SessionToken is the request's session cookie value, for logout.
func SessionToken(ctx context.Context) string { return infoFrom(ctx).token }

// SetSessionCookie starts the browser session.
func SetSessionCookie(ctx context.Context, token string, expires time.Time) {
	ri := infoFrom(ctx)
	if ri.w == nil {
		return
	}
	http.SetCookie(ri.w, &http.Cookie{
		Name: SessionCookie, Value: token, Path: "/", Expires: expires,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: ri.secure,
	})
}

// ClearSessionCookie tells the browser to forget its session.
func ClearSessionCookie(ctx context.Context) {
	ri := infoFrom(ctx)
	if ri.w == nil {
		return
	}
	http.SetCookie(ri.w, &http.Cookie{
		Name: SessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: ri.secure,
	})
}
