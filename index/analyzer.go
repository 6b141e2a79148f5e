package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/verbatim/verbatim/normalize"
)

// TokenizerName and AnalyzerName register Verbatim's rule for "the same
// words" with Bleve. The analyzer has no token filters on purpose: stemming
// or stop-word removal would hide exactly the word changes a fact-checker
// needs to see.
const (
	TokenizerName = "verbatim_words"
	AnalyzerName  = "verbatim"
)

func init() {
	if err := registry.RegisterTokenizer(TokenizerName, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return wordTokenizer{}, nil
	}); err != nil {
		panic(err)
	}
}

// wordTokenizer emits normalize.Words as tokens, keeping their byte offsets.
type wordTokenizer struct{}

func (wordTokenizer) Tokenize(input []byte) analysis.TokenStream {
	words := normalize.Words(string(input))
	out := make(analysis.TokenStream, len(words))
	for i, w := range words {
		out[i] = &analysis.Token{
			Start:    w.Start,
			End:      w.End,
			Term:     []byte(w.Norm),
			Position: i + 1,
			Type:     analysis.AlphaNumeric,
		}
	}
	return out
}

// newMapping describes the one kind of document the index holds: a source,
// with its text searchable by normalised words, its metadata filterable, and
// everything stored so that a restart reloads it without extracting again.
func newMapping() (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer(AnalyzerName, map[string]interface{}{
		"type":      custom.Name,
		"tokenizer": TokenizerName,
	}); err != nil {
		return nil, err
	}
	text := bleve.NewTextFieldMapping()
	text.Analyzer = AnalyzerName
	text.Store = true
	text.IncludeTermVectors = true
	text.IncludeInAll = false
	// No doc values: nothing sorts or facets on the text, and they would
	// store every term of every source a second time.
	text.DocValues = false

	keyword := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = true
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}
	stored := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Index = false
		f.Store = true
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldText, text)
	doc.AddFieldMappingsAt(fieldPublisher, keyword())
	doc.AddFieldMappingsAt(fieldPublished, stored())
	day := keyword()
	day.Store = false
	doc.AddFieldMappingsAt(fieldDay, day)
	doc.AddFieldMappingsAt(fieldTitle, stored())
	doc.AddFieldMappingsAt(fieldURL, stored())
	doc.AddFieldMappingsAt(fieldAuthor, stored())
	doc.AddFieldMappingsAt(fieldQuotations, stored())
	im.DefaultMapping = doc
	im.DefaultAnalyzer = AnalyzerName
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im, nil
}
