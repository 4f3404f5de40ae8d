package main

import "context"

// start runs background work until ctx ends.
func (a *app) start(ctx context.Context) {
	go a.lastUsed.Run(ctx, a.cfg.LastUsedFlush)
	go a.usage.Run(ctx, a.cfg.LastUsedFlush)
	if a.listener != nil {
		go a.listener.Run(ctx)
	}
}

// close flushes last-used times and usage counts, and closes the
// database. Background work must have been told to stop (start's ctx
// ended): each flusher waits for its flush in progress before the final one.
func (a *app) close(ctx context.Context) {
	if err := a.usage.Close(ctx); err != nil {
		a.log.Warn("final flush of API key usage counts", "err", err)
	}
	if err := a.lastUsed.Close(ctx); err != nil {
		a.log.Warn("final flush of last-used times", "err", err)
	}
	if a.redis != nil {
		_ = a.redis.Close()
	}
	a.closeDB()
}

func (a *app) closeDB() {
	if sqlDB, err := a.db.DB(); err == nil {
		_ = sqlDB.Close()
	}
}
