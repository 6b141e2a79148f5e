// Command report reads a run.sh output folder and prints the benchmark
// tables as Markdown: Verbatim against its peers, Verbatim per claim kind,
// resources, growth, and the targets.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/verbatim/verbatim/bench/internal/jsonl"
	"github.com/verbatim/verbatim/bench/internal/stats"
)

type verbatimRun struct {
	IngestSeconds    float64 `json:"ingest_seconds"`
	IngestPeakRSSKB  float64 `json:"ingest_peak_rss_kb"`
	IngestCPUSeconds float64 `json:"ingest_cpu_seconds"`
	ReadySeconds     float64 `json:"ready_seconds"`
	RSSReadyKB       float64 `json:"rss_ready_kb"`
	RSSKB            float64 `json:"rss_kb"`
	RSSPeakKB        float64 `json:"rss_peak_kb"`
	IndexBytes       float64 `json:"index_bytes"`
}

type corpusStats struct {
	Articles       int     `json:"articles"`
	Copies         int     `json:"copies"`
	TotalSources   int     `json:"total_sources"`
	TotalTextBytes float64 `json:"total_text_bytes"`
}

type run struct {
	corpus corpusStats
	v      verbatimRun
	lg     stats.Report
	ok     bool
}

func main() {
	dir := flag.String("dir", "", "run.sh output folder")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "report: --dir is required")
		os.Exit(2)
	}
	w := os.Stdout
	if b, err := os.ReadFile(filepath.Join(*dir, "machine.txt")); err == nil {
		fmt.Fprintf(w, "```\n%s```\n\n", b)
	}
	main := load(filepath.Join(*dir, "main"))
	var peers []stats.Report
	for _, f := range []string{"pg.json", "sqlite.json"} {
		var rs []stats.Report
		if readJSON(filepath.Join(*dir, "peers", f), &rs) {
			peers = append(peers, rs...)
		}
	}
	if main.ok {
		comparison(w, main, peers)
		perKind(w, main)
		resources(w, main, peers)
	}
	growth(w, *dir)
	if main.ok {
		targets(w, main, peers)
	}
}

func readJSON(path string, v any) bool {
	b, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	return json.Unmarshal(b, v) == nil
}

func load(dir string) run {
	var r run
	a := readJSON(filepath.Join(dir, "corpus.json"), &r.corpus)
	b := readJSON(filepath.Join(dir, "verbatim.json"), &r.v)
	c := readJSON(filepath.Join(dir, "loadgen.json"), &r.lg)
	r.ok = a && b && c
	if !r.ok {
		if _, err := os.Stat(dir); err == nil {
			fmt.Fprintf(os.Stderr, "report: %s: incomplete or unreadable (corpus.json %v, verbatim.json %v, loadgen.json %v)\n", dir, a, b, c)
		}
	}
	return r
}

func level(r *stats.Report, clients int) *stats.Level {
	for i := range r.Levels {
		if r.Levels[i].Clients == clients {
			return &r.Levels[i]
		}
	}
	return nil
}

func f2(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return fmt.Sprintf("%.2f", v)
}

func lat(l *stats.Level, p string) string {
	if l == nil {
		return "–"
	}
	switch p {
	case "p50":
		return f2(l.Latency.P50)
	case "p99":
		return f2(l.Latency.P99)
	case "rps":
		return fmt.Sprintf("%.0f", l.RPS)
	case "cpu":
		if l.CPUmsPerReq == 0 {
			return "–"
		}
		return f2(l.CPUmsPerReq)
	}
	return "?"
}

func recall(r *stats.Report, kind string) string {
	rc, ok := r.Recall[kind]
	if !ok || rc.Claims == 0 {
		return "–"
	}
	return fmt.Sprintf("%.3f / %.3f", rc.Top1Share(), rc.AnyShare())
}

