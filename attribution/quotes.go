package attribution

import (
	"sort"
	"unicode"
	"unicode/utf8"
)

// quote is a pair of quotation marks found in the text.
type quote struct {
	open, close  int // token indexes of the marks; close is the paragraph break when unterminated
	cs, ce       int // content byte offsets, whitespace trimmed
	depth        int // 0 for a top-level quote
	parent       int // enclosing quote, or -1
	unterminated bool
	paras        int // paragraphs it runs over
}

const maxQuoteDepth = 4

// findQuotes pairs quotation marks. Marks pair within a family (double: " “ ” „ « »;
// single: ' ‘ ’ ‹ ›), so mismatched glyphs of one family (“…" or "…”) still pair and
// single quotes nest inside double ones. Whether a mark opens or closes comes from
// its neighbours, as in CommonMark: a mark after a space and before a word opens,
// one after a word and before a space or punctuation closes; the glyph only breaks
// ties. A quote still open at the end of a paragraph continues when the next
// paragraph starts with an opening mark of its family (the convention for quotes
// over several paragraphs); otherwise a double quote ends at the paragraph's end
// (marked unterminated) and an open single mark is taken for an apostrophe.
func findQuotes(text string, toks []token) []quote {
	var qs []quote
	type frame struct {
		tok   int
		fam   uint8
		paras int
	}
	var stack []frame
	skip := -1
	emit := func(f frame, closeTok int, cs, ce int, unterminated bool, depth int) {
		cs, ce = trimSpace(text, cs, ce)
		if cs >= ce {
			return
		}
		qs = append(qs, quote{open: f.tok, close: closeTok, cs: cs, ce: ce, depth: depth, parent: -1, unterminated: unterminated, paras: f.paras + 1})
	}
	paraEnd := func(i int) {
		if len(stack) == 0 {
			return
		}
		outer := stack[0]
		if i+1 < len(toks) && toks[i+1].kind == tkQuote && toks[i+1].fam == outer.fam && toks[i+1].open && outer.fam == famDouble {
			stack = stack[:1]
			stack[0].paras++
			skip = i + 1
			return
		}
		if outer.fam == famDouble {
			emit(outer, i, toks[outer.tok].e, toks[i].s, true, 0)
		}
		stack = stack[:0]
	}
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.kind == tkPara {
			paraEnd(i)
			continue
		}
		if t.kind != tkQuote || i == skip {
			continue
		}
		top := -1
		if len(stack) > 0 {
			top = len(stack) - 1
		}
		if top >= 0 && stack[top].fam == t.fam && t.clos && (!t.open || t.pref <= 0 || t.fam == famDouble) {
			f := stack[top]
			stack = stack[:top]
			emit(f, i, toks[f.tok].e, t.s, false, top)
			continue
		}
		if t.open {
			if len(stack) < maxQuoteDepth {
				stack = append(stack, frame{tok: i, fam: t.fam})
			}
			continue
		}
		if t.clos {
			for k := top - 1; k >= 0; k-- {
				if stack[k].fam == t.fam {
					f := stack[k]
					stack = stack[:k]
					emit(f, i, toks[f.tok].e, t.s, false, k)
					break
				}
			}
		}
	}
	if len(stack) > 0 {
		// end of text: like a paragraph end without a continuation
		outer := stack[0]
		if outer.fam == famDouble {
			emit(outer, len(toks), toks[outer.tok].e, len(text), true, 0)
		}
	}
	sortQuotes(qs)
	// parents: quotes are sorted by start, so the containers of a quote are on a stack.
	var open []int
	for i := range qs {
		for len(open) > 0 && !(qs[open[len(open)-1]].cs <= qs[i].cs && qs[i].ce <= qs[open[len(open)-1]].ce) {
			open = open[:len(open)-1]
		}
		if len(open) > 0 {
			qs[i].parent = open[len(open)-1]
			qs[i].depth = qs[qs[i].parent].depth + 1
		} else {
			qs[i].depth = 0
		}
		open = append(open, i)
	}
	return qs
}

func sortQuotes(qs []quote) {
	sort.SliceStable(qs, func(i, k int) bool {
		if qs[i].cs != qs[k].cs {
			return qs[i].cs < qs[k].cs
		}
		return qs[i].ce > qs[k].ce
	})
}

// trimSpace narrows [s,e) of text to exclude surrounding white space.
func trimSpace(text string, s, e int) (int, int) {
	for s < e {
		r, size := utf8.DecodeRuneInString(text[s:e])
		if r == utf8.RuneError || !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(text[s:e])
		if r == utf8.RuneError || !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}
