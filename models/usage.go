package models

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Usage retention and query bounds, in UTC days.
const (
	UsageRetentionDays = 90
	MaxUsageDays       = 90
	DefaultUsageDays   = 30
)

// UsageCounts are one key's request counts for one period.
//
// Requests counts every request that presented the key, refused and
// rate-limited ones included. Reads and Writes count queries and mutations
// that reached GraphQL. Errors, RateLimited and Refused do not overlap: a
// request is at most one of them, so requests minus the three is the number
// of requests that succeeded.
type UsageCounts struct {
	Requests    int `gorm:"not null;default:0"`
	Reads       int `gorm:"not null;default:0"`
	Writes      int `gorm:"not null;default:0"`
	Errors      int `gorm:"not null;default:0"`
	RateLimited int `gorm:"not null;default:0"`
	Refused     int `gorm:"not null;default:0"`
}

// Add sums o into c.
func (c *UsageCounts) Add(o UsageCounts) {
	c.Requests += o.Requests
	c.Reads += o.Reads
	c.Writes += o.Writes
	c.Errors += o.Errors
	c.RateLimited += o.RateLimited
	c.Refused += o.Refused
}

// APIKeyUsage is one key's counts for one UTC day. Every replica adds its
// own counts to the row (see AddUsage), so the row is the sum over replicas.
type APIKeyUsage struct {
	APIKeyID string  `gorm:"type:varchar(36);primaryKey"`
	APIKey   *APIKey `gorm:"constraint:OnDelete:CASCADE"`
	// Day is the UTC day as YYYY-MM-DD; the index serves pruning by day.
	Day Date `gorm:"type:varchar(10);primaryKey;index:idx_api_key_usage_day"`
	UsageCounts
}

func (APIKeyUsage) TableName() string { return "api_key_usage" }

// UsageFlushRetention is how long a flushed batch's id is kept: far longer
// than a replica keeps retrying a batch (one flush interval at a time).
const UsageFlushRetention = 24 * time.Hour

// UsageFlush records that one flush batch (see AddUsage) has been added, so
// the same batch sent again is not added twice.
type UsageFlush struct {
	// ID is the batch's random id, chosen by the replica that counted it.
	ID string `gorm:"type:varchar(36);primaryKey"`
	// FlushedAt serves pruning after UsageFlushRetention.
	FlushedAt time.Time `gorm:"not null;index"`
}

func (UsageFlush) TableName() string { return "api_key_usage_flushes" }

// UsageDay is one key's counts on one UTC day.
type UsageDay struct {
	Date Date
	UsageCounts
}

// DayOf is the UTC day of t.
func DayOf(t time.Time) Date { return Date(t.UTC().Format(dateLayout)) }

// usageBatch bounds the rows of one INSERT: 8 parameters each stays far
// below both databases' parameter limits.
const usageBatch = 500

