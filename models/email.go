package models

import (
	"net/mail"
	"strings"
	"unicode/utf8"
)

// normalizeForLookup is the stored form of an address to look up, without
// validating it: sign-in compares it with what normalizeEmail stored.
func normalizeForLookup(email string) string { return strings.ToLower(TrimText(email)) }

// normalizeEmail validates an address and lower-cases it, so that uniqueness
// is case-insensitive on every database.
func normalizeEmail(field, value string) (string, error) {
	v := TrimText(value)
	if v == "" {
		return "", Invalid(field, "Email is required")
	}
	if utf8.RuneCountInString(v) > 254 {
		return "", Invalid(field, "Email must be at most 254 characters")
	}
	addr, err := mail.ParseAddress(v)
	if err != nil || addr.Address != v || addr.Name != "" || !strings.Contains(v[strings.LastIndexByte(v, '@')+1:], ".") {
		return "", Invalid(field, "Enter a valid email address, like name@example.com")
	}
	return strings.ToLower(v), nil
}
