// Package usage counts each API key's requests per UTC day. Counting happens
// in memory on the request path (no database or Redis round trip); every
// replica adds its counts to the database once a flush interval and at
// shutdown, with an additive upsert, so replicas sum exactly.
package usage

import (
	"context"
	"fmt"
	"hash/maphash"
	"log/slog"
	"sync"
	"time"

	"gorm.io/gorm"

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

// Counter holds the counts not yet flushed.
type Counter struct {
	db     *gorm.DB
	log    *slog.Logger
	seed   maphash.Seed
	shards [shardCount]shard

	flushMu    sync.Mutex // one flush at a time
	lastPruned time.Time
	// runDone is closed when Run returns; nil until Run starts.
	runMu   sync.Mutex
	runDone chan struct{}
}

func NewCounter(db *gorm.DB, log *slog.Logger) *Counter {
	c := &Counter{db: db, log: log, seed: maphash.MakeSeed()}
	for i := range c.shards {
		c.shards[i].m = map[slot]*models.UsageCounts{}
	}
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

// Flush adds the held counts to the database in one transaction. On
// failure they are held again, to be added by the next flush; nothing is
// lost and nothing counted twice. It also prunes rows past retention, at
// most once an hour.
func (c *Counter) Flush(ctx context.Context) error {
	c.flushMu.Lock()
	defer c.flushMu.Unlock()
	rows := c.take()
	if err := models.AddUsage(ctx, c.db, rows); err != nil {
		for _, r := range rows {
			c.addRow(r)
		}
		return err
	}
	if now := time.Now(); now.Sub(c.lastPruned) >= pruneEvery {
		if err := models.PruneUsage(ctx, c.db, now); err != nil {
			return err
		}
		c.lastPruned = now
	}
	return nil
}

func (c *Counter) addRow(r models.APIKeyUsage) {
	day, _ := time.Parse("2006-01-02", string(r.Day))
	c.Add(r.APIKeyID, day, r.UsageCounts)
}

// Run flushes every interval until ctx ends. note: ending ctx stops the
// loop but never cuts off a flush in progress; Close waits for it.
func (c *Counter) Run(ctx context.Context, every time.Duration) {
	done := make(chan struct{})
	c.runMu.Lock()
	c.runDone = done
	c.runMu.Unlock()
	defer close(done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := c.Flush(context.WithoutCancel(ctx)); err != nil {
				c.log.Warn("flush API key usage counts", "err", err)
			}
		}
	}
}

// Close is the shutdown flush: after Run's context has ended, it waits for
// the loop to finish the flush it may be in, then adds what is still held,
// so no request counted before shutdown is lost. ctx bounds the wait.
func (c *Counter) Close(ctx context.Context) error {
	c.runMu.Lock()
	done := c.runDone
	c.runMu.Unlock()
	if done != nil {
		select {
		case <-done:
		case <-ctx.Done():
			return fmt.Errorf("a usage flush was still running at shutdown: %w", ctx.Err())
		}
	}
	return c.Flush(ctx)
}
