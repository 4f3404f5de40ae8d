package graph

import (
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// The schema today is shallower than MaxDepth, so the limit is checked on
// parsed documents directly; it guards the schema as it grows.
func TestDepthLimit(t *testing.T) {
	nest := func(n int) string {
		return strings.Repeat("{ a ", n) + "{ b }" + strings.Repeat(" }", n)
	}
	cases := []struct {
		query string
		want  int
		ok    bool
	}{
		{nest(MaxDepth - 1), MaxDepth, true},
		{nest(MaxDepth), MaxDepth + 1, false},
		// Fragments count where they are spread.
		{"query { a { ...F } } fragment F on T { b { c { d } } }", 4, true},
		// Introspection is exempt: GraphiQL's query nests deeper than any limit we would set.
		{"{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }", 0, true},
	}
	for _, tc := range cases {
		doc, err := parser.ParseQuery(&ast.Source{Input: tc.query})
		if err != nil {
			t.Fatalf("parse %q: %v", tc.query, err)
		}
		// Resolve fragment spreads the way the validator would.
		for _, op := range doc.Operations {
			linkFragments(op.SelectionSet, doc.Fragments)
		}
		op := doc.Operations[0]
		if got := selectionDepth(op.SelectionSet, 0); got != tc.want {
			t.Errorf("depth of %q = %d, want %d", tc.query, got, tc.want)
		}
		gerr := depthLimit(MaxDepth)(t.Context(), &graphql.OperationContext{Operation: op})
		if (gerr == nil) != tc.ok {
			t.Errorf("%q: refused=%v, want refused=%v", tc.query, gerr != nil, !tc.ok)
		}
	}
}

func linkFragments(set ast.SelectionSet, frags ast.FragmentDefinitionList) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			linkFragments(s.SelectionSet, frags)
		case *ast.FragmentSpread:
			s.Definition = frags.ForName(s.Name)
			linkFragments(s.Definition.SelectionSet, frags)
		}
	}
}
