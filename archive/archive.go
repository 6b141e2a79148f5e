// Package archive is Verbatim's use cases in one place: ingest sources
// (extract their quotations and store both), read them back, list speakers,
// search quotations and verify claims. The api and the command line both call
// it; it knows neither HTTP nor Bleve, only the Store and Registry it is given.
package archive

import (
	"context"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/normalize"
	"github.com/verbatim/verbatim/verify"
)

// Store keeps documents; index.Index implements it.
type Store interface {
	verify.Store
	Put(docs []*verbatim.Document) error
	Delete(id string) (bool, error)
	Has(id string) bool
	Count() int
	List(offset, limit int) ([]*verbatim.Document, int)
	Each(fn func(*verbatim.Document) bool)
}

// Registry merges speakers across sources; attribution.Registry implements it.
type Registry interface {
	verify.Speakers
	Add(sourceID string, qs []verbatim.Quotation)
	Remove(sourceID string)
	Speakers() []verbatim.Speaker
	Canonical(name string) (string, bool)
}

// Extractor finds the quotations of a text; attribution.Extract is one.
type Extractor func(text string) []verbatim.Quotation

// Archive is the service behind the API and the CLI.
type Archive struct {
	store    Store
	registry Registry
	extract  Extractor
	verifier *verify.Verifier
	// writeMu makes each write's store and registry updates one step among
	// writers; readers take no part in it and may, for the moment between
	// the two, see a source's speakers a little before or after the source.
	writeMu sync.Mutex
}

// New builds an Archive and fills the speaker registry from what store holds.
func New(store Store, registry Registry, extract Extractor, cfg verify.Config) *Archive {
	a := &Archive{store: store, registry: registry, extract: extract}
	a.verifier = verify.New(store, registry, cfg)
	store.Each(func(d *verbatim.Document) bool {
		registry.Add(d.Source.ID, d.Quotations)
		return true
	})
	return a
}

// Limits on what a source may be.
const (
	MaxIDBytes    = 256
	MaxTitleBytes = 2048
	MaxMetaBytes  = 2048
)

// Ingested says what one ingested source became.
type Ingested struct {
	ID         string `json:"id"`
	Quotations int    `json:"quotations"`
}

// Prepare validates a source, fills its derived id and extracts its
// quotations, without storing anything. Line numbers in errors come from the
// caller.
func (a *Archive) Prepare(s verbatim.Source) (*verbatim.Document, error) {
	if err := validate(&s); err != nil {
		return nil, err
	}
	return &verbatim.Document{Source: s, Quotations: a.extract(s.Text)}, nil
}

// Ingest validates, extracts and stores sources, all or nothing: after an
// error nothing of the batch is stored. Sources that share an id within one
// batch are refused, as the batch would be ambiguous.
func (a *Archive) Ingest(ctx context.Context, sources []verbatim.Source) ([]Ingested, error) {
	if len(sources) == 0 {
		return nil, verbatim.Errorf(verbatim.EInvalid, "no sources given")
	}
	docs, err := a.prepareAll(sources)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, verbatim.Errorf(verbatim.EUnavailable, "request cancelled before anything was stored")
	}
	return a.Store(docs)
}

// Store writes prepared documents in one all-or-nothing batch.
func (a *Archive) Store(docs []*verbatim.Document) ([]Ingested, error) {
	a.writeMu.Lock()
	defer a.writeMu.Unlock()
	if err := a.store.Put(docs); err != nil {
		return nil, err
	}
	out := make([]Ingested, len(docs))
	for i, d := range docs {
		a.registry.Add(d.Source.ID, d.Quotations)
		out[i] = Ingested{ID: d.Source.ID, Quotations: len(d.Quotations)}
	}
	return out, nil
}

