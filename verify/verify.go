// Package verify answers a claim: candidates from the index, a word-level
// alignment against each candidate's text, a speaker check against the
// quotations extraction found, and a verdict (SPEC, Verdicts).
package verify

import (
	"context"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/align"
	"github.com/verbatim/verbatim/normalize"
)

// Store is what verification needs of the index: candidate sources for a
// claim's words, and the stored documents. index.Index implements it.
type Store interface {
	// Phrase returns the sources containing every part as consecutive words.
	Phrase(ctx context.Context, parts [][]string, f *verbatim.Filter, limit int) ([]string, error)
	// Similar returns the sources sharing at least minShare of the words, best first.
	Similar(ctx context.Context, words []string, minShare float64, f *verbatim.Filter, limit int) ([]string, error)
	Get(id string) (*verbatim.Document, bool)
}

// Speakers decides whether a claimed speaker names the entity of a mention.
type Speakers interface {
	Matches(claimed string, m *verbatim.Mention) bool
}

// Config holds the documented limits and thresholds of verification.
type Config struct {
	// MaxQuoteBytes is the longest quote accepted.
	MaxQuoteBytes int
	// AlteredThreshold is the lowest similarity at which a close wording
	// makes a claim altered rather than unattested.
	AlteredThreshold float64
	// MinNearWords is the shortest claim, in words, that may be called
	// altered: shorter claims are close to too much to mean anything, so
	// they are attested, misattributed, unattributed or unattested only.
	MinNearWords int
	// MaxSources bounds how many sources an exact claim is looked up in.
	MaxSources int
	// NearCandidates is how many sources are aligned for a close wording.
	NearCandidates int
}

// DefaultConfig holds the values documented in the README.
var DefaultConfig = Config{
	MaxQuoteBytes:    4096,
	AlteredThreshold: 0.7,
	MinNearWords:     4,
	MaxSources:       500,
	NearCandidates:   20,
}

// Verifier verifies claims against a store.
type Verifier struct {
	store    Store
	speakers Speakers
	cfg      Config
}

// New returns a Verifier over store, using speakers to match claimed names.
func New(store Store, speakers Speakers, cfg Config) *Verifier {
	return &Verifier{store: store, speakers: speakers, cfg: cfg}
}

// Validate checks a claim against the SPEC's bad-input rules.
func (v *Verifier) Validate(c *verbatim.Claim) error {
	if !utf8.ValidString(c.Quote) || !utf8.ValidString(c.Speaker) {
		return verbatim.Errorf(verbatim.EInvalid, "quote and speaker must be valid UTF-8")
	}
	if strings.TrimSpace(c.Quote) == "" {
		return verbatim.Errorf(verbatim.EInvalid, "quote is empty")
	}
	if len(c.Quote) > v.cfg.MaxQuoteBytes {
		return verbatim.Errorf(verbatim.ETooLarge, "quote is %d bytes; the limit is %d", len(c.Quote), v.cfg.MaxQuoteBytes)
	}
	if len(normalize.Words(c.Quote)) == 0 {
		return verbatim.Errorf(verbatim.EInvalid, "quote has no words")
	}
	if len(c.Speaker) > 512 {
		return verbatim.Errorf(verbatim.ETooLarge, "speaker is longer than 512 bytes")
	}
	if f := c.Filter; f != nil {
		for _, d := range []struct{ name, val string }{{"published_after", f.PublishedAfter}, {"published_before", f.PublishedBefore}} {
			if d.val == "" {
				continue
			}
			if _, err := time.Parse("2006-01-02", d.val); err != nil {
				return verbatim.Errorf(verbatim.EInvalid, "filter.%s must be a date YYYY-MM-DD, got %q", d.name, d.val)
			}
		}
		if len(f.SourceIDs) > 1000 || len(f.Publishers) > 1000 {
			return verbatim.Errorf(verbatim.ETooLarge, "a filter lists at most 1000 source ids and 1000 publishers")
		}
	}
	return nil
}

