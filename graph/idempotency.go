package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"gorm.io/gorm"

	"keyward/auth"
	"keyward/models"
)

// idempotencyField is the input field that carries a mutation's key. Not
// clientMutationId: Relay's field is only echoed back, and promises nothing
// about running twice.
const idempotencyField = "idempotencyKey"

// idempotent runs a create or rotation at most once per caller and
// idempotencyKey (see models.Idempotent). create makes the object in tx and
// returns it; load reads it back by id when a retry is answered from the
// first call. secretFields name input fields left out of the fingerprint
// because they are secrets (createUser's password): they are never stored,
// in any form.
//
// A replay adds the IDEMPOTENT_REPLAY warning. create is not called then, so
// whatever only it could give (a secret) stays unset.
func idempotent[T any](ctx context.Context, db *gorm.DB, p *auth.Principal, key *string,
	create func(tx *gorm.DB) (T, string, error), load func(id string) (T, error), secretFields ...string,
) (obj T, err error) {
	in, err := idempotency(ctx, p, key, secretFields)
	if err != nil {
		return obj, err
	}
	id, replayed, err := models.Idempotent(ctx, db, in, func(tx *gorm.DB) (string, error) {
		var id string
		obj, id, err = create(tx)
		return id, err
	})
	if err != nil || !replayed {
		return obj, err
	}
	if obj, err = load(id); models.HasCode(err, models.CodeNotFound) {
		return obj, &models.Error{Code: models.CodeNotFound, Path: []any{idempotencyField}, Message: fmt.Sprintf(
			"The %s call made with this idempotency key created an object that has since been deleted.", in.Operation)}
	}
	if err == nil {
		addWarning(ctx, WarningIdempotentReplay, fmt.Sprintf(
			"Answered from an earlier %s call with the same idempotency key and input; nothing was changed.", in.Operation))
	}
	return obj, err
}

// idempotentSecret is idempotent for a call that mints a key's secret
// (createApiKey, rotateApiKey): mint returns the key and its new secret. The
// secret is nil when the call is answered from an earlier one, so it stays
// shown once.
func idempotentSecret(ctx context.Context, db *gorm.DB, p *auth.Principal, key *string,
	mint func(tx *gorm.DB) (*models.APIKey, string, error),
) (*models.APIKey, *string, error) {
	var secret *string // only the call that minted it has it
	k, err := idempotent(ctx, db, p, key,
		func(tx *gorm.DB) (*models.APIKey, string, error) {
			k, s, err := mint(tx)
			secret = &s
			if err != nil {
				return nil, "", err
			}
			return k, k.ID, nil
		},
		func(id string) (*models.APIKey, error) { return models.GetAPIKey(ctx, db, p.OrganizationID, id) })
	return k, secret, err
}

// idempotency identifies the current mutation call, or is nil when it has
// no key. The fingerprint hashes the input argument as sent (defaults and
// explicit nulls included, the key itself left out), as canonical JSON.
func idempotency(ctx context.Context, p *auth.Principal, key *string, secretFields []string) (*models.Idempotency, error) {
	if key == nil {
		return nil, nil
	}
	fc := graphql.GetFieldContext(ctx)
	args := fc.Field.ArgumentMap(graphql.GetOperationContext(ctx).Variables)
	input, _ := args["input"].(map[string]any)
	fingerprint := make(map[string]any, len(input))
	for k, v := range input {
		fingerprint[k] = v
	}
	delete(fingerprint, idempotencyField)
	for _, f := range secretFields {
		delete(fingerprint, f)
	}
	raw, err := json.Marshal(fingerprint) // note: Go writes map keys sorted
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(raw)
	var caller string
	if p.Kind == auth.KindAPIKey {
		caller = p.APIKey.ID
	} else {
		caller = p.User.ID
	}
	return &models.Idempotency{CallerID: caller, Key: *key, Operation: fc.Field.Name, InputHash: hex.EncodeToString(sum[:])}, nil
}
