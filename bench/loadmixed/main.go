// Command loadmixed drives a running `verbatim serve` with a bounded mix of
// reads (verify, verify/batch, get, list, quotations, speakers, search) and
// writes (NDJSON ingest, delete), then reports every unexpected answer as an
// error and the latency percentiles per operation. It talks to loopback
// only, stops by itself after -n requests or -duration, and deletes the
// sources it ingested unless -keep is set.
//
//	VERBATIM_API_KEY=k verbatim serve --data /tmp/d &
//	VERBATIM_API_KEY=k go run ./loadmixed -url http://127.0.0.1:8080 -n 3000 -duration 30s
//
// The exit status is 1 when any request failed, so a CI step can require 0
// errors.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/verbatim/verbatim/bench/internal/stats"
)

type config struct {
	url         string
	key         string
	n           int64
	duration    time.Duration
	concurrency int
	writes      float64
	seed        uint64
	keep        bool
	jsonOut     string
}

func main() {
	var c config
	flag.StringVar(&c.url, "url", "http://127.0.0.1:8080", "base URL of a running verbatim serve (loopback only)")
	flag.StringVar(&c.key, "key", os.Getenv("VERBATIM_API_KEY"), "API key for writes (default $VERBATIM_API_KEY)")
	flag.Int64Var(&c.n, "n", 2000, "stop after this many requests")
	flag.DurationVar(&c.duration, "duration", 30*time.Second, "stop after this long")
	flag.IntVar(&c.concurrency, "c", 8, "concurrent clients")
	flag.Float64Var(&c.writes, "writes", 0.2, "fraction of requests that write (ingest or delete)")
	flag.Uint64Var(&c.seed, "seed", 1, "random seed of the mix")
	flag.BoolVar(&c.keep, "keep", false, "keep the sources ingested by the run")
	flag.StringVar(&c.jsonOut, "json", "", "also write the report as JSON to this file")
	flag.Parse()
	if err := run(c, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadmixed:", err)
		os.Exit(1)
	}
}

// op is one kind of request and what it measured.
type op struct {
	name   string
	mu     sync.Mutex
	lat    []time.Duration
	errors map[string]int
	sample string
}

func (o *op) record(d time.Duration, errKind, detail string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.lat = append(o.lat, d)
	if errKind != "" {
		if o.errors == nil {
			o.errors = map[string]int{}
		}
		o.errors[errKind]++
		if o.sample == "" {
			o.sample = detail
		}
	}
}

// OpReport is one operation's line of the report.
type OpReport struct {
	Op      string         `json:"op"`
	Latency stats.Latency  `json:"latency"`
	Errors  int            `json:"errors"`
	Kinds   map[string]int `json:"error_kinds,omitempty"`
	Sample  string         `json:"error_sample,omitempty"`
}

// Report is the whole run.
type Report struct {
	URL         string        `json:"url"`
	Requests    int           `json:"requests"`
	Errors      int           `json:"errors"`
	Seconds     float64       `json:"seconds"`
	PerSecond   float64       `json:"requests_per_second"`
	Concurrency int           `json:"concurrency"`
	Overall     stats.Latency `json:"latency"`
	Ops         []OpReport    `json:"ops"`
	Ingested    int           `json:"sources_ingested"`
	Deleted     int           `json:"sources_deleted"`
	CleanedUp   int           `json:"sources_cleaned_up"`
}

type runner struct {
	c      config
	client *http.Client
	ops    map[string]*op
	// ids are the sources present before the run: reads pick from them and
	// the run never deletes them.
	ids    []string
	quotes []string
	// mine are sources this run ingested and has not deleted.
	mu       sync.Mutex
	mine     []string
	ingested int
	deleted  int
	runID    string
	seq      atomic.Int64
}

