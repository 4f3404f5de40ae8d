// Package metrics holds Keyward's Prometheus collectors and the /metrics handler.
package metrics

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

var registry = prometheus.NewRegistry()

var (
	// Operations counts GraphQL operations by name and outcome (ok or error).
	Operations = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "keyward_graphql_operations_total", Help: "GraphQL operations by operation name and outcome.",
	}, []string{"operation", "outcome"})
	// OperationSeconds is GraphQL operation latency by name.
	OperationSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "keyward_graphql_operation_duration_seconds", Help: "GraphQL operation latency by operation name.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
	}, []string{"operation"})
	// AuthOutcomes counts Bearer authentication results.
	AuthOutcomes = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "keyward_auth_outcomes_total", Help: "API key authentication results: ok, invalid, expired, rate_limited.",
	}, []string{"outcome"})
	// KeyCache counts verified-key cache lookups: hit or miss.
	KeyCache = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "keyward_key_cache_lookups_total", Help: "Verified API key cache lookups by result (hit, miss); the hit ratio is hit / (hit + miss).",
	}, []string{"result"})
	// RevocationLag is the time from a key's deletion to its eviction from this replica's cache.
	RevocationLag = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "keyward_key_revocation_lag_seconds", Help: "Time from deleting a key (on any replica) to dropping it from this replica's cache.",
		Buckets: []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
	})
	// RevocationDisconnected is the time the revocation listener spent
	// disconnected: while it is, keys deleted on other replicas keep
	// working on this one until the key cache TTL.
	RevocationDisconnected = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "keyward_revocation_listener_disconnected_seconds_total",
		Help: "Seconds the key revocation listener spent disconnected from PostgreSQL (deletions on other replicas reach this one only after the key cache TTL meanwhile).",
	})
	// RateLimitDegraded is 1 while Redis is unreachable and limits are per process.
	RateLimitDegraded = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "keyward_ratelimit_degraded", Help: "1 while Redis is unreachable and rate limits are enforced per process.",
	})
)

func init() {
	registry.MustRegister(Operations, OperationSeconds, AuthOutcomes, KeyCache, RevocationLag, RevocationDisconnected, RateLimitDegraded,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
}

// Handler serves the metrics in the Prometheus text format.
func Handler() http.Handler { return promhttp.HandlerFor(registry, promhttp.HandlerOpts{}) }
