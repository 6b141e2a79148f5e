package index

import (
	"cmp"
	"context"
	"math"
	"runtime"
	"slices"
	"sync"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/normalize"
)

// postings is an in-memory inverted index of the text field, kept beside the
// in-memory copy of the documents and in step with it (it changes under
// Index.mu, with the documents). Phrase and Similar answer from it rather
// than from Bleve: a verify then costs a few merges of short integer lists
// instead of a Bleve search (a snapshot, postings decoding, a scoring
// collector and its garbage), which was 50-60 % of a verify's CPU. Bleve
// stays the system of record: this is rebuilt from the stored documents at
// Open.
//
// Each document has an ordinal; lists[t] holds, sorted, the ordinals of the
// documents whose text has term t, and seqs[o] the term ids of document o's
// words in order, which checks a phrase and finds the densest window of a
// claim's words. (Sorted term<<32|position pairs instead, to binary-search
// where a term occurs, were slower: claims hold frequent words, whose
// positions are many.) Ordinals of deleted documents are reused.
type postings struct {
	termID map[string]uint32
	lists  [][]uint32
	seqs   [][]uint32
	byOrd  []*verbatim.Document
	ord    map[string]uint32
	free   []uint32
	live   int
}

func newPostings() *postings {
	return &postings{termID: map[string]uint32{}, ord: map[string]uint32{}}
}

// termsOf returns the normalised words of a document's text, as the text
// field's analyzer sees them.
func termsOf(d *verbatim.Document) []string {
	return normalize.Norms(normalize.Words(d.Source.Text))
}

// termsOfAll tokenises docs on every core.
func termsOfAll(docs []*verbatim.Document) [][]string {
	out := make([][]string, len(docs))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(docs)/64))
	var wg sync.WaitGroup
	next := make(chan int, len(docs))
	for i := range docs {
		next <- i
	}
	close(next)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = termsOf(docs[i])
			}
		}()
	}
	wg.Wait()
	return out
}

// add indexes d, whose words are terms, replacing any document of the same id.
func (p *postings) add(d *verbatim.Document, terms []string) {
	if _, ok := p.ord[d.Source.ID]; ok {
		p.remove(d.Source.ID)
	}
	var o uint32
	if n := len(p.free); n > 0 {
		o = p.free[n-1]
		p.free = p.free[:n-1]
	} else {
		o = uint32(len(p.byOrd))
		p.byOrd = append(p.byOrd, nil)
		p.seqs = append(p.seqs, nil)
	}
	seq := make([]uint32, len(terms))
	for i, w := range terms {
		t, ok := p.termID[w]
		if !ok {
			t = uint32(len(p.lists))
			p.termID[w] = t
			p.lists = append(p.lists, nil)
		}
		seq[i] = t
	}
	p.byOrd[o] = d
	p.seqs[o] = seq
	p.ord[d.Source.ID] = o
	p.live++
	for _, t := range distinct(seq) {
		l := p.lists[t]
		if n := len(l); n == 0 || l[n-1] < o {
			p.lists[t] = append(l, o)
			continue
		}
		i, _ := slices.BinarySearch(l, o)
		p.lists[t] = slices.Insert(l, i, o)
	}
}

// compact gives every postings list its exact capacity: lists grown by
// append keep up to half again as much room as they use.
func (p *postings) compact() {
	for t, l := range p.lists {
		if cap(l) > len(l)+len(l)/8 {
			p.lists[t] = slices.Clone(l)
		}
	}
}

// remove unindexes the document id, if indexed.
func (p *postings) remove(id string) {
	o, ok := p.ord[id]
	if !ok {
		return
	}
	for _, t := range distinct(p.seqs[o]) {
		l := p.lists[t]
		if i, found := slices.BinarySearch(l, o); found {
			p.lists[t] = slices.Delete(l, i, i+1)
		}
	}
	delete(p.ord, id)
	p.byOrd[o] = nil
	p.seqs[o] = nil
	p.free = append(p.free, o)
	p.live--
}

// distinct returns the distinct values of s (a new slice).
func distinct(s []uint32) []uint32 {
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}

// contains reports whether sorted list l holds o.
func contains(l []uint32, o uint32) bool {
	_, ok := slices.BinarySearch(l, o)
	return ok
}

// hasRun reports whether seq holds run as consecutive values.
func hasRun(seq, run []uint32) bool {
	if len(run) == 0 {
		return true
	}
	first := run[0]
	for i := 0; i+len(run) <= len(seq); i++ {
		if seq[i] == first && slices.Equal(seq[i:i+len(run)], run) {
			return true
		}
	}
	return false
}

// filter is a verify filter made into a predicate over documents, with the
// semantics the Bleve filter query had: ids and publishers compared whole,
// dates as the first ten bytes of published (a calendar day), a document
// without one excluded by any date bound.
type filter struct {
	ids, publishers map[string]bool
	after, before   string
	dated           bool
}

