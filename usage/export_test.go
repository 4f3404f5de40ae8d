package usage

import (
	"context"

	"gorm.io/gorm"

	"keyward/models"
)

// Write is the counter's writer: it adds one batch under its id.
type Write = func(ctx context.Context, db *gorm.DB, batchID string, rows []models.APIKeyUsage) error

// WrapWrites wraps the counter's writer, so a test can hold a flush open or
// lose a commit's acknowledgement.
func WrapWrites(c *Counter, wrap func(next Write) Write) {
	c.write = wrap(c.write)
}
