package graph

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"keyward/models"
)

// resolversWithoutCaller are the root resolvers that run with nobody signed
// in (the public fields: signing in, set-up, the leaked-key report, ...).
var resolversWithoutCaller = map[string]bool{
	"Me": true, "Whoami": true, "SetupRequired": true, "Setup": true, "Login": true, "Logout": true,
	"Signup": true, "RateLimit": true, "RevokeLeakedAPIKey": true,
}

// @hasRole lets no request without a principal reach a guarded resolver; if
// one ever did (a field that lost its directive), the resolver must answer
// UNAUTHENTICATED, never dereference a nil principal. Every root resolver
// is called here with no principal, no database and zero arguments: one that
// went past the caller check would panic.
func TestResolversRefuseAMissingCaller(t *testing.T) {
	r := &Resolver{}
	called := 0
	for _, root := range []struct {
		impl any
		api  reflect.Type
	}{
		{r.Query(), reflect.TypeFor[QueryResolver]()},
		{r.Mutation(), reflect.TypeFor[MutationResolver]()},
	} {
		v := reflect.ValueOf(root.impl)
		for i := 0; i < root.api.NumMethod(); i++ {
			name := root.api.Method(i).Name
			if resolversWithoutCaller[name] {
				continue
			}
			m := v.MethodByName(name)
			args := []reflect.Value{reflect.ValueOf(context.Background())}
			for a := 1; a < m.Type().NumIn(); a++ {
				args = append(args, reflect.Zero(m.Type().In(a)))
			}
			err := func() (err error) {
				defer func() {
					if p := recover(); p != nil {
						err = fmt.Errorf("panicked: %v", p)
					}
				}()
				out := m.Call(args)
				err, _ = out[len(out)-1].Interface().(error)
				return err
			}()
			// note: nil is fine for a resolver that reads no caller (apiKeyLimit).
			if err != nil && !models.HasCode(err, models.CodeUnauthenticated) {
				t.Errorf("%s without a caller: want UNAUTHENTICATED, got %v", name, err)
			}
			called++
		}
	}
	if called < 30 {
		t.Fatalf("only %d resolvers called", called)
	}
}
