package models

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// What counts as blank at the ends of a text, and how long a text is: one
// definition, shared with the SPA (frontend/src/text/text.ts) and checked on
// both sides against one table, frontend/src/text/textCases.json.
//
// Blank is Unicode's White_Space (what strings.TrimSpace strips) plus the
// invisible characters that carry no meaning at either end: the byte order
// mark U+FEFF (JavaScript's trim() strips it, Go's does not), zero width
// space U+200B, word joiner U+2060 and Mongolian vowel separator U+180E. So a
// name of only such characters is empty on both sides.
//
// Length counts code points after trimming: "🔑" is one character (two
// UTF-16 units in JavaScript), "é" typed as e + combining accent is two.

// isBlank reports whether r is trimmed from the ends of a text.
func isBlank(r rune) bool {
	switch r {
	case '\uFEFF', '\u200B', '\u2060', '\u180E':
		return true
	}
	return unicode.IsSpace(r)
}

// TrimText removes blank characters from both ends.
func TrimText(s string) string { return strings.TrimFunc(s, isBlank) }

// TextLength is the length rules count: code points.
func TextLength(s string) int { return utf8.RuneCountInString(s) }
