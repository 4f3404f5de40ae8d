package models

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
)

// InsightKind names advice about one API key.
type InsightKind string

const (
	InsightUsedAfterExpiry  InsightKind = "USED_AFTER_EXPIRY"
	InsightExpiresSoon      InsightKind = "EXPIRES_SOON"
	InsightHighErrorRate    InsightKind = "HIGH_ERROR_RATE"
	InsightNeverUsed        InsightKind = "NEVER_USED"
	InsightUnused           InsightKind = "UNUSED"
	InsightReadOnlySuffices InsightKind = "READ_ONLY_SUFFICES"
)

// InsightKinds are every kind; a key gets at most one insight of each.
var InsightKinds = []InsightKind{
	InsightUsedAfterExpiry, InsightExpiresSoon, InsightHighErrorRate, InsightNeverUsed, InsightUnused, InsightReadOnlySuffices}

func (k *InsightKind) UnmarshalGQL(v any) (err error) {
	*k, err = parseEnum("kind", "insight kind", v, InsightKinds)
	return err
}

func (k InsightKind) MarshalGQL(w io.Writer) { writeEnum(w, string(k)) }

// Insight is one piece of advice, written for an admin: what was seen, with
// numbers, and what to do.
type Insight struct {
	Kind    InsightKind
	Message string
}

// Insight thresholds.
const (
	// insightGrace is how old a key must be before "never used" or "read
	// only suffices" is said about it: a new key has not had its chance.
	insightGrace       = 7 * 24 * time.Hour
	unusedAfter        = 30 * 24 * time.Hour
	expiresSoonWithin  = 7 * 24 * time.Hour
	recentDays         = 7
	errorRateMinimum   = 100
	errorRateThreshold = 0.20
	scopeEvidenceDays  = 30
	insightTimeLayout  = "2006-01-02 15:04 UTC"
)

// KeyInsights is the advice for a key, most urgent first. lastUsed is its
// newest use (nil if never); usage is its last 30 UTC days, oldest first.
func KeyInsights(k *APIKey, lastUsed *time.Time, usage []*UsageDay, now time.Time) []*Insight {
	var month, week UsageCounts
	for i, d := range usage {
		month.Add(d.UsageCounts)
		if i >= len(usage)-recentDays {
			week.Add(d.UsageCounts)
		}
	}
	age := now.Sub(k.CreatedAt)
	out := []*Insight{}
	add := func(kind InsightKind, format string, args ...any) {
		out = append(out, &Insight{Kind: kind, Message: fmt.Sprintf(format, args...)})
	}

	if week.Refused > 0 {
		add(InsightUsedAfterExpiry, "%s refused in the last 7 days: an application still sends this key after it stopped working "+
			"(expired, revoked, or a replaced secret). Find that application%s and give it a current key.",
			plural(week.Refused, "request was", "requests were"), lastSeen(k))
	}
	if left := k.ExpiresAt.Sub(now); left > 0 && left <= expiresSoonWithin {
		add(InsightExpiresSoon, "Expires in %s, on %s. Create a new key, move the applications that use this one to it, then delete this one.",
			untilText(left), k.ExpiresAt.UTC().Format(insightTimeLayout))
	}
	if week.Requests >= errorRateMinimum && float64(week.Errors) > errorRateThreshold*float64(week.Requests) {
		add(InsightHighErrorRate, "%d%% of its %s in the last 7 days failed (%s). Check the application's queries; "+
			"FORBIDDEN errors mean it tries something this key's scope does not allow.",
			int(math.Round(100*float64(week.Errors)/float64(week.Requests))), plural(week.Requests, "request", "requests"), plural(week.Errors, "error", "errors"))
	}
	switch {
	case lastUsed == nil && age > insightGrace:
		add(InsightNeverUsed, "Created %s ago and never used. Delete it if no application needs it: an unused key can only leak.",
			plural(int(age/(24*time.Hour)), "day", "days"))
	case lastUsed != nil && now.Sub(*lastUsed) > unusedAfter:
		add(InsightUnused, "Not used for %s (last used on %s). Delete it if no application needs it any more.",
			plural(int(now.Sub(*lastUsed)/(24*time.Hour)), "day", "days"), lastUsed.UTC().Format(dateLayout))
	}
	if k.Scope == ScopeReadWrite && month.Reads > 0 && month.Writes == 0 && age > insightGrace {
		add(InsightReadOnlySuffices, "Made %s and no writes in the last %d days, yet it may write. "+
			"Create a Read only key, move the application to it, then delete this one, so that a leak cannot change data.",
			plural(month.Reads, "read", "reads"), scopeEvidenceDays)
	}
	return out
}

// lastSeen names where the key was last accepted from, if known.
func lastSeen(k *APIKey) string {
	if k.LastUsedIP == nil {
		return ""
	}
	s := " (its last accepted request came from " + *k.LastUsedIP
	if k.LastUsedUserAgent != nil {
		s += " with " + strconv.Quote(*k.LastUsedUserAgent)
	}
	return s + ")"
}

func untilText(d time.Duration) string {
	if d < 24*time.Hour {
		return plural(max(int(math.Ceil(d.Hours())), 1), "hour", "hours")
	}
	return plural(int(math.Ceil(d.Hours()/24)), "day", "days")
}

// plural writes n with thousands separators and the fitting noun.
func plural(n int, one, many string) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if n == 1 {
		return s + " " + one
	}
	return s + " " + many
}
