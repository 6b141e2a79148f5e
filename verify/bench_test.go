package verify_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/corpus"
	"github.com/verbatim/verbatim/verify"
	"github.com/verbatim/verbatim/verify/claims"
)

// polnearDir is the shared PolNeAR data, relative to this package.
var polnearDir = filepath.Join("..", "..", "shared", "data", "polnear")

// benchEnv is the seed corpus and PolNeAR train and dev (but the dev
// articles held out for unattested claims) in one real index, built once
// for every benchmark of the run.
var benchEnv struct {
	once   sync.Once
	env    *claims.Env
	claims map[string][]verbatim.Claim
	err    error
}

// TestMain removes the benchmarks' index once every test and benchmark ran.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchEnv.env != nil {
		benchEnv.env.Close()
	}
	os.Exit(code)
}

func loadBench(b *testing.B) (*claims.Env, map[string][]verbatim.Claim) {
	b.Helper()
	if _, err := os.Stat(polnearDir); err != nil {
		b.Skipf("PolNeAR data not found at %s", polnearDir)
	}
	benchEnv.once.Do(func() {
		ctx := context.Background()
		srcs, err := corpus.Default()
		if err != nil {
			benchEnv.err = err
			return
		}
		train, err := claims.LoadSplit(polnearDir, "train")
		if err != nil {
			benchEnv.err = err
			return
		}
		dev, err := claims.LoadSplit(polnearDir, "dev")
		if err != nil {
			benchEnv.err = err
			return
		}
		w := claims.Generate(dev, claims.Options{PerKind: 200, Seed: 1})
		for _, a := range append(train, w.Indexed...) {
			srcs = append(srcs, a.Source)
		}
		env, err := claims.Ingest(ctx, "", srcs, verify.DefaultConfig)
		if err != nil {
			benchEnv.err = err
			return
		}
		benchEnv.env = env
		benchEnv.claims = map[string][]verbatim.Claim{}
		for _, c := range w.Claims {
			var group string
			switch c.Kind {
			case claims.KindExact, claims.KindFragment:
				group = "exact"
			case claims.KindSwapped, claims.KindInserted:
				group = "near"
			case claims.KindNotIndexed:
				group = "unattested"
			default:
				continue
			}
			benchEnv.claims[group] = append(benchEnv.claims[group], verbatim.Claim{Quote: c.Quote, Speaker: c.Speaker})
		}
	})
	if benchEnv.err != nil {
		b.Fatal(benchEnv.err)
	}
	return benchEnv.env, benchEnv.claims
}

// BenchmarkVerify verifies claims one at a time in process against about
// 900 articles: exact (whole quotations and fragments), near (a word
// swapped or added: the altered path) and unattested (quotations of
// articles that are not indexed: the near search that finds nothing). It
// reports the median and 95th percentile latency besides the mean.
func BenchmarkVerify(b *testing.B) {
	env, groups := loadBench(b)
	v := verify.New(env.Index, env.Registry, verify.DefaultConfig)
	ctx := context.Background()
	for _, name := range []string{"exact", "near", "unattested"} {
		cs := groups[name]
		b.Run(name, func(b *testing.B) {
			if len(cs) == 0 {
				b.Skip("no claims")
			}
			b.ReportAllocs()
			var lat []time.Duration
			i := 0
			for b.Loop() {
				t := time.Now()
				if _, err := v.Verify(ctx, cs[i%len(cs)]); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t))
				i++
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds()), "p50-ns")
			b.ReportMetric(float64(lat[len(lat)*95/100].Nanoseconds()), "p95-ns")
		})
	}
}
