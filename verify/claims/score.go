package claims

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/normalize"
)

// Verifier answers claims: archive.Archive and verify.Verifier both do.
type Verifier interface {
	Verify(ctx context.Context, c verbatim.Claim) (*verbatim.Verification, error)
}

// Docs gives the indexed documents with the quotations extraction found.
type Docs interface {
	Get(id string) (*verbatim.Document, bool)
}

// Speakers matches a claimed name against a mention, as the verifier does.
type Speakers interface {
	Matches(claimed string, m *verbatim.Mention) bool
}

// Causes of a wrong verdict. Verification depends on extraction having
// found the quotation and its speaker; a wrong verdict is blamed on
// extraction only when the indexed document shows extraction got the gold
// span wrong, and on verification otherwise.
const (
	// CauseNoQuotation: an attested or misattributed claim came out
	// unattributed and no extracted quotation holds the gold words.
	CauseNoQuotation = "extraction: no quotation"
	// CauseSpeaker: an extracted quotation holds the words, but its speaker
	// is wrong or missing (attested expected: no holding quotation's speaker
	// or relayer matches; misattributed expected: one matches the wrong
	// name, or none has a speaker at all).
	CauseSpeaker = "extraction: speaker"
	// CauseRegistry: an extracted quotation holds the words and its speaker
	// carries the claimed name as its last word (name or mention), yet the
	// speaker registry says the claimed name is someone else: a bare
	// surname resolved to a namesake, or two entities not merged.
	CauseRegistry = "registry: name not matched"
	// CauseExtraQuotation: a narration sentence came out quoted because
	// extraction found a quotation over it (or gold missed one).
	CauseExtraQuotation = "extraction: quotation in narration"
	// CauseVerification: anything else.
	CauseVerification = "verification"
)

// Result is one claim's outcome.
type Result struct {
	Claim
	Got string `json:"got"`
	// FirstSource is the source of the first attestation.
	FirstSource string `json:"first_source,omitempty"`
	// SourceFirst tells whether the first attestation is in the claim's
	// article (for not_indexed: whether there is no attestation).
	SourceFirst bool `json:"source_first"`
	// Similarity is the first attestation's similarity, 0 without one.
	Similarity float64 `json:"similarity"`
	Match      string  `json:"match,omitempty"`
	Cause      string  `json:"cause,omitempty"`
}

// KindStats sums up one kind of claim.
type KindStats struct {
	Kind        string         `json:"kind"`
	Expected    string         `json:"expected"`
	N           int            `json:"n"`
	Correct     int            `json:"correct"`
	Accuracy    float64        `json:"accuracy"`
	SourceFirst float64        `json:"source_first"`
	Causes      map[string]int `json:"causes"`
}

// Report is the outcome of a workload.
type Report struct {
	Split   string      `json:"split"`
	Seed    uint64      `json:"seed"`
	Indexed int         `json:"indexed_articles"`
	HeldOut int         `json:"held_out_articles"`
	Kinds   []KindStats `json:"kinds"`
	// Confusion counts verdicts by kind: Confusion[kind][verdict].
	Confusion map[string]map[string]int `json:"confusion"`
	// Extraction and Verification count wrong verdicts by blame.
	Extraction   int `json:"extraction_errors"`
	Verification int `json:"verification_errors"`
	// Violations counts answers that break the SPEC's invariants (see
	// checkContract), with a few examples.
	Violations        int      `json:"contract_violations"`
	ViolationExamples []string `json:"contract_violation_examples,omitempty"`
	Results           []Result `json:"results,omitempty"`
}

