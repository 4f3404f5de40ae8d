// Package logbuf buffers the server's log output, so that logging a request
// does not hold every other request behind a write system call.
//
// note: slog's handlers lock around each record's Write. Unbuffered, every
// request spent its log line's write(2) inside that lock, and the others
// queued behind it: the mutex profile showed 4.5 s of waiting per 10 s at
// 7,000 requests a second, 0.5 s once buffered (docs/performance.md).
// Buffered, the lock covers a copy, and the system call happens once per
// interval or per full buffer.
package logbuf

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"sync"
	"time"
)

// Writer collects log lines and writes them out every interval, whenever
// the buffer fills, on Flush and on Close. A crash loses at most the last
// interval's Info lines: Handler writes Warn and Error records out at once.
type Writer struct {
	mu    sync.Mutex
	w     *bufio.Writer
	every time.Duration
	stop  chan struct{}
	done  chan struct{}
}

// New starts a Writer on out with a buffer of size bytes, written out at
// least every interval.
func New(out io.Writer, size int, every time.Duration) *Writer {
	b := &Writer{w: bufio.NewWriterSize(out, size), every: every, stop: make(chan struct{}), done: make(chan struct{})}
	go b.loop()
	return b
}

func (b *Writer) loop() {
	defer close(b.done)
	t := time.NewTicker(b.every)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			b.Flush()
		case <-b.stop:
			return
		}
	}
}

// Write buffers p. Records reach Write whole, so lines never interleave.
func (b *Writer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.w.Write(p)
}

// Flush writes out what is buffered.
func (b *Writer) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.w.Flush()
}

// Close stops the interval flushes and writes out the rest. Writes after
// Close are still buffered, so call Flush after any late line.
func (b *Writer) Close() error {
	close(b.stop)
	<-b.done
	return b.Flush()
}

// Handler wraps h so that records at Warn and above are written out at
// once: the lines an operator needs after a crash are never left behind.
func Handler(h slog.Handler, w *Writer) slog.Handler { return handler{h, w} }

type handler struct {
	slog.Handler
	w *Writer
}

func (h handler) Handle(ctx context.Context, r slog.Record) error {
	err := h.Handler.Handle(ctx, r)
	if r.Level >= slog.LevelWarn {
		if ferr := h.w.Flush(); err == nil {
			err = ferr
		}
	}
	return err
}

func (h handler) WithAttrs(as []slog.Attr) slog.Handler { return handler{h.Handler.WithAttrs(as), h.w} }
func (h handler) WithGroup(name string) slog.Handler    { return handler{h.Handler.WithGroup(name), h.w} }
