package models

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// The same table frontend/src/text/text.test.ts checks against the SPA, so
// both sides agree on what is blank and how long a text is.
func TestTextRulesSharedWithSPA(t *testing.T) {
	raw, err := os.ReadFile("../frontend/src/text/textCases.json")
	if err != nil {
		t.Fatal(err)
	}
	var table struct {
		Cases []struct {
			Name, Input, Trimmed, KeyName string
			Length                        int
		}
	}
	if err := json.Unmarshal(raw, &table); err != nil {
		t.Fatal(err)
	}
	verdicts := map[string]string{"required": "is required", "short": "at least 3", "long": "at most 50", "control": "control characters"}
	if len(table.Cases) < 20 {
		t.Fatalf("only %d cases read", len(table.Cases))
	}
	for _, c := range table.Cases {
		t.Run(c.Name, func(t *testing.T) {
			if got := TrimText(c.Input); got != c.Trimmed {
				t.Errorf("TrimText(%q) = %q, want %q", c.Input, got, c.Trimmed)
			}
			if got := TextLength(TrimText(c.Input)); got != c.Length {
				t.Errorf("length %d, want %d", got, c.Length)
			}
			_, err := CheckKeyName(c.Input)
			if want := verdicts[c.KeyName]; want == "" {
				if err != nil {
					t.Errorf("key name %q refused: %v", c.Input, err)
				}
			} else if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("key name %q: want an error with %q, got %v", c.Input, want, err)
			}
		})
	}
}
