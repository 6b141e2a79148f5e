package normalize

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzWords checks the properties every caller of Words relies on: it never
// panics, every word's original spelling text[Start:End] is a non-empty span
// on rune boundaries, words come in order without overlap, and Key does not
// depend on what the SPEC says does not matter (quotation marks, dashes,
// whitespace, surrounding punctuation).
func FuzzWords(f *testing.F) {
	for _, s := range []string{
		"“We are ready,” Doe said.",
		"Washington’s U.S. policy — 2,500 troops, 3.5% of G.D.P.",
		"l'été d’Alger ‘quoted’ «Guillemets» „Low“",
		"e\u0301 ﬁ ½ Ⅻ ①",
		"\xff\xfe broken \xc3 utf8",
		"a'b' 'c 1,000,000 1.2.3 .5 5.",
		"A.B.C. a.b.c. U.S.-led",
		"",
		"   \t\n ",
		"İstanbul ß ΣΑΣ",
		"x\u0000y\u200bz",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ws := Words(text)
		starts := runeStarts(text)
		prevEnd := 0
		for i, w := range ws {
			if w.Start < prevEnd || w.Start >= w.End || w.End > len(text) {
				t.Fatalf("word %d [%d,%d) out of order or range (previous end %d, len %d)", i, w.Start, w.End, prevEnd, len(text))
			}
			if !starts[w.Start] || !starts[w.End] {
				t.Fatalf("word %d [%d,%d) not on rune boundaries of %q", i, w.Start, w.End, text)
			}
			if !utf8.ValidString(text[w.Start:w.End]) {
				t.Fatalf("word %d spans invalid UTF-8: %q", i, text[w.Start:w.End])
			}
			if w.Norm == "" || !utf8.ValidString(w.Norm) {
				t.Fatalf("word %d %q has norm %q", i, text[w.Start:w.End], w.Norm)
			}
			// No normalised word holds white space, even where NFKC
			// spells a character with one (U+037A is " ͅ").
			if strings.ContainsFunc(w.Norm, unicode.IsSpace) {
				t.Fatalf("word %d %q has norm %q", i, text[w.Start:w.End], w.Norm)
			}
			prevEnd = w.End
		}
		// Words from a buffer are the same words.
		again := AppendWords(make([]Word, 0, 1), text)
		if len(again) != len(ws) {
			t.Fatalf("AppendWords found %d words, Words %d", len(again), len(ws))
		}

		key := Key(text)
		if utf8.ValidString(text) {
			for _, variant := range []string{
				" " + text + " ",
				"“" + text + "”",
				strings.ReplaceAll(text, " ", " \n\t "),
				strings.ReplaceAll(text, "—", "-"),
				strings.NewReplacer("“", `"`, "”", `"`, "«", `"`, "»", `"`).Replace(text),
			} {
				if k := Key(variant); k != key {
					t.Fatalf("Key changed with spacing or quotation marks:\n%q → %q\n%q → %q", text, key, variant, k)
				}
			}
		}
		// On ASCII text the key is its own key: normalising twice changes
		// nothing. (NFKC may turn a letter into punctuation, so beyond ASCII
		// only the weaker property holds: a key is made of its own words.)
		if isASCII(text) {
			if k2 := Key(key); k2 != key {
				t.Fatalf("Key is not idempotent: %q → %q → %q", text, key, k2)
			}
		}
		if isASCII(key) && (strings.Contains(key, "  ") || strings.HasPrefix(key, " ") || strings.HasSuffix(key, " ")) {
			t.Fatalf("key %q has stray spaces", key)
		}
	})
}

// FuzzSplitEllipsis checks that cutting a claim at its ellipses never
// panics and keeps every word of the claim, in order.
func FuzzSplitEllipsis(f *testing.F) {
	for _, s := range []string{"a b ... c d", "…start", "end…", "a…b...c", "......", ". . .", "no ellipsis here"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, claim string) {
		if !utf8.ValidString(claim) {
			return
		}
		var got []string
		for _, p := range SplitEllipsis(claim) {
			ws := Words(p)
			if len(ws) == 0 {
				t.Fatalf("empty part %q of %q", p, claim)
			}
			got = append(got, Norms(ws)...)
		}
		want := Norms(Words(strings.ReplaceAll(strings.ReplaceAll(claim, "…", " "), "...", " ")))
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Fatalf("parts of %q hold words %q, want %q", claim, got, want)
		}
	})
}

// runeStarts marks the offsets a UTF-8 decoder steps through (an invalid
// byte is a step of its own), and len(s).
func runeStarts(s string) map[int]bool {
	m := map[int]bool{len(s): true}
	for i := 0; i < len(s); {
		m[i] = true
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return m
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
