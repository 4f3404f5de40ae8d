package models

import "testing"

// The cases the issue names: texts a person calls the same name ignoring
// case are one key; texts that are different names stay different.
func TestIdentityKey(t *testing.T) {
	same := [][]string{
		{"ΣΊΣΥΦΟΣ", "σίσυφος", "σίσυφοσ", "Σίσυφος"},    // Greek final sigma ς, medial σ and capital Σ
		{"Straße", "STRASSE", "strasse", "STRAẞE"},      // German ß, capital ẞ and ss
		{"Café", "Cafe\u0301", "CAFÉ", "CAFE\u0301"},    // composed é vs e + combining acute
		{"Ångström", "\u212Bngstro\u0308m", "ÅNGSTRÖM"}, // the Angstrom sign is Å after NFC
		{"Işık", "işık", "IŞIK"},                        // capital I folds to dotted i (Unicode default)
		{"ﬁle", "FILE", "file"},                         // ligature ﬁ folds to fi
		{"gpt-4o 🚀", "GPT-4O 🚀"},                        // emoji have no case
	}
	for _, group := range same {
		for _, s := range group[1:] {
			if IdentityKey(s) != IdentityKey(group[0]) {
				t.Errorf("%q and %q should be one name: %q vs %q", group[0], s, IdentityKey(group[0]), IdentityKey(s))
			}
		}
	}
	different := [][2]string{
		{"resume", "résumé"}, // accents are not ignored
		{"a b", "ab"},
	}
	for _, d := range different {
		if IdentityKey(d[0]) == IdentityKey(d[1]) {
			t.Errorf("%q and %q should stay different names (both %q)", d[0], d[1], IdentityKey(d[0]))
		}
	}
	if got := IdentityKey("STRASSE"); got != "strasse" {
		t.Errorf("key of STRASSE = %q", got)
	}
}
