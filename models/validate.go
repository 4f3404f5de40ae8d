package models

import (
	"unicode"
	"unicode/utf8"
)

// cleanText trims the value and checks its length in characters (not bytes)
// and that it holds no control characters.
func cleanText(field, label, value string, min, max int) (string, error) {
	return checkText(field, label, value, min, max, false)
}

// checkText is cleanText and cleanLongText: multiline allows tabs and line
// breaks, and a minimum of 0 allows an empty value.
func checkText(field, label, value string, min, max int, multiline bool) (string, error) {
	v := TrimText(value)
	if !utf8.ValidString(v) {
		return "", Invalid(field, "%s must be valid text", label)
	}
	n := TextLength(v)
	switch {
	case n == 0 && min > 0:
		return "", Invalid(field, "%s is required", label)
	case n < min:
		return "", Invalid(field, "%s must be at least %d characters", label, min)
	case n > max:
		return "", Invalid(field, "%s must be at most %d characters (it has %d)", label, max, n)
	}
	for _, r := range v {
		if !unicode.IsControl(r) || multiline && (r == '\n' || r == '\r' || r == '\t') {
			continue
		}
		if multiline {
			return "", Invalid(field, "%s must not contain control characters other than tabs and line breaks", label)
		}
		return "", Invalid(field, "%s must not contain control characters such as tabs or line breaks", label)
	}
	return v, nil
}

// checkPassword enforces the password rules. bcrypt reads at most 72 bytes, so
// longer passwords are refused rather than silently truncated.
func checkPassword(field, value string) error {
	switch {
	case utf8.RuneCountInString(value) < 8:
		return Invalid(field, "Password must be at least 8 characters")
	case len(value) > 72:
		return Invalid(field, "Password must be at most 72 bytes")
	case TrimText(value) == "":
		return Invalid(field, "Password must not be only spaces")
	}
	return nil
}

// cleanOptionalText is cleanText for a field that may be left empty.
func cleanOptionalText(field, label, value string, max int) (string, error) {
	if TrimText(value) == "" {
		return "", nil
	}
	return cleanText(field, label, value, 1, max)
}

// cleanLongText checks free text such as a description: it may be empty and
// may span lines, but holds no other control characters.
func cleanLongText(field, label, value string, max int) (string, error) {
	return checkText(field, label, value, 0, max, true)
}
