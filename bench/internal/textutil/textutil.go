// Package textutil holds the small text helpers the bench tools share.
package textutil

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// cp1252 maps the bytes 0x80-0x9F of Windows-1252; the rest of the upper
// half is Latin-1.
var cp1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

// ToUTF8 returns b as UTF-8: unchanged when it is valid UTF-8, otherwise
// decoded as Windows-1252 (a superset of Latin-1's printable range).
func ToUTF8(b []byte) (string, bool) {
	if utf8.Valid(b) {
		return string(b), false
	}
	var sb strings.Builder
	sb.Grow(len(b) + 16)
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			c := b[0]
			if c >= 0x80 && c < 0xA0 {
				sb.WriteRune(cp1252[c-0x80])
			} else {
				sb.WriteRune(rune(c))
			}
			b = b[1:]
			continue
		}
		sb.Write(b[:n])
		b = b[n:]
	}
	return sb.String(), true
}

// CleanControls drops control characters other than newline and tab, and
// turns CR LF and lone CR into LF.
func CleanControls(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r == '\r' {
			return '\n'
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xA0) {
			return -1
		}
		return r
	}, s)
}

// Tokens splits s into runs of letters and digits (the way SQLite's
// unicode61 tokenizer does), lower-cased.
func Tokens(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) {
		out = append(out, strings.ToLower(f))
	}
	return out
}

// CopySep separates a source id from its copy number in growth corpora
// (`polnear:x.c2`). Verbatim ids allow only letters, digits and . _ : -.
const CopySep = ".c"

// BaseID strips a copy suffix, so that a copy of the expected source counts
// as the expected source.
func BaseID(id string) string {
	i := strings.LastIndex(id, CopySep)
	if i < 0 {
		return id
	}
	rest := id[i+len(CopySep):]
	if rest == "" {
		return id
	}
	for _, c := range rest {
		if c < '0' || c > '9' {
			return id
		}
	}
	return id[:i]
}