func comparison(w *os.File, m run, peers []stats.Report) {
	fmt.Fprintf(w, "## Verbatim and its peers (%d sources, %.1f MB of text; %d claims)\n\n", m.corpus.TotalSources, m.corpus.TotalTextBytes/1e6, m.lg.Claims)
	fmt.Fprintln(w, "| system | queries (1 client) | p50 ms 1c | p99 ms 1c | q/s 1c | p50 ms 4c | p99 ms 4c | q/s 4c | server CPU ms/q | its p50 ÷ Verbatim's p50 | exact: right doc top-1 / any | reworded: top-1 / any |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	v1 := level(&m.lg, 1)
	row := func(name string, r *stats.Report) {
		l1, l4 := level(r, 1), level(r, 4)
		ratio := "–"
		if v1 != nil && l1 != nil && v1.Latency.P50 > 0 {
			ratio = fmt.Sprintf("%.2f×", l1.Latency.P50/v1.Latency.P50)
		}
		n := "–"
		if l1 != nil {
			n = fmt.Sprint(l1.Requests)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", name, n,
			lat(l1, "p50"), lat(l1, "p99"), lat(l1, "rps"), lat(l4, "p50"), lat(l4, "p99"), lat(l4, "rps"), lat(l1, "cpu"), ratio,
			recall(r, "exact"), recall(r, "reworded"))
	}
	row("**Verbatim** `POST /v1/verify` (HTTP)", &m.lg)
	names := map[string]string{
		"pg-phrase":          "PostgreSQL `phraseto_tsquery` + GIN",
		"pg-trgm":            "PostgreSQL pg_trgm `<%` word_similarity + GIN",
		"sqlite-fts5-phrase": "SQLite FTS5 phrase",
		"sqlite-fts5-or":     "SQLite FTS5 OR-of-words, bm25",
	}
	for i := range peers {
		n := names[peers[i].Name]
		if n == "" {
			n = peers[i].Name
		}
		row(n, &peers[i])
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Peers are timed in-process over a loopback connection (PostgreSQL) or in-process (SQLite) and return ids only (LIMIT 10); Verbatim is timed over HTTP and returns full attestations (offsets, diff, speaker, context). Fuzzy peers run on a kind-balanced sample of the claims. Server CPU ms/q is the CPU time of the server process (PostgreSQL: all backends; SQLite: the whole client process) divided by queries: it moves less than latency with other load on the machine.")
	for _, p := range peers {
		for _, n := range p.Notes {
			fmt.Fprintf(w, "- %s: %s\n", p.Name, n)
		}
	}
	fmt.Fprintln(w)
}

func perKind(w *os.File, m run) {
	fmt.Fprintln(w, "## Verbatim per claim kind (1 client)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| kind | claims | right source first | right source among attestations | verdict as expected | p50 ms | p99 ms | verdicts |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---|")
	l1 := level(&m.lg, 1)
	for _, k := range jsonl.Kinds {
		rc, ok := m.lg.Recall[k]
		if !ok {
			continue
		}
		var vs []string
		for v, n := range rc.Verdicts {
			vs = append(vs, fmt.Sprintf("%s %d", v, n))
		}
		sort.Strings(vs)
		var kl stats.Latency
		if l1 != nil {
			kl = l1.ByKind[k]
		}
		fmt.Fprintf(w, "| %s | %d | %.3f | %.3f | %.3f (%s) | %s | %s | %s |\n", k, rc.Claims, rc.Top1Share(), rc.AnyShare(),
			float64(rc.AsExpected)/float64(max(rc.Claims, 1)), stats.ExpectedVerdict(k), f2(kl.P50), f2(kl.P99), strings.Join(vs, ", "))
	}
	fmt.Fprintln(w)
}

func mib(kb float64) string { return fmt.Sprintf("%.0f MiB", kb/1024) }

func resources(w *os.File, m run, peers []stats.Report) {
	fmt.Fprintln(w, "## Ingest, memory and size")
	fmt.Fprintln(w)
	text := m.corpus.TotalTextBytes
	fmt.Fprintln(w, "| system | load / ingest | sources/s | on disk | ÷ raw text | memory |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---|")
	fmt.Fprintf(w, "| Verbatim (`verbatim ingest`, then `serve`) | %.1f s (CPU %.1f s) | %.0f | %.1f MiB | %.2f× | server RSS %s once ready, %s after the load run (peak %s); ingest peak RSS %s; ready %.1f s after start |\n",
		m.v.IngestSeconds, m.v.IngestCPUSeconds, float64(m.corpus.TotalSources)/m.v.IngestSeconds, m.v.IndexBytes/(1<<20), m.v.IndexBytes/text,
		mib(m.v.RSSReadyKB), mib(m.v.RSSKB), mib(m.v.RSSPeakKB), mib(m.v.IngestPeakRSSKB), m.v.ReadySeconds)
	done := map[string]bool{}
	for _, p := range peers {
		eng := strings.SplitN(p.Name, "-", 2)[0]
		if done[eng] || p.Extra == nil {
			continue
		}
		done[eng] = true
		ls, _ := p.Extra["load_seconds"].(map[string]any)
		by, _ := p.Extra["bytes"].(map[string]any)
		total, _ := ls["total"].(float64)
		size, _ := by["total"].(float64)
		detail := []string{}
		for k, v := range ls {
			if k != "total" {
				detail = append(detail, fmt.Sprintf("%s %.1f s", k, v))
			}
		}
		sort.Strings(detail)
		for k, v := range by {
			if k != "total" {
				detail = append(detail, fmt.Sprintf("%s %.1f MiB", k, v.(float64)/(1<<20)))
			}
		}
		name := map[string]string{"pg": "PostgreSQL 15 (table + tsvector GIN + trgm GIN)", "sqlite": "SQLite FTS5"}[eng]
		fmt.Fprintf(w, "| %s | %.1f s | %.0f | %.1f MiB | %.2f× | %s |\n", name, total, float64(m.corpus.TotalSources)/total, size/(1<<20), size/text, strings.Join(detail, "; "))
	}
	fmt.Fprintln(w)
}

func growth(w *os.File, dir string) {
	ds, _ := filepath.Glob(filepath.Join(dir, "grow-*"))
	var rs []run
	var names []string
	for _, d := range ds {
		r := load(d)
		if r.ok {
			rs = append(rs, r)
			names = append(names, strings.TrimPrefix(filepath.Base(d), "grow-"))
		}
	}
	if len(rs) == 0 {
		return
	}
	idx := make([]int, len(rs))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return rs[idx[a]].corpus.TotalSources < rs[idx[b]].corpus.TotalSources })
	fmt.Fprintln(w, "## Growth (1 client)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| corpus | sources | text MB | ingest s | sources/s | verify p50 ms | p99 ms | q/s | server CPU ms/q | RSS after run | RSS peak | index MiB | index ÷ text | ready s |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, i := range idx {
		r := rs[i]
		l := level(&r.lg, 1)
		fmt.Fprintf(w, "| %s | %d | %.1f | %.1f | %.0f | %s | %s | %s | %s | %s | %s | %.1f | %.2f× | %.1f |\n", names[i], r.corpus.TotalSources, r.corpus.TotalTextBytes/1e6,
			r.v.IngestSeconds, float64(r.corpus.TotalSources)/r.v.IngestSeconds, lat(l, "p50"), lat(l, "p99"), lat(l, "rps"), lat(l, "cpu"),
			mib(r.v.RSSKB), mib(r.v.RSSPeakKB), r.v.IndexBytes/(1<<20), r.v.IndexBytes/r.corpus.TotalTextBytes, r.v.ReadySeconds)
	}
	fmt.Fprintln(w)
}

