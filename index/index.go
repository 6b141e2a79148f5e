// Package index keeps sources and their quotations in a Bleve index on disk
// and finds the candidate sources for a claim. It is the only package besides
// api that knows Bleve; everything else sees verbatim.Document values.
//
// Bleve is the system of record: each source is one Bleve document holding
// its text, metadata and extracted quotations, so a source and its quotations
// are written and deleted together. An in-memory copy of every document is
// loaded at Open and kept in step with each write, so reads never decode
// stored fields. With Options{Retrieval: memory} an inverted index of their
// words (mem.go) is kept too and answers Phrase, Similar and Near without a
// Bleve search; by default those are Bleve searches.
package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"syscall"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	verbatim "github.com/verbatim/verbatim"
)

const (
	fieldText       = "text"
	fieldTitle      = "title"
	fieldPublisher  = "publisher"
	fieldURL        = "url"
	fieldPublished  = "published"
	fieldAuthor     = "author"
	fieldDay        = "published_day"
	fieldQuotations = "quotations"
)

// Index is an open index directory. It is safe for concurrent use.
type Index struct {
	dir  string
	lock *os.File
	bl   bleve.Index

	// writeMu serialises writes so that the in-memory copy and the Bleve
	// index change in the same order.
	writeMu sync.Mutex

	mu   sync.RWMutex
	docs map[string]*verbatim.Document
	ids  []string  // sorted
	post *postings // the text's inverted index, under mu
}

// ErrLocked is returned by Open when another process has the directory open.
var ErrLocked = errors.New("index: data directory is in use by another verbatim process")

// Open opens the index in dir, creating it when absent. Only one process may
// have a directory open: a second gets ErrLocked instead of a corrupted index.
func Open(dir string) (*Index, error) {
	return OpenWith(dir, Options{})
}

// Retrieval modes: where Phrase, Similar and Near find candidates.
const (
	// RetrievalBleve searches the Bleve index on disk: phrase queries over
	// the text's term vectors, a scored disjunction for close wordings.
	RetrievalBleve = "bleve"
	// RetrievalMemory answers from inverted lists kept in memory beside the
	// documents (mem.go), rebuilt from Bleve at Open: about three times
	// less CPU per verify for some 100 MiB more per 25 MB of text
	// (BENCHMARKS.md). Bleve stays the system of record either way.
	RetrievalMemory = "memory"
)

// Options tune an index. The zero value searches Bleve.
type Options struct {
	Retrieval string
}

// OpenWith is Open with options.
func OpenWith(dir string, opts Options) (*Index, error) {
	switch opts.Retrieval {
	case "", RetrievalBleve, RetrievalMemory:
	default:
		return nil, fmt.Errorf("index: unknown retrieval %q (want %s or %s)", opts.Retrieval, RetrievalBleve, RetrievalMemory)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("index: create data dir: %w", err)
	}
	lock, err := os.OpenFile(filepath.Join(dir, "LOCK"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("index: open lock file: %w", err)
	}
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		lock.Close()
		return nil, fmt.Errorf("%w (%s)", ErrLocked, dir)
	}
	path := filepath.Join(dir, "bleve")
	var bl bleve.Index
	if _, statErr := os.Stat(path); statErr == nil {
		bl, err = bleve.OpenUsing(path, map[string]interface{}{"bolt_timeout": "2s"})
	} else {
		m, merr := newMapping()
		if merr != nil {
			lock.Close()
			return nil, merr
		}
		bl, err = bleve.NewUsing(path, m, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, map[string]interface{}{"bolt_timeout": "2s"})
	}
	if err != nil {
		lock.Close()
		return nil, fmt.Errorf("index: open %s: %w", path, err)
	}
	ix := &Index{dir: dir, lock: lock, bl: bl, docs: map[string]*verbatim.Document{}}
	if opts.Retrieval == RetrievalMemory {
		ix.post = newPostings()
	}
	if err := ix.load(); err != nil {
		bl.Close()
		lock.Close()
		return nil, err
	}
	return ix, nil
}

