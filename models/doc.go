// Package models holds Keyward's data and its rules: the GORM types, their
// validation, and every read and write the API and the sign-in flow make.
// Resolvers stay thin and call the exported functions here; nothing outside
// this package opens a transaction on these tables.
//
// # Layout
//
// Each entity is a group of files named after it, split the way pocketbase
// splits _model and _query:
//
//   - aimodel.go: the type, its enums and its writable fields with their
//     validation (AIModelFields.apply).
//   - aimodel_query.go: reads and lists.
//   - aimodel_write.go: create, update, upsert and delete.
//   - aimodel_links.go: the links to projects.
//
// Shared pieces have files of their own: scoped.go (findInOrg, deleteInOrg:
// every read and write is scoped to one organisation), refs.go (checking and
// locking referenced rows), errors.go (Error, Errors, Problems: what a client
// may see), pagination.go (cursor lists), opt.go (Opt, one optional input
// field), provenance.go (who created a row), now.go (timestamps), audit.go
// (the audit trail, written in the same transaction as the change).
//
// # Rules every write follows
//
//   - Everything is scoped to the caller's organisation; another
//     organisation's row is NOT_FOUND, like a missing one.
//   - The change and its audit event commit together or not at all.
//   - References (owner, project) are checked inside the transaction and held
//     FOR SHARE on PostgreSQL, so a concurrent delete cannot commit under them.
//   - Deletes are idempotent: a row that is already gone is success.
//   - Errors a client may see are *Error (or Errors); anything else is
//     internal and masked by the GraphQL layer.
package models
