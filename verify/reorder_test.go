package verify

import (
	verbatim "github.com/verbatim/verbatim"
	"reflect"
	"testing"

	"github.com/verbatim/verbatim/normalize"
)

func TestClauses(t *testing.T) {
	tests := []struct {
		quote string
		want  [][2]int
	}{
		{"one clause only here", [][2]int{{0, 4}}},
		{"Russia is open to dialogue, relations are the most important factor", [][2]int{{0, 5}, {5, 11}}},
		{"we are ready and they are not", [][2]int{{0, 3}, {3, 7}}},
		{"a b, c d e", [][2]int{{0, 5}}},
		{"first part here; second part there: third part now", [][2]int{{0, 3}, {3, 6}, {6, 9}}},
	}
	for _, tt := range tests {
		if got := clauses(tt.quote, normalize.Words(tt.quote)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("clauses(%q) = %v, want %v", tt.quote, got, tt.want)
		}
	}
}

func TestReorderedClauses(t *testing.T) {
	st := fixture()
	doc, _ := st.Get("kremlin")
	v := New(st, surnames{}, DefaultConfig)
	claim := "Russia is open to dialogue, and Russia-US relations are the most important factor behind ensuring strategic stability"
	words := normalize.Words(claim)
	c, ok := v.reordered(normalize.Norms(words), clauses(claim, words), doc, normalize.Words(doc.Source.Text), normalize.Norms(normalize.Words(doc.Source.Text)))
	if !ok {
		t.Fatal("reordered clauses not matched")
	}
	if c.similarity < DefaultConfig.AlteredThreshold || c.similarity >= 1 {
		t.Errorf("similarity %v", c.similarity)
	}
	text := doc.Source.Text[c.words[c.ws].Start:c.words[c.we-1].End]
	if text != "that Russia-US relations are the most important factor behind ensuring strategic stability and international security, and reaffirmed that Russia is open to dialogue" {
		t.Errorf("window %q", text)
	}
	// The same clauses in the source's order are not "reordered".
	inOrder := "Russia-US relations are the most important factor, and reaffirmed that Russia is open to dialogue"
	w2 := normalize.Words(inOrder)
	if _, ok := v.reordered(normalize.Norms(w2), clauses(inOrder, w2), doc, normalize.Words(doc.Source.Text), normalize.Norms(normalize.Words(doc.Source.Text))); ok {
		t.Error("clauses in order matched as reordered")
	}
}

func TestVerifyReorderedClausesIsAltered(t *testing.T) {
	v := New(fixture(), surnames{}, DefaultConfig)
	res, err := v.Verify(t.Context(), verbatimClaim("Russia is open to dialogue, and Russia-US relations are the most important factor behind ensuring strategic stability", "Putin"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != "altered" || res.Attestations[0].Source.ID != "kremlin" || res.Attestations[0].Match != "near" {
		t.Fatalf("got %s %+v", res.Verdict, res.Attestations)
	}
	if len(res.Attestations[0].Diff) == 0 {
		t.Error("no diff")
	}
}

func verbatimClaim(q, sp string) verbatim.Claim { return verbatim.Claim{Quote: q, Speaker: sp} }
