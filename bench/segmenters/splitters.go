// Package segmenters measures library sentence splitters against
// Extract's own segmentation (attribution/doc.go segment()) by plugging
// their boundaries in through attribution/internal/segmenthook, scoring
// extraction on PolNeAR and timing it on the BBC articles. It is a nested
// module so that the libraries stay out of the main module's go.mod.
//
//	cd bench/segmenters
//	go test -v -timeout 60m .               # the table, the splitters' and prose's tagger's own speeds (~7-10 min)
//	go test -v -short -run Compare .        # the table without the train column
//
// The data is read from ../../../shared/data (or $VERBATIM_DATA); without it
// every test skips.
package segmenters

import (
	"strings"
	"sync"

	"github.com/jdkato/prose/v2"
	"github.com/neurosnap/sentences"
	"github.com/neurosnap/sentences/english"
	"github.com/rivo/uniseg"
)

// A splitter returns the byte offsets of text where a sentence ends.
type splitter struct {
	name  string
	split func(text string) []int
}

var punktOnce = sync.OnceValue(func() *sentences.DefaultSentenceTokenizer {
	t, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		panic(err)
	}
	return t
})

// punktEnds: github.com/neurosnap/sentences, English punkt model.
func punktEnds(text string) []int {
	ss := punktOnce().Tokenize(text)
	ends := make([]int, 0, len(ss))
	for _, s := range ss {
		ends = append(ends, s.End)
	}
	return ends
}

// proseEnds: github.com/jdkato/prose/v2's segmenter (its own punkt set-up),
// through its only public way, a Document without tokens, tags or entities.
// Its sentences carry no offsets: each is found in the text from the end of
// the one before.
func proseEnds(text string) []int {
	doc, err := prose.NewDocument(text, prose.WithTokenization(false), prose.WithTagging(false), prose.WithExtraction(false))
	if err != nil {
		return nil
	}
	return locate(text, doc.Sentences())
}

func locate(text string, ss []prose.Sentence) []int {
	var ends []int
	at := 0
	for _, s := range ss {
		if s.Text == "" {
			continue
		}
		k := strings.Index(text[at:], s.Text)
		if k < 0 {
			continue
		}
		at += k + len(s.Text)
		ends = append(ends, at)
	}
	return ends
}

// proseTokenEnds: a concrete use of prose/v2's tokenizer: a sentence ends
// after each . ! ? it writes as a token of its own, and not after a period it
// leaves inside a token ("U.S.", "Mr."). Its tokens carry no offsets either:
// each is found in the text from the end of the one before (a token its
// sanitizer rewrote is not found and is passed over).
func proseTokenEnds(text string) []int {
	doc, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.WithTagging(false), prose.WithExtraction(false))
	if err != nil {
		return nil
	}
	var ends []int
	at := 0
	for _, t := range doc.Tokens() {
		k := strings.Index(text[at:], t.Text)
		if k < 0 || t.Text == "" {
			continue
		}
		at += k + len(t.Text)
		if t.Text == "." || t.Text == "!" || t.Text == "?" {
			ends = append(ends, at)
		}
	}
	return ends
}

// unisegEnds: github.com/rivo/uniseg, Unicode sentence boundaries (UAX #29).
func unisegEnds(text string) []int {
	var ends []int
	at, state := 0, -1
	for rest := text; rest != ""; {
		var s string
		s, rest, state = uniseg.FirstSentenceInString(rest, state)
		at += len(s)
		ends = append(ends, at)
	}
	return ends
}

var splitters = []splitter{
	{"sentences", punktEnds},
	{"prose", proseEnds},
	{"uniseg", unisegEnds},
	{"prose tokens", proseTokenEnds},
}
