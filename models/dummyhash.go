package models

import (
	"sync"

	"golang.org/x/crypto/bcrypt"
)

// dummy is a hash at the configured cost that nobody's password matches.
// Comparing against it makes a sign-in with an unknown email cost as much
// as a wrong password. note: it must be made at BcryptCost, not bcrypt's
// default: a cheaper dummy answers faster and so tells which emails have
// accounts.
var dummy struct {
	sync.Mutex
	cost int
	hash []byte
}

func dummyHash() []byte {
	dummy.Lock()
	defer dummy.Unlock()
	if dummy.cost != BcryptCost || dummy.hash == nil {
		// The error only says the cost is out of range, which newUser would
		// have hit first; a nil hash still costs nothing and fails closed.
		dummy.hash, _ = bcrypt.GenerateFromPassword([]byte("keyward-timing-equaliser"), BcryptCost)
		dummy.cost = BcryptCost
	}
	return dummy.hash
}

// burnComparison spends one password comparison's work on nothing.
func burnComparison(password string) {
	_ = bcrypt.CompareHashAndPassword(dummyHash(), []byte(password))
}
