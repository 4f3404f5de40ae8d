package models

// Opt is one field of a create or update: Set false keeps the stored value
// (or the default on create); Set with a nil Value clears it.
type Opt[T any] struct {
	Set   bool
	Value *T
}

// deref reads an optional input value, the zero value when it is absent.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}
