package models

import "io"

// Role is a user's level of access within an organisation.
type Role string

const (
	RoleAdmin  Role = "ADMIN"
	RoleEditor Role = "EDITOR"
	RoleViewer Role = "VIEWER"
)

// rank orders roles so that a guard can ask "at least Editor".
func (r Role) rank() int {
	switch r {
	case RoleAdmin:
		return 3
	case RoleEditor:
		return 2
	case RoleViewer:
		return 1
	}
	return 0
}

// Valid reports whether r is one of the three roles.
func (r Role) Valid() bool { return r.rank() > 0 }

// Includes reports whether a holder of r may do what need requires.
func (r Role) Includes(need Role) bool { return r.Valid() && r.rank() >= need.rank() }

// Label is the product's word for the role.
func (r Role) Label() string {
	switch r {
	case RoleAdmin:
		return "Admin"
	case RoleEditor:
		return "Editor"
	case RoleViewer:
		return "Viewer"
	}
	return string(r)
}

func (r *Role) UnmarshalGQL(v any) (err error) {
	*r, err = parseEnum("role", "role", v, []Role{RoleAdmin, RoleEditor, RoleViewer})
	return err
}

func (r Role) MarshalGQL(w io.Writer) { writeEnum(w, string(r)) }
