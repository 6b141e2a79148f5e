package main

import (
	"fmt"
	"os"
	"sort"

	"github.com/verbatim/verbatim/attribution"
	"github.com/verbatim/verbatim/attribution/evaluate"
	"github.com/verbatim/verbatim/attribution/internal/rankhook"
)

// trainNovel learns the conversation model of package attribution on the
// PDNC novels in span ("0:16"): for every direct quotation of a novel that
// matches a gold quotation (EvalPDNC's matching), each candidate the model
// weighs (rankhook.ObserveNovel) is right when its name or mention is the
// gold character's. With cv it trains on three novels in four and reports
// the model's accuracy on the fourth, to choose --epochs and --runs on the
// training novels alone.
func trainNovel(root, span, out string, epochs, runs int, cv bool) {
	var from, to int
	if _, err := fmt.Sscanf(span, "%d:%d", &from, &to); err != nil || to <= from {
		fmt.Fprintf(os.Stderr, "train: --novels wants FROM:TO, got %q\n", span)
		os.Exit(2)
	}
	novels, err := evaluate.LoadPDNC(root, from, to)
	if err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
	var exs, held []example
	var quotes, oracle, ruleRight int
	stats := map[string]*[3]int{} // for TRAIN_DEBUG: gold type and kind → quotations, some candidate right, rules right
	for ni, n := range novels {
		var trace []rankhook.Quote
		rankhook.ObserveNovel = func(qs []rankhook.Quote) { trace = qs }
		attribution.ExtractChecked(n.Text)
		rankhook.ObserveNovel = nil
		starts, ends := make([]int, len(trace)), make([]int, len(trace))
		for i, q := range trace {
			starts[i], ends[i] = q.Start, q.End
		}
		gm := n.Match(starts, ends)
		golds := make([]int, 0, len(gm))
		for gi := range gm {
			golds = append(golds, gi)
		}
		sort.Ints(golds) // in text order: the same data gives the same weights
		for _, gi := range golds {
			q := trace[gm[gi]]
			ex := example{gold: n.Quotes[gi].Speaker}
			any := false
			for _, c := range q.Cands {
				ok := c.Start >= 0 && n.SpeakerRight(gi, c.Name, n.Text[c.Start:c.End]) // -1: the stand-in for no speaker
				any = any || ok
				ex.feats = append(ex.feats, c.Feats)
				ex.right = append(ex.right, ok)
				ex.names = append(ex.names, c.Name)
			}
			quotes++
			if os.Getenv("TRAIN_DEBUG") != "" {
				k := n.Quotes[gi].Type + " " + q.Cands[0].Feats[1]
				if stats[k] == nil {
					stats[k] = &[3]int{}
				}
				stats[k][0]++
				if any {
					stats[k][1]++
				}
				if ex.right[0] {
					stats[k][2]++
				}
			}
			if any {
				oracle++
			}
			if ex.right[0] {
				ruleRight++
			}
			if !any {
				continue
			}
			if cv && ni%4 == 0 {
				held = append(held, ex)
			} else {
				exs = append(exs, ex)
			}
		}
	}
	for _, k := range sortedKeys(stats) {
		v := stats[k]
		fmt.Printf("  %-14s %6d  oracle %.3f  rules %.3f\n", k, v[0], ratio(v[1], v[0]), ratio(v[2], v[0]))
	}
	fmt.Printf("train: %d novels, %d quotations weighed, rules right %.3f, some candidate right %.3f, %d examples\n",
		len(novels), quotes, ratio(ruleRight, quotes), ratio(oracle, quotes), len(exs))
	w := averaged(exs, epochs, runs)
	check := func(name string, set []example) {
		right, rule := 0, 0
		for _, ex := range set {
			if ex.right[argmax(w, ex.feats)] {
				right++
			}
			if ex.right[0] {
				rule++
			}
		}
		fmt.Printf("%s: model right on %d/%d examples (%.4f), rules %d (%.4f)\n", name, right, len(set), ratio(right, len(set)), rule, ratio(rule, len(set)))
		if os.Getenv("TRAIN_DEBUG") == "" {
			return
		}
		// by the quotation's kind (the rules' feature "R<kind><inherited>")
		type tally struct{ n, rule, model int }
		by := map[string]*tally{}
		for _, ex := range set {
			k := ex.feats[0][1]
			if by[k] == nil {
				by[k] = &tally{}
			}
			by[k].n++
			if ex.right[0] {
				by[k].rule++
			}
			if p := argmax(w, ex.feats); ex.right[p] {
				by[k].model++
			}
		}
		for _, k := range sortedKeys(by) {
			t := by[k]
			fmt.Printf("  %-4s %6d  rules %.3f  model %.3f\n", k, t.n, ratio(t.rule, t.n), ratio(t.model, t.n))
		}
	}
	if cv {
		check("cv held-out", held)
		for _, m := range []float64{0, 1, 2, 3, 5, 8} {
			right := 0
			for _, ex := range held {
				ex.proper = true
				if ex.right[argmaxMargin(w, ex, m)] {
					right++
				}
			}
			fmt.Printf("cv held-out with margin %.0f for the rules: %.4f\n", m, ratio(right, len(held)))
		}
		return
	}
	check("train", exs)
	writeWeights(w, out, "conversation model weights (averaged perceptron on PDNC novels "+span+"); regenerate with: go run ./attribution/train --pdnc ../shared/data/pdnc --novels "+span+" --out attribution/novel_model.json")
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
