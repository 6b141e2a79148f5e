// Command train learns the weights of the speaker ranker of package
// attribution on the PolNeAR train split:
//
//	go run ./attribution/train --polnear ../shared/data/polnear --out attribution/speaker_model.json
//
// and, with --pdnc, those of its conversation model for novels on the
// first 16 PDNC novels (the last 8 stay held out; see novel.go):
//
//	go run ./attribution/train --pdnc ../shared/data/pdnc --novels 0:16 --out attribution/novel_model.json
//
// For every quotation Extract finds that matches a gold attribution (the
// matching EvalPolNeAR uses), it labels each speaker candidate the ranker
// weighs (rankhook.Candidate) right or wrong against the gold source, and
// trains an averaged perceptron that ranks a right candidate first (the
// weights of --runs perceptrons trained on different shuffles, averaged;
// --cv holds out every fifth article to choose --epochs and --runs on the
// train split alone, and TRAIN_DEBUG=1 breaks the misses down). The
// output holds feature names and weights only, no article text. Training is
// deterministic: the same data gives the same weights.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand"
	"os"
	"sort"

	"github.com/verbatim/verbatim/attribution"
	"github.com/verbatim/verbatim/attribution/evaluate"
	"github.com/verbatim/verbatim/attribution/internal/rankhook"
)

type example struct {
	feats  [][]string
	proper bool // the first candidate gets Extract's proper-name margin
	right  []bool
	names  []string // for TRAIN_DEBUG
	gold   string
}

