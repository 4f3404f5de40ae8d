package auth

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// HoldWrites wraps the last-used writer, so a test can hold a flush open.
func HoldWrites(l *LastUsed, wrap func(next func(context.Context, *gorm.DB, map[string]time.Time) error) func(context.Context, *gorm.DB, map[string]time.Time) error) {
	l.write = wrap(l.write)
}
