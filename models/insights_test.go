package models

import "testing"

func TestPluralCountsWithSeparators(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0 reads"}, {1, "1 read"}, {999, "999 reads"}, {1000, "1,000 reads"}, {1234567, "1,234,567 reads"}} {
		if got := plural(c.n, "read", "reads"); got != c.want {
			t.Errorf("plural(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}
