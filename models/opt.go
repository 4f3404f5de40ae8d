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

// setOpt validates an input field that was set and, when it is valid, stores
// the checked value in dst; a problem goes to problems, so the other fields
// are still checked.
func setOpt[T, V any](problems *Problems, o Opt[T], dst *V, check func(*T) (V, error)) {
	if !o.Set {
		return
	}
	if v, err := check(o.Value); problems.Add(err) {
		*dst = v
	}
}
