package auth

import (
	"fmt"
	"net/http"
	"time"
)

// ExpiresSoon is how far ahead a key's expiry is announced as a warning.
const ExpiresSoon = 7 * 24 * time.Hour

// Header names of the expiry signals on key-authenticated responses.
const (
	// HeaderKeyExpiresAt works like GitHub's
	// GitHub-Authentication-Token-Expiration: when the presented secret
	// stops working, in RFC 3339 UTC.
	HeaderKeyExpiresAt = "Keyward-Key-Expires-At"
	// HeaderSunset (RFC 8594) marks a previous secret in its grace period.
	HeaderSunset = "Sunset"
)

// setKeyHeaders announces when the presented secret stops working. It reads
// only the verified identity, so a cached key pays no database work for it.
// note: the values are shared, capacity-capped slices: a later Header.Add
// appends into a new array, never into the cached one. The header names are
// already in canonical form, so the map is written directly.
func setKeyHeaders(h http.Header, id *KeyIdentity) {
	v := id.headers
	if v.expiresAt == nil {
		v = keyHeaders(id)
	}
	h[HeaderKeyExpiresAt] = v.expiresAt
	if v.sunset != nil {
		h[HeaderSunset] = v.sunset
	}
}

type keyHeaderValues struct{ expiresAt, sunset []string }

func keyHeaders(id *KeyIdentity) keyHeaderValues {
	v := keyHeaderValues{expiresAt: []string{id.ExpiresAt.UTC().Format(time.RFC3339)}}
	if id.Previous {
		v.sunset = []string{id.ExpiresAt.UTC().Format(http.TimeFormat)}
	}
	v.expiresAt, v.sunset = v.expiresAt[:1:1], v.sunset[:len(v.sunset):len(v.sunset)]
	return v
}

// Warning codes in a GraphQL response's extensions.warnings.
const (
	WarningKeyExpiresSoon = "KEY_EXPIRES_SOON"
	WarningKeyRotated     = "KEY_ROTATED"
)

// Warning tells a key's user about something that will break soon. It is
// sent beside data, so clients that ignore it keep working.
type Warning struct {
	Code      string    `json:"code"`
	Message   string    `json:"message"`
	ExpiresAt time.Time `json:"expiresAt"`
}

// Warnings lists what the caller should act on: a previous secret in use,
// or a key that expires within ExpiresSoon.
func (id *KeyIdentity) Warnings(now time.Time) []Warning {
	const at = "2006-01-02 15:04 UTC"
	exp := id.ExpiresAt.UTC()
	switch {
	case id.Previous:
		return []Warning{{Code: WarningKeyRotated, ExpiresAt: exp, Message: fmt.Sprintf(
			"This API key was rotated on %s. This secret stops working on %s; switch to the new secret before then.",
			id.RotatedAt.UTC().Format(at), exp.Format(at))}}
	case exp.Sub(now) < ExpiresSoon:
		days := int(exp.Sub(now).Hours() / 24)
		return []Warning{{Code: WarningKeyExpiresSoon, ExpiresAt: exp, Message: fmt.Sprintf(
			"This API key expires on %s (%s). Ask your admin to rotate it or create a new one.", exp.Format(at), inDays(days))}}
	}
	return nil
}

func inDays(days int) string {
	switch days {
	case 0:
		return "in less than a day"
	case 1:
		return "in 1 day"
	}
	return fmt.Sprintf("in %d days", days)
}
