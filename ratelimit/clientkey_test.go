package ratelimit

import "testing"

func TestClientKey(t *testing.T) {
	for in, want := range map[string]string{
		"203.0.113.7":                      "203.0.113.7",
		"::ffff:203.0.113.7":               "203.0.113.7",
		"::ffff:cb00:7107":                 "203.0.113.7",
		"2001:db8:1:2::1":                  "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff:ffff:ffff:ffff": "2001:db8:1:2::/64",
		"2001:DB8:1:2:0:0:0:9":             "2001:db8:1:2::/64",
		"2001:db8:1:3::1":                  "2001:db8:1:3::/64",
		"fe80::1%eth0":                     "fe80::/64",
		"::1":                              "::/64",
		"not an address":                   "not an address",
		"":                                 "",
	} {
		if got := ClientKey(in); got != want {
			t.Errorf("ClientKey(%q) = %q, want %q", in, got, want)
		}
	}
	if ClientKey("2001:db8:1:2::1") == ClientKey("2001:db8:1:3::1") {
		t.Fatal("neighbouring /64s share a budget")
	}
}
