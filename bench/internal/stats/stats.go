// Package stats summarises latencies.
package stats

import (
	"math"
	"sort"
	"time"
)

// Latency is a summary of request latencies in milliseconds.
type Latency struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50_ms"`
	P90 float64 `json:"p90_ms"`
	P99 float64 `json:"p99_ms"`
	Max float64 `json:"max_ms"`
	Avg float64 `json:"avg_ms"`
}

// Summarise computes percentiles (nearest rank) of ds.
func Summarise(ds []time.Duration) Latency {
	if len(ds) == 0 {
		return Latency{}
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	return Latency{
		N:   len(s),
		P50: ms(pct(s, 50)),
		P90: ms(pct(s, 90)),
		P99: ms(pct(s, 99)),
		Max: ms(s[len(s)-1]),
		Avg: ms(sum / time.Duration(len(s))),
	}
}

func pct(s []time.Duration, p float64) time.Duration {
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	if i < 0 {
		i = 0
	}
	if i >= len(s) {
		i = len(s) - 1
	}
	return s[i]
}

func ms(d time.Duration) float64 {
	return math.Round(float64(d.Microseconds())) / 1000
}

// Recall counts how often the expected source was found, per claim kind.
type Recall struct {
	Claims int `json:"claims"`
	// Top1: the expected source is the first result (for unattested
	// claims: there is no result at all).
	Top1 int `json:"top1"`
	// Any: the expected source is among the results.
	Any int `json:"any"`
	// Verdicts counts Verbatim's verdicts (empty for peers).
	Verdicts map[string]int `json:"verdicts,omitempty"`
	// AsExpected counts the verdicts a fact-checker would expect for the
	// kind (attested for exact and fragment, altered for the edits,
	// unattested for unattested).
	AsExpected int `json:"as_expected,omitempty"`
}

// Top1Share is Top1/Claims.
func (r Recall) Top1Share() float64 { return share(r.Top1, r.Claims) }

// AnyShare is Any/Claims.
func (r Recall) AnyShare() float64 { return share(r.Any, r.Claims) }

func share(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}
