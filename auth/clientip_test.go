package auth

import (
	"crypto/tls"
	"net/http/httptest"
	"testing"
)

func TestTrustedProxiesClient(t *testing.T) {
	tp, err := ParseTrustedProxies("10.0.0.0/8, fd00::/8, 192.0.2.7")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, peer string
		headers    map[string]string
		tls        bool
		wantIP     string
		wantHTTPS  bool
	}{
		{"no proxy", "203.0.113.5:4000", nil, false, "203.0.113.5", false},
		{"spoofed XFF from an untrusted peer", "203.0.113.5:4000", map[string]string{"X-Forwarded-For": "1.1.1.1", "X-Forwarded-Proto": "https"}, false, "203.0.113.5", false},
		{"spoofed Forwarded from an untrusted peer", "203.0.113.5:4000", map[string]string{"Forwarded": "for=1.1.1.1;proto=https"}, false, "203.0.113.5", false},
		{"one trusted proxy", "10.1.2.3:5000", map[string]string{"X-Forwarded-For": "198.51.100.9", "X-Forwarded-Proto": "https"}, false, "198.51.100.9", true},
		{"client spoofs a hop in front of the proxy", "10.1.2.3:5000", map[string]string{"X-Forwarded-For": "1.1.1.1, 198.51.100.9"}, false, "198.51.100.9", false},
		{"two trusted hops", "10.1.2.3:5000", map[string]string{"X-Forwarded-For": "198.51.100.9, 10.9.9.9, 192.0.2.7"}, false, "198.51.100.9", false},
		{"all hops trusted", "10.1.2.3:5000", map[string]string{"X-Forwarded-For": "10.5.5.5"}, false, "10.5.5.5", false},
		{"IPv6 client and proxy", "[fd00::1]:443", map[string]string{"X-Forwarded-For": "2001:db8::42"}, false, "2001:db8::42", false},
		{"Forwarded with quoted IPv6 and port", "10.1.2.3:5000", map[string]string{"Forwarded": `for="[2001:db8::42]:4711";proto=https, for=10.2.2.2`}, false, "2001:db8::42", true},
		{"Forwarded wins over X-Forwarded-For", "10.1.2.3:5000", map[string]string{"Forwarded": "for=198.51.100.1", "X-Forwarded-For": "198.51.100.2"}, false, "198.51.100.1", false},
		{"malformed hop stops at the proxy", "10.1.2.3:5000", map[string]string{"X-Forwarded-For": "1.1.1.1, not-an-ip"}, false, "10.1.2.3", false},
		{"obfuscated Forwarded identifier", "10.1.2.3:5000", map[string]string{"Forwarded": "for=_hidden"}, false, "10.1.2.3", false},
		{"empty header", "10.1.2.3:5000", map[string]string{"X-Forwarded-For": ""}, false, "10.1.2.3", false},
		{"IPv4-mapped peer", "[::ffff:10.1.2.3]:5000", map[string]string{"X-Forwarded-For": "198.51.100.9"}, false, "198.51.100.9", false},
		{"TLS to us directly", "203.0.113.5:4000", nil, true, "203.0.113.5", true},
		{"proxy says http", "10.1.2.3:5000", map[string]string{"X-Forwarded-Proto": "http"}, false, "10.1.2.3", false},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.peer
		for k, v := range tc.headers {
			r.Header.Set(k, v)
		}
		if tc.tls {
			r.TLS = &tls.ConnectionState{}
		}
		ip, https := tp.Client(r)
		if ip != tc.wantIP || https != tc.wantHTTPS {
			t.Errorf("%s: got %s https=%v, want %s https=%v", tc.name, ip, https, tc.wantIP, tc.wantHTTPS)
		}
	}
	// Nothing trusted (the default): headers never count.
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "10.1.2.3:5000"
	r.Header.Set("X-Forwarded-For", "198.51.100.9")
	if ip, _ := TrustedProxies(nil).Client(r); ip != "10.1.2.3" {
		t.Errorf("no trusted proxies: %s", ip)
	}
	for _, bad := range []string{"10.0.0.0/33", "nonsense", "10.0.0.0/8,,x"} {
		if _, err := ParseTrustedProxies(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
