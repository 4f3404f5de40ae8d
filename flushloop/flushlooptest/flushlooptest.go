// Package flushlooptest drives a flushloop.Loop through shutdown while a
// flush is held open inside its write, for the tests of every user of the
// loop.
package flushlooptest

import (
	"context"
	"sync"
	"testing"
	"time"

	"keyward/flushloop"
)

// Hold stops the first write that calls Wait until the test releases it.
type Hold struct {
	once    sync.Once
	in      chan struct{}
	release chan struct{}
}

func NewHold() *Hold {
	return &Hold{in: make(chan struct{}), release: make(chan struct{})}
}

// Wait is called by the wrapped write before it writes: the first call
// blocks until released, every later one passes.
func (h *Hold) Wait() {
	h.once.Do(func() {
		close(h.in)
		<-h.release
	})
}

// ShutdownDuringFlush runs l's loop until its first flush is held in its
// write, calls during (work that arrives while that flush runs), then shuts
// down: it ends Run's context and calls Close. Close must still wait while
// the flush is held; the flush is then released and Close's error returned.
func (h *Hold) ShutdownDuringFlush(t *testing.T, l *flushloop.Loop, during func()) error {
	t.Helper()
	ctx := context.Background()
	runCtx, stop := context.WithCancel(ctx)
	go l.Run(runCtx, time.Millisecond)
	<-h.in
	during()
	stop()
	closed := make(chan error, 1)
	go func() { closed <- l.Close(ctx) }()
	select {
	case err := <-closed:
		t.Fatalf("Close returned (%v) while a flush was still in progress", err)
	case <-time.After(20 * time.Millisecond):
	}
	close(h.release)
	return <-closed
}