// prepareAll validates every source first (cheap, and a bad one fails the
// batch before any extraction), then extracts in parallel over all cores.
func (a *Archive) prepareAll(sources []verbatim.Source) ([]*verbatim.Document, error) {
	seen := make(map[string]int, len(sources))
	for i := range sources {
		if err := validate(&sources[i]); err != nil {
			if len(sources) > 1 {
				return nil, verbatim.Errorf(verbatim.ErrorCode(err), "source %d: %s", i+1, verbatim.ErrorMessage(err))
			}
			return nil, err
		}
		if j, dup := seen[sources[i].ID]; dup {
			if sameSource(&sources[j], &sources[i]) {
				// The same source twice is one source, as the SPEC has it
				// for the same text ingested twice.
				continue
			}
			return nil, verbatim.Errorf(verbatim.EInvalid, "sources %d and %d have the same id %q", j+1, i+1, sources[i].ID)
		}
		seen[sources[i].ID] = i
	}
	if len(seen) < len(sources) {
		unique := make([]verbatim.Source, 0, len(seen))
		for i := range sources {
			if seen[sources[i].ID] == i {
				unique = append(unique, sources[i])
			}
		}
		sources = unique
	}
	docs := make([]*verbatim.Document, len(sources))
	ParallelEach(len(sources), func(i int) {
		docs[i] = &verbatim.Document{Source: sources[i], Quotations: a.extract(sources[i].Text)}
	})
	return docs, nil
}

