package ratelimit

import "net/netip"

// IPv6ClientPrefix is how many leading bits of an IPv6 address name one
// client. note: a single host, or a single customer of an ISP, is routinely
// given a whole /64 and may pick any address in it, so limiting each /128
// alone would not limit anyone.
const IPv6ClientPrefix = 64

// ClientKey is the key a client address is limited under: an IPv4 address
// as is (also when written IPv4-mapped, ::ffff:a.b.c.d, so one host cannot
// count twice), an IPv6 address by its /64. A string that is not an address
// (a test's RemoteAddr, a unix socket) is its own key.
func ClientKey(ip string) string {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	addr = addr.Unmap()
	if addr.Is4() {
		return addr.String()
	}
	// note: the zone (fe80::1%eth0) names an interface, not a client.
	prefix, err := addr.WithZone("").Prefix(IPv6ClientPrefix)
	if err != nil {
		return ip
	}
	return prefix.String()
}
