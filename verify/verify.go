// Package verify answers a claim: candidates from the index, a word-level
// alignment against each candidate's text, a speaker check against the
// quotations extraction found, and a verdict (SPEC, Verdicts).
package verify

import (
	"context"
	"slices"
	"sort"
	"strings"
	"sync"
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
	// NearCandidates is how many sources are aligned for a close wording
	// (four times as many for claims of up to 10 words, see shortClaim).
	NearCandidates int
}

// DefaultConfig holds the values documented in the README.
//
// AlteredThreshold and MinNearWords were chosen on PolNeAR train claims
// (package verify/claims: verbatim eval verification --polnear DIR --split
// train --per-kind 1000 --profile), from the best near similarity each
// claim reaches with no threshold at all:
//   - one word swapped or added in a quotation of 6 to 30 words scores 0.83
//     to 0.97 (p5 0.833 swapped, 0.875 inserted); 995 of 1000 swapped and
//     999 of 1000 inserted claims find their source, the few others are
//     short claims of everyday words the candidate search misses at any
//     threshold;
//   - quotations of articles kept out of the index (962, 6 words or more)
//     score p95 0.50 and at most 0.714, but for one at 0.889 that another
//     article reports nearly word for word: 0.5% reach 0.70, 0.1% 0.75;
//   - cut to their first N words, unrelated quotations are close to
//     something far more often, N-1 of N everyday words in order being easy
//     to find: at 0.75, 43% of 4-word, 15% of 5-word, 2.8% of 6-word, 0.3%
//     of 7-word and 0.3% of 8-word ones would be called altered.
//
// Hence 0.75 (one word changed in 4 still reaches it, and nothing unrelated
// of 6 words or more but a 6-word one in 36 does) and no altered verdict
// under 6 words.
var DefaultConfig = Config{
	MaxQuoteBytes:    4096,
	AlteredThreshold: 0.75,
	MinNearWords:     6,
	MaxSources:       500,
	NearCandidates:   20,
}

// Verifier verifies claims against a store.
type Verifier struct {
	store    Store
	speakers Speakers
	cfg      Config
	words    wordCache
}

// New returns a Verifier over store, using speakers to match claimed names.
func New(store Store, speakers Speakers, cfg Config) *Verifier {
	return &Verifier{store: store, speakers: speakers, cfg: cfg, words: wordCache{max: cacheWords}}
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

	ids, err := v.exactCandidates(ctx, parts, c.Filter)
	if err != nil {
		return nil, err
	}
	var found []candidate
	for _, id := range ids {
		doc, ok := v.store.Get(id)
		if !ok {
			continue
		}
		words, norms := v.words.get(doc)
		// An elided claim may also occur whole: the source has the words
		// contiguously where the claim has an ellipsis, which is then mere
		// punctuation between words, and the span is exact (or a fragment).
		exact := align.FindExact(all, norms)
		for _, at := range exact {
			found = append(found, candidate{doc: doc, words: words, ws: at, we: at + len(all), match: verbatim.MatchExact, similarity: 1})
		}
		if !elided {
			continue
		}
		for _, e := range v.elided(doc, words, norms, parts) {
			if !slices.Contains(exact, e.ws) || e.we != e.ws+len(all) {
				found = append(found, e)
			}
		}
	}
	if len(found) == 0 && len(all) >= v.cfg.MinNearWords {
		found, err = v.near(ctx, all, clauses(c.Quote, claimWords), c.Filter)
		if err != nil {
			return nil, err
		}
	}
	return v.decide(c, claimWords, found), nil
}

// probeWords is the longest run of a claim's words searched in the index
// to find the sources that may hold it.
const probeWords = 4

// exactCandidates returns the sources that may hold every part. Rather
// than the whole parts it searches a probe of each, the run of probeWords
// words with the most distinctive words: a phrase search costs in
// proportion to its words and their frequency, and every source holding a
// part holds its probe, so the candidates are a superset that the caller
// narrows in memory. Should a probe be so common that the search reaches
// MaxSources, the whole parts are searched instead.
func (v *Verifier) exactCandidates(ctx context.Context, parts [][]string, f *verbatim.Filter) ([]string, error) {
	probes := make([][]string, len(parts))
	shorter := false
	for i, p := range parts {
		probes[i] = probe(p)
		shorter = shorter || len(probes[i]) < len(p)
	}
	ids, err := v.store.Phrase(ctx, probes, f, v.cfg.MaxSources)
	if err != nil || !shorter || len(ids) < v.cfg.MaxSources {
		return ids, err
	}
	return v.store.Phrase(ctx, parts, f, v.cfg.MaxSources)
}