func targets(w *os.File, m run, peers []stats.Report) {
	fmt.Fprintln(w, "## Targets (issue 6)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| target | measured | met? |")
	fmt.Fprintln(w, "|---|---:|---|")
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "**no**"
	}
	full := m.corpus.Copies == 1 && m.corpus.TotalSources > 20000
	note := ""
	if !full {
		note = " (not the full corpus)"
	}
	fmt.Fprintf(w, "| ingest of the full corpus ≤ 90 s | %.1f s%s | %s |\n", m.v.IngestSeconds, note, yes(m.v.IngestSeconds <= 90))
	v1, v4 := level(&m.lg, 1), level(&m.lg, 4)
	for _, p := range peers {
		if p.Name == "pg-phrase" && v1 != nil {
			if l := level(&p, 1); l != nil {
				fmt.Fprintf(w, "| verify p50 over HTTP ≤ PostgreSQL phrase p50 | %.2f ms vs %.2f ms | %s |\n", v1.Latency.P50, l.Latency.P50, yes(v1.Latency.P50 <= l.Latency.P50))
			}
		}
	}
	if v1 != nil {
		fmt.Fprintf(w, "| verify p99 ≤ 5 ms (1 client) | %.2f ms | %s |\n", v1.Latency.P99, yes(v1.Latency.P99 <= 5))
	}
	if v4 != nil {
		fmt.Fprintf(w, "| ≥ 2,500 verify/s with 4 clients | %.0f/s | %s |\n", v4.RPS, yes(v4.RPS >= 2500))
	}
	if rc, ok := m.lg.Recall["reworded"]; ok {
		fmt.Fprintf(w, "| reworded recall ≥ 0.95 (right doc first / among attestations) | %.3f / %.3f | %s |\n", rc.Top1Share(), rc.AnyShare(), yes(rc.Top1Share() >= 0.95))
	}
	fmt.Fprintf(w, "| RSS ≤ 1 GiB | %s (peak %s) | %s |\n", mib(m.v.RSSKB), mib(m.v.RSSPeakKB), yes(m.v.RSSPeakKB <= 1<<20))
	fmt.Fprintf(w, "| index ≤ 3× raw text | %.2f× | %s |\n", m.v.IndexBytes/m.corpus.TotalTextBytes, yes(m.v.IndexBytes <= 3*m.corpus.TotalTextBytes))
	fmt.Fprintln(w)
}
