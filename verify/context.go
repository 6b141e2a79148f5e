package verify

import (
	"unicode"
	"unicode/utf8"
)

// maxContext bounds the context shown around a span on each side, so that a
// source with no sentence breaks does not return itself whole.
const maxContext = 1000

// contextOf returns the sentence or sentences holding text[start:end].
func contextOf(text string, start, end int) string {
	a, b := sentenceAround(text, start, end)
	return text[a:b]
}

// sentenceAround widens [start, end) to sentence boundaries: a line break, or
// '.', '!' or '?' (perhaps followed by closing quotes) followed by a space and
// an upper-case letter or an opening quote. It never widens by more than
// maxContext bytes on either side and always stops on rune boundaries.
func sentenceAround(text string, start, end int) (int, int) {
	a := start
	for a > 0 && start-a < maxContext {
		r, size := utf8.DecodeLastRuneInString(text[:a])
		if r == '\n' {
			break
		}
		if unicode.IsSpace(r) && endsSentence(text[:a-size]) {
			break
		}
		a -= size
	}
	for a < start {
		r, size := utf8.DecodeRuneInString(text[a:])
		if !unicode.IsSpace(r) {
			break
		}
		a += size
	}
	b := end
	for b < len(text) && b-end < maxContext {
		r, size := utf8.DecodeRuneInString(text[b:])
		if r == '\n' {
			break
		}
		if unicode.IsSpace(r) && endsSentence(text[:b]) {
			break
		}
		b += size
	}
	for b > end {
		r, size := utf8.DecodeLastRuneInString(text[:b])
		if !unicode.IsSpace(r) {
			break
		}
		b -= size
	}
	return a, b
}

// endsSentence reports whether s ends with sentence-final punctuation,
// perhaps followed by closing quotation marks.
func endsSentence(s string) bool {
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		switch r {
		case '"', '\'', '”', '’', '»', '“', ')':
			s = s[:len(s)-size]
			continue
		case '.', '!', '?', '…':
			return true
		}
		return false
	}
	return false
}
