package models

import (
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// IdentityKey is the one form in which two texts that a person would call
// "the same name, ignoring case" are equal: Unicode NFC normalisation (an
// accented letter typed as one character or as a letter plus a combining
// mark is one letter) and full case folding (Σ, σ and final ς are one
// letter; ß matches ss). Search, name uniqueness (API keys, models) and the
// model identity (provider, model, version) all compare these keys, computed
// here in Go, so both databases match the same rows.
//
// note: Unicode's default folding keeps Turkish dotless ı apart from i and
// folds İ to i + U+0307, so "IŞIK" (capital I serves both) would not match
// "ışık", nor "İstanbul" "istanbul". Here dotted and dotless i are one
// letter, whichever language the text is in: every spelling a reader might
// mean matches, and names differing only in that dot, which look alike,
// cannot both exist. A key is at most three times as long as its text.
func IdentityKey(s string) string {
	// A Caser keeps state, so each call takes its own.
	return norm.NFC.String(cases.Fold().String(dotlessI.Replace(norm.NFC.String(s))))
}

var dotlessI = strings.NewReplacer("İ", "I", "ı", "i")
