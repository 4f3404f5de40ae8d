package main

import (
	"slices"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"keyward/models"
	"keyward/ratelimit"
)

// The one timing test the security issue allows: it compares two paths in
// one run, so machine speed cancels out. An unknown email must cost what a
// wrong password for a real account costs, at the configured work factor.
func TestUnknownEmailCostsAsMuchAsAWrongPassword(t *testing.T) {
	// note: not bcrypt.DefaultCost (10), so a dummy hash made at the default
	// instead of the configured cost shows up as a 2× gap.
	models.BcryptCost = 11
	t.Cleanup(func() { models.BcryptCost = bcrypt.MinCost })
	s := newServer(t, sqliteURL(t), func(c *config) { c.LoginFailLimit = ratelimit.Limit{} })
	c := s.anon()
	try := func(email string) time.Duration {
		start := time.Now()
		c.gql(`mutation($e:String!){ login(input:{email:$e, password:"wrong-password"}) { user { id } } }`, vars{"e": email}).wantCode("UNAUTHENTICATED")
		return time.Since(start)
	}
	try("nobody@example.com") // the dummy hash is made on first use
	// Interleaved, so both paths see the same load from other processes.
	var realRuns, unknownRuns []time.Duration
	for range 7 {
		realRuns = append(realRuns, try(adminEmail))
		unknownRuns = append(unknownRuns, try("nobody@example.com"))
	}
	median := func(runs []time.Duration) time.Duration {
		slices.Sort(runs)
		return runs[len(runs)/2]
	}
	real, unknown := median(realRuns), median(unknownRuns)
	ratio := float64(max(real, unknown)) / float64(min(real, unknown))
	t.Logf("wrong password %v, unknown email %v, ratio %.2f", real, unknown, ratio)
	if ratio > 1.5 {
		t.Fatalf("wrong password takes %v, unknown email %v (%.1f×): timing tells which emails have accounts", real, unknown, ratio)
	}
}