func newFilter(f *verbatim.Filter) *filter {
	if f == nil || (len(f.SourceIDs) == 0 && len(f.Publishers) == 0 && f.PublishedAfter == "" && f.PublishedBefore == "") {
		return nil
	}
	out := &filter{after: f.PublishedAfter, before: f.PublishedBefore, dated: f.PublishedAfter != "" || f.PublishedBefore != ""}
	if len(f.SourceIDs) > 0 {
		out.ids = make(map[string]bool, len(f.SourceIDs))
		for _, id := range f.SourceIDs {
			out.ids[id] = true
		}
	}
	if len(f.Publishers) > 0 {
		out.publishers = make(map[string]bool, len(f.Publishers))
		for _, p := range f.Publishers {
			out.publishers[p] = true
		}
	}
	return out
}

func (f *filter) keep(d *verbatim.Document) bool {
	if f == nil {
		return true
	}
	if f.ids != nil && !f.ids[d.Source.ID] {
		return false
	}
	if f.publishers != nil && (d.Source.Publisher == nil || !f.publishers[*d.Source.Publisher]) {
		return false
	}
	if f.dated {
		p := d.Source.Published
		if p == nil || len(*p) < 10 {
			return false
		}
		day := (*p)[:10]
		if (f.after != "" && day < f.after) || (f.before != "" && day > f.before) {
			return false
		}
	}
	return true
}

