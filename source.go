// Package verbatim holds the domain nouns of Verbatim: sources, quotations,
// speakers, verdicts and errors. It depends on the standard library only, so
// every other package can share these types without pulling in HTTP or Bleve.
package verbatim

import (
	"crypto/sha256"
	"encoding/hex"
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
