package auth

import "strings"

// BearerToken is the token of the one Authorization header "Bearer <token>"
// (scheme in any case), or "" for anything else: no header, several
// headers, another scheme, or no token. An empty token is refused as
// malformed by the key check, after the failed-attempt guard.
func BearerToken(headers []string) string {
	if len(headers) != 1 {
		return ""
	}
	scheme, rest, ok := strings.Cut(headers[0], " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(rest)
}
