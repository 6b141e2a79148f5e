package stats

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/verbatim/verbatim/bench/internal/jsonl"
	"github.com/verbatim/verbatim/bench/internal/textutil"
)

// Outcome is what one query answered: the verdict (Verbatim only) and the
// source ids, best first.
type Outcome struct {
	Verdict string
	IDs     []string
}

// Query runs claim i on behalf of worker w. With need false the caller
// does not need the outcome (it has one for that claim already) and the
// query may skip decoding it. A non-nil error counts as an error of kind
// ErrKind(err).
type Query func(ctx context.Context, w, i int, need bool) (*Outcome, error)

// KindError labels an error for the report ("500", "timeout", ...).
type KindError struct{ Kind string }

func (e *KindError) Error() string { return e.Kind }

// ErrKind is the label of err.
func ErrKind(err error) string {
	var ke *KindError
	if errors.As(err, &ke) {
		return ke.Kind
	}
	s := err.Error()
	switch {
	case strings.Contains(s, "statement timeout"), strings.Contains(s, "canceling statement"):
		return "timeout"
	case strings.Contains(s, "Timeout"), strings.Contains(s, "deadline"):
		return "timeout"
	}
	return "error"
}

// Level is one concurrency level's result.
type Level struct {
	Clients   int                `json:"clients"`
	Requests  int                `json:"requests"`
	Errors    int                `json:"errors"`
	ErrorKind map[string]int     `json:"error_kinds,omitempty"`
	Seconds   float64            `json:"seconds"`
	RPS       float64            `json:"rps"`
	Latency   Latency            `json:"latency"`
	ByKind    map[string]Latency `json:"by_kind"`
	// CPUSeconds is the CPU time (user+system) the measured server spent
	// during the level, where it could be read; CPUmsPerReq divides it by
	// the requests. Unlike latency it barely moves with other load on a
	// shared machine.
	CPUSeconds  float64 `json:"cpu_seconds,omitempty"`
	CPUmsPerReq float64 `json:"cpu_ms_per_request,omitempty"`
	// LoadAvg is the machine's 1-minute load average at the level's end.
	LoadAvg float64 `json:"loadavg_1m,omitempty"`
}

// CPU returns the CPU seconds a server has used so far.
type CPU func() (float64, bool)

// Report is the JSON every runner writes.
type Report struct {
	Name    string            `json:"name"`
	Target  string            `json:"target,omitempty"`
	Claims  int               `json:"claims"`
	Levels  []Level           `json:"levels"`
	Recall  map[string]Recall `json:"recall"`
	Started time.Time         `json:"started"`
	Notes   []string          `json:"notes,omitempty"`
	// Misses lists, per kind, the numbers (Claim.N) of up to 50 claims whose
	// expected source was not first, for inspection.
	Misses map[string][]int `json:"misses,omitempty"`
	Extra  map[string]any   `json:"extra,omitempty"`
}

// Drive runs claims through q at each concurrency level. A level ends after
// requests queries (claims taken in order, cycling) or after d. The first
// outcome for each claim is judged for recall.
func Drive(name string, claims []jsonl.Claim, q Query, levels []int, requests int, d time.Duration, progress io.Writer) *Report {
	return DriveCPU(name, claims, q, levels, requests, d, progress, nil)
}

// DriveCPU is Drive that also reads the server's CPU time around each level.
func DriveCPU(name string, claims []jsonl.Claim, q Query, levels []int, requests int, d time.Duration, progress io.Writer, cpu CPU) *Report {
	rep := &Report{Name: name, Claims: len(claims), Started: time.Now().UTC(), Recall: map[string]Recall{}}
	if requests <= 0 {
		requests = len(claims)
	}
	seen := make([]*Outcome, len(claims))
	var mu sync.Mutex
	for _, nc := range levels {
		var c0 float64
		var okCPU bool
		if cpu != nil {
			c0, okCPU = cpu()
		}
		lv := driveLevel(claims, q, nc, requests, d, seen, &mu)
		if okCPU {
			if c1, ok := cpu(); ok && lv.Requests > 0 {
				lv.CPUSeconds = c1 - c0
				lv.CPUmsPerReq = (c1 - c0) * 1000 / float64(lv.Requests)
			}
		}
		lv.LoadAvg = LoadAvg()
		rep.Levels = append(rep.Levels, lv)
		if progress != nil {
			fmt.Fprintf(progress, "%s: %d client(s): %d requests in %.1fs, %.0f/s, p50 %.2f ms, p99 %.2f ms, cpu %.2f ms/req, load %.1f, %d errors %v\n",
				name, nc, lv.Requests, lv.Seconds, lv.RPS, lv.Latency.P50, lv.Latency.P99, lv.CPUmsPerReq, lv.LoadAvg, lv.Errors, lv.ErrorKind)
		}
	}
	for i, o := range seen {
		if o == nil {
			continue
		}
		c := claims[i]
		rc := rep.Recall[c.Kind]
		rc.Claims++
		if o.Verdict != "" {
			if rc.Verdicts == nil {
				rc.Verdicts = map[string]int{}
			}
			rc.Verdicts[o.Verdict]++
			if o.Verdict == ExpectedVerdict(c.Kind) {
				rc.AsExpected++
			}
		}
		top1, any := Judge(c, o.IDs)
		if top1 {
			rc.Top1++
		} else {
			if rep.Misses == nil {
				rep.Misses = map[string][]int{}
			}
			if len(rep.Misses[c.Kind]) < 50 {
				rep.Misses[c.Kind] = append(rep.Misses[c.Kind], c.N)
			}
		}
		if any {
			rc.Any++
		}
		rep.Recall[c.Kind] = rc
	}
	return rep
}

