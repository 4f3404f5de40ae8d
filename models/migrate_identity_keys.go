package models

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// IdentityKeyDuplicate is a set of rows whose names were distinct under the
// old lower-casing but are one name under IdentityKey, e.g. API keys named
// "Straße" and "STRASSE" in one organisation. Their keys are left as they
// were, so the unique index still holds; someone should rename one.
type IdentityKeyDuplicate struct {
	Table          string
	OrganizationID string
	Key            string
	IDs            []string
}

func (d IdentityKeyDuplicate) String() string {
	return fmt.Sprintf("%s in organisation %s: rows %s are the same name %q ignoring case; rename all but one",
		d.Table, d.OrganizationID, strings.Join(d.IDs, ", "), d.Key)
}

// identityKeyColumns lists every stored IdentityKey with the text it is made
// from. unique marks keys with a unique index per organisation.
var identityKeyColumns = []struct {
	table    string
	unique   bool
	src, key []string
}{
	{"projects", false, []string{"title"}, []string{"title_key"}},
	{"risks", false, []string{"name"}, []string{"name_key"}},
	{"api_keys", true, []string{"name"}, []string{"name_key"}},
	{"ai_models", true, []string{"provider", "model", "version"}, []string{"provider_key", "model_key", "version_key"}},
}

// RewriteIdentityKeys recomputes every stored key from its text with
// IdentityKey. Keys written by an older release (plain lower-casing) are
// rewritten; running it again changes nothing. Rows that would collide on a
// unique key are not touched and are returned, so the caller can report them
// instead of the migration failing or silently merging names. It runs right
// after the schema migration, on every start.
func RewriteIdentityKeys(ctx context.Context, db *gorm.DB) ([]IdentityKeyDuplicate, error) {
	var dups []IdentityKeyDuplicate
	for _, t := range identityKeyColumns {
		d, err := rewriteKeys(db.WithContext(ctx), t.table, t.unique, t.src, t.key)
		if err != nil {
			return dups, fmt.Errorf("rewrite %s identity keys: %w", t.table, err)
		}
		dups = append(dups, d...)
	}
	return dups, nil
}

type keyedRow struct {
	id, org  string
	old, new []string
}

func rewriteKeys(db *gorm.DB, table string, unique bool, src, key []string) ([]IdentityKeyDuplicate, error) {
	rows, err := db.Table(table).Select(append(append([]string{"id", "organization_id"}, src...), key...)).Order("id").Rows()
	if err != nil {
		return nil, err
	}
	var all []keyedRow
	for rows.Next() {
		vals := make([]string, 2+2*len(src))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			rows.Close()
			return nil, err
		}
		r := keyedRow{id: vals[0], org: vals[1], old: vals[2+len(src):]}
		for _, s := range vals[2 : 2+len(src)] {
			r.new = append(r.new, IdentityKey(s))
		}
		all = append(all, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	// Rows sharing a new unique key are duplicates: leave them alone.
	var dups []IdentityKeyDuplicate
	skip := map[string]bool{}
	if unique {
		groups := map[string][]string{}
		var order []string
		for _, r := range all {
			g := r.org + "\x00" + strings.Join(r.new, "\x00")
			if groups[g] == nil {
				order = append(order, g)
			}
			groups[g] = append(groups[g], r.id)
		}
		for _, g := range order {
			if ids := groups[g]; len(ids) > 1 {
				parts := strings.Split(g, "\x00")
				dups = append(dups, IdentityKeyDuplicate{Table: table, OrganizationID: parts[0], Key: strings.Join(parts[1:], " "), IDs: ids})
				for _, id := range ids {
					skip[id] = true
				}
			}
		}
	}
	for _, r := range all {
		if skip[r.id] || strings.Join(r.old, "\x00") == strings.Join(r.new, "\x00") {
			continue
		}
		set := map[string]any{}
		for i, k := range key {
			set[k] = r.new[i]
		}
		if err := db.Table(table).Where("id = ?", r.id).UpdateColumns(set).Error; err != nil {
			if unique && isUniqueViolation(err) {
				// Another row still holds this key under an old form that
				// itself changes: report rather than guess an order.
				dups = append(dups, IdentityKeyDuplicate{Table: table, OrganizationID: r.org, Key: strings.Join(r.new, " "), IDs: []string{r.id}})
				continue
			}
			return dups, err
		}
	}
	return dups, nil
}
