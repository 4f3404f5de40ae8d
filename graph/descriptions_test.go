package graph

import (
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
)

// The schema is the integrators' only manual (the playground shows these
// texts), so every element we define carries a description: a new field
// without one fails here, naming it. Introspection and built-in types come
// from GraphQL itself and are skipped.
func TestEveryElementOfTheSchemaIsDescribed(t *testing.T) {
	schema := NewExecutableSchema(Config{}).Schema()
	var missing []string
	need := func(desc, where string) {
		if strings.TrimSpace(desc) == "" {
			missing = append(missing, where)
		}
	}
	for name, def := range schema.Types {
		if def.BuiltIn || strings.HasPrefix(name, "__") {
			continue
		}
		need(def.Description, name)
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue // __typename, __schema, __type
			}
			need(f.Description, name+"."+f.Name)
			for _, a := range f.Arguments {
				need(a.Description, name+"."+f.Name+"("+a.Name+")")
			}
		}
		for _, v := range def.EnumValues {
			need(v.Description, name+"."+v.Name)
		}
	}
	for name, d := range schema.Directives {
		if builtInDirective(d) {
			continue
		}
		need(d.Description, "@"+name)
		for _, a := range d.Arguments {
			need(a.Description, "@"+name+"("+a.Name+")")
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("%s has no description", m)
	}
	if len(missing) > 0 {
		t.Logf("%d elements lack a description", len(missing))
	}
}

// builtInDirective tells GraphQL's own directives (@skip, @include,
// @deprecated, @specifiedBy, ...) from ours: gqlparser declares them in its
// prelude.
func builtInDirective(d *ast.DirectiveDefinition) bool {
	return d.Position != nil && d.Position.Src != nil && d.Position.Src.BuiltIn
}
