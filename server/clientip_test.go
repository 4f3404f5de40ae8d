package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"keyward/auth"
	"keyward/ratelimit"
)

// Behind a trusted load balancer, each client has its own failed-key budget
// and the session cookie is Secure when the client used https. The same
// headers from an untrusted peer change nothing.
func TestTrustedProxies(t *testing.T) {
	trusted, _ := auth.ParseTrustedProxies("127.0.0.0/8, ::1")
	login := `mutation($e:String!,$p:String!){ login(input:{email:$e, password:$p}) { user { id } } }`
	for _, tc := range []struct {
		name    string
		proxies auth.TrustedProxies
		secure  bool
	}{{"trusted", trusted, true}, {"untrusted", nil, false}} {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, sqliteURL(t), func(c *config) {
				c.TrustedProxies = tc.proxies
				c.AuthFailLimit = ratelimit.Limit{Rate: 2, Period: time.Minute}
			})
			c := s.anon()
			c.headers["X-Forwarded-Proto"] = "https"
			c.headers["X-Forwarded-For"] = "198.51.100.7"
			r := c.gql(login, vars{"e": adminEmail, "p": adminPassword}).ok()
			if got := strings.Contains(r.header.Get("Set-Cookie"), "Secure"); got != tc.secure {
				t.Fatalf("Secure cookie = %v, want %v: %s", got, tc.secure, r.header.Get("Set-Cookie"))
			}

			bad := func(client string) int {
				b := s.bearer("kw_notakey")
				b.headers["X-Forwarded-For"] = "1.1.1.1, " + client // the first hop is the client's own claim
				return b.gql(`{ whoami { kind } }`, nil).status
			}
			for range 3 {
				bad("198.51.100.1")
			}
			want := http.StatusUnauthorized // its own budget
			if tc.proxies == nil {
				want = http.StatusTooManyRequests // everyone is the balancer
			}
			if got := bad("198.51.100.2"); got != want {
				t.Fatalf("another client after one used up its budget: %d, want %d", got, want)
			}
			if got := bad("198.51.100.1"); got != http.StatusTooManyRequests {
				t.Fatalf("the client that used up its budget: %d", got)
			}
		})
	}
}

// The request log names the client as the trusted proxies forwarded it,
// not the balancer; a spoofed header from an untrusted peer is not believed.
func TestRequestLogNamesTheForwardedClient(t *testing.T) {
	trusted, _ := auth.ParseTrustedProxies("127.0.0.0/8, ::1")
	for _, tc := range []struct {
		name    string
		proxies auth.TrustedProxies
		header  string
		want    string
	}{
		{"trusted, X-Forwarded-For", trusted, "X-Forwarded-For: 203.0.113.9, 198.51.100.23", "client=198.51.100.23 "},
		{"trusted, Forwarded with IPv6", trusted, `Forwarded: for="[2001:db8::17]:4711";proto=https`, "client=2001:db8::17 "},
		{"untrusted peer", nil, "X-Forwarded-For: 198.51.100.23", "client=127.0.0.1 "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, sqliteURL(t), func(c *config) { c.TrustedProxies = tc.proxies })
			c := s.anon()
			k, v, _ := strings.Cut(tc.header, ": ")
			c.headers[k] = v
			c.do(http.MethodGet, "/healthz", "", nil)
			var line string
			for _, l := range strings.Split(s.log.String(), "\n") {
				if strings.Contains(l, "msg=request") && strings.Contains(l, "path=/healthz") {
					line = l
				}
			}
			if !strings.Contains(line, tc.want) {
				t.Fatalf("want %q in the request log line, got %q", tc.want, line)
			}
		})
	}
}