func driveLevel(claims []jsonl.Claim, q Query, clients, requests int, d time.Duration, seen []*Outcome, mu *sync.Mutex) Level {
	var next atomic.Int64
	ctx, cancel := context.WithTimeout(context.Background(), d+time.Minute)
	defer cancel()
	deadline := time.Now().Add(d)
	type obs struct {
		kind string
		d    time.Duration
		err  string
	}
	results := make([][]obs, clients)
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < clients; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= requests || time.Now().After(deadline) {
					return
				}
				ci := i % len(claims)
				mu.Lock()
				need := seen[ci] == nil
				mu.Unlock()
				t0 := time.Now()
				out, err := q(ctx, w, ci, need)
				o := obs{kind: claims[ci].Kind, d: time.Since(t0)}
				if err != nil {
					o.err = ErrKind(err)
				} else if out != nil {
					mu.Lock()
					if seen[ci] == nil {
						seen[ci] = out
					}
					mu.Unlock()
				}
				results[w] = append(results[w], o)
			}
		}(w)
	}
	wg.Wait()
	secs := time.Since(start).Seconds()
	lv := Level{Clients: clients, Seconds: secs, ByKind: map[string]Latency{}, ErrorKind: map[string]int{}}
	var all []time.Duration
	byKind := map[string][]time.Duration{}
	for _, rs := range results {
		for _, o := range rs {
			lv.Requests++
			if o.err != "" {
				lv.Errors++
				lv.ErrorKind[o.err]++
				continue
			}
			all = append(all, o.d)
			byKind[o.kind] = append(byKind[o.kind], o.d)
		}
	}
	lv.Latency = Summarise(all)
	for k, v := range byKind {
		lv.ByKind[k] = Summarise(v)
	}
	if secs > 0 {
		lv.RPS = float64(lv.Requests-lv.Errors) / secs
	}
	return lv
}

// ExpectedVerdict is the verdict a fact-checker expects for a claim kind.
func ExpectedVerdict(kind string) string {
	switch kind {
	case "exact", "fragment":
		return "attested"
	case "unattested":
		return "unattested"
	default:
		return "altered"
	}
}

// Judge: top1 when the expected source (or a copy of it) is the first
// result, any when it is among them. An unattested claim is right when
// there is no result.
func Judge(c jsonl.Claim, ids []string) (top1, any bool) {
	if c.Expected == "" {
		ok := len(ids) == 0
		return ok, ok
	}
	for i, id := range ids {
		if textutil.BaseID(id) == c.Expected {
			return i == 0, true
		}
	}
	return false, false
}

// ParseLevels parses "1,4".
func ParseLevels(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		var n int
		if _, err := fmt.Sscanf(strings.TrimSpace(f), "%d", &n); err != nil || n < 1 || n > 256 {
			return nil, fmt.Errorf("bad concurrency level %q", f)
		}
		out = append(out, n)
	}
	return out, nil
}

// PrintTable writes the levels and the per-kind recall of a report.
func PrintTable(w io.Writer, r *Report) {
	fmt.Fprintf(w, "== %s (%d claims)\n", r.Name, r.Claims)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "clients\trequests\terrors\treq/s\tp50 ms\tp90 ms\tp99 ms\tmax ms\tserver cpu ms/req\tload\t\n")
	for _, l := range r.Levels {
		fmt.Fprintf(tw, "%d\t%d\t%d\t%.0f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.1f\t\n", l.Clients, l.Requests, l.Errors, l.RPS, l.Latency.P50, l.Latency.P90, l.Latency.P99, l.Latency.Max, l.CPUmsPerReq, l.LoadAvg)
	}
	tw.Flush()
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "kind\tclaims\tright source first\tright source any\tverdict as expected\tp50 ms\tp99 ms\tverdicts\t\n")
	for _, k := range jsonl.Kinds {
		rc, ok := r.Recall[k]
		if !ok {
			continue
		}
		var lat Latency
		if len(r.Levels) > 0 {
			lat = r.Levels[0].ByKind[k]
		}
		var vs []string
		for v, n := range rc.Verdicts {
			vs = append(vs, fmt.Sprintf("%s:%d", v, n))
		}
		sort.Strings(vs)
		ve := "-"
		if len(rc.Verdicts) > 0 {
			ve = fmt.Sprintf("%.3f", float64(rc.AsExpected)/float64(max(rc.Claims, 1)))
		}
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%.3f\t%s\t%.2f\t%.2f\t%s\t\n", k, rc.Claims, rc.Top1Share(), rc.AnyShare(), ve, lat.P50, lat.P99, strings.Join(vs, " "))
	}
	tw.Flush()
	fmt.Fprintln(w)
}
