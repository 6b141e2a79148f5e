package verify

import (
	"sort"
	"strings"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/align"
	"github.com/verbatim/verbatim/normalize"
)

// minClauseWords is the shortest clause aligned on its own: shorter ones
// are close to too much to say where they come from.
const minClauseWords = 3

// clauses cuts a claim's words where its text has clause punctuation
// (, ; : – — ( ) and the like) between two words, or before "and" / "but".
// It returns word ranges [from, to); a claim with one clause gives one range.
func clauses(quote string, words []normalize.Word) [][2]int {
	var out [][2]int
	from := 0
	for i := 1; i < len(words); i++ {
		gap := quote[words[i-1].End:words[i].Start]
		cut := strings.ContainsAny(gap, ",;:()–—") || strings.Contains(gap, " - ") ||
			words[i].Norm == "and" || words[i].Norm == "but"
		if cut && i-from >= minClauseWords && len(words)-i >= minClauseWords {
			out = append(out, [2]int{from, i})
			from = i
		}
	}
	return append(out, [2]int{from, len(words)})
}

// reordered matches a claim whose clauses all occur, each closely, in one
// region of the source but in another order ("reordered clauses"), which a
// single alignment scores far below the threshold. Every clause must reach
// the altered threshold on its own, the windows must not overlap, and they
// must lie within one quotation or, in narration, close together. The
// similarity is the clauses' mean weighted by length, less a tenth for the
// reordering, so an exact wording always ranks above it.
func (v *Verifier) reordered(all []string, cl [][2]int, doc *verbatim.Document, words []normalize.Word, norms []string) (candidate, bool) {
	if len(cl) < 2 {
		return candidate{}, false
	}
	type win struct {
		clause     int
		start, end int
		sim        float64
		steps      []align.Step
	}
	wins := make([]win, 0, len(cl))
	for k, c := range cl {
		a, ok := align.NearMin(all[c[0]:c[1]], norms, v.cfg.AlteredThreshold)
		if !ok || a.Similarity < v.cfg.AlteredThreshold || a.End <= a.Start {
			return candidate{}, false
		}
		for i := range a.Steps {
			a.Steps[i].ClaimFrom += c[0]
			a.Steps[i].ClaimTo += c[0]
		}
		wins = append(wins, win{clause: k, start: a.Start, end: a.End, sim: a.Similarity, steps: a.Steps})
	}
	bySource := append([]win(nil), wins...)
	sort.Slice(bySource, func(i, j int) bool { return bySource[i].start < bySource[j].start })
	inOrder := true
	for i := 1; i < len(bySource); i++ {
		if bySource[i].start < bySource[i-1].end {
			return candidate{}, false
		}
		if bySource[i].clause < bySource[i-1].clause {
			inOrder = false
		}
	}
	if inOrder {
		// Clauses in the claim's order are the single alignment's job.
		return candidate{}, false
	}
	ws, we := bySource[0].start, bySource[len(bySource)-1].end
	if !sameQuotation(doc, words, ws, we) && we-ws > 2*len(all)+10 {
		return candidate{}, false
	}
	var sum float64
	var steps []align.Step
	for k, w := range wins {
		sum += w.sim * float64(cl[k][1]-cl[k][0])
		steps = append(steps, w.steps...)
	}
	sim := sum/float64(len(all)) - 0.1
	if sim < v.cfg.AlteredThreshold {
		return candidate{}, false
	}
	return candidate{doc: doc, words: words, ws: ws, we: we, match: verbatim.MatchNear, similarity: sim, steps: steps}, true
}

// sameQuotation reports whether source words [ws, we) lie in one quotation.
func sameQuotation(doc *verbatim.Document, words []normalize.Word, ws, we int) bool {
	for _, q := range doc.Quotations {
		qa, qb := wordRange(words, q.Start, q.End)
		if qa <= ws && we <= qb {
			return true
		}
	}
	return false
}
