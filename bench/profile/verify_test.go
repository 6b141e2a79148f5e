// Package profile holds Go benchmarks of Verbatim's verify and ingest paths
// over a real index, for CPU and heap profiles (the server exposes no
// pprof). It is its own module (replace => ../../) so that the product's
// churn never breaks the bench tools, and the product's go.mod is untouched.
//
//	cd bench/profile
//	VERBATIM_BENCH_INDEX=../out/run-X/main/data VERBATIM_BENCH_CLAIMS=../out/run-X/claims.jsonl \
//	  GOFLAGS=-mod=mod go test -run '^$' -bench 'Verify' -benchtime 2000x \
//	  -cpuprofile cpu.prof -memprofile mem.prof
//	go tool pprof -top -nodecount 40 profile.test cpu.prof
//
// The index directory must not be in use (stop `verbatim serve` first).
// BenchmarkExtract and BenchmarkIngest need VERBATIM_BENCH_CORPUS (a corpus
// .jsonl file); VERBATIM_BENCH_LIMIT takes its first N sources.
package profile

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/api"
	"github.com/verbatim/verbatim/archive"
	"github.com/verbatim/verbatim/attribution"
	"github.com/verbatim/verbatim/index"
	"github.com/verbatim/verbatim/verify"
)

type claim struct {
	Kind    string `json:"kind"`
	Quote   string `json:"quote"`
	Speaker string `json:"speaker"`
}

func env(b *testing.B, name string) string {
	v := os.Getenv(name)
	if v == "" {
		b.Skipf("set %s", name)
	}
	return v
}

func readLines[T any](b *testing.B, path string) []T { return readLinesT[T](b, path) }

func readLinesT[T any](b testing.TB, path string) []T {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var out []T
	limit, _ := strconv.Atoi(os.Getenv("VERBATIM_BENCH_LIMIT"))
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		if limit > 0 && len(out) >= limit {
			break
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			b.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

func claims(b *testing.B) []claim {
	cs := readLines[claim](b, env(b, "VERBATIM_BENCH_CLAIMS"))
	if k := os.Getenv("VERBATIM_BENCH_KIND"); k != "" {
		var keep []claim
		for _, c := range cs {
			if strings.Contains(","+k+",", ","+c.Kind+",") {
				keep = append(keep, c)
			}
		}
		cs = keep
	}
	if len(cs) == 0 {
		b.Skip("no claims")
	}
	return cs
}

func open(b *testing.B) (*archive.Archive, func()) {
	ix, a := openT(b, env(b, "VERBATIM_BENCH_INDEX"))
	return a, func() { ix.Close() }
}

func openT(b testing.TB, dir string) (*index.Index, *archive.Archive) {
	ix, err := index.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	return ix, archive.New(ix, attribution.NewRegistry(), attribution.Extract, verify.DefaultConfig)
}

// BenchmarkVerify is the verify path without HTTP.
func BenchmarkVerify(b *testing.B) {
	cs := claims(b)
	a, done := open(b)
	defer done()
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := cs[i%len(cs)]
		if _, err := a.Verify(ctx, verbatim.Claim{Quote: c.Quote, Speaker: c.Speaker}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyHandler is POST /v1/verify through the real router and
// middleware (request id, logging, body limit), without the network.
func BenchmarkVerifyHandler(b *testing.B) {
	cs := claims(b)
	a, done := open(b)
	defer done()
	// As serve does: JSON request logs (to nowhere here, so the cost of
	// formatting them is measured but not the terminal's).
	slog.SetDefault(slog.New(slog.NewJSONHandler(io.Discard, nil)))
	srv := api.New(api.Config{})
	srv.SetArchive(a)
	h := srv.Handler()
	bodies := make([][]byte, len(cs))
	for i, c := range cs {
		bodies[i], _ = json.Marshal(map[string]string{"quote": c.Quote, "speaker": c.Speaker})
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req := httptest.NewRequest(http.MethodPost, "/v1/verify", bytes.NewReader(bodies[i%len(bodies)]))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rec.Code, rec.Body.String())
		}
	}
}

// BenchmarkExtract is quotation extraction over a corpus (ingest's CPU).
func BenchmarkExtract(b *testing.B) {
	srcs := readLines[verbatim.Source](b, env(b, "VERBATIM_BENCH_CORPUS"))
	var bytes int64
	for _, s := range srcs {
		bytes += int64(len(s.Text))
	}
	b.SetBytes(bytes / int64(len(srcs)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		attribution.Extract(srcs[i%len(srcs)].Text)
	}
}

// BenchmarkIngest is extraction plus the index write, in batches of 512
// like `verbatim ingest`, into a fresh index.
func BenchmarkIngest(b *testing.B) {
	srcs := readLines[verbatim.Source](b, env(b, "VERBATIM_BENCH_CORPUS"))
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		ix, err := index.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		a := archive.New(ix, attribution.NewRegistry(), attribution.Extract, verify.DefaultConfig)
		b.StartTimer()
		for j := 0; j < len(srcs); j += 512 {
			chunk := srcs[j:min(len(srcs), j+512)]
			docs := make([]*verbatim.Document, len(chunk))
			archive.ParallelEach(len(chunk), func(k int) {
				d, err := a.Prepare(chunk[k])
				if err != nil {
					b.Error(err)
				}
				docs[k] = d
			})
			if _, err := a.Store(docs); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		ix.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(len(srcs))*float64(b.N)/b.Elapsed().Seconds(), "sources/s")
}
