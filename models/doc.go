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
// Shared pieces have files of their own: entity.go (the write path of the
// governance entities), scoped.go (findInOrg, deleteInOrg:
// every read and write is scoped to one organisation), refs.go (checking and
// locking referenced rows), errors.go (Error, Errors, Problems: what a client
// may see), pagination.go (cursor lists), opt.go (Opt, one optional input
// field), provenance.go (who created a row), now.go (timestamps), audit.go
// (the audit trail, written in the same transaction as the change).
//
// # Governance entities
//
// Projects, risks and AI models are written through one generic path
// (entity.go): entity.create, update and delete run the transaction, find
// and lock the row in the organisation, validate, set UpdatedAt, save and
// record the audit event. An entity supplies only its fields, their
// validation and how the audit trail names it. Adding one, say a vendor, is
// one short file plus its schema (and a goose step for both databases):
//
//	type Vendor struct { ID, OrganizationID, Name, NameKey string; OwnerID *string; ... }
//
//	var vendors = entity[Vendor, *Vendor]{name: "Vendor",
//		created: AuditVendorCreated, updated: AuditVendorUpdated, deleted: AuditVendorDeleted}
//
//	func (v *Vendor) audited() auditTarget { return auditTarget{v.OrganizationID, "VENDOR", v.ID, v.Name} }
//	func (v *Vendor) touch(at time.Time) { v.UpdatedAt = at }
//
//	type VendorFields struct{ Name, OwnerID Opt[string] }
//
//	func (f VendorFields) missing() error { ... Invalid("name", "Name is required") ... }
//
//	// apply reports every invalid field (Problems), not only the first.
//	func (f VendorFields) apply(tx *gorm.DB, v *Vendor) error {
//		var problems Problems
//		setOpt(&problems, f.Name, &v.Name, func(s *string) (string, error) { return cleanText("name", "Name", deref(s), 1, 200) })
//		if f.OwnerID.Set {
//			if id, err := userRef(tx, v.OrganizationID, "ownerId", f.OwnerID.Value); problems.Add(err) {
//				v.OwnerID = id
//			}
//		}
//		return problems.Err()
//	}
//
//	func CreateVendor(ctx context.Context, db *gorm.DB, orgID string, f VendorFields, actor Actor) (*Vendor, error) {
//		at := nowUTC()
//		return vendors.create(ctx, db, &Vendor{ID: uuid.NewString(), OrganizationID: orgID,
//			Provenance: provenance(actor), CreatedAt: at, UpdatedAt: at}, f, actor)
//	}
//
// plus UpdateVendor and DeleteVendor as one-line calls of vendors.update and
// vendors.delete. References to other rows go through checkRef (refs.go),
// which also holds them against a concurrent delete. A fields type that has
// more to write once the row is saved implements saved (afterSave), as the
// AI model's project links do.
//
// # Rules every write follows
//
//   - Everything is scoped to the caller's organisation; another
//     organisation's row is NOT_FOUND, like a missing one.
//   - The change and its audit event commit together or not at all.
//   - References (owner, project) are checked inside the transaction and held
//     FOR SHARE on PostgreSQL, so a concurrent delete cannot commit under them.
//   - Deletes are idempotent: a row that is already gone is success.
//   - Validation reports every invalid field at once (Problems), each at its
//     path from the input ({"projectIds", 2}), and nothing is written.
//   - Errors a client may see are *Error (or Errors); anything else is
//     internal and masked by the GraphQL layer.
package models
