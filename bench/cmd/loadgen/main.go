// Command loadgen replays a claims workload against a running Verbatim
// server (POST /v1/verify) at one or more concurrency levels and reports
// latency percentiles (p50, p90, p99, max), throughput, errors (any answer
// but 200) and, per claim kind, how often the expected source is the first
// attestation's source (and any attestation's).
//
// It only ever talks to loopback (127.0.0.0/8, ::1, localhost) and stops by
// itself: each level ends after --requests requests or --duration,
// whichever comes first.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/verbatim/verbatim/bench/internal/jsonl"
	"github.com/verbatim/verbatim/bench/internal/stats"
)

type verifyResponse struct {
	Verdict      string `json:"verdict"`
	Attestations []struct {
		Source struct {
			ID string `json:"id"`
		} `json:"source"`
	} `json:"attestations"`
}

func main() {
	target := flag.String("url", "http://127.0.0.1:8080", "server base URL (loopback only)")
	claimsPath := flag.String("claims", "", "claims .jsonl (from bench/cmd/claims)")
	clientsFlag := flag.String("clients", "1,4", "concurrency levels, comma-separated")
	requests := flag.Int("requests", 0, "requests per level (0: one pass over the claims)")
	duration := flag.Duration("duration", 60*time.Second, "longest time per level")
	warmup := flag.Int("warmup", 20, "unmeasured requests before the first level")
	timeout := flag.Duration("timeout", 30*time.Second, "timeout of one request")
	jsonOut := flag.String("json", "", "write the report as JSON here")
	name := flag.String("name", "verbatim", "name of the run in the report")
	serverPID := flag.Int("server-pid", 0, "the server's process id, to report its CPU time per request")
	flag.Parse()
	if err := stats.CheckLoopback(*target); err != nil {
		fatal("%v", err)
	}
	if *claimsPath == "" {
		fatal("--claims is required")
	}
	if *duration <= 0 || *duration > time.Hour {
		fatal("--duration must be more than 0 and at most 1h")
	}
	if *requests < 0 || *requests > 10_000_000 {
		fatal("--requests must be between 0 and 10,000,000")
	}
	claims, err := jsonl.ReadClaims(*claimsPath)
	if err != nil {
		fatal("%v", err)
	}
	if len(claims) == 0 {
		fatal("no claims in %s", *claimsPath)
	}
	levels, err := stats.ParseLevels(*clientsFlag)
	if err != nil {
		fatal("%v", err)
	}
	bodies := make([][]byte, len(claims))
	for i, c := range claims {
		req := map[string]string{"quote": c.Quote}
		if c.Speaker != "" {
			req["speaker"] = c.Speaker
		}
		bodies[i], _ = json.Marshal(req)
	}
	maxClients := 1
	for _, l := range levels {
		maxClients = max(maxClients, l)
	}
	client := &http.Client{
		Timeout: *timeout,
		Transport: &http.Transport{
			MaxIdleConns:        maxClients * 2,
			MaxIdleConnsPerHost: maxClients * 2,
			IdleConnTimeout:     90 * time.Second,
			DisableCompression:  true,
		},
		// Never follow a redirect (it could point off loopback).
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	url := strings.TrimRight(*target, "/") + "/v1/verify"

	// Warm up connections and caches; a failure here means no server.
	for i := 0; i < *warmup; i++ {
		if _, err := post(context.Background(), client, url, bodies[i%len(bodies)], false); err != nil {
			fatal("warm-up request failed (%v): is the server up at %s?", err, *target)
		}
	}
	q := func(ctx context.Context, w, i int, need bool) (*stats.Outcome, error) {
		return post(ctx, client, url, bodies[i], need)
	}
	var cpu stats.CPU
	if *serverPID > 0 {
		cpu = stats.ProcCPU([]int{*serverPID}, false)
	}
	rep := stats.DriveCPU(*name, claims, q, levels, *requests, *duration, os.Stderr, cpu)
	rep.Target = *target
	stats.PrintTable(os.Stdout, rep)
	if *jsonOut != "" {
		b, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(*jsonOut, append(b, '\n'), 0o644); err != nil {
			fatal("%v", err)
		}
	}
	for _, l := range rep.Levels {
		if l.Errors > 0 {
			fmt.Fprintf(os.Stderr, "loadgen: %d errors at %d client(s): %v\n", l.Errors, l.Clients, l.ErrorKind)
			os.Exit(3)
		}
	}
}

func fatal(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "loadgen: "+format+"\n", a...)
	os.Exit(1)
}

func post(ctx context.Context, client *http.Client, url string, body []byte, decode bool) (*stats.Outcome, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, resp.Body)
		return nil, &stats.KindError{Kind: strconv.Itoa(resp.StatusCode)}
	}
	if !decode {
		_, err = io.Copy(io.Discard, resp.Body)
		return nil, err
	}
	var v verifyResponse
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		return nil, &stats.KindError{Kind: "bad-json"}
	}
	io.Copy(io.Discard, resp.Body)
	o := &stats.Outcome{Verdict: v.Verdict}
	for _, a := range v.Attestations {
		o.IDs = append(o.IDs, a.Source.ID)
	}
	return o, nil
}
