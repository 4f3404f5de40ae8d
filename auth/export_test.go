package auth

import (
	"context"

	"gorm.io/gorm"

	"keyward/models"
)

// HoldWrites wraps the last-used writer, so a test can hold a flush open.
func HoldWrites(l *LastUsed, wrap func(next func(context.Context, *gorm.DB, map[string]models.LastUse) error) func(context.Context, *gorm.DB, map[string]models.LastUse) error) {
	l.write = wrap(l.write)
}
