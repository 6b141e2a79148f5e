package verify

import (
	"sort"
	"strings"
	"time"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/align"
	"github.com/verbatim/verbatim/normalize"
)

// scored is an attestation with what ranks it.
type scored struct {
	att        verbatim.Attestation
	published  string
	quoted     bool // inside a quotation
	hasSpeaker bool
}

// decide turns matched spans into attestations and the verdict.
func (v *Verifier) decide(c verbatim.Claim, claimWords []normalize.Word, found []candidate) *verbatim.Verification {
	res := &verbatim.Verification{Quote: c.Quote, Attestations: []verbatim.Attestation{}}
	claimed := strings.TrimSpace(c.Speaker)
	if claimed != "" {
		res.ClaimedSpeaker = &claimed
	}
	var all []scored
	for _, f := range found {
		all = append(all, v.attest(claimed, c.Quote, claimWords, f))
	}

	exact := false
	for _, s := range all {
		if s.att.Match != verbatim.MatchNear {
			exact = true
		}
	}
	supports := func(s scored) bool { return true }
	switch {
	case len(all) == 0:
		res.Verdict = verbatim.Unattested
	case !exact:
		res.Verdict = verbatim.Altered
		if claimed != "" {
			m := anyOf(all, func(s scored) bool { return isTrue(s.att.SpeakerMatch) })
			res.SpeakerMatch = &m
		}
	case anyOf(all, func(s scored) bool { return s.quoted && (claimed == "" || isTrue(s.att.SpeakerMatch)) }):
		res.Verdict = verbatim.Attested
		supports = func(s scored) bool { return s.quoted && (claimed == "" || isTrue(s.att.SpeakerMatch)) }
		if claimed != "" {
			t := true
			res.SpeakerMatch = &t
		}
	case anyOf(all, func(s scored) bool { return s.quoted && s.hasSpeaker }):
		res.Verdict = verbatim.Misattributed
		supports = func(s scored) bool { return s.quoted && s.hasSpeaker }
		f := false
		res.SpeakerMatch = &f
	default:
		res.Verdict = verbatim.Unattributed
		if claimed != "" {
			f := false
			res.SpeakerMatch = &f
		}
	}

	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if x, y := a.att.Match == verbatim.MatchNear, b.att.Match == verbatim.MatchNear; x != y {
			return !x
		}
		if x, y := supports(a), supports(b); x != y {
			return x
		}
		// The closest wording first: a near match that differs by one word
		// says more than a quotation that differs by three.
		if a.att.Similarity != b.att.Similarity {
			return a.att.Similarity > b.att.Similarity
		}
		if x, y := kindRank[a.att.Kind], kindRank[b.att.Kind]; x != y {
			return x < y
		}
		if x, y := matchRank[a.att.Match], matchRank[b.att.Match]; x != y {
			return x < y
		}
		if a.att.Source.ID != b.att.Source.ID {
			return a.att.Source.ID < b.att.Source.ID
		}
		return a.att.Start < b.att.Start
	})
	ids := map[string]bool{}
	for _, s := range all {
		res.Attestations = append(res.Attestations, s.att)
		ids[s.att.Source.ID] = true
		if supports(s) && s.published != "" && (res.FirstSeen == nil || earlier(s.published, *res.FirstSeen)) {
			p := s.published
			res.FirstSeen = &p
		}
	}
	res.Sources = len(ids)
	return res
}

var kindRank = map[string]int{verbatim.KindDirect: 0, verbatim.KindIndirect: 1, verbatim.KindNarration: 2}
var matchRank = map[string]int{verbatim.MatchExact: 0, verbatim.MatchFragment: 1, verbatim.MatchElided: 2, verbatim.MatchNear: 3}

// earlier compares two published values, dates (YYYY-MM-DD) or RFC 3339
// times: a time with a zone offset is not ordered by its text, and a date
// counts as the start of its day in UTC.
func earlier(a, b string) bool {
	ta, errA := parsePublished(a)
	tb, errB := parsePublished(b)
	if errA != nil || errB != nil {
		return a < b
	}
	return ta.Before(tb)
}

func parsePublished(s string) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	return time.Parse(time.RFC3339, s)
}

func anyOf(all []scored, pred func(scored) bool) bool {
	for _, s := range all {
		if pred(s) {
			return true
		}
	}
	return false
}

func isTrue(b *bool) bool { return b != nil && *b }

