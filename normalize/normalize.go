// Package normalize is the one definition of "the same words" (SPEC,
// Normalisation): case, Unicode form (NFKC), the kind of quotation mark,
// apostrophe and dash, whitespace and punctuation between words do not make
// two wordings different; words do. Every word keeps the byte offsets of its
// original spelling, so a match on normalised words maps back to an exact span
// of the stored text.
package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Word is one word of a text: Norm is its normalised form, and
// text[Start:End] its original spelling.
type Word struct {
	Norm  string
	Start int
	End   int
}

var folder = cases.Fold()

// isApostrophe reports the characters a writer or a keyboard uses for an
// apostrophe; inside a word they all become "'".
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', '′', '`', '´':
		return true
	}
	return false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || unicode.Is(unicode.No, r)
}

// Words splits text into normalised words. A word is a run of letters, digits
// and combining marks; an apostrophe between two word characters stays inside
// the word ("Washington’s" → "washington's"), and so do "." and "," between
// digits ("2,500" → "2500", "3.5" → "3.5"). Everything else — spaces,
// punctuation, quotation marks, dashes — separates words and is ignored.
// Invalid UTF-8 bytes separate words too.
func Words(text string) []Word {
	words := make([]Word, 0, len(text)/6)
	return AppendWords(words, text)
}

// AppendWords is Words appending to dst, to let callers reuse a buffer.
func AppendWords(dst []Word, text string) []Word {
	i := 0
	n := len(text)
	for i < n {
		r, size := decode(text, i)
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		i += size
		for i < n {
			r, size = decode(text, i)
			if isWordRune(r) {
				i += size
				continue
			}
			if (isApostrophe(r) || r == '.' || r == ',') && i+size < n {
				next, nsize := decode(text, i+size)
				if isApostrophe(r) && isWordRune(next) {
					i += size + nsize
					continue
				}
				if (r == '.' || r == ',') && unicode.IsDigit(next) && isDigitBefore(text, i) {
					i += size + nsize
					continue
				}
			}
			break
		}
		w := Word{Norm: fold(text[start:i]), Start: start, End: i}
		if k := len(dst) - 1; k >= 0 && isInitial(text, w) && isInitial(text, dst[k]) && text[dst[k].End:w.Start] == "." {
			// Dotted initialisms are one word: "U.S." is "US".
			dst[k].Norm += w.Norm
			dst[k].End = w.End
			continue
		}
		dst = append(dst, w)
	}
	return dst
}

// isInitial reports a word that is a single letter, or a run of initials
// already merged, as in an abbreviation like "U.S.".
func isInitial(text string, w Word) bool {
	s := text[w.Start:w.End]
	r, size := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return false
	}
	if size == len(s) {
		return true
	}
	// merged initials look like "U.S" — letters alternating with dots
	for i := size; i < len(s); i += 2 {
		if s[i] != '.' || i+1 >= len(s) || s[i+1] < 'A' || s[i+1] > 'Z' {
			return false
		}
	}
	return true
}

func decode(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return r, size
}

func isDigitBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsDigit(r)
}

// fold normalises one word: NFKC, case folding, one apostrophe, and no
// thousands separators.
func fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		if isLowerPlain(w) {
			return w
		}
		b := make([]byte, 0, len(w))
		for i := 0; i < len(w); i++ {
			c := w[i]
			switch {
			case c >= 'A' && c <= 'Z':
				b = append(b, c+'a'-'A')
			case c == '`':
				b = append(b, '\'')
			case c == ',':
				// a thousands separator between digits
			default:
				b = append(b, c)
			}
		}
		return string(b)
	}
	w = norm.NFKC.String(w)
	w = folder.String(w)
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch {
		case isApostrophe(r):
			b.WriteByte('\'')
		case r == ',' || unicode.IsSpace(r):
			// NFKC spells a few characters with a space (U+037A is " ͅ");
			// a word never holds one, or normalising twice would differ.
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isLowerPlain(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if (c >= 'A' && c <= 'Z') || c == '`' || c == ',' {
			return false
		}
	}
	return true
}

// Key returns the normalised words of s joined by single spaces: two
// wordings are the same words exactly when their keys are equal.
func Key(s string) string {
	ws := Words(s)
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.Norm
	}
	return strings.Join(parts, " ")
}

// Norms returns just the normalised forms of words.
func Norms(words []Word) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w.Norm
	}
	return out
}

// SplitEllipsis cuts a claim at every ellipsis ("..." or "…", with any
// spacing) into the parts that must occur in order. Empty parts (an
// ellipsis at either end) are dropped.
func SplitEllipsis(claim string) []string {
	claim = strings.ReplaceAll(claim, "…", "...")
	var parts []string
	for _, p := range strings.Split(claim, "...") {
		if len(Words(p)) > 0 {
			parts = append(parts, p)
		}
	}
	return parts
}