func main() {
	polnear := flag.String("polnear", "", "PolNeAR root directory")
	out := flag.String("out", "attribution/speaker_model.json", "where to write the weights (with --pdnc: attribution/novel_model.json)")
	epochs := flag.Int("epochs", 6, "training passes")
	cv := flag.Bool("cv", false, "only report the ranker's accuracy on every fifth train article, trained on the others (to choose --epochs/--runs on train alone)")
	runs := flag.Int("runs", 15, "perceptrons trained on different shuffles, their weights averaged")
	margin := flag.Float64("margin", rankhook.ProperMargin, "with --cv: the proper-name margin to score the held-out examples with (Extract's properMargin)")
	pdnc := flag.String("pdnc", "", "PDNC root directory: train the conversation model instead (write it to attribution/novel_model.json)")
	novels := flag.String("novels", "0:16", "with --pdnc: the novels FROM:TO (alphabetical) to train on; the others stay held out")
	flag.Parse()
	if *pdnc != "" {
		set := false
		flag.Visit(func(f *flag.Flag) { set = set || f.Name == "out" })
		if !set {
			*out = "attribution/novel_model.json" // never the speaker ranker's file by default
		}
		trainNovel(*pdnc, *novels, *out, *epochs, *runs, *cv)
		return
	}
	if *polnear == "" {
		fmt.Fprintln(os.Stderr, "train: give --polnear DIR or --pdnc DIR")
		os.Exit(2)
	}
	arts, err := evaluate.LoadPolNeAR(*polnear, "train")
	if err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
	var exs, held []example
	var pairs, oracle, ruleRight int
	for ai, a := range arts {
		var trace []rankhook.Quote
		rankhook.Observe = func(qs []rankhook.Quote) { trace = qs }
		attribution.ExtractChecked(a.Text)
		rankhook.Observe = nil
		for qi, gi := range match(trace, a.Gold) {
			if gi < 0 {
				continue
			}
			q, g := trace[qi], a.Gold[gi]
			ex := example{gold: g.SrcText, proper: q.Cands[0].Proper}
			any := false
			for _, c := range q.Cands {
				ok := false
				if len(g.Source) == 0 {
					ok = c.Start < 0
				} else if c.Start >= 0 {
					ok = evaluate.MentionRight(c.Name, c.Start, c.End, g)
				}
				any = any || ok
				ex.feats = append(ex.feats, c.Feats)
				ex.right = append(ex.right, ok)
				ex.names = append(ex.names, c.Name)
			}
			if len(g.Source) == 0 {
				if q.Cands[0].Start >= 0 {
					continue // the rules found a speaker where the gold has none: not the ranker's business
				}
			} else {
				pairs++
				if any {
					oracle++
				} else if os.Getenv("TRAIN_DEBUG") != "" {
					fmt.Fprintf(os.Stderr, "MISS %q | %s\n", g.SrcText, q.Cands[0].Name)
				}
				if ex.right[0] {
					ruleRight++
				}
			}
			if any && len(ex.feats) > 1 {
				if *cv && ai%5 == 0 {
					held = append(held, ex)
				} else {
					exs = append(exs, ex)
				}
			}
		}
	}
	fmt.Printf("train: %d articles, %d speaker pairs, rules right %.3f, some candidate right %.3f, %d examples\n",
		len(arts), pairs, float64(ruleRight)/float64(pairs), float64(oracle)/float64(pairs), len(exs))
	w := averaged(exs, *epochs, *runs)
	if *cv {
		right := 0
		for _, ex := range held {
			p := argmaxMargin(w, ex, *margin)
			if ex.right[p] {
				right++
			} else if os.Getenv("TRAIN_DEBUG") != "" {
				// a held-out miss: the pick and the right candidates, with
				// their kinds (R rules, N name, P pronoun, F frame) and scores
				var rs []string
				for k := range ex.right {
					if ex.right[k] {
						rs = append(rs, fmt.Sprintf("%s:%s:%.1f", typOf(ex.feats[k]), ex.names[k], score(w, ex.feats[k])))
					}
				}
				fmt.Fprintf(os.Stderr, "CVMISS gold=%q got=%s:%q:%.1f right=%q\n", ex.gold, typOf(ex.feats[p]), ex.names[p], score(w, ex.feats[p]), rs)
			}
		}
		fmt.Printf("cv: ranker right on %d/%d held-out examples (%.4f)\n", right, len(held), float64(right)/float64(len(held)))
		return
	}
	right := 0
	for _, ex := range exs {
		if ex.right[argmax(w, ex.feats)] {
			right++
		}
	}
	fmt.Printf("train: ranker right on %d/%d examples with a choice\n", right, len(exs))
	if os.Getenv("TRAIN_DEBUG") != "" {
		// how the ranker's misses split: a right rules' choice overturned,
		// a wrong one kept, a wrong one replaced by another wrong one
		var lost, kept, swapped int
		for _, ex := range exs {
			p := argmax(w, ex.feats)
			switch {
			case ex.right[p]:
			case ex.right[0]:
				lost++
			case p == 0:
				kept++
				if kept%8 == 0 {
					var rs []string
					for k := range ex.right {
						if ex.right[k] {
							rs = append(rs, ex.names[k]+" "+ex.feats[k][len(ex.feats[k])-1])
						}
					}
					fmt.Fprintf(os.Stderr, "KEPT gold=%q rule=%q right=%q\n", ex.gold, ex.names[0], rs)
				}
			default:
				swapped++
			}
		}
		fmt.Fprintf(os.Stderr, "misses: rules right overturned %d, rules wrong kept %d, wrong for wrong %d\n", lost, kept, swapped)
	}
	writeWeights(w, *out, "speaker ranker weights (averaged perceptron on PolNeAR train); regenerate with: go run ./attribution/train --polnear ../shared/data/polnear --out attribution/speaker_model.json")
}

