package attribution

import (
	"sync"
	"testing"

	verbatim "github.com/verbatim/verbatim"
)

func said(name, mention string) verbatim.Quotation {
	return verbatim.Quotation{Text: "x", Kind: verbatim.KindDirect, Speaker: &verbatim.Mention{Name: name, Mention: mention}}
}

func TestRegistryMerge(t *testing.T) {
	r := NewRegistry()
	r.Add("a", []verbatim.Quotation{said("Vladimir Putin", "Russian President Vladimir Putin"), said("Vladimir Putin", "the Russian president"), said("Donald Trump", "Trump")})
	r.Add("b", []verbatim.Quotation{said("Putin", "Putin"), said("Kremlin", "the Kremlin"), said("Ivanka Trump", "Ivanka Trump")})
	r.Add("c", []verbatim.Quotation{said("the Kremlin", "The Kremlin")})

	for _, tc := range []struct{ in, want string }{
		{"Putin", "Vladimir Putin"},
		{"  vladimir   PUTIN ", "Vladimir Putin"},
		{"President Putin", "Vladimir Putin"},
		{"Russian President Vladimir Putin", "Vladimir Putin"},
		{"the Russian president", "Vladimir Putin"},
		{"Kremlin", "Kremlin"},
		{"the Kremlin", "Kremlin"},
		{"Ivanka Trump", "Ivanka Trump"},
		{"Donald Trump", "Donald Trump"},
	} {
		got, ok := r.Canonical(tc.in)
		if !ok || got != tc.want {
			t.Errorf("Canonical(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
	if _, ok := r.Canonical("Angela Merkel"); ok {
		t.Error("Canonical(Angela Merkel) found an entity")
	}
	sp := r.Speakers()
	if len(sp) != 4 {
		t.Fatalf("got %d speakers, want 4: %+v", len(sp), sp)
	}
	if sp[0].Name != "Vladimir Putin" || sp[0].Quotations != 3 || sp[0].Sources != 2 {
		t.Errorf("first speaker %+v, want Vladimir Putin with 3 quotations in 2 sources", sp[0])
	}
	if sp[1].Name != "Kremlin" || sp[1].Sources != 2 {
		t.Errorf("second speaker %+v, want Kremlin in 2 sources", sp[1])
	}

	putin := &verbatim.Mention{Name: "Vladimir Putin", Mention: "the Russian President"}
	for _, c := range []string{"Putin", "Vladimir Putin", "President Putin", "vladimir putin", "the Russian President"} {
		if !r.Matches(c, putin) {
			t.Errorf("Matches(%q, Putin) = false", c)
		}
	}
	for _, c := range []string{"Trump", "Donald Trump", "Kremlin", "Lavrov"} {
		if r.Matches(c, putin) {
			t.Errorf("Matches(%q, Putin) = true", c)
		}
	}
	kremlin := &verbatim.Mention{Name: "Kremlin", Mention: "An official statement by the Kremlin"}
	if !r.Matches("the Kremlin", kremlin) || !r.Matches("Kremlin", kremlin) {
		t.Error("the Kremlin does not match Kremlin")
	}
	if r.Matches("Ivanka Trump", &verbatim.Mention{Name: "Donald Trump", Mention: "Trump"}) {
		t.Error("Ivanka Trump matches Donald Trump")
	}

	r.Remove("a")
	if got, _ := r.Canonical("Putin"); got != "Putin" {
		t.Errorf("after Remove, Canonical(Putin) = %q, want Putin", got)
	}
	r.Add("b", nil) // replaces
	if _, ok := r.Canonical("Ivanka Trump"); ok {
		t.Error("Add did not replace the earlier entry")
	}
}

// TestRegistryWithoutEntries checks Matches on names the registry never saw.
func TestRegistryWithoutEntries(t *testing.T) {
	r := NewRegistry()
	m := &verbatim.Mention{Name: "Sergei Lavrov", Mention: "the minister"}
	if !r.Matches("Lavrov", m) || !r.Matches("Foreign Minister Sergei Lavrov", m) || r.Matches("Sergei Ivanov", m) {
		t.Error("surname matching without registry entries is wrong")
	}
	if r.Matches("", m) || r.Matches("Lavrov", nil) {
		t.Error("empty claim or nil mention matched")
	}
}

func TestRegistryConcurrent(t *testing.T) {
	r := NewRegistry()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			id := string(rune('a' + i))
			for k := 0; k < 50; k++ {
				r.Add(id, []verbatim.Quotation{said("Vladimir Putin", "Putin")})
				r.Speakers()
				r.Canonical("Putin")
				r.Matches("Putin", &verbatim.Mention{Name: "Vladimir Putin"})
				if k%10 == 0 {
					r.Remove(id)
				}
			}
		}(i)
	}
	wg.Wait()
}

// TestRegistryFromExtract runs the registry on the output of Extract.
func TestRegistryFromExtract(t *testing.T) {
	r := NewRegistry()
	r.Add("s1", Extract("Russian President Vladimir Putin met Trump. The Russian president said that talks would go on."))
	r.Add("s2", Extract(`"We are ready," Putin said.`))
	got, ok := r.Canonical("President Putin")
	if !ok || got != "Vladimir Putin" {
		t.Errorf("Canonical(President Putin) = %q, %v", got, ok)
	}
	sp := r.Speakers()
	if len(sp) != 1 || sp[0].Quotations != 2 || sp[0].Sources != 2 {
		t.Errorf("speakers %+v", sp)
	}
}

func TestRegistryAliasesArePeople(t *testing.T) {
	r := NewRegistry()
	r.Add("a", []verbatim.Quotation{
		{Speaker: &verbatim.Mention{Name: "Vladimir Putin", Mention: "the messages"}},
		{Speaker: &verbatim.Mention{Name: "Vladimir Putin", Mention: "Putin’s letter"}},
		{Speaker: &verbatim.Mention{Name: "Vladimir Putin", Mention: "the Russian president"}},
	})
	for _, s := range r.Speakers() {
		for _, a := range s.Aliases {
			if a == "the messages" || a == "Putin’s letter" {
				t.Errorf("alias %q is no name of a person", a)
			}
		}
	}
}

// A bare surname matches whoever bears it in the quotation at hand, even
// when another bearer is quoted more often across the corpus.
func TestMatchesBareSurnameOfLessQuotedPerson(t *testing.T) {
	r := NewRegistry()
	mk := func(name string) verbatim.Quotation {
		return verbatim.Quotation{Kind: verbatim.KindDirect, Speaker: &verbatim.Mention{Name: name, Mention: name}}
	}
	r.Add("a", []verbatim.Quotation{mk("Karen Weaver"), mk("Karen Weaver"), mk("Karen Weaver")})
	r.Add("b", []verbatim.Quotation{mk("Jeff Weaver")})
	jeff := &verbatim.Mention{Name: "Jeff Weaver", Mention: "Weaver"}
	if !r.Matches("Weaver", jeff) {
		t.Error(`"Weaver" does not match a Jeff Weaver quotation`)
	}
	if r.Matches("Karen Weaver", jeff) {
		t.Error(`"Karen Weaver" matches a Jeff Weaver quotation`)
	}
	if r.Matches("Smith", jeff) {
		t.Error(`"Smith" matches a Jeff Weaver quotation`)
	}
}