// Close flushes and closes the index and releases the directory.
func (ix *Index) Close() error {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	err := ix.bl.Close()
	ix.lock.Close()
	return err
}

// load reads every stored document into memory.
func (ix *Index) load() error {
	n, err := ix.bl.DocCount()
	if err != nil {
		return fmt.Errorf("index: count: %w", err)
	}
	const page = 2000
	var after []string
	for loaded := uint64(0); loaded < n; {
		req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), page, 0, false)
		req.Fields = []string{"*"}
		req.SortBy([]string{"_id"})
		if after != nil {
			req.SearchAfter = after
		}
		res, err := ix.bl.Search(req)
		if err != nil {
			return fmt.Errorf("index: load: %w", err)
		}
		if len(res.Hits) == 0 {
			break
		}
		batch := make([]*verbatim.Document, 0, len(res.Hits))
		for _, h := range res.Hits {
			d, err := decode(h.ID, h.Fields)
			if err != nil {
				return err
			}
			ix.docs[h.ID] = d
			ix.ids = append(ix.ids, h.ID)
			batch = append(batch, d)
		}
		// Index the text a page at a time, so that the words of every
		// source are never all in memory at once.
		if ix.post != nil {
			for i, terms := range termsOfAll(batch) {
				ix.post.add(batch[i], terms)
			}
		}
		loaded += uint64(len(res.Hits))
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
	sort.Strings(ix.ids)
	if ix.post != nil {
		ix.post.compact()
	}
	return nil
}

func str(fields map[string]interface{}, name string) *string {
	v, ok := fields[name].(string)
	if !ok {
		return nil
	}
	return &v
}

func decode(id string, fields map[string]interface{}) (*verbatim.Document, error) {
	d := &verbatim.Document{Source: verbatim.Source{
		ID:        id,
		Publisher: str(fields, fieldPublisher),
		URL:       str(fields, fieldURL),
		Published: str(fields, fieldPublished),
		Author:    str(fields, fieldAuthor),
	}}
	if t := str(fields, fieldTitle); t != nil {
		d.Source.Title = *t
	}
	if t := str(fields, fieldText); t != nil {
		d.Source.Text = *t
	}
	if q := str(fields, fieldQuotations); q != nil {
		var err error
		if d.Quotations, err = decodeQuotations(d.Source.Text, []byte(*q)); err != nil {
			return nil, fmt.Errorf("index: decode quotations of %q: %w", id, err)
		}
	}
	return d, nil
}

func encode(d *verbatim.Document) (map[string]interface{}, error) {
	q, err := encodeQuotations(d.Quotations)
	if err != nil {
		return nil, err
	}
	m := map[string]interface{}{
		fieldText:       d.Source.Text,
		fieldTitle:      d.Source.Title,
		fieldQuotations: string(q),
	}
	for name, v := range map[string]*string{fieldPublisher: d.Source.Publisher, fieldURL: d.Source.URL, fieldPublished: d.Source.Published, fieldAuthor: d.Source.Author} {
		if v != nil {
			m[name] = *v
		}
	}
	if p := d.Source.Published; p != nil && len(*p) >= 10 {
		// Filters compare calendar days; a timestamp counts as its day.
		m[fieldDay] = (*p)[:10]
	}
	return m, nil
}

// Put stores docs in one batch: after it returns nil every one of them is on
// disk, and after an error none is. A document whose id is stored already is
// replaced.
func (ix *Index) Put(docs []*verbatim.Document) error {
	if len(docs) == 0 {
		return nil
	}
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	var terms [][]string
	if ix.post != nil {
		terms = termsOfAll(docs)
	}
	b := ix.bl.NewBatch()
	for _, d := range docs {
		m, err := encode(d)
		if err != nil {
			return fmt.Errorf("index: encode %q: %w", d.Source.ID, err)
		}
		if err := b.Index(d.Source.ID, m); err != nil {
			return fmt.Errorf("index: batch %q: %w", d.Source.ID, err)
		}
	}
	// Bleve's scorch waits until the batch is persisted before returning
	// (unsafe_batch is off), so an acknowledged write survives a crash.
	if err := ix.bl.Batch(b); err != nil {
		return fmt.Errorf("index: write batch: %w", err)
	}
	ix.mu.Lock()
	for i, d := range docs {
		if ix.post != nil {
			ix.post.add(d, terms[i])
		}
		if _, ok := ix.docs[d.Source.ID]; !ok {
			i := sort.SearchStrings(ix.ids, d.Source.ID)
			ix.ids = append(ix.ids, "")
			copy(ix.ids[i+1:], ix.ids[i:])
			ix.ids[i] = d.Source.ID
		}
		ix.docs[d.Source.ID] = d
	}
	ix.mu.Unlock()
	return nil
}

