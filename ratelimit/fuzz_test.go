package ratelimit

import (
	"testing"
	"time"
)

// A rate-limit setting either errors or gives a limit within bounds that
// prints as a setting which parses to the same limit.
func FuzzParseLimit(f *testing.F) {
	for _, s := range []string{"600/m", "10/15m", "off", "0", "5000/h", "1/s", " 20/m ", "1/0m", "-1/m", "9999999/s", "10/1000h", "10/1001h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseLimit(s)
		if err != nil {
			return
		}
		if l.Off() {
			if l != (Limit{}) {
				t.Fatalf("%q: off but %+v", s, l)
			}
			return
		}
		if l.Rate < 1 || l.Rate > 1_000_000 || l.Period < time.Second || l.Period > 1000*time.Hour {
			t.Fatalf("%q: out of bounds %+v", s, l)
		}
		back, err := ParseLimit(l.String())
		if err != nil || back != l {
			t.Fatalf("%q → %+v → %q → %+v (%v)", s, l, l.String(), back, err)
		}
	})
}