// candidate is one matched span before it becomes an attestation.
type candidate struct {
	doc        *verbatim.Document
	words      []normalize.Word
	ws, we     int // source word range
	match      string
	similarity float64
	steps      []align.Step
	parts      [][2]int // for elided: the source word ranges of the parts
}

// Verify answers a claim.
func (v *Verifier) Verify(ctx context.Context, c verbatim.Claim) (*verbatim.Verification, error) {
	if err := v.Validate(&c); err != nil {
		return nil, err
	}
	claimWords := normalize.Words(c.Quote)
	var parts [][]string
	for _, p := range normalize.SplitEllipsis(c.Quote) {
		parts = append(parts, normalize.Norms(normalize.Words(p)))
	}
	all := normalize.Norms(claimWords)
	elided := len(parts) > 1

	ids, err := v.store.Phrase(ctx, parts, c.Filter, v.cfg.MaxSources)
	if err != nil {
		return nil, err
	}
	var found []candidate
	for _, id := range ids {
		doc, ok := v.store.Get(id)
		if !ok {
			continue
		}
		words := normalize.Words(doc.Source.Text)
		norms := normalize.Norms(words)
		if !elided {
			for _, at := range align.FindExact(all, norms) {
				found = append(found, candidate{doc: doc, words: words, ws: at, we: at + len(all), match: verbatim.MatchExact, similarity: 1})
			}
			continue
		}
		found = append(found, v.elided(doc, words, norms, parts)...)
	}
	if len(found) == 0 && len(all) >= v.cfg.MinNearWords {
		found, err = v.near(ctx, all, c.Filter)
		if err != nil {
			return nil, err
		}
	}
	return v.decide(c, claimWords, found), nil
}

// elided finds the claim's parts in order inside one quotation of doc.
func (v *Verifier) elided(doc *verbatim.Document, words []normalize.Word, norms []string, parts [][]string) []candidate {
	var out []candidate
	seen := map[[2]int]bool{}
	for _, q := range doc.Quotations {
		qa, qb := wordRange(words, q.Start, q.End)
		for _, win := range align.FindElided(parts, norms, qa, qb) {
			if seen[win] {
				continue
			}
			seen[win] = true
			out = append(out, candidate{doc: doc, words: words, ws: win[0], we: win[1], match: verbatim.MatchElided, similarity: 1,
				parts: partRanges(parts, norms, win[0])})
		}
	}
	return out
}

// partRanges recovers where each part sits, scanning forward from start as
// align.FindElided did.
func partRanges(parts [][]string, norms []string, start int) [][2]int {
	var out [][2]int
	pos := start
	for _, p := range parts {
		hits := align.FindExact(p, norms[pos:])
		if len(hits) == 0 {
			break
		}
		out = append(out, [2]int{pos + hits[0], pos + hits[0] + len(p)})
		pos += hits[0] + len(p)
	}
	return out
}

// near aligns the claim against the sources that share most of its words and
// keeps the windows close enough to count as an altered wording.
func (v *Verifier) near(ctx context.Context, all []string, f *verbatim.Filter) ([]candidate, error) {
	ids, err := v.store.Similar(ctx, all, 0.5, f, v.cfg.NearCandidates)
	if err != nil {
		return nil, err
	}
	var out []candidate
	for _, id := range ids {
		doc, ok := v.store.Get(id)
		if !ok {
			continue
		}
		words := normalize.Words(doc.Source.Text)
		a, ok := align.Near(all, normalize.Norms(words))
		if !ok || a.Similarity < v.cfg.AlteredThreshold || a.End <= a.Start {
			continue
		}
		out = append(out, candidate{doc: doc, words: words, ws: a.Start, we: a.End, match: verbatim.MatchNear, similarity: a.Similarity, steps: a.Steps})
	}
	return out, nil
}

// wordRange returns the words [a, b) that lie inside the byte span [start, end).
func wordRange(words []normalize.Word, start, end int) (int, int) {
	a := sort.Search(len(words), func(i int) bool { return words[i].Start >= start })
	b := sort.Search(len(words), func(i int) bool { return words[i].End > end })
	if b < a {
		b = a
	}
	return a, b
}
