package usage

import (
	"context"

	"gorm.io/gorm"

	"keyward/models"
)

// HoldWrites wraps the counter's writer, so a test can hold a flush open.
func HoldWrites(c *Counter, wrap func(next func(context.Context, *gorm.DB, []models.APIKeyUsage) error) func(context.Context, *gorm.DB, []models.APIKeyUsage) error) {
	c.write = wrap(c.write)
}
