// Package usage counts each API key's requests per UTC day. Counting happens
// in memory on the request path (no database or Redis round trip); every
// replica adds its counts to the database once a flush interval and at
// shutdown, with an additive upsert, so replicas sum exactly, and under a
// batch id, so a retried flush never adds its counts twice.
package usage

import (
	"context"
	"hash/maphash"
	"log/slog"
	"sync"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"keyward/flushloop"
	"keyward/models"
)

// shardCount spreads concurrent requests of different keys over separate
// locks; requests of one key share a shard.
const shardCount = 32

// pruneEvery bounds how often a replica deletes rows past retention.
const pruneEvery = time.Hour

type slot struct {
	keyID string
	day   int64 // days since 1970-01-01, UTC
}

type shard struct {
	mu sync.Mutex
	m  map[slot]*models.UsageCounts
	_  [40]byte // note: keeps neighbouring shards' locks off one cache line
}

// Counter holds the counts not yet flushed. Its Flush, Run and Close come
// from flushloop.Loop.
type Counter struct {
	*flushloop.Loop
	db     *gorm.DB
	seed   maphash.Seed
	shards [shardCount]shard

	// lastPruned and unsent are guarded by the loop's one flush at a time.
	lastPruned time.Time
	unsent     batch // a batch whose write failed, to be sent again as it is
	// write adds a batch; tests wrap it to hold a flush open or lose its
	// acknowledgement.
	write func(ctx context.Context, db *gorm.DB, batchID string, rows []models.APIKeyUsage) error
}

func NewCounter(db *gorm.DB, log *slog.Logger) *Counter {
	c := &Counter{db: db, seed: maphash.MakeSeed(), write: models.AddUsage}
	for i := range c.shards {
		c.shards[i].m = map[slot]*models.UsageCounts{}
	}
	c.Loop = flushloop.New("API key usage counts", log, c.flush)
	return c
}

// Add counts d for the key on at's UTC day.
func (c *Counter) Add(keyID string, at time.Time, d models.UsageCounts) {
	s := &c.shards[maphash.String(c.seed, keyID)%shardCount]
	k := slot{keyID: keyID, day: at.Unix() / 86400}
	s.mu.Lock()
	n := s.m[k]
	if n == nil {
		n = &models.UsageCounts{}
		s.m[k] = n
	}
	n.Add(d)
	s.mu.Unlock()
}

// take removes and returns every count held.
func (c *Counter) take() []models.APIKeyUsage {
	var rows []models.APIKeyUsage
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		m := s.m
		if len(m) > 0 {
			s.m = map[slot]*models.UsageCounts{}
		}
		s.mu.Unlock()
		for k, n := range m {
			rows = append(rows, models.APIKeyUsage{
				APIKeyID: k.keyID, Day: models.DayOf(time.Unix(k.day*86400, 0)), UsageCounts: *n,
			})
		}
	}
	return rows
}

// batch is one flush's counts under the random id that makes adding them
// idempotent (see models.AddUsage).
type batch struct {
	id   string
	rows []models.APIKeyUsage
}

// flush adds the held counts to the database as one batch, in one
// transaction. A batch whose write failed is kept as it is and sent again,
// under the same id, before anything newer: if its commit happened but the
// acknowledgement was lost, the database finds the id and adds nothing, so
// nothing is lost and nothing counted twice. It also prunes rows past
// retention, at most once an hour.
func (c *Counter) flush(ctx context.Context) error {
	if c.unsent.id != "" {
		if err := c.write(ctx, c.db, c.unsent.id, c.unsent.rows); err != nil {
			return err
		}
		c.unsent = batch{}
	}
	if rows := c.take(); len(rows) > 0 {
		b := batch{id: uuid.NewString(), rows: rows}
		if err := c.write(ctx, c.db, b.id, b.rows); err != nil {
			c.unsent = b
			return err
		}
	}
	if now := time.Now(); now.Sub(c.lastPruned) >= pruneEvery {
		if err := models.PruneUsage(ctx, c.db, now); err != nil {
			return err
		}
		c.lastPruned = now
	}
	return nil
}