// AddUsage adds one batch of counts to the stored daily rows with an
// additive upsert. batchID is the batch's random id: it is recorded in the
// same transaction, and a batch whose id is already recorded adds nothing.
// So the caller retries a failed batch under the same id, and neither a
// failure (nothing was added) nor a commit whose acknowledgement was lost
// (all was added) makes it count twice. Rows for keys that no longer exist
// are skipped: a key deleted since its requests were counted takes its usage
// with it.
func AddUsage(ctx context.Context, db *gorm.DB, batchID string, rows []APIKeyUsage) error {
	if len(rows) == 0 {
		return nil
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// note: on PostgreSQL, a retry racing the first attempt's commit
		// waits here for it, then finds the id or records it.
		recorded := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&UsageFlush{ID: batchID, FlushedAt: nowUTC()})
		if recorded.Error != nil || recorded.RowsAffected == 0 {
			return recorded.Error // 0 rows: this batch was added already
		}
		for start := 0; start < len(rows); start += usageBatch {
			chunk := rows[start:min(start+usageBatch, len(rows))]
			var sql strings.Builder
			args := make([]any, 0, len(chunk)*8)
			// note: the VALUES list's columns are named column1… on both
			// databases; the casts give PostgreSQL the parameters' types.
			sql.WriteString(`INSERT INTO api_key_usage (api_key_id, day, requests, reads, writes, errors, rate_limited, refused)
SELECT column1, column2, column3, column4, column5, column6, column7, column8 FROM (VALUES `)
			for i, r := range chunk {
				if i > 0 {
					sql.WriteString(", ")
				}
				sql.WriteString("(CAST(? AS VARCHAR(36)), CAST(? AS VARCHAR(10)), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT))")
				args = append(args, r.APIKeyID, string(r.Day), r.Requests, r.Reads, r.Writes, r.Errors, r.RateLimited, r.Refused)
			}
			// note: the WHERE also resolves SQLite's parsing ambiguity between
			// a SELECT's join and the upsert's ON CONFLICT.
			sql.WriteString(`) AS v WHERE EXISTS (SELECT 1 FROM api_keys k WHERE k.id = v.column1)
ON CONFLICT (api_key_id, day) DO UPDATE SET
  requests = api_key_usage.requests + excluded.requests,
  reads = api_key_usage.reads + excluded.reads,
  writes = api_key_usage.writes + excluded.writes,
  errors = api_key_usage.errors + excluded.errors,
  rate_limited = api_key_usage.rate_limited + excluded.rate_limited,
  refused = api_key_usage.refused + excluded.refused`)
			if err := tx.Exec(sql.String(), args...).Error; err != nil {
				return err
			}
		}
		return nil
	})
}

// PruneUsage deletes daily rows older than the retention period, and the
// ids of batches flushed more than UsageFlushRetention ago.
func PruneUsage(ctx context.Context, db *gorm.DB, now time.Time) error {
	oldest := DayOf(now.AddDate(0, 0, -(UsageRetentionDays - 1)))
	if err := db.WithContext(ctx).Where("day < ?", oldest).Delete(&APIKeyUsage{}).Error; err != nil {
		return err
	}
	return db.WithContext(ctx).Where("flushed_at < ?", now.UTC().Add(-UsageFlushRetention)).Delete(&UsageFlush{}).Error
}

// CheckUsageDays validates the usage field's days argument.
func CheckUsageDays(days int) error {
	if days < 1 || days > MaxUsageDays {
		return Invalid("days", "days must be between 1 and %d", MaxUsageDays)
	}
	return nil
}

// UsageOfKeys loads the stored daily counts of the organisation's keys
// ids from the last `days` UTC days (today included), in one query. Each
// key's list holds one entry per day, oldest first, zeros for quiet days.
func UsageOfKeys(ctx context.Context, db *gorm.DB, orgID string, ids []string, days int, now time.Time) (map[string][]UsageDay, error) {
	first := now.UTC().AddDate(0, 0, -(days - 1))
	var rows []APIKeyUsage
	err := db.WithContext(ctx).Model(&APIKeyUsage{}).
		Joins("JOIN api_keys k ON k.id = api_key_usage.api_key_id AND k.organization_id = ?", orgID).
		Where("api_key_usage.api_key_id IN ? AND api_key_usage.day >= ?", ids, DayOf(first)).
		Find(&rows).Error
	if err != nil {
		return nil, err
	}
	stored := make(map[string]map[Date]UsageCounts, len(ids))
	for _, r := range rows {
		if stored[r.APIKeyID] == nil {
			stored[r.APIKeyID] = map[Date]UsageCounts{}
		}
		stored[r.APIKeyID][r.Day] = r.UsageCounts
	}
	out := make(map[string][]UsageDay, len(ids))
	for _, id := range ids {
		series := make([]UsageDay, days)
		for i := range series {
			d := DayOf(first.AddDate(0, 0, i))
			series[i] = UsageDay{Date: d, UsageCounts: stored[id][d]}
		}
		out[id] = series
	}
	return out, nil
}
