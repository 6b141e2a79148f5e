package attribution

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	tkWord uint8 = iota
	tkPunct
	tkQuote
	tkDash
	tkPara
	tkOther
)

// Quotation mark families: marks pair only within their family, so a single
// quote nests inside a double one and an apostrophe never closes “…”.
const (
	famDouble uint8 = 1
	famSingle uint8 = 2
)

// token is one word, punctuation mark, quotation mark or paragraph break,
// with its UTF-8 byte offsets into the text.
type token struct {
	s, e int
	kind uint8
	cap  bool  // word: starts with an upper-case letter
	ch   byte  // punct: the ASCII character, or '~' for an ellipsis
	fam  uint8 // quote: famDouble or famSingle
	open bool  // quote: may open (flanked like an opening mark)
	clos bool  // quote: may close
	pref int8  // quote: +1 the glyph opens (“ ‘ « „), -1 it closes (” ’ »), 0 either (" ')
}

// quoteMark tells whether r is a quotation mark, its family and its glyph's preference.
func quoteMark(r rune) (fam uint8, pref int8, ok bool) {
	switch r {
	case '"':
		return famDouble, 0, true
	case '“', '„', '‟', '«':
		return famDouble, 1, true
	case '”', '»':
		return famDouble, -1, true
	case '\'':
		return famSingle, 0, true
	case '‘', '‚', '‹':
		return famSingle, 1, true
	case '’', '›':
		return famSingle, -1, true
	}
	return 0, 0, false
}

