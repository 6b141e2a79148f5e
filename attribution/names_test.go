package attribution

import (
	"slices"
	"strings"
	"testing"

	verbatim "github.com/verbatim/verbatim"
)

// TestSpeakerNameHygiene checks that descriptive premodifiers, coordinations
// and headline fragments never become a person's name.
func TestSpeakerNameHygiene(t *testing.T) {
	tests := []struct {
		in, name, mention string
	}{
		{"Presidential candidates Hillary Clinton and Donald Trump said that the debate would go ahead.", "Hillary Clinton", "Presidential candidates Hillary Clinton and Donald Trump"},
		{"Republican presidential hopefuls Jeb Bush and Chris Christie said they would attend the summit.", "Jeb Bush", ""},
		{"Mr. Obama and Hillary Clinton said that the deal was good for America.", "Mr. Obama", "Mr. Obama and Hillary Clinton"},
		{`“Crooked Hillary Clinton is spending a fortune on ads against me,” Trump tweeted. Hillary Clinton said that she was not worried about the polls.`, "Hillary Clinton", ""},
		{"Injecting Clinton’s marital troubles into the campaign is a gamble. Bill Clinton said that the attacks were unfair to his wife.", "Bill Clinton", ""},
		{"Chris Christie Is Over Marco Rubio’s Same Old Speech\nRubio said that he was ready for the next debate.", "Rubio", ""},
		{"Florida Gov. Jeb Bush spoke on Monday. Bush said that he would stay in the race.", "Jeb Bush", ""},
		{"The Organization for Economic Cooperation and Development said that growth would slow.", "Organization for Economic Cooperation and Development", ""},
	}
	for _, tc := range tests {
		qs := Extract(tc.in)
		var got []string
		ok := false
		for _, q := range qs {
			if q.Speaker == nil {
				continue
			}
			got = append(got, q.Speaker.Name+" <"+q.Speaker.Mention+">")
			if q.Speaker.Name == tc.name && (tc.mention == "" || q.Speaker.Mention == tc.mention) {
				ok = true
			}
			for _, bad := range []string{"Crooked", "Injecting", " Is ", "Presidential", "hopefuls", "Gov."} {
				if strings.Contains(q.Speaker.Name, bad) {
					t.Errorf("%q: speaker name %q holds %q", tc.in, q.Speaker.Name, bad)
				}
			}
		}
		if !ok {
			t.Errorf("%q: speakers %v, want name %q mention %q", tc.in, got, tc.name, tc.mention)
		}
	}
}

// Gendered honorifics tell people of one surname apart: "Mr. Obama" and a
// titled "President Obama" are not "Michelle Obama".
func TestHonorificGender(t *testing.T) {
	text := `Michelle Obama spoke in Chicago on Monday. "We will keep going," she said.

"This is a good day for the country," Mr. Obama said on Tuesday.

President Obama said that the economy was growing.`
	qs := Extract(text)
	if len(qs) != 3 {
		t.Fatalf("got %d quotations: %+v", len(qs), qs)
	}
	for i, want := range []string{"Michelle Obama", "Mr. Obama", "Mr. Obama"} {
		if qs[i].Speaker == nil || qs[i].Speaker.Name != want {
			t.Errorf("quotation %d: speaker %+v, want %q", i, qs[i].Speaker, want)
		}
	}
	r := NewRegistry()
	r.Add("a", qs)
	r.Add("b", []verbatim.Quotation{said("Barack Obama", "Barack Obama"), said("Barack Obama", "Barack Obama")})
	for _, s := range r.Speakers() {
		if s.Name == "Michelle Obama" && (slices.Contains(s.Aliases, "Mr. Obama") || slices.Contains(s.Aliases, "President Obama")) {
			t.Errorf("Michelle Obama carries a man's alias: %v", s.Aliases)
		}
	}
	if got, _ := r.Canonical("Mr. Obama"); got == "Michelle Obama" {
		t.Errorf("Canonical(Mr. Obama) = %q", got)
	}
}

// A coordination of speakers is the words of each of them, and no alias.
func TestRegistryCoordination(t *testing.T) {
	r := NewRegistry()
	q := said("Hillary Clinton", "Presidential candidates Hillary Clinton and Donald Trump")
	r.Add("a", []verbatim.Quotation{q, said("Donald Trump", "Donald Trump")})
	for _, claimed := range []string{"Hillary Clinton", "Clinton", "Donald Trump", "Trump"} {
		if !r.Matches(claimed, q.Speaker) {
			t.Errorf("%q does not match %q", claimed, q.Speaker.Mention)
		}
	}
	if r.Matches("Bernie Sanders", q.Speaker) {
		t.Errorf("Bernie Sanders matches %q", q.Speaker.Mention)
	}
	for _, s := range r.Speakers() {
		for _, a := range s.Aliases {
			if strings.Contains(a, " and ") {
				t.Errorf("%s has the coordination %q as an alias", s.Name, a)
			}
		}
		if s.Name == "Donald Trump" && s.Quotations != 2 {
			t.Errorf("Donald Trump has %d quotations, want 2", s.Quotations)
		}
	}
}

// TestFictionHeadingsNameNobody checks that what a novel sets in capitals,
// its chapter headings ("CHAPTER XXVII", a bare "XXI", "THE MERRY OLD
// JEW") and signatures, names nobody: its prose names its people.
func TestFictionHeadingsNameNobody(t *testing.T) {
	text := "CHAPTER XXVII\n\nTHE MERRY OLD JEW\n\nAgnes Moor sat down.\n\nXXI\n\nTom Quill came in. A letter lay there from Mr. Willoughby; it was signed JOHN WILLOUGHBY." + novelFiller()
	d := newDoc(text)
	names := map[string]bool{}
	for _, e := range d.ents {
		names[e.name] = true
	}
	for _, bad := range []string{"CHAPTER XXVII", "XXVII", "XXI", "JOHN WILLOUGHBY", "John Willoughby", "THE MERRY OLD JEW", "MERRY OLD JEW"} {
		if names[bad] {
			t.Errorf("entity %q", bad)
		}
	}
	if !names["Mr. Willoughby"] {
		t.Errorf("no entity Mr. Willoughby among %v", names)
	}
}