// Delete removes a source and its quotations. It returns false when the id
// is not stored.
func (ix *Index) Delete(id string) (bool, error) {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	ix.mu.RLock()
	_, ok := ix.docs[id]
	ix.mu.RUnlock()
	if !ok {
		return false, nil
	}
	b := ix.bl.NewBatch()
	b.Delete(id)
	if err := ix.bl.Batch(b); err != nil {
		return false, fmt.Errorf("index: delete %q: %w", id, err)
	}
	ix.mu.Lock()
	delete(ix.docs, id)
	if ix.post != nil {
		ix.post.remove(id)
	}
	if i := sort.SearchStrings(ix.ids, id); i < len(ix.ids) && ix.ids[i] == id {
		ix.ids = append(ix.ids[:i], ix.ids[i+1:]...)
	}
	ix.mu.Unlock()
	return true, nil
}

// Get returns a stored document. The result must not be modified.
func (ix *Index) Get(id string) (*verbatim.Document, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	d, ok := ix.docs[id]
	return d, ok
}

// Has reports whether id is stored.
func (ix *Index) Has(id string) bool {
	_, ok := ix.Get(id)
	return ok
}

// Count is the number of stored sources.
func (ix *Index) Count() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.ids)
}

// List returns up to limit documents in id order, starting at offset, and
// the number stored, both read at one moment.
func (ix *Index) List(offset, limit int) ([]*verbatim.Document, int) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if offset >= len(ix.ids) {
		return nil, len(ix.ids)
	}
	end := min(len(ix.ids), offset+limit)
	out := make([]*verbatim.Document, 0, end-offset)
	for _, id := range ix.ids[offset:end] {
		out = append(out, ix.docs[id])
	}
	return out, len(ix.ids)
}

// Each calls fn for every stored document, in id order, until fn returns false.
func (ix *Index) Each(fn func(*verbatim.Document) bool) {
	ix.mu.RLock()
	ids := append([]string(nil), ix.ids...)
	ix.mu.RUnlock()
	for _, id := range ids {
		if d, ok := ix.Get(id); ok && !fn(d) {
			return
		}
	}
}

// Phrase returns the ids of every source (up to limit) whose text contains
// each of parts as a run of consecutive normalised words. Parts are already
// normalised (normalize.Words). It searches Bleve, or with memory retrieval
// the in-memory postings (mem.go), rarest word first.
func (ix *Index) Phrase(ctx context.Context, parts [][]string, f *verbatim.Filter, limit int) ([]string, error) {
	if ix.post == nil {
		return ix.phraseBleve(ctx, parts, f, limit)
	}
	fl := newFilter(f)
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.post.phrase(ctx, parts, fl, limit)
}

// Similar returns the ids of the sources (best first, up to limit) that share
// at least minShare of words' distinct words, ranked so that rare shared
// words count most (mem.go, similar).
func (ix *Index) Similar(ctx context.Context, words []string, minShare float64, f *verbatim.Filter, limit int) ([]string, error) {
	if ix.post == nil {
		return ix.similarBleve(ctx, words, minShare, f, limit)
	}
	fl := newFilter(f)
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.post.similar(ctx, words, minShare, fl, limit, nil)
}