// phrase returns the ids of the documents (up to limit, in ordinal order)
// holding every part as consecutive words.
func (p *postings) phrase(ctx context.Context, parts [][]string, f *filter, limit int) ([]string, error) {
	runs := make([][]uint32, 0, len(parts))
	var terms []uint32
	for _, part := range parts {
		if len(part) == 0 {
			continue
		}
		run := make([]uint32, len(part))
		for i, w := range part {
			t, ok := p.termID[w]
			if !ok || len(p.lists[t]) == 0 {
				return nil, nil // no document has the word
			}
			run[i] = t
		}
		runs = append(runs, run)
		terms = append(terms, run...)
	}
	if len(runs) == 0 || limit <= 0 {
		return nil, nil
	}
	terms = distinct(terms)
	// Rarest first: the candidates are the rarest list, narrowed by the
	// others with binary searches, so the cost follows the rarest word.
	slices.SortFunc(terms, func(a, b uint32) int { return cmp.Compare(len(p.lists[a]), len(p.lists[b])) })
	cands := p.lists[terms[0]]
	var narrowed []uint32
	for _, t := range terms[1:] {
		l := p.lists[t]
		narrowed = narrowed[:0:0]
		for _, o := range cands {
			if contains(l, o) {
				narrowed = append(narrowed, o)
			}
		}
		cands = narrowed
		if len(cands) == 0 {
			return nil, nil
		}
	}
	var ids []string
	for i, o := range cands {
		if i%1024 == 1023 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		d := p.byOrd[o]
		if !f.keep(d) {
			continue
		}
		ok := true
		for _, run := range runs {
			if !hasRun(p.seqs[o], run) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		ids = append(ids, d.Source.ID)
		if len(ids) >= limit {
			break
		}
	}
	return ids, nil
}

// simScratch is the per-search accumulator of similar, pooled: one slot a
// document ordinal.
type simScratch struct {
	count   []uint16
	score   []float64
	touched []uint32
	pos     []int32  // densest's buffer
	mark    []uint64 // bit set by term id: the claim's terms
}

var simPool = sync.Pool{New: func() any { return &simScratch{} }}

// similar returns the ids of the documents sharing at least need of the
// distinct words (best first, up to limit). A document's score is Bleve's
// default TF-IDF without term frequency: coord (the share of the words it
// has) times the sum of the squared idf of the words it has, over the
// square root of its length, so that rare shared words count most and a
// long document sharing the words by chance ranks below a short one.
//
// With win, the candidates are re-ranked and narrowed by their densest
// window instead (see window).
func (p *postings) similar(ctx context.Context, words []string, minShare float64, f *filter, limit int, win *window) ([]string, error) {
	seen := make(map[string]bool, len(words))
	var lists [][]uint32
	var qterms []uint32
	k := 0
	for _, w := range words {
		if seen[w] {
			continue
		}
		seen[w] = true
		k++
		if t, ok := p.termID[w]; ok && len(p.lists[t]) > 0 {
			lists = append(lists, p.lists[t])
			qterms = append(qterms, t)
		}
	}
	need := max(1, int(minShare*float64(k)+0.5))
	if k == 0 || len(lists) < need || limit <= 0 {
		return nil, nil
	}
	slices.SortFunc(lists, func(a, b []uint32) int { return cmp.Compare(len(a), len(b)) })
	idf := func(df int) float64 { return 1 + math.Log(float64(p.live)/float64(df+1)) }

	s := simPool.Get().(*simScratch)
	defer simPool.Put(s)
	if n := len(p.byOrd); len(s.count) < n {
		s.count = make([]uint16, n+n/4)
		s.score = make([]float64, n+n/4)
	}
	s.touched = s.touched[:0]
	// A document with need of the len(lists) words has at least one of the
	// len(lists)-need+1 rarest: those lists give every candidate, the others
	// are only probed for the candidates.
	head := len(lists) - need + 1
	for _, l := range lists[:head] {
		w := idf(len(l))
		w *= w
		for _, o := range l {
			if s.count[o] == 0 {
				s.touched = append(s.touched, o)
			}
			s.count[o]++
			s.score[o] += w
		}
	}
	if ctx.Err() != nil {
		p.reset(s)
		return nil, ctx.Err()
	}
	type hit struct {
		o     uint32
		score float64
	}
	var hits []hit
	for _, o := range s.touched {
		c, sc := int(s.count[o]), s.score[o]
		for i, l := range lists[head:] {
			if c+len(lists)-head-i < need {
				break // cannot reach need any more
			}
			if contains(l, o) {
				c++
				w := idf(len(l))
				sc += w * w
			}
		}
		if c < need {
			continue
		}
		d := p.byOrd[o]
		if !f.keep(d) {
			continue
		}
		norm := 1 / math.Sqrt(float64(max(1, len(p.seqs[o]))))
		hits = append(hits, hit{o, sc * norm * float64(c) / float64(k)})
	}
	p.reset(s)
	byScore := func(hits []hit) {
		slices.SortFunc(hits, func(a, b hit) int {
			if c := cmp.Compare(b.score, a.score); c != 0 {
				return c
			}
			return cmp.Compare(a.o, b.o)
		})
	}
	byScore(hits)
	if n := len(p.lists)/64 + 1; len(s.mark) < n {
		s.mark = make([]uint64, n+n/4)
	}
	switch {
	case win != nil:
		// The best by bag of words, narrowed to those with a window dense
		// enough for a close wording and ranked by their densest one.
		hits = hits[:min(len(hits), rerank*limit)]
		var marked []uint32
		for _, w := range win.claim {
			if t, ok := p.termID[w]; ok {
				marked = append(marked, t)
			}
		}
		marked = distinct(marked)
		setMarks(s.mark, marked, true)
		defer setMarks(s.mark, marked, false)
		n := len(win.claim)
		span := max(n, int(float64(n)/win.minSim))
		need := max(1, int(math.Ceil(win.minSim*float64(n)-1e-9)))
		kept := hits[:0]
		for _, h := range hits {
			var d int
			d, s.pos = densest(p.seqs[h.o], s.mark, span, s.pos)
			if d < need {
				continue
			}
			h.score += float64(d) * 1e6
			kept = append(kept, h)
		}
		hits = kept
		byScore(hits)
	case len(hits) > limit:
		// The best by bag of words, re-ranked by their densest window of
		// query words: a close wording has the words together.
		hits = hits[:min(len(hits), rerank*limit)]
		setMarks(s.mark, qterms, true)
		defer setMarks(s.mark, qterms, false)
		span := 2*len(words) + 2
		for i := range hits {
			var d int
			d, s.pos = densest(p.seqs[hits[i].o], s.mark, span, s.pos)
			hits[i].score = float64(d)*1e6 + hits[i].score
		}
		byScore(hits)
	}
	if len(hits) > limit {
		hits = hits[:limit]
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = p.byOrd[h.o].Source.ID
	}
	return ids, nil
}

func (p *postings) reset(s *simScratch) {
	for _, o := range s.touched {
		s.count[o] = 0
		s.score[o] = 0
	}
	s.touched = s.touched[:0]
}

// window narrows similar's candidates to those that can hold a wording of
// claim at similarity minSim or more: such a window has at least minSim·n
// of the claim's n words in a run of n/minSim source words (the test
// align.NearMin makes before aligning), so a source with no such run is
// left out without changing what verification finds.
type window struct {
	claim  []string
	minSim float64
}

// rerank is how many times limit candidates similar re-ranks by window.
// Measured on the benchmark's 900 claims over the full corpus (bench/profile,
// TestRecall): with 8, swapped/inserted/reworded claims find their source
// first 149/150/146 times of 150 (Bleve's TF-IDF ranking, before: 148/147/
// 144; the bag of words alone: 146/145/143); with 2: 148/146/145, 4:
// 148/147/145, 16: 149/150/146, 32: 149/150/147. Capping the candidates
// re-ranked at 160-480 loses 1-3 on short claims, and fewer near candidates
// (verify.Config.NearCandidates 10 or 5) lose 1-6.
const rerank = 8

// densest returns the most marked words (mark is a bit set of term ids) in
// any span consecutive words of seq. pos is a buffer for the positions of
// the marked words, returned for reuse.
func densest(seq []uint32, mark []uint64, span int, pos []int32) (int, []int32) {
	pos = pos[:0]
	best, lo := 0, 0
	for i, t := range seq {
		if mark[t>>6]&(1<<(t&63)) == 0 {
			continue
		}
		pos = append(pos, int32(i))
		for int(pos[lo]) <= i-span {
			lo++
		}
		best = max(best, len(pos)-lo)
	}
	return best, pos
}

// setMarks sets (on) or clears the bits of terms in mark.
func setMarks(mark []uint64, terms []uint32, on bool) {
	for _, t := range terms {
		if on {
			mark[t>>6] |= 1 << (t & 63)
		} else {
			mark[t>>6] &^= 1 << (t & 63)
		}
	}
}