// Score verifies every claim and sums up the outcome by kind.
func Score(ctx context.Context, v Verifier, docs Docs, speakers Speakers, cs []Claim) (*Report, error) {
	r := &Report{Confusion: map[string]map[string]int{}}
	stats := map[string]*KindStats{}
	for _, k := range Kinds {
		stats[k] = &KindStats{Kind: k, Expected: Expected[k], Causes: map[string]int{}}
		r.Confusion[k] = map[string]int{}
	}
	firsts := map[string]int{}
	for _, c := range cs {
		res, err := v.Verify(ctx, verbatim.Claim{Quote: c.Quote, Speaker: c.Speaker})
		if err != nil {
			return nil, fmt.Errorf("claims: verify %q: %w", c.Quote, err)
		}
		if msg := checkContract(res, docs); msg != "" {
			r.Violations++
			if len(r.ViolationExamples) < 5 {
				r.ViolationExamples = append(r.ViolationExamples, fmt.Sprintf("%q: %s", c.Quote, msg))
			}
		}
		out := Result{Claim: c, Got: res.Verdict}
		if len(res.Attestations) > 0 {
			a := res.Attestations[0]
			out.FirstSource, out.Similarity, out.Match = a.Source.ID, a.Similarity, a.Match
		}
		if c.Kind == KindNotIndexed {
			out.SourceFirst = len(res.Attestations) == 0
		} else {
			out.SourceFirst = out.FirstSource == c.SourceID
		}
		if out.Got != c.Verdict {
			out.Cause = blame(c, res.Verdict, docs, speakers)
		}
		st, ok := stats[c.Kind]
		if !ok {
			st = &KindStats{Kind: c.Kind, Expected: c.Verdict, Causes: map[string]int{}}
			stats[c.Kind] = st
			r.Confusion[c.Kind] = map[string]int{}
		}
		st.N++
		r.Confusion[c.Kind][out.Got]++
		if out.Cause == "" {
			st.Correct++
		} else {
			st.Causes[out.Cause]++
			if out.Cause == CauseVerification {
				r.Verification++
			} else {
				r.Extraction++
			}
		}
		if out.SourceFirst {
			firsts[c.Kind]++
		}
		r.Results = append(r.Results, out)
	}
	for _, k := range Kinds {
		st := stats[k]
		if st.N > 0 {
			st.Accuracy = float64(st.Correct) / float64(st.N)
			st.SourceFirst = float64(firsts[k]) / float64(st.N)
		}
		r.Kinds = append(r.Kinds, *st)
	}
	return r, nil
}

// checkContract checks an answer against the SPEC's invariants: every
// attestation's text is its source's text at its offsets and lies in its
// context, no span is listed twice, sources counts the distinct sources,
// and an unattested answer lists nothing. It returns what is broken, or "".
func checkContract(res *verbatim.Verification, docs Docs) string {
	if res.Verdict == verbatim.Unattested && (len(res.Attestations) > 0 || res.Sources != 0) {
		return "unattested with attestations"
	}
	ids := map[string]bool{}
	spans := map[string]bool{}
	for _, a := range res.Attestations {
		ids[a.Source.ID] = true
		key := fmt.Sprintf("%s:%d:%d", a.Source.ID, a.Start, a.End)
		if spans[key] {
			return "span listed twice: " + key
		}
		spans[key] = true
		d, ok := docs.Get(a.Source.ID)
		if !ok {
			return "unknown source " + a.Source.ID
		}
		if a.Start < 0 || a.End > len(d.Source.Text) || a.Start > a.End || d.Source.Text[a.Start:a.End] != a.Text {
			return fmt.Sprintf("text != source.text[%d:%d] in %s", a.Start, a.End, a.Source.ID)
		}
		if !strings.Contains(a.Context, a.Text) {
			return "context does not hold the text in " + a.Source.ID
		}
	}
	if res.Sources != len(ids) {
		return fmt.Sprintf("sources = %d, distinct sources %d", res.Sources, len(ids))
	}
	return ""
}

// blame says why a claim got the wrong verdict, looking at what extraction
// found over the claim's gold words.
func blame(c Claim, got string, docs Docs, speakers Speakers) string {
	doc, ok := docs.Get(c.SourceID)
	if !ok || c.Kind == KindNotIndexed {
		return CauseVerification
	}
	holding := holdingQuotations(doc, c.Start, c.End)
	matches := func() bool {
		for _, q := range holding {
			if (q.Speaker != nil && speakers.Matches(c.Speaker, q.Speaker)) || (q.ReportedBy != nil && speakers.Matches(c.Speaker, q.ReportedBy)) {
				return true
			}
		}
		return false
	}
	hasSpeaker := func() bool {
		for _, q := range holding {
			if q.Speaker != nil {
				return true
			}
		}
		return false
	}
	// The extractor found the claimed person, by name, but the registry
	// does not match the claimed name to them.
	named := func() bool {
		want := strings.ToLower(c.Speaker)
		for _, q := range holding {
			for _, m := range []*verbatim.Mention{q.Speaker, q.ReportedBy} {
				if m != nil && (lastWord(m.Name) == want || lastWord(m.Mention) == want || strings.EqualFold(m.Name, c.Speaker)) {
					return true
				}
			}
		}
		return false
	}
	switch c.Verdict {
	case verbatim.Attested:
		switch {
		case len(holding) > 0 && !matches() && named() && (got == verbatim.Unattributed || got == verbatim.Misattributed):
			return CauseRegistry
		case len(holding) == 0 && (got == verbatim.Unattributed || got == verbatim.Misattributed):
			return CauseNoQuotation
		case len(holding) > 0 && !matches() && (got == verbatim.Unattributed || got == verbatim.Misattributed):
			return CauseSpeaker
		}
	case verbatim.Misattributed:
		switch {
		case len(holding) == 0 && got == verbatim.Unattributed:
			return CauseNoQuotation
		case len(holding) > 0 && got == verbatim.Attested && matches():
			return CauseSpeaker
		case len(holding) > 0 && got == verbatim.Unattributed && !hasSpeaker():
			return CauseSpeaker
		}
	case verbatim.Unattributed:
		if len(holding) > 0 && (got == verbatim.Attested || got == verbatim.Misattributed) {
			return CauseExtraQuotation
		}
	}
	return CauseVerification
}

