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
	dir, own := s.TempDir, false
	if dir == "" {
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
	reg := newRegistry()
	env := &Env{Workload: w, Index: ix, Registry: reg, dir: dir, own: own}
	env.Archive = archive.New(ix, reg, attribution.Extract, s.Verify)
	srcs := make([]verbatim.Source, len(w.Indexed))
	for i, a := range w.Indexed {
		srcs[i] = a.Source
	}
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
	// Values holds every similarity, sorted.
	Values []float64 `json:"-"`
}

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
		if len(res.Attestations) > 0 && res.Attestations[0].Match == verbatim.MatchNear {
			return res.Attestations[0].Similarity, nil
		}
		if len(res.Attestations) > 0 {
			return 1, nil
		}
		return 0, nil
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
