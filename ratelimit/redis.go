package ratelimit

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"

	"keyward/metrics"
)

// retryRedisEvery is how long the limiter stays on memory after Redis fails.
const retryRedisEvery = 5 * time.Second

// Redis shares budgets between replicas through Redis (redis_rate's GCRA,
// timed by the Redis server's clock). When Redis is unreachable it falls
// back to an in-memory limiter, so requests keep being served, and logs the
// degradation once.
type Redis struct {
	client   *redis.Client
	limiter  *redis_rate.Limiter
	fallback *Memory
	log      *slog.Logger

	mu       sync.Mutex
	degraded bool
	retryAt  time.Time
}

// NewRedis connects lazily: an unreachable Redis at start is a degradation, not an error.
func NewRedis(url string, log *slog.Logger) (*Redis, error) {
	opts, err := redis.ParseURL(url)
	if err != nil {
		return nil, err
	}
	opts.DialTimeout = time.Second
	opts.ReadTimeout = 500 * time.Millisecond
	opts.WriteTimeout = 500 * time.Millisecond
	opts.MaxRetries = 0
	client := redis.NewClient(opts)
	return &Redis{client: client, limiter: redis_rate.NewLimiter(client), fallback: NewMemory(), log: log}, nil
}

func (r *Redis) Allow(ctx context.Context, key string, limit Limit, n int) (Result, error) {
	if limit.Off() {
		return Result{Allowed: true}, nil
	}
	if r.onFallback() {
		return r.fallback.Allow(ctx, key, limit, n)
	}
	if n < 0 {
		return r.refund(ctx, key, limit, -n)
	}
	res, err := r.limiter.AllowN(ctx, "keyward:"+key, redis_rate.Limit{Rate: limit.Rate, Burst: limit.Rate, Period: limit.Period}, n)
	if err != nil {
		r.degrade(err)
		return r.fallback.Allow(ctx, key, limit, n)
	}
	r.recovered()
	// note: redis_rate reports -1 for durations that do not apply.
	return Result{Allowed: n == 0 || res.Allowed >= n, Remaining: res.Remaining,
		RetryAfter: max(res.RetryAfter, 0), ResetAfter: max(res.ResetAfter, 0)}, nil
}

// refundScript gives units back to a redis_rate GCRA key in one atomic step,
// in redis_rate's own key ("rate:" prefix) and format (seconds since
// 2017-01-01 by the Redis clock).
// note: redis_rate's AllowN with a negative cost leaves the key untouched when
// the refund would empty it, so a refund could be lost; this one deletes it.
var refundScript = redis.NewScript(`
local tat = redis.call("GET", KEYS[1])
if not tat then return 0 end
local now = redis.call("TIME")
now = (now[1] - 1483228800) + (now[2] / 1000000)
local new_tat = tonumber(tat) - tonumber(ARGV[1])
if new_tat <= now then
  redis.call("DEL", KEYS[1])
else
  redis.call("SET", KEYS[1], new_tat, "EX", math.ceil(new_tat - now))
end
return 1
`)

func (r *Redis) refund(ctx context.Context, key string, limit Limit, n int) (Result, error) {
	emission := (limit.Period / time.Duration(limit.Rate)).Seconds()
	if err := refundScript.Run(ctx, r.client, []string{"rate:keyward:" + key}, float64(n)*emission).Err(); err != nil {
		r.degrade(err)
		return r.fallback.Allow(ctx, key, limit, -n)
	}
	r.recovered()
	return Result{Allowed: true}, nil
}

func (r *Redis) onFallback() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.degraded && time.Now().Before(r.retryAt)
}

func (r *Redis) degrade(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.degraded {
		r.log.Warn("rate limiter: Redis is unreachable; using per-process limits until it returns", "err", err)
	}
	r.degraded = true
	metrics.RateLimitDegraded.Set(1)
	r.retryAt = time.Now().Add(retryRedisEvery)
}

func (r *Redis) recovered() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.degraded {
		r.log.Info("rate limiter: Redis is back; budgets are shared again")
		r.degraded = false
		metrics.RateLimitDegraded.Set(0)
	}
}

// Degraded reports whether limits are currently per process.
func (r *Redis) Degraded() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.degraded
}

// Ping checks Redis for readiness reports.
func (r *Redis) Ping(ctx context.Context) error { return r.client.Ping(ctx).Err() }

func (r *Redis) Close() error { return r.client.Close() }