// lastWord is the lower-cased last word of a name, without a possessive.
func lastWord(s string) string {
	f := strings.Fields(strings.ToLower(s))
	if len(f) == 0 {
		return ""
	}
	w := f[len(f)-1]
	for _, suf := range []string{"'s", "’s", "’", "'"} {
		w = strings.TrimSuffix(w, suf)
	}
	return w
}

// holdingQuotations returns the extracted quotations of doc that hold
// every word of text[start:end].
func holdingQuotations(doc *verbatim.Document, start, end int) []*verbatim.Quotation {
	text := doc.Source.Text
	if start < 0 || end > len(text) || start >= end {
		return nil
	}
	ws := normalize.Words(text[start:end])
	if len(ws) == 0 {
		return nil
	}
	a, b := start+ws[0].Start, start+ws[len(ws)-1].End
	var out []*verbatim.Quotation
	for i := range doc.Quotations {
		q := &doc.Quotations[i]
		if q.Start <= a && b <= q.End {
			out = append(out, q)
		}
	}
	return out
}

// WriteText prints the report as tables: per kind accuracy, where the
// expected source came first, the causes of wrong verdicts and the
// confusion matrix.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "verification on PolNeAR %s (seed %d): %d articles indexed, %d held out\n\n", r.Split, r.Seed, r.Indexed, r.HeldOut)
	fmt.Fprintf(&b, "%-14s %-14s %5s %7s %8s %9s %10s %12s\n", "kind", "expected", "n", "correct", "accuracy", "src-first", "extraction", "verification")
	total, correct := 0, 0
	for _, k := range r.Kinds {
		ext := 0
		for c, n := range k.Causes {
			if c != CauseVerification {
				ext += n
			}
		}
		fmt.Fprintf(&b, "%-14s %-14s %5d %7d %8.3f %9.3f %10d %12d\n", k.Kind, k.Expected, k.N, k.Correct, k.Accuracy, k.SourceFirst, ext, k.Causes[CauseVerification])
		total += k.N
		correct += k.Correct
	}
	if total > 0 {
		fmt.Fprintf(&b, "%-14s %-14s %5d %7d %8.3f\n", "all", "", total, correct, float64(correct)/float64(total))
	}
	fmt.Fprintf(&b, "\nSPEC invariant violations (text == source.text[start:end], context, sources, no duplicate span): %d\n", r.Violations)
	for _, e := range r.ViolationExamples {
		fmt.Fprintf(&b, "  %s\n", e)
	}
	fmt.Fprintf(&b, "\nwrong verdicts by cause:\n")
	for _, k := range r.Kinds {
		var causes []string
		for c := range k.Causes {
			causes = append(causes, c)
		}
		sort.Strings(causes)
		for _, c := range causes {
			fmt.Fprintf(&b, "  %-14s %-36s %d\n", k.Kind, c, k.Causes[c])
		}
	}
	verdicts := []string{verbatim.Attested, verbatim.Misattributed, verbatim.Unattributed, verbatim.Altered, verbatim.Unattested}
	fmt.Fprintf(&b, "\nconfusion (rows: kind, columns: verdict got):\n%-14s", "")
	for _, v := range verdicts {
		fmt.Fprintf(&b, " %13s", v)
	}
	b.WriteByte('\n')
	for _, k := range r.Kinds {
		fmt.Fprintf(&b, "%-14s", k.Kind)
		for _, v := range verdicts {
			fmt.Fprintf(&b, " %13d", r.Confusion[k.Kind][v])
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON prints the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
