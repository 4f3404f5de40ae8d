package models

// Provenance records who created a row: a user, an API key or the command
// line, with the name it had then, so it stays readable after the user or
// key is deleted.
type Provenance struct {
	CreatedByKind PrincipalKind `gorm:"type:varchar(20);not null"`
	CreatedByID   string        `gorm:"type:varchar(36);not null"`
	CreatedByName string        `gorm:"type:varchar(254);not null"`
}

func provenance(a Actor) Provenance {
	return Provenance{CreatedByKind: a.Kind, CreatedByID: a.ID, CreatedByName: a.Name}
}

// CreatedBy is the creator as the API shows it.
func (p Provenance) CreatedBy() Actor {
	return Actor{Kind: p.CreatedByKind, ID: p.CreatedByID, Name: p.CreatedByName}
}
