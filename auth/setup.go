package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"sync"
)

// SetupToken is the one-time secret that lets the first admin be created in
// the browser. It lives only in this process's memory, so it dies with it.
type SetupToken struct {
	mu    sync.Mutex
	value string
	used  bool
}

// NewSetupToken makes a fresh token.
func NewSetupToken() (*SetupToken, error) {
	buf := make([]byte, 24)
	if _, err := rand.Read(buf); err != nil {
		return nil, err
	}
	return &SetupToken{value: base64.RawURLEncoding.EncodeToString(buf)}, nil
}

// Value is printed once at start-up.
func (s *SetupToken) Value() string { return s.value }

// Use runs create only when the token matches and is unused, and spends the
// token only when create succeeds, so a typo in the form does not burn it.
func (s *SetupToken) Use(presented string, create func() error) (ok bool, err error) {
	if s == nil {
		return false, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.used || subtle.ConstantTimeCompare([]byte(presented), []byte(s.value)) != 1 {
		return false, nil
	}
	if err := create(); err != nil {
		return true, err
	}
	s.used = true
	return true, nil
}
