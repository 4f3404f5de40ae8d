package main

import (
	"fmt"
	"io"
)

// banner tells the person who started the server how to get in.
func (a *app) banner(w io.Writer, baseURL string) {
	fmt.Fprintf(w, "Keyward is running at %s (database: %s)\n", baseURL, a.dialect)
	switch {
	case a.setup != nil:
		fmt.Fprintf(w, "No users yet. Create the first admin here (one-time link, valid until the server stops):\n  %s/setup?token=%s\n", baseURL, a.setup.Value())
	case a.bootstrapped != "":
		fmt.Fprintf(w, "Sign in at %s/login as %s with the password from KEYWARD_ADMIN_PASSWORD.\n", baseURL, a.bootstrapped)
	default:
		fmt.Fprintf(w, "Sign in at %s/login with your account.\n", baseURL)
	}
	fmt.Fprintf(w, "GraphQL API: %s/graphql   Playground: %s/playground\n", baseURL, baseURL)
}
