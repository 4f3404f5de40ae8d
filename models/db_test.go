package models

import "testing"

func TestWithConnectTimeout(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u:p%40ss@db:5432/kw?sslmode=disable&timezone=Pacific/Kiritimati": "postgres://u:p%40ss@db:5432/kw?sslmode=disable&timezone=Pacific/Kiritimati&connect_timeout=5",
		"postgres://db/kw?connect_timeout=30":                                        "postgres://db/kw?connect_timeout=30",
		"postgresql://db/kw":                                                         "postgresql://db/kw?connect_timeout=5",
	} {
		if got := withConnectTimeout(in); got != want {
			t.Errorf("withConnectTimeout(%q) = %q, want %q", in, got, want)
		}
	}
}