// attest builds the attestation of one matched span: the quotation around
// it (if any), its speaker and whether the claimed speaker is theirs.
func (v *Verifier) attest(claimed, quote string, claimWords []normalize.Word, f candidate) scored {
	doc := f.doc
	text := doc.Source.Text
	start, end := f.words[f.ws].Start, f.words[f.we-1].End
	att := verbatim.Attestation{
		Source:     doc.Source.Ref(),
		Text:       text[start:end],
		Start:      start,
		End:        end,
		Match:      f.match,
		Similarity: round(f.similarity),
		Kind:       verbatim.KindNarration,
	}
	s := scored{}
	if doc.Source.Published != nil {
		s.published = *doc.Source.Published
	}
	q, qa, qb := v.quotationAround(claimed, doc, f)
	if q != nil {
		s.quoted = true
		att.Kind = q.Kind
		if q.Cue != nil {
			cue := q.Cue.Text
			att.Cue = &cue
		}
		if q.Speaker != nil || q.ReportedBy != nil {
			s.hasSpeaker = true
		}
		if q.Speaker != nil {
			att.Speaker = &verbatim.Named{Name: q.Speaker.Name, Mention: q.Speaker.Mention}
		}
		if q.ReportedBy != nil {
			att.ReportedBy = &verbatim.Named{Name: q.ReportedBy.Name, Mention: q.ReportedBy.Mention}
		}
		if claimed != "" && (q.Speaker != nil || q.ReportedBy != nil) {
			m := v.speakerMatches(claimed, q)
			att.SpeakerMatch = &m
		}
		if f.match == verbatim.MatchExact && (f.ws != qa || f.we != qb) {
			att.Match = verbatim.MatchFragment
		}
	} else if f.match == verbatim.MatchExact {
		a, b := sentenceAround(text, start, end)
		if wa, wb := wordRange(f.words, a, b); f.ws != wa || f.we != wb {
			att.Match = verbatim.MatchFragment
		}
	}
	att.Diff = diff(quote, claimWords, f)
	att.Context = contextOf(text, start, end)
	s.att = att
	return s
}

// quotationAround picks the quotation that holds the span: for exact spans
// one containing it whole, for near ones one holding most of it. Among
// several (a quotation nested in another) the claimed speaker's wins, then a
// direct one, then the smallest.
func (v *Verifier) quotationAround(claimed string, doc *verbatim.Document, f candidate) (*verbatim.Quotation, int, int) {
	var best *verbatim.Quotation
	var bestA, bestB int
	bestKey := [3]int{}
	for i := range doc.Quotations {
		q := &doc.Quotations[i]
		qa, qb := wordRange(f.words, q.Start, q.End)
		if f.match == verbatim.MatchNear {
			overlap := min(qb, f.we) - max(qa, f.ws)
			if overlap*2 < f.we-f.ws {
				continue
			}
		} else if qa > f.ws || qb < f.we {
			continue
		}
		key := [3]int{1, 1, qb - qa}
		if claimed != "" && v.speakerMatches(claimed, q) {
			key[0] = 0
		}
		if q.Kind == verbatim.KindDirect {
			key[1] = 0
		}
		if best == nil || key[0] < bestKey[0] || (key[0] == bestKey[0] && (key[1] < bestKey[1] || (key[1] == bestKey[1] && key[2] < bestKey[2]))) {
			best, bestA, bestB, bestKey = q, qa, qb, key
		}
	}
	return best, bestA, bestB
}

func (v *Verifier) speakerMatches(claimed string, q *verbatim.Quotation) bool {
	if v.speakers == nil {
		return false
	}
	return (q.Speaker != nil && v.speakers.Matches(claimed, q.Speaker)) ||
		(q.ReportedBy != nil && v.speakers.Matches(claimed, q.ReportedBy))
}

// diff renders the word-level difference with the claim's and the source's
// own spellings.
func diff(quote string, claimWords []normalize.Word, f candidate) []verbatim.DiffOp {
	text := f.doc.Source.Text
	src := func(a, b int) string {
		if a >= b {
			return ""
		}
		return text[f.words[a].Start:f.words[b-1].End]
	}
	clm := func(a, b int) string {
		if a >= b {
			return ""
		}
		return quote[claimWords[a].Start:claimWords[b-1].End]
	}
	switch f.match {
	case verbatim.MatchNear:
		out := make([]verbatim.DiffOp, 0, len(f.steps))
		for _, s := range f.steps {
			out = append(out, verbatim.DiffOp{Op: s.Op, Claim: clm(s.ClaimFrom, s.ClaimTo), Source: src(s.SourceFrom, s.SourceTo)})
		}
		return out
	case verbatim.MatchElided:
		var out []verbatim.DiffOp
		ci := 0
		for i, p := range f.parts {
			if i > 0 && f.parts[i-1][1] < p[0] {
				out = append(out, verbatim.DiffOp{Op: align.OpDelete, Source: src(f.parts[i-1][1], p[0])})
			}
			n := p[1] - p[0]
			out = append(out, verbatim.DiffOp{Op: align.OpEqual, Claim: clm(ci, ci+n), Source: src(p[0], p[1])})
			ci += n
		}
		return out
	default:
		return []verbatim.DiffOp{{Op: align.OpEqual, Claim: clm(0, len(claimWords)), Source: src(f.ws, f.we)}}
	}
}

func round(x float64) float64 {
	return float64(int(x*1000+0.5)) / 1000
}