// ParallelEach calls fn(0..n-1) on all cores.
func ParallelEach(n int, fn func(i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
	if workers <= 1 {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// Validate checks a source as Ingest will, filling its derived id and
// default title, so that a caller reading many sources can name the bad one
// in its own terms (an NDJSON line).
func Validate(s *verbatim.Source) error { return validate(s) }

// validate checks a source and fills its derived id. Ids are restricted to
// characters that are safe in a URL path segment, a log line and a file
// name, so that no id can be mistaken for a path.
func validate(s *verbatim.Source) error {
	if !utf8.ValidString(s.Text) {
		return verbatim.Errorf(verbatim.EInvalid, "text is not valid UTF-8")
	}
	if strings.IndexByte(s.Text, 0) >= 0 {
		return verbatim.Errorf(verbatim.EInvalid, "text contains a NUL byte")
	}
	if strings.TrimSpace(s.Text) == "" {
		return verbatim.Errorf(verbatim.EInvalid, "text is empty")
	}
	if s.ID == "" {
		s.ID = verbatim.DeriveID(s.Text)
	}
	if err := ValidID(s.ID); err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		v    *string
		max  int
	}{{"title", &s.Title, MaxTitleBytes}, {"publisher", s.Publisher, MaxMetaBytes}, {"url", s.URL, MaxMetaBytes}, {"author", s.Author, MaxMetaBytes}, {"published", s.Published, 64}} {
		if f.v == nil {
			continue
		}
		if !utf8.ValidString(*f.v) || strings.IndexByte(*f.v, 0) >= 0 {
			return verbatim.Errorf(verbatim.EInvalid, "%s is not valid UTF-8 text", f.name)
		}
		if len(*f.v) > f.max {
			return verbatim.Errorf(verbatim.ETooLarge, "%s is longer than %d bytes", f.name, f.max)
		}
	}
	if s.Published != nil {
		p := *s.Published
		if _, err := time.Parse("2006-01-02", p); err != nil {
			if _, err := time.Parse(time.RFC3339, p); err != nil {
				return verbatim.Errorf(verbatim.EInvalid, "published must be YYYY-MM-DD or an RFC 3339 time, got %q", p)
			}
		}
	}
	if s.Title == "" {
		s.Title = verbatim.DefaultTitle(s.Text)
	}
	return nil
}

// ValidID checks a source id: 1 to 256 bytes of letters, digits and . _ : -,
// not starting with a dot.
func ValidID(id string) error {
	if id == "" || len(id) > MaxIDBytes {
		return verbatim.Errorf(verbatim.EInvalid, "id must be 1 to %d bytes", MaxIDBytes)
	}
	if id[0] == '.' {
		return verbatim.Errorf(verbatim.EInvalid, "id must not start with a dot")
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == ':' || c == '-'
		if !ok {
			return verbatim.Errorf(verbatim.EInvalid, "id may hold only letters, digits and . _ : - (got %q)", verbatim.Truncate(id, 64))
		}
	}
	return nil
}

// Delete removes a source and its quotations.
func (a *Archive) Delete(id string) error {
	a.writeMu.Lock()
	defer a.writeMu.Unlock()
	ok, err := a.store.Delete(id)
	if err != nil {
		return err
	}
	if !ok {
		return notFound(id)
	}
	a.registry.Remove(id)
	return nil
}

func notFound(id string) error {
	return verbatim.Errorf(verbatim.ENotFound, "no source with id %q", verbatim.Truncate(id, 100))
}

// Get returns a stored source with its quotations.
func (a *Archive) Get(id string) (*verbatim.Document, error) {
	d, ok := a.store.Get(id)
	if !ok {
		return nil, notFound(id)
	}
	return d, nil
}

// Has reports whether a source id is stored.
func (a *Archive) Has(id string) bool { return a.store.Has(id) }

// Count is the number of stored sources.
func (a *Archive) Count() int { return a.store.Count() }

// List returns a page of sources in id order and the total count.
func (a *Archive) List(offset, limit int) ([]*verbatim.Document, int) {
	return a.store.List(offset, limit)
}

// Speakers lists every speaker entity.
func (a *Archive) Speakers() []verbatim.Speaker { return a.registry.Speakers() }

// Verify answers a claim.
func (a *Archive) Verify(ctx context.Context, c verbatim.Claim) (*verbatim.Verification, error) {
	return a.verifier.Verify(ctx, c)
}

// ValidateClaim checks a claim without verifying it.
func (a *Archive) ValidateClaim(c *verbatim.Claim) error { return a.verifier.Validate(c) }

// Found is a quotation found by SearchQuotations, with its source.
type Found struct {
	Source    verbatim.SourceRef `json:"source"`
	Quotation verbatim.Quotation `json:"quotation"`
}

// MaxSearchBytes bounds the speaker and words of a quotation search.
const MaxSearchBytes = 1024

// SearchQuotations finds quotations by speaker (any alias of the entity)
// and/or words (consecutive normalised words inside the quotation). It
// returns a page of results in source id and offset order, and the total.
func (a *Archive) SearchQuotations(ctx context.Context, speaker, q string, offset, limit int) ([]Found, int, error) {
	speaker, q = strings.TrimSpace(speaker), strings.TrimSpace(q)
	if speaker == "" && q == "" {
		return nil, 0, verbatim.Errorf(verbatim.EInvalid, "give speaker, q or both")
	}
	if len(speaker) > MaxSearchBytes || len(q) > MaxSearchBytes {
		return nil, 0, verbatim.Errorf(verbatim.ETooLarge, "speaker and q are limited to %d bytes", MaxSearchBytes)
	}
	if !utf8.ValidString(speaker) || !utf8.ValidString(q) || strings.IndexByte(speaker+q, 0) >= 0 {
		return nil, 0, verbatim.Errorf(verbatim.EInvalid, "speaker and q must be valid UTF-8 without NUL characters")
	}
	words := normalize.Norms(normalize.Words(q))
	if q != "" && len(words) == 0 {
		return nil, 0, verbatim.Errorf(verbatim.EInvalid, "q has no words")
	}
	var docs []*verbatim.Document
	if len(words) > 0 {
		ids, err := a.store.Phrase(ctx, [][]string{words}, nil, 100000)
		if err != nil {
			return nil, 0, err
		}
		for _, id := range ids {
			if d, ok := a.store.Get(id); ok {
				docs = append(docs, d)
			}
		}
		sortDocs(docs)
	} else {
		a.store.Each(func(d *verbatim.Document) bool {
			docs = append(docs, d)
			return true
		})
	}
	var out []Found
	total := 0
	for _, d := range docs {
		for _, qt := range d.Quotations {
			if speaker != "" && !a.speakerOf(speaker, &qt) {
				continue
			}
			if len(words) > 0 && !containsWords(qt.Text, words) {
				continue
			}
			if total >= offset && len(out) < limit {
				out = append(out, Found{Source: d.Source.Ref(), Quotation: qt})
			}
			total++
		}
	}
	return out, total, nil
}

func (a *Archive) speakerOf(name string, q *verbatim.Quotation) bool {
	return (q.Speaker != nil && a.registry.Matches(name, q.Speaker)) || (q.ReportedBy != nil && a.registry.Matches(name, q.ReportedBy))
}

func containsWords(text string, words []string) bool {
	norms := normalize.Norms(normalize.Words(text))
	for i := 0; i+len(words) <= len(norms); i++ {
		match := true
		for j, w := range words {
			if norms[i+j] != w {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// sameSource reports whether two sources are identical in text and metadata.
func sameSource(a, b *verbatim.Source) bool {
	eq := func(x, y *string) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	return a.ID == b.ID && a.Title == b.Title && a.Text == b.Text && eq(a.Publisher, b.Publisher) &&
		eq(a.URL, b.URL) && eq(a.Published, b.Published) && eq(a.Author, b.Author)
}
