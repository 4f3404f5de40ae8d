package main

import (
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

// notBuilt is served when the binary was built without the SPA.
const notBuilt = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Keyward</title></head>
<body><main><h1>Keyward</h1><p>The admin UI was not built into this binary. Build it with <code>make run</code>
(or <code>npm ci &amp;&amp; npm run build</code>, then <code>go build ./server</code>). The GraphQL API is at <a href="/graphql">/graphql</a>.</p></main></body></html>`

// contentSecurityPolicy lets pages load code only from this server and talk
// only to it. note: styles need 'unsafe-inline' because MUI (emotion) and
// GraphiQL inject style elements; the playground's editor runs web workers.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// spaHandler serves the embedded SPA. Paths with a file extension are files
// (404 when missing); other paths are client routes and get index.html.
// Hashed assets are cached for a year; HTML is revalidated on every visit.
func spaHandler(files fs.FS) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "same-origin")
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
		p := path.Clean("/" + r.URL.Path)
		switch {
		case p == "/playground":
			if serveFile(w, r, files, "playground.html", "no-cache") {
				return
			}
		case path.Ext(p) != "":
			cache := "public, max-age=3600"
			if strings.HasPrefix(p, "/assets/") {
				cache = "public, max-age=31536000, immutable"
			}
			if !serveFile(w, r, files, strings.TrimPrefix(p, "/"), cache) {
				http.NotFound(w, r)
			}
			return
		}
		if !serveFile(w, r, files, "index.html", "no-cache") {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-cache")
			_, _ = io.WriteString(w, notBuilt)
		}
	})
}

func serveFile(w http.ResponseWriter, r *http.Request, files fs.FS, name, cache string) bool {
	f, err := files.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		return false
	}
	rs, ok := f.(io.ReadSeeker)
	if !ok {
		return false
	}
	w.Header().Set("Cache-Control", cache)
	http.ServeContent(w, r, name, time.Time{}, rs)
	return true
}
