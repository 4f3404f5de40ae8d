// Package docs embeds the API reference so the binary can serve it to the
// admin SPA, which renders it, and to anyone with curl.
package docs

import _ "embed"

// API is docs/api.md.
//
//go:embed api.md
var API []byte
