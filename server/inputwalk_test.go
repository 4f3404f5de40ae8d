package main

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"keyward/graph"
)

// badLeaf is one String or ID position in a field's arguments, reached by
// path, e.g. createRisk → input → projectId.
type badLeaf struct {
	path   []string // argument name, then input field names ("[]" for a list element)
	scalar string
}

// Every text and id a client can send is checked before anything reads it.
// The test walks the schema itself: each String and ID position of every
// Query and Mutation argument, input objects and lists included, gets a null
// byte (and an id position a malformed id), on both databases, and must
// answer BAD_USER_INPUT naming the field, never INTERNAL. An argument added
// later is walked too; a scalar the walker does not know fails the test, so
// a new kind of input cannot slip in unchecked.
func TestEveryTextAndIDArgumentIsChecked(t *testing.T) {
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		var scenarios []scenario
		for _, root := range []*ast.Definition{schema.Query, schema.Mutation} {
			for _, f := range root.Fields {
				if strings.HasPrefix(f.Name, "__") {
					continue
				}
				for _, arg := range f.Arguments {
					for _, leaf := range leavesOf(t, schema, arg.Type, []string{arg.Name}, map[string]bool{}) {
						bad := []string{"a\u0000b"}
						if leaf.scalar == "ID" {
							bad = append(bad, "not-an-id", "12345", "00000000-0000-0000-0000-00000000000g")
						}
						for _, value := range bad {
							query, v := walkRequest(t, schema, root, f, &leaf, value)
							scenarios = append(scenarios, scenario{name: fmt.Sprintf("%s.%s = %q", f.Name, strings.Join(leaf.path, "."), value),
								as: admin, query: query, vars: v, code: "BAD_USER_INPUT", field: lastFieldOf(leaf.path)})
						}
					}
				}
			}
		}
		if len(scenarios) < 60 {
			t.Fatalf("only %d bad values: the walk missed the schema's arguments", len(scenarios))
		}
		runScenarios(t, scenarios)
		if strings.Contains(s.log.String(), "internal error") {
			t.Fatalf("a client's bad input was logged as an internal error:\n%s", s.log.String())
		}
	})
}

// leavesOf lists the String and ID positions inside a type.
func leavesOf(t *testing.T, schema *ast.Schema, typ *ast.Type, path []string, seen map[string]bool) []badLeaf {
	if typ.Elem != nil {
		return leavesOf(t, schema, typ.Elem, append(path, "[]"), seen)
	}
	def := schema.Types[typ.NamedType]
	switch def.Kind {
	case ast.Scalar:
		switch def.Name {
		case "String", "ID":
			return []badLeaf{{path: append([]string(nil), path...), scalar: def.Name}}
		case "Int", "Boolean", "Date", "Time":
			return nil
		}
		t.Fatalf("argument %s has scalar %s that this test does not know: make sure it refuses null bytes, then add it here", strings.Join(path, "."), def.Name)
	case ast.Enum:
		return nil
	case ast.InputObject:
		if seen[def.Name] {
			return nil
		}
		seen[def.Name] = true
		defer delete(seen, def.Name)
		var out []badLeaf
		for _, f := range def.Fields {
			out = append(out, leavesOf(t, schema, f.Type, append(append([]string(nil), path...), f.Name), seen)...)
		}
		return out
	}
	t.Fatalf("argument %s: unexpected kind %s", strings.Join(path, "."), def.Kind)
	return nil
}

func lastFieldOf(path []string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] != "[]" {
			return path[i]
		}
	}
	return ""
}

// walkRequest builds a request for field f with valid values for every
// required argument and the bad value at leaf; with no leaf, a valid request.
func walkRequest(t *testing.T, schema *ast.Schema, root *ast.Definition, f *ast.FieldDefinition, leaf *badLeaf, bad string) (string, vars) {
	op := "query"
	if root == schema.Mutation {
		op = "mutation"
	}
	var decls, args []string
	v := vars{}
	for _, a := range f.Arguments {
		onPath := leaf != nil && a.Name == leaf.path[0]
		if !a.Type.NonNull && !onPath {
			continue
		}
		decls = append(decls, fmt.Sprintf("$%s: %s", a.Name, a.Type.String()))
		args = append(args, fmt.Sprintf("%s: $%s", a.Name, a.Name))
		if onPath {
			v[a.Name] = valueWith(t, schema, a.Type, leaf.path[1:], bad)
		} else {
			v[a.Name] = validValue(t, schema, a.Type)
		}
	}
	sel := ""
	if def := schema.Types[f.Type.Name()]; def.Kind == ast.Object || def.Kind == ast.Interface {
		sel = " { __typename }"
	}
	if len(decls) == 0 {
		return fmt.Sprintf("%s { %s%s }", op, f.Name, sel), v
	}
	return fmt.Sprintf("%s(%s) { %s(%s)%s }", op, strings.Join(decls, ", "), f.Name, strings.Join(args, ", "), sel), v
}

// valueWith is a valid value of typ whose position rest holds bad.
func valueWith(t *testing.T, schema *ast.Schema, typ *ast.Type, rest []string, bad string) any {
	if len(rest) == 0 {
		return bad
	}
	if rest[0] == "[]" {
		return []any{valueWith(t, schema, typ.Elem, rest[1:], bad)}
	}
	def := schema.Types[typ.Name()]
	obj := validValue(t, schema, typ).(map[string]any)
	obj[rest[0]] = valueWith(t, schema, def.Fields.ForName(rest[0]).Type, rest[1:], bad)
	return obj
}

// validValue is an acceptable value of typ: required input fields only.
func validValue(t *testing.T, schema *ast.Schema, typ *ast.Type) any {
	if typ.Elem != nil {
		return []any{validValue(t, schema, typ.Elem)}
	}
	def := schema.Types[typ.NamedType]
	switch def.Kind {
	case ast.Enum:
		vals := make([]string, len(def.EnumValues))
		for i, e := range def.EnumValues {
			vals[i] = e.Name
		}
		sort.Strings(vals)
		return vals[0]
	case ast.InputObject:
		obj := map[string]any{}
		for _, f := range def.Fields {
			if f.Type.NonNull {
				obj[f.Name] = validValue(t, schema, f.Type)
			}
		}
		return obj
	}
	switch def.Name {
	case "String":
		return "valid text"
	case "ID":
		return "3f2b8c1e-9d4a-4b7e-8c2f-1a2b3c4d5e6f"
	case "Int":
		return 1
	case "Boolean":
		return true
	case "Date":
		return "2025-03-31"
	case "Time":
		return "2025-03-31T00:00:00Z"
	}
	t.Fatalf("no valid value for %s", def.Name)
	return nil
}
