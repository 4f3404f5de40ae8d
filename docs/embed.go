// Package docs embeds the API reference and the secret-scanning guide so the
// binary can serve them to the admin SPA, which renders the reference, and
// to anyone with curl.
package docs

import _ "embed"

// API is docs/api.md.
//
//go:embed api.md
var API []byte

// SecretScanning is docs/secret-scanning.md, linked from the reference.
//
//go:embed secret-scanning.md
var SecretScanning []byte
