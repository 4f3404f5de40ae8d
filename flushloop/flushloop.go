// Package flushloop runs a flush of in-memory batches on a timer and once
// more at shutdown. The last-used times (auth) and the usage counts (usage)
// share it, so both keep the same shutdown rule: wait for a flush in
// progress, then flush once more.
package flushloop

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// Loop serialises calls of one flush function and runs them periodically.
type Loop struct {
	what  string // what is flushed, for log lines and errors
	log   *slog.Logger
	flush func(context.Context) error
	// flushing lets one flush run at a time, so a final flush waits for one
	// in progress instead of racing it.
	flushing sync.Mutex
	mu       sync.Mutex
	// runDone is closed when Run returns; nil until Run starts.
	runDone chan struct{}
}

// New returns a loop around flush. what names the data ("last-used times")
// in the log line of a failed periodic flush and in Close's error.
func New(what string, log *slog.Logger, flush func(context.Context) error) *Loop {
	return &Loop{what: what, log: log, flush: flush}
}

// Flush runs the flush function, after any flush already in progress.
func (l *Loop) Flush(ctx context.Context) error {
	l.flushing.Lock()
	defer l.flushing.Unlock()
	return l.flush(ctx)
}

// Run flushes every interval until ctx ends. It must be started before
// Close is called. note: ending ctx stops the loop but never cuts off a
// flush in progress (that would put its batch back in memory just as the
// process exits); Close waits for it instead.
func (l *Loop) Run(ctx context.Context, every time.Duration) {
	done := make(chan struct{})
	l.mu.Lock()
	l.runDone = done
	l.mu.Unlock()
	defer close(done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			// note: select picks at random when ctx has ended and a tick is
			// also due; once shutdown has begun, Close makes the last flush.
			if ctx.Err() != nil {
				return
			}
			if err := l.Flush(context.WithoutCancel(ctx)); err != nil {
				l.log.Warn("flush "+l.what, "err", err)
			}
		}
	}
}

// Close is the shutdown flush: after Run's context has ended, it waits for
// the loop to finish the flush it may be in, then flushes what is still
// held, so nothing recorded before shutdown is lost. ctx bounds the wait.
func (l *Loop) Close(ctx context.Context) error {
	l.mu.Lock()
	done := l.runDone
	l.mu.Unlock()
	if done != nil {
		select {
		case <-done:
		case <-ctx.Done():
			return fmt.Errorf("a flush of %s was still running at shutdown: %w", l.what, ctx.Err())
		}
	}
	return l.Flush(ctx)
}