// writeWeights rounds the weights to four decimals, drops those that
// round to nothing and writes them as JSON with a line saying how to
// regenerate them; on failure the command exits.
func writeWeights(w map[string]float64, out, about string) {
	for k, v := range w {
		if math.Abs(v) < 1e-4 {
			delete(w, k)
		} else {
			w[k] = math.Round(v*1e4) / 1e4
		}
	}
	b, err := json.MarshalIndent(struct {
		About   string             `json:"about"`
		Weights map[string]float64 `json:"weights"`
	}{about, w}, "", "  ")
	if err == nil {
		err = os.WriteFile(out, append(b, '\n'), 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
	fmt.Printf("train: %d weights written to %s\n", len(w), out)
}

// match pairs quotations with gold attributions one to one, greedily by
// overlap, when the overlap is at least half the shorter span.
func match(qs []rankhook.Quote, gold []evaluate.GoldAttribution) []int {
	type pr struct{ p, g, ov int }
	var ps []pr
	for pi, q := range qs {
		for gi, g := range gold {
			ov, gl := evaluate.ContentOverlap(q.Start, q.End, g)
			if ov > 0 && 2*ov >= min(q.End-q.Start, gl) {
				ps = append(ps, pr{pi, gi, ov})
			}
		}
	}
	sort.SliceStable(ps, func(i, k int) bool { return ps[i].ov > ps[k].ov })
	pm := make([]int, len(qs))
	for i := range pm {
		pm[i] = -1
	}
	gm := make([]bool, len(gold))
	for _, p := range ps {
		if pm[p.p] < 0 && !gm[p.g] {
			pm[p.p], gm[p.g] = p.g, true
		}
	}
	return pm
}

func score(w map[string]float64, fs []string) float64 {
	s := 0.0
	for _, f := range fs {
		s += w[f]
	}
	return s
}

// argmax picks the best candidate, the first (the rules' choice) on ties, as Extract does.
func argmax(w map[string]float64, feats [][]string) int {
	best, bs := 0, score(w, feats[0])
	for k := 1; k < len(feats); k++ {
		if s := score(w, feats[k]); s > bs {
			best, bs = k, s
		}
	}
	return best
}

// averaged trains runs perceptrons on different shuffles of exs and
// averages their weights.
func averaged(exs []example, epochs, runs int) map[string]float64 {
	w := map[string]float64{}
	for run := 0; run < runs; run++ {
		for f, v := range train(exs, epochs, int64(run+1)) {
			w[f] += v / float64(runs)
		}
	}
	return w
}

// train runs an averaged perceptron over the examples in a fixed shuffled order.
func train(exs []example, epochs int, seed int64) map[string]float64 {
	w := map[string]float64{}
	acc := map[string]float64{} // sum over updates of step*delta, for averaging
	step := 1.0
	rng := rand.New(rand.NewSource(seed))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, k int) { order[i], order[k] = order[k], order[i] })
		for _, i := range order {
			ex := exs[i]
			p := argmax(w, ex.feats)
			if !ex.right[p] {
				g, gs := -1, 0.0
				for k := range ex.feats {
					if ex.right[k] {
						if s := score(w, ex.feats[k]); g < 0 || s > gs {
							g, gs = k, s
						}
					}
				}
				for _, f := range ex.feats[g] {
					w[f]++
					acc[f] += step
				}
				for _, f := range ex.feats[p] {
					w[f]--
					acc[f] -= step
				}
			}
			step++
		}
	}
	avg := make(map[string]float64, len(w))
	for f, v := range w {
		avg[f] = v - acc[f]/step
	}
	return avg
}

// typOf returns the kind of candidate (R, N, P or F) its conjoined features name.
func typOf(fs []string) string {
	for _, f := range fs {
		if len(f) > 2 && f[1] == '&' {
			return f[:1]
		}
	}
	return "?"
}

// argmaxMargin is argmax with the rules' proper-name margin, as Extract scores.
func argmaxMargin(w map[string]float64, ex example, margin float64) int {
	best, bs := 0, score(w, ex.feats[0])
	if ex.proper {
		bs += margin
	}
	for k := 1; k < len(ex.feats); k++ {
		if s := score(w, ex.feats[k]); s > bs {
			best, bs = k, s
		}
	}
	return best
}