func isDashRune(r rune) bool {
	return r == '—' || r == '–' || r == '―' || r == '‒'
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// leftBound reports whether the rune before a quotation mark lets it open.
func leftBound(r rune, start bool) bool {
	if start || unicode.IsSpace(r) || isDashRune(r) {
		return true
	}
	switch r {
	case '(', '[', '{', '<', '/', '-', ':', '\u00a0':
		return true
	}
	_, _, q := quoteMark(r)
	return q
}

// rightBound reports whether the rune after a quotation mark lets it close.
func rightBound(r rune, end bool) bool {
	if end || unicode.IsSpace(r) || isDashRune(r) {
		return true
	}
	switch r {
	case '.', ',', ';', ':', '!', '?', ')', ']', '}', '>', '…', '-', '/':
		return true
	}
	_, _, q := quoteMark(r)
	return q
}

// hardWrapped reports whether text is hard-wrapped (lines of about 70
// characters, paragraphs separated by blank lines, as in Gutenberg novels):
// then a single line break is a space and only a blank line ends a paragraph.
func hardWrapped(text string) bool {
	lines, long, blank := 0, 0, 0
	start := 0
	for start <= len(text) && lines < 400 {
		i := strings.IndexByte(text[start:], '\n')
		var line string
		if i < 0 {
			line = text[start:]
		} else {
			line = text[start : start+i]
		}
		if strings.TrimSpace(line) == "" {
			blank++
		} else {
			lines++
			if len(line) > 110 {
				long++
			}
		}
		if i < 0 {
			break
		}
		start += i + 1
	}
	return lines >= 8 && blank >= 2 && long*20 <= lines
}

// titleAbbrevs keep their period: it ends no sentence.
var titleAbbrevs = set("mr mrs ms dr st gen sen rep gov lt col capt prof rev hon sgt messrs mme mlle jr sr")

// tokenize splits text into tokens in one pass. Invalid UTF-8 bytes become
// tkOther tokens of one byte, so every offset stays on a boundary that
// utf8.DecodeRuneInString agrees with.
func tokenize(text string, toks []token) []token {
	wrapped := hardWrapped(text)
	n := len(text)
	i := 0
	for i < n {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n' || r == '\r' || r == '\u2029':
			// whitespace run containing line breaks
			j := i
			breaks := 0
			for j < n {
				c := text[j]
				if c == '\n' {
					breaks++
					j++
					continue
				}
				if c == ' ' || c == '\t' || c == '\r' {
					j++
					continue
				}
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if r2 == '\u2029' {
					breaks += 2
					j += s2
					continue
				}
				if r2 != utf8.RuneError && unicode.IsSpace(r2) {
					j += s2
					continue
				}
				break
			}
			if breaks >= 2 || (!wrapped && breaks >= 1) {
				if len(toks) == 0 || toks[len(toks)-1].kind != tkPara {
					toks = append(toks, token{s: i, e: i, kind: tkPara})
				}
			}
			i = j
		case r != utf8.RuneError && unicode.IsSpace(r):
			i += size
		case isWordRune(r):
			j := i + size
			for j < n {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if isWordRune(r2) {
					j += s2
					continue
				}
				if j+s2 < n {
					r3, _ := utf8.DecodeRuneInString(text[j+s2:])
					switch r2 {
					case '\'', '’':
						if unicode.IsLetter(r3) {
							j += s2
							continue
						}
					case '-', '‐', '‑', '&':
						if isWordRune(r3) {
							j += s2
							continue
						}
					case '.':
						if unicode.IsLetter(r3) && j-i <= 3 {
							j += s2
							continue
						}
						if unicode.IsDigit(r3) && j > 0 && text[j-1] >= '0' && text[j-1] <= '9' {
							j += s2 // "$2.8 million", "4.9 percent": one number, no sentence end
							continue
						}
						if tld := domainSuffix(text[j+s2:]); tld > 0 && unicode.IsLetter(r) {
							j += s2 + tld // "Outsports.com showed", "state.gov": a domain name, no sentence end
							continue
						}
					case ',':
						if unicode.IsDigit(r3) && j > 0 && text[j-1] >= '0' && text[j-1] <= '9' {
							j += s2
							continue
						}
					}
				}
				break
			}
			// "U.S." and "D.C." keep their final period, and so do initials
			// ("Donald J. Trump") and titles ("Mr. Bennet")
			if j < n && text[j] == '.' && (j-i <= 6 && strings.IndexByte(text[i:j], '.') > 0 ||
				j-i == 1 && unicode.IsUpper(r) && j+2 < n && text[j+1] == ' ' && text[j+2] >= 'A' && text[j+2] <= 'Z' ||
				j-i <= 4 && unicode.IsUpper(r) && titleAbbrevs[strings.ToLower(text[i:j])]) {
				j++
			}
			toks = append(toks, token{s: i, e: j, kind: tkWord, cap: unicode.IsUpper(r)})
			i = j
		default:
			if r == '\'' && i+1 < n && text[i+1] == '\'' {
				// '' as a double quotation mark (New York Times archive style)
				size = 2
				r = '"'
			}
			if fam, pref, ok := quoteMark(r); ok {
				var prev, next rune
				atStart, atEnd := i == 0, i+size >= n
				if !atStart {
					prev, _ = utf8.DecodeLastRuneInString(text[:i])
				}
				if !atEnd {
					next, _ = utf8.DecodeRuneInString(text[i+size:])
				}
				t := token{s: i, e: i + size, kind: tkQuote, fam: fam, pref: pref}
				t.open = leftBound(prev, atStart) && !atEnd && !unicode.IsSpace(next)
				t.clos = rightBound(next, atEnd) && !atStart && !unicode.IsSpace(prev)
				if fam == famSingle && t.open && !unicode.IsLetter(next) {
					t.open = false // ’90s, ' 5
				}
				if fam == famDouble && !t.open && !t.clos {
					t.open, t.clos = true, true // "word"word": let the pairing decide
				}
				if fam == famDouble && t.clos && !t.open && prev >= '0' && prev <= '9' && r == '"' {
					t.clos = false // 6'2" inches
				}
				toks = append(toks, t)
				i += size
				continue
			}
			if isDashRune(r) || (r == '-' && i+1 < n && (text[i+1] == '-' || text[i+1] == ' ') && i > 0 && text[i-1] == ' ') {
				j := i + size
				for j < n && text[j] == '-' {
					j++
				}
				toks = append(toks, token{s: i, e: j, kind: tkDash})
				i = j
				continue
			}
			switch r {
			case '.', ',', ';', ':', '!', '?', '(', ')', '[', ']':
				toks = append(toks, token{s: i, e: i + size, kind: tkPunct, ch: byte(r)})
			case '…':
				toks = append(toks, token{s: i, e: i + size, kind: tkPunct, ch: '~'})
			default:
				toks = append(toks, token{s: i, e: i + size, kind: tkOther})
			}
			i += size
		}
	}
	return toks
}

// tlds are the domain endings a name such as "Breitbart.com" ends with.
var tlds = set("com org net gov edu info io co us uk ca")

// domainSuffix returns the length of the top-level domain s opens with
// ("com" in "com showed"), followed by no further letter, or 0.
func domainSuffix(s string) int {
	k := 0
	for k < len(s) && k < 5 && s[k] >= 'a' && s[k] <= 'z' {
		k++
	}
	if k < 2 || k < len(s) && (s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z' || s[k] >= '0' && s[k] <= '9') || !tlds[s[:k]] {
		return 0
	}
	return k
}
