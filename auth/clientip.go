package auth

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// TrustedProxies are the networks of our own proxies and load balancers
// (KEYWARD_TRUSTED_PROXIES). Only a request whose TCP peer is inside one of
// them has its Forwarded / X-Forwarded-For / X-Forwarded-Proto believed;
// from anyone else those headers are ignored, since a client can send them.
type TrustedProxies []netip.Prefix

// ParseTrustedProxies reads a comma-separated list of CIDRs or single
// addresses. Empty means no proxy is trusted.
func ParseTrustedProxies(s string) (TrustedProxies, error) {
	var out TrustedProxies
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if p, err := netip.ParsePrefix(part); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(part)
		if err != nil {
			return nil, fmt.Errorf("%q is not a CIDR such as 10.0.0.0/8 or fd00::/8", part)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

func (tp TrustedProxies) trusts(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range tp {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// Client returns the client's address and whether it reached the first of
// our proxies over https. Behind trusted proxies the client is the
// right-most hop that is not a trusted proxy: every hop to its right was
// appended by a proxy we trust, everything to its left by someone we do
// not. A malformed hop ends the walk at the last address a trusted proxy
// vouched for.
func (tp TrustedProxies) Client(r *http.Request) (ip string, https bool) {
	peer, ok := parseHop(r.RemoteAddr)
	if !ok {
		return hostOnly(r.RemoteAddr), r.TLS != nil
	}
	if !tp.trusts(peer) {
		return peer.String(), r.TLS != nil
	}
	hops, protos := forwardedHops(r.Header)
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := parseHop(hops[i])
		if !ok {
			break
		}
		client = a
		if !tp.trusts(a) {
			break
		}
	}
	https = r.TLS != nil
	if len(protos) > 0 {
		https = strings.EqualFold(strings.TrimSpace(protos[len(protos)-1]), "https")
	}
	return client.String(), https
}

// forwardedHops lists the for= addresses of Forwarded (RFC 7239) when the
// request has one, else X-Forwarded-For, oldest first; protos likewise from
// proto= or X-Forwarded-Proto.
func forwardedHops(h http.Header) (hops, protos []string) {
	if fwd := h.Values("Forwarded"); len(fwd) > 0 {
		for _, elem := range strings.Split(strings.Join(fwd, ","), ",") {
			var hop, proto string
			for _, pair := range strings.Split(elem, ";") {
				k, v, _ := strings.Cut(strings.TrimSpace(pair), "=")
				v = strings.Trim(strings.TrimSpace(v), `"`)
				switch strings.ToLower(k) {
				case "for":
					hop = v
				case "proto":
					proto = v
				}
			}
			hops = append(hops, hop)
			if proto != "" {
				protos = append(protos, proto)
			}
		}
		return hops, protos
	}
	for _, v := range h.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(v, ",")...)
	}
	for _, v := range h.Values("X-Forwarded-Proto") {
		protos = append(protos, strings.Split(v, ",")...)
	}
	return hops, protos
}

// parseHop reads "1.2.3.4", "1.2.3.4:80", "2001:db8::1", "[2001:db8::1]:80".
func parseHop(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap().WithZone(""), true
	}
	if a, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")); err == nil {
		return a.Unmap().WithZone(""), true
	}
	return netip.Addr{}, false
}

func hostOnly(addr string) string {
	if host, _, err := net.SplitHostPort(addr); err == nil {
		return host
	}
	return addr
}
