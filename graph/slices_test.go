package graph

import (
	"os"
	"strings"
	"testing"
)

// The generated code marshals lists through marshalSlice: `make generate`
// rewrites gqlgen's calls, and a gqlgen upgrade that renames the function
// would otherwise bring back a goroutine per list element unnoticed.
func TestGeneratedListsUseMarshalSlice(t *testing.T) {
	src, err := os.ReadFile("generated.go")
	if err != nil {
		t.Fatal(err)
	}
	code := string(src)
	if n := strings.Count(code, "graphql.MarshalSliceConcurrently("); n > 0 {
		t.Errorf("generated.go calls graphql.MarshalSliceConcurrently %d times: regenerate with `make generate`", n)
	}
	if !strings.Contains(code, "marshalSlice(ctx, len(v),") {
		t.Error("generated.go never calls marshalSlice: has gqlgen's list marshalling changed? See the Makefile's GQLGEN")
	}
}
