// Package verbatim holds the domain nouns of Verbatim: sources, quotations,
// speakers, verdicts and errors. It depends on the standard library only, so
// every other package can share these types without pulling in HTTP or Bleve.
package verbatim

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode/utf8"
)

// Source is one ingested text. Text is stored exactly as ingested: every
// offset Verbatim reports is a UTF-8 byte offset into it.
type Source struct {
	ID        string  `json:"id"`
	Title     string  `json:"title"`
	Publisher *string `json:"publisher"`
	URL       *string `json:"url"`
	Published *string `json:"published"`
	Author    *string `json:"author"`
	Text      string  `json:"text"`
}

// SourceRef is the metadata of a source without its text, as attestations
// and listings show it.
type SourceRef struct {
	ID        string  `json:"id"`
	Title     string  `json:"title"`
	Publisher *string `json:"publisher"`
	URL       *string `json:"url"`
	Published *string `json:"published"`
	Author    *string `json:"author"`
}

// Ref returns the source's metadata without its text.
func (s *Source) Ref() SourceRef {
	return SourceRef{ID: s.ID, Title: s.Title, Publisher: s.Publisher, URL: s.URL, Published: s.Published, Author: s.Author}
}

// DeriveID gives a source without an id one derived from its text, so that
// the same text ingested twice is one source.
func DeriveID(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:8])
}

// MaxTitleDefault bounds a title taken from a text's first line.
const MaxTitleDefault = 300

// DefaultTitle is the first non-empty line of a text, cut to
// MaxTitleDefault bytes on a rune boundary (with "…"): news texts carry
// their headline there, as the seed articles do.
func DefaultTitle(text string) string {
	for text != "" {
		line, rest, _ := strings.Cut(text, "\n")
		if t := strings.TrimSpace(line); t != "" {
			return Truncate(t, MaxTitleDefault)
		}
		text = rest
	}
	return ""
}

// Truncate cuts s to at most n bytes on a rune boundary, marking the cut
// with "…".
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