func run(c config, out io.Writer) error {
	if err := stats.CheckLoopback(c.url); err != nil {
		return err
	}
	c.url = strings.TrimRight(c.url, "/")
	if c.n <= 0 || c.duration <= 0 || c.concurrency <= 0 || c.writes < 0 || c.writes > 1 {
		return errors.New("-n, -duration and -c must be positive and -writes in [0,1]")
	}
	if c.writes > 0 && c.key == "" {
		return errors.New("writes need the server's API key: set VERBATIM_API_KEY or -key, or run with -writes 0")
	}
	r := &runner{c: c, ops: map[string]*op{}, runID: fmt.Sprintf("loadmixed-%d", time.Now().UnixNano())}
	r.client = &http.Client{
		Timeout: 30 * time.Second,
		// Never follow a redirect: it could lead off loopback.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport:     &http.Transport{MaxIdleConnsPerHost: c.concurrency, Proxy: nil},
	}
	for _, name := range []string{"verify", "verify_batch", "get_source", "list_sources", "source_quotations", "speakers", "search", "ingest", "delete"} {
		r.ops[name] = &op{name: name}
	}
	if err := r.prepare(); err != nil {
		return err
	}

	ctx, cancel := context.WithTimeout(context.Background(), c.duration)
	defer cancel()
	var issued atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < c.concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(c.seed, uint64(w)+1))
			for ctx.Err() == nil && issued.Add(1) <= c.n {
				r.one(ctx, rng)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)

	rep := Report{URL: c.url, Seconds: elapsed.Seconds(), Concurrency: c.concurrency, Ingested: r.ingested, Deleted: r.deleted}
	var all []time.Duration
	names := make([]string, 0, len(r.ops))
	for n := range r.ops {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		o := r.ops[n]
		if len(o.lat) == 0 {
			continue
		}
		e := 0
		for _, k := range o.errors {
			e += k
		}
		rep.Ops = append(rep.Ops, OpReport{Op: n, Latency: stats.Summarise(o.lat), Errors: e, Kinds: o.errors, Sample: o.sample})
		rep.Requests += len(o.lat)
		rep.Errors += e
		all = append(all, o.lat...)
	}
	rep.Overall = stats.Summarise(all)
	rep.PerSecond = float64(rep.Requests) / elapsed.Seconds()
	if !c.keep {
		rep.CleanedUp = r.cleanup()
	}
	printReport(out, rep)
	if c.jsonOut != "" {
		b, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(c.jsonOut, append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	if rep.Errors > 0 {
		return fmt.Errorf("%d of %d requests failed", rep.Errors, rep.Requests)
	}
	return nil
}

// prepare checks the server is ready and collects the ids and quotations
// that reads will ask about.
func (r *runner) prepare() error {
	res, err := r.client.Get(r.c.url + "/readyz")
	if err != nil {
		return fmt.Errorf("server not reachable: %w", err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		return fmt.Errorf("server not ready: /readyz = %d", res.StatusCode)
	}
	var list struct {
		Sources []struct {
			ID string `json:"id"`
		} `json:"sources"`
	}
	if err := r.getJSON("/v1/sources?limit=100", &list); err != nil {
		return err
	}
	for _, s := range list.Sources {
		if !strings.HasPrefix(s.ID, "loadmixed-") {
			r.ids = append(r.ids, s.ID)
		}
	}
	if len(r.ids) == 0 {
		return errors.New("the server holds no sources to read")
	}
	for _, id := range r.ids[:min(len(r.ids), 20)] {
		var qs struct {
			Quotations []struct {
				Text string `json:"text"`
			} `json:"quotations"`
		}
		if err := r.getJSON("/v1/sources/"+id+"/quotations", &qs); err != nil {
			return err
		}
		for _, q := range qs.Quotations {
			if w := strings.Fields(q.Text); len(w) >= 4 {
				r.quotes = append(r.quotes, strings.Join(w[:min(len(w), 14)], " "))
			}
		}
	}
	if len(r.quotes) == 0 {
		r.quotes = []string{"we are ready to talk"}
	}
	return nil
}

func (r *runner) getJSON(path string, v any) error {
	res, err := r.client.Get(r.c.url + path)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		return fmt.Errorf("GET %s = %d", path, res.StatusCode)
	}
	return json.NewDecoder(res.Body).Decode(v)
}

// one sends one request of the mix and records it.
func (r *runner) one(ctx context.Context, rng *rand.Rand) {
	if rng.Float64() < r.c.writes {
		r.mu.Lock()
		canDelete := len(r.mine) > 0
		r.mu.Unlock()
		if canDelete && rng.IntN(3) == 0 {
			r.delete(ctx, rng)
		} else {
			r.ingest(ctx, rng)
		}
		return
	}
	id := r.ids[rng.IntN(len(r.ids))]
	quote := r.quotes[rng.IntN(len(r.quotes))]
	switch p := rng.IntN(100); {
	case p < 40:
		b, _ := json.Marshal(map[string]string{"quote": quote})
		r.do(ctx, "verify", "POST", "/v1/verify", "application/json", b, false, 200)
	case p < 45:
		var body bytes.Buffer
		for k := 0; k < 5; k++ {
			b, _ := json.Marshal(map[string]string{"quote": r.quotes[rng.IntN(len(r.quotes))]})
			body.Write(append(b, '\n'))
		}
		r.do(ctx, "verify_batch", "POST", "/v1/verify/batch", "application/x-ndjson", body.Bytes(), false, 200)
	case p < 60:
		r.do(ctx, "get_source", "GET", "/v1/sources/"+id, "", nil, false, 200)
	case p < 70:
		r.do(ctx, "list_sources", "GET", fmt.Sprintf("/v1/sources?limit=%d&offset=%d", 1+rng.IntN(100), rng.IntN(len(r.ids))), "", nil, false, 200)
	case p < 80:
		r.do(ctx, "source_quotations", "GET", "/v1/sources/"+id+"/quotations", "", nil, false, 200)
	case p < 85:
		r.do(ctx, "speakers", "GET", "/v1/speakers", "", nil, false, 200)
	default:
		var words []string
		for _, w := range strings.Fields(quote) {
			if strings.IndexFunc(w, unicode.IsLetter) >= 0 && len(words) < 3 {
				words = append(words, w)
			}
		}
		if len(words) == 0 {
			words = []string{"ready"}
		}
		q := strings.Join(words, "+")
		r.do(ctx, "search", "GET", "/v1/quotations?q="+urlQuery(q), "", nil, false, 200)
	}
}

func urlQuery(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '+', c == '-', c == '.':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func (r *runner) ingest(ctx context.Context, rng *rand.Rand) {
	var body bytes.Buffer
	var ids []string
	for k := 0; k < 1+rng.IntN(5); k++ {
		n := r.seq.Add(1)
		id := fmt.Sprintf("%s-%d", r.runID, n)
		text := fmt.Sprintf("Load report %d.\n\n“The figure for item %d is %d,” analyst %s said on %s.\n\nOfficials confirmed the number later.",
			n, n, rng.IntN(1000), []string{"Ng", "Ruiz", "Okoye", "Berg"}[rng.IntN(4)], time.Now().Format(time.RFC3339Nano))
		b, _ := json.Marshal(map[string]string{"id": id, "text": text})
		body.Write(append(b, '\n'))
		ids = append(ids, id)
	}
	if r.do(ctx, "ingest", "POST", "/v1/sources", "application/x-ndjson", body.Bytes(), true, 201) {
		r.mu.Lock()
		r.mine = append(r.mine, ids...)
		r.ingested += len(ids)
		r.mu.Unlock()
	}
}

func (r *runner) delete(ctx context.Context, rng *rand.Rand) {
	r.mu.Lock()
	if len(r.mine) == 0 {
		r.mu.Unlock()
		return
	}
	i := rng.IntN(len(r.mine))
	id := r.mine[i]
	r.mine[i] = r.mine[len(r.mine)-1]
	r.mine = r.mine[:len(r.mine)-1]
	r.mu.Unlock()
	if r.do(ctx, "delete", "DELETE", "/v1/sources/"+id, "", nil, true, 204) {
		r.mu.Lock()
		r.deleted++
		r.mu.Unlock()
	}
}

// do sends a request and records its latency; any status but want, a
// transport error or a timeout is an error. It reports success.
func (r *runner) do(ctx context.Context, name, method, path, ct string, body []byte, auth bool, want int) bool {
	req, err := http.NewRequest(method, r.c.url+path, bytes.NewReader(body))
	if err != nil {
		r.ops[name].record(0, "request", err.Error())
		return false
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	if auth {
		req.Header.Set("Authorization", "Bearer "+r.c.key)
	}
	start := time.Now()
	res, err := r.client.Do(req)
	if err != nil {
		r.ops[name].record(time.Since(start), "transport", err.Error())
		return false
	}
	b, rerr := io.ReadAll(res.Body)
	res.Body.Close()
	d := time.Since(start)
	switch {
	case rerr != nil:
		r.ops[name].record(d, "transport", rerr.Error())
	case res.StatusCode != want:
		r.ops[name].record(d, fmt.Sprint(res.StatusCode), fmt.Sprintf("%s %s = %d: %.200s", method, path, res.StatusCode, b))
	default:
		r.ops[name].record(d, "", "")
		return true
	}
	return false
}

// cleanup deletes what the run ingested and did not delete.
func (r *runner) cleanup() int {
	n := 0
	for _, id := range r.mine {
		req, _ := http.NewRequest("DELETE", r.c.url+"/v1/sources/"+id, nil)
		req.Header.Set("Authorization", "Bearer "+r.c.key)
		if res, err := r.client.Do(req); err == nil {
			res.Body.Close()
			if res.StatusCode == 204 {
				n++
			}
		}
	}
	return n
}

func printReport(w io.Writer, rep Report) {
	fmt.Fprintf(w, "loadmixed against %s: %d requests in %.1fs (%.0f/s) with %d clients, %d errors\n",
		rep.URL, rep.Requests, rep.Seconds, rep.PerSecond, rep.Concurrency, rep.Errors)
	fmt.Fprintf(w, "sources ingested %d, deleted %d, cleaned up %d\n\n", rep.Ingested, rep.Deleted, rep.CleanedUp)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "op\tn\terrors\tp50 ms\tp90 ms\tp99 ms\tmax ms\t")
	line := func(name string, l stats.Latency, errs int) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t\n", name, l.N, errs, l.P50, l.P90, l.P99, l.Max)
	}
	for _, o := range rep.Ops {
		line(o.Op, o.Latency, o.Errors)
	}
	line("all", rep.Overall, rep.Errors)
	tw.Flush()
	for _, o := range rep.Ops {
		if o.Sample != "" {
			fmt.Fprintf(w, "\n%s errors %v, e.g. %s\n", o.Op, o.Kinds, o.Sample)
		}
	}
}