// Near is Similar for a close wording of claim, at similarity minSim or
// more: of the sources sharing minShare of words, it keeps only those with
// a run of len(claim)/minSim words holding minSim·len(claim) of claim's
// words (without which align.NearMin finds nothing), best first by their
// densest such run. words are the claim's words that select candidates
// (its distinctive ones).
func (ix *Index) Near(ctx context.Context, words []string, minShare float64, claim []string, minSim float64, f *verbatim.Filter, limit int) ([]string, error) {
	if minSim <= 0 || len(claim) == 0 || ix.post == nil {
		return ix.Similar(ctx, words, minShare, f, limit)
	}
	fl := newFilter(f)
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.post.similar(ctx, words, minShare, fl, limit, &window{claim: claim, minSim: minSim})
}

// phraseBleve is Phrase answered by a Bleve search: a conjunction of
// phrase queries on the text field, whose term vectors hold positions.
func (ix *Index) phraseBleve(ctx context.Context, parts [][]string, f *verbatim.Filter, limit int) ([]string, error) {
	var qs []query.Query
	for _, p := range parts {
		if len(p) == 0 {
			continue
		}
		if len(p) == 1 {
			t := bleve.NewTermQuery(p[0])
			t.SetField(fieldText)
			qs = append(qs, t)
			continue
		}
		qs = append(qs, bleve.NewPhraseQuery(p, fieldText))
	}
	if len(qs) == 0 {
		return nil, nil
	}
	// Unscored: the caller checks every candidate word by word anyway, and
	// Bleve may then stop at the limit instead of ranking every match.
	return ix.search(ctx, bleve.NewConjunctionQuery(qs...), f, limit, false)
}

// similarBleve is Similar answered by a Bleve search: a disjunction of the
// words with a minimum to match, ranked by Bleve's scoring so that rare
// shared words count most.
func (ix *Index) similarBleve(ctx context.Context, words []string, minShare float64, f *verbatim.Filter, limit int) ([]string, error) {
	seen := map[string]bool{}
	var qs []query.Query
	for _, w := range words {
		if seen[w] {
			continue
		}
		seen[w] = true
		t := bleve.NewTermQuery(w)
		t.SetField(fieldText)
		qs = append(qs, t)
	}
	if len(qs) == 0 {
		return nil, nil
	}
	d := bleve.NewDisjunctionQuery(qs...)
	need := int(minShare*float64(len(qs)) + 0.5)
	d.SetMin(float64(max(1, need)))
	return ix.search(ctx, d, f, limit, true)
}

func (ix *Index) search(ctx context.Context, q query.Query, f *verbatim.Filter, limit int, scored bool) ([]string, error) {
	if fq := filterQuery(f); fq != nil {
		q = bleve.NewConjunctionQuery(q, fq)
	}
	req := bleve.NewSearchRequestOptions(q, limit, 0, false)
	if !scored {
		req.Score = bleve.ScoreNone
	}
	res, err := ix.bl.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids, nil
}

// filterQuery turns a verify filter into a Bleve query, nil when it narrows
// nothing. Dates are YYYY-MM-DD strings, so their keyword order is their
// calendar order.
func filterQuery(f *verbatim.Filter) query.Query {
	if f == nil {
		return nil
	}
	var qs []query.Query
	if len(f.SourceIDs) > 0 {
		qs = append(qs, bleve.NewDocIDQuery(f.SourceIDs))
	}
	if len(f.Publishers) > 0 {
		var ps []query.Query
		for _, p := range f.Publishers {
			t := bleve.NewTermQuery(p)
			t.SetField(fieldPublisher)
			ps = append(ps, t)
		}
		qs = append(qs, bleve.NewDisjunctionQuery(ps...))
	}
	if f.PublishedAfter != "" || f.PublishedBefore != "" {
		incl := true
		r := bleve.NewTermRangeInclusiveQuery(f.PublishedAfter, f.PublishedBefore, &incl, &incl)
		r.SetField(fieldDay)
		qs = append(qs, r)
	}
	if len(qs) == 0 {
		return nil
	}
	return bleve.NewConjunctionQuery(qs...)
}
