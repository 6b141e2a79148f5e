package claims

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/archive"
	"github.com/verbatim/verbatim/attribution"
	"github.com/verbatim/verbatim/index"
	"github.com/verbatim/verbatim/normalize"
	"github.com/verbatim/verbatim/verify"
)

// Setup says what to evaluate.
type Setup struct {
	// Dir is the PolNeAR folder; Split is train or dev.
	Dir, Split string
	Options
	// Verify is the verification configuration under test.
	Verify verify.Config
	// TempDir holds the throwaway index; "" means os.MkdirTemp.
	TempDir string
}

// Env is an index of a workload's articles behind a real archive, as
// production builds it.
type Env struct {
	Workload *Workload
	Archive  *archive.Archive
	Index    *index.Index
	Registry archive.Registry
	dir      string
	own      bool
	split    string
	seed     uint64
}

// Open loads the split, generates the workload and ingests its indexed
// articles into a fresh index through archive.Ingest, with the production
// extractor and speaker registry.
func Open(ctx context.Context, s Setup) (*Env, error) {
	arts, err := LoadSplit(s.Dir, s.Split)
	if err != nil {
		return nil, err
	}
	w := Generate(arts, s.Options)
	srcs := make([]verbatim.Source, len(w.Indexed))
	for i, a := range w.Indexed {
		srcs[i] = a.Source
	}
	env, err := Ingest(ctx, s.TempDir, srcs, s.Verify)
	if err != nil {
		return nil, err
	}
	env.Workload = w
	env.split, env.seed = s.Split, s.Seed
	return env, nil
}

// Ingest builds an archive over a fresh index in dir ("" for a temporary
// directory that Close removes) and ingests srcs in one batch.
func Ingest(ctx context.Context, dir string, srcs []verbatim.Source, cfg verify.Config) (*Env, error) {
	own := false
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "verbatim-claims-"); err != nil {
			return nil, fmt.Errorf("claims: %w", err)
		}
		own = true
	}
	ix, err := index.Open(dir)
	if err != nil {
		if own {
			os.RemoveAll(dir)
		}
		return nil, err
	}
	reg := attribution.NewRegistry()
	env := &Env{Index: ix, Registry: reg, dir: dir, own: own}
	env.Archive = archive.New(ix, reg, attribution.ExtractChecked, cfg) // a bug panics here rather than scoring as missing quotations
	if _, err := env.Archive.Ingest(ctx, srcs); err != nil {
		env.Close()
		return nil, fmt.Errorf("claims: ingest: %w", err)
	}
	return env, nil
}

// Close closes the index and removes it when Open created its directory.
func (e *Env) Close() error {
	err := e.Index.Close()
	if e.own {
		os.RemoveAll(e.dir)
	}
	return err
}

// Score verifies the workload's claims with cfg over the env's index.
func (e *Env) Score(ctx context.Context, cfg verify.Config) (*Report, error) {
	v := verify.New(e.Index, e.Registry, cfg)
	r, err := Score(ctx, v, e.Index, e.Registry, e.Workload.Claims)
	if err != nil {
		return nil, err
	}
	r.Split, r.Seed = e.split, e.seed
	r.Indexed, r.HeldOut = len(e.Workload.Indexed), len(e.Workload.HeldOut)
	return r, nil
}

// Profile is how close the best near wording of claims of one kind is,
// measured with no altered threshold: what the threshold must separate.
type Profile struct {
	Kind string `json:"kind"`
	N    int    `json:"n"`
	// Quantiles of the best near similarity (0 when no candidate shares
	// half the claim's words): min, 5%, 25%, 50%, 75%, 95%, max.
	Quantiles [7]float64 `json:"quantiles"`
	// ShortN and ShortMax are the count and best similarity of claims
	// under 8 words, where one word changes most.
	ShortN   int     `json:"short_n"`
	ShortMax float64 `json:"short_max"`
	ShortMin float64 `json:"short_min"`
	// Altered is, for thresholds 0.70, 0.75 and 0.80, the share of claims
	// whose best similarity is at least the threshold but under 1: the
	// claims that would be called altered (for not_indexed ones wrongly,
	// for swapped and inserted ones rightly).
	Altered [3]float64 `json:"altered_at_070_075_080"`
	// Values holds every similarity, sorted.
	Values []float64 `json:"-"`
}

// Thresholds are the AlteredThreshold values Profile.Altered is given for.
var Thresholds = [3]float64{0.70, 0.75, 0.80}

// Profiles measures the best near similarity of the swapped, inserted and
// not_indexed claims, verifying them with AlteredThreshold 0 and
// MinNearWords 1 so that the closest wording always shows. It adds the
// first 4, 5, 6, 7 and 8 words of each not_indexed claim as kinds
// "not_indexed@N": short unrelated claims are what MinNearWords guards
// against, since one word changed in N words gives (N-1)/N.
func (e *Env) Profiles(ctx context.Context, cfg verify.Config) ([]Profile, error) {
	cfg.AlteredThreshold, cfg.MinNearWords = 0, 1
	v := verify.New(e.Index, e.Registry, cfg)
	best := func(q string) (float64, error) {
		res, err := v.Verify(ctx, verbatim.Claim{Quote: q})
		if err != nil {
			return 0, err
		}
		sim := 0.0
		for _, a := range res.Attestations {
			sim = max(sim, a.Similarity)
		}
		return sim, nil
	}
	var out []Profile
	for _, kind := range []string{KindSwapped, KindInserted, KindNotIndexed, "not_indexed@4", "not_indexed@5", "not_indexed@6", "not_indexed@7", "not_indexed@8"} {
		base, prefix := kind, 0
		if k, n, ok := strings.Cut(kind, "@"); ok {
			base = k
			prefix, _ = strconv.Atoi(n)
		}
		p := Profile{Kind: kind, ShortMin: 1}
		for _, c := range e.Workload.Claims {
			if c.Kind != base {
				continue
			}
			q := c.Quote
			if prefix > 0 {
				ws := normalize.Words(q)
				if len(ws) < prefix {
					continue
				}
				q = q[:ws[prefix-1].End]
			}
			sim, err := best(q)
			if err != nil {
				return nil, err
			}
			p.Values = append(p.Values, sim)
			if c.Words < 8 && prefix == 0 {
				p.ShortN++
				p.ShortMax = max(p.ShortMax, sim)
				p.ShortMin = min(p.ShortMin, sim)
			}
		}
		if p.ShortN == 0 {
			p.ShortMin = 0
		}
		sort.Float64s(p.Values)
		p.N = len(p.Values)
		for i, q := range []float64{0, 0.05, 0.25, 0.5, 0.75, 0.95, 1} {
			p.Quantiles[i] = quantile(p.Values, q)
		}
		for i, t := range Thresholds {
			n := 0
			for _, v := range p.Values {
				if v >= t && v < 1 {
					n++
				}
			}
			if p.N > 0 {
				p.Altered[i] = float64(n) / float64(p.N)
			}
		}
		out = append(out, p)
	}
	return out, nil
}

func quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted)-1) + 0.5)
	return sorted[i]
}
