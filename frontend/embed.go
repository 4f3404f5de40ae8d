// Package frontend embeds the built admin SPA (frontend/dist) into the binary.
package frontend

import (
	"embed"
	"io/fs"
)

// note: dist/.keep is committed so that go:embed has a file to match before
// the SPA has been built; the Vite build writes it back after emptying dist.
//
//go:embed all:dist
var dist embed.FS

// Dist is the built SPA with index.html at its root.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err)
	}
	return sub
}
