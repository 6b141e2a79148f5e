package normalize

import (
	"reflect"
	"testing"
)

func TestKey(t *testing.T) {
	tests := []struct {
		name, a, b string
		same       bool
	}{
		{"case", "Russia Is Open", "russia is open", true},
		{"curly vs straight apostrophe", "Washington’s plans", "Washington's plans", true},
		{"dash kinds", "Russia–US relations", "Russia-US relations", true},
		{"em dash vs space", "Russia—US", "Russia US", true},
		{"quotation marks", "“the most extensive agenda”", "\"the most extensive agenda\"", true},
		{"guillemets", "«Hello, world»", "hello world", true},
		{"whitespace", "a  b\n\tc", "a b c", true},
		{"punctuation between words", "Well, yes; no.", "well yes no", true},
		{"NFKC fullwidth", "ＰＵＴＩＮ", "putin", true},
		{"NFKC ligature", "ﬁnance", "finance", true},
		{"thousands separator", "2,500 troops", "2500 troops", true},
		{"decimal kept", "3.5 percent", "35 percent", false},
		{"different word", "Russia is open", "Russia was open", false},
		{"missing word", "the most extensive agenda", "the extensive agenda", false},
		{"added word", "ready to talk", "ready to talk now", false},
		{"accents matter", "café", "cafe", false},
		{"dotted initialism", "the U.S. president", "the US president", true},
		{"German sharp s folds", "Straße", "STRASSE", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Key(tt.a) == Key(tt.b); got != tt.same {
				t.Errorf("Key(%q)=%q, Key(%q)=%q, same=%v, want %v", tt.a, Key(tt.a), tt.b, Key(tt.b), got, tt.same)
			}
		})
	}
}

func TestWordsOffsets(t *testing.T) {
	text := "“He said: ‘Washington’s — 2,500’…” «Ça va»"
	words := Words(text)
	want := []string{"he", "said", "washington's", "2500", "ça", "va"}
	if got := Norms(words); !reflect.DeepEqual(got, want) {
		t.Fatalf("Norms = %q, want %q", got, want)
	}
	spell := []string{"He", "said", "Washington’s", "2,500", "Ça", "va"}
	for i, w := range words {
		if text[w.Start:w.End] != spell[i] {
			t.Errorf("word %d: text[%d:%d] = %q, want %q", i, w.Start, w.End, text[w.Start:w.End], spell[i])
		}
	}
}

func TestWordsEdges(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", []string{}},
		{"   ...  ", []string{}},
		{"'quoted'", []string{"quoted"}},
		{"users' rights", []string{"users", "rights"}},
		{"rock'n'roll", []string{"rock'n'roll"}},
		{"end.", []string{"end"}},
		{"1.", []string{"1"}},
		{"a\xffb", []string{"a", "b"}},
		{"U.S. president", []string{"us", "president"}},
		{"the U.S.A.", []string{"the", "usa"}},
		{"U. S.", []string{"u", "s"}},
		{"Plan B. Then", []string{"plan", "b", "then"}},
		{"A.I.", []string{"ai"}},
		{"0\u037a", []string{"0\u03b9"}},
	}
	for _, tt := range tests {
		if got := Norms(Words(tt.in)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitEllipsis(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"a b c", []string{"a b c"}},
		{"a b ... c d", []string{"a b ", " c d"}},
		{"a b…c d", []string{"a b", "c d"}},
		{"... a b ...", []string{" a b "}},
		{"a .... b", []string{"a ", ". b"}},
	}
	for _, tt := range tests {
		if got := SplitEllipsis(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitEllipsis(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