// probe picks the run of probeWords words of p with the most words that
// are not frequent, longer words first on a tie.
func probe(p []string) []string {
	if len(p) <= probeWords {
		return p
	}
	best, bestScore := 0, -1
	for i := 0; i+probeWords <= len(p); i++ {
		score := 0
		for _, w := range p[i : i+probeWords] {
			if !frequent[w] {
				score += 100 + len(w)
			}
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	return p[best : best+probeWords]
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

// near aligns the claim against the sources most likely to hold a close
// wording and keeps the windows close enough to count as an altered wording.
func (v *Verifier) near(ctx context.Context, all []string, cl [][2]int, f *verbatim.Filter) ([]candidate, error) {
	ids, err := v.nearCandidates(ctx, all, f)
	if err != nil {
		return nil, err
	}
	var out []candidate
	for _, id := range ids {
		doc, ok := v.store.Get(id)
		if !ok {
			continue
		}
		words, norms := v.words.get(doc)
		a, ok := align.NearMin(all, norms, v.cfg.AlteredThreshold)
		if !ok || a.Similarity < v.cfg.AlteredThreshold || a.End <= a.Start {
			if r, ok := v.reordered(all, cl, doc, words, norms); ok {
				out = append(out, r)
			}
			continue
		}
		out = append(out, candidate{doc: doc, words: words, ws: a.Start, we: a.End, match: verbatim.MatchNear, similarity: a.Similarity, steps: a.Steps})
	}
	return out, nil
}

// nearCandidates finds the sources that share at least half of the
// claim's distinctive words (all of its words when it has fewer than three
// distinctive ones), best first by the index's ranking, which weighs rare
// words most. Leaving out the most frequent English words keeps the search
// cheap (their posting lists span nearly every source) without changing
// which sources rank first.
func (v *Verifier) nearCandidates(ctx context.Context, all []string, f *verbatim.Filter) ([]string, error) {
	words := make([]string, 0, len(all))
	for _, w := range all {
		if !frequent[w] {
			words = append(words, w)
		}
	}
	if len(words) < 3 {
		words = all
	}
	limit := v.cfg.NearCandidates
	if len(all) <= shortClaim {
		limit *= 4
	}
	if ns, ok := v.store.(nearStore); ok {
		return ns.Near(ctx, words, 0.5, all, v.cfg.AlteredThreshold, f, limit)
	}
	return v.store.Similar(ctx, words, 0.5, f, limit)
}

// nearStore is a Store that can also leave out the sources where no
// window is dense enough in the claim's words to be a close wording
// (index.Index does): verification then aligns only the sources that may
// hold one.
type nearStore interface {
	Near(ctx context.Context, words []string, minShare float64, claim []string, minSim float64, f *verbatim.Filter, limit int) ([]string, error)
}

// shortClaim is the length under which a bag of words ranks the source of
// a close wording poorly (a few words that many sources share), so that
// more candidates are aligned; aligning an unrelated source costs one pass
// over its words (align.NearMin).
const shortClaim = 10

// frequent holds the most frequent English words, which say little about
// where a claim may be.
var frequent = toSet(`a about after all also am an and any are as at be been before being but by can could did do does
doing for from had has have having he her here hers him his how i if in into is it its it's just me more most my no
not now of on one only or other our out over said says she so some such than that that's the their them then there
these they this those through to too under up very was we were what when where which while who whom why will with
would you your i'm he's she's we're they're don't didn't isn't wasn't can't won't`)

func toSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// cacheWords bounds the words the verifier keeps normalised, about 56
// bytes each: 2M words is about 110 MB, some 2,500 long articles.
const cacheWords = 2 << 20

// wordCache keeps the normalised words of the documents verification
// reads, so that a claim does not normalise whole sources again. Documents
// are immutable once stored (a new version is a new pointer), so the
// pointer is the key. When full, arbitrary entries are dropped.
type wordCache struct {
	mu    sync.Mutex
	max   int
	total int
	m     map[*verbatim.Document]*docWords
}

type docWords struct {
	words []normalize.Word
	norms []string
}

func (c *wordCache) get(doc *verbatim.Document) ([]normalize.Word, []string) {
	c.mu.Lock()
	e, ok := c.m[doc]
	c.mu.Unlock()
	if ok {
		return e.words, e.norms
	}
	words := normalize.Words(doc.Source.Text)
	e = &docWords{words: words, norms: normalize.Norms(words)}
	if len(words) > c.max {
		return e.words, e.norms
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[*verbatim.Document]*docWords{}
	}
	if old, ok := c.m[doc]; ok {
		return old.words, old.norms
	}
	for d, old := range c.m {
		if c.total+len(words) <= c.max {
			break
		}
		c.total -= len(old.words)
		delete(c.m, d)
	}
	c.m[doc] = e
	c.total += len(words)
	return e.words, e.norms
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
