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

// relayed is a quotation of speaker relayed by relayer.
func relayed(name, mention, relayer, relayerMention string) verbatim.Quotation {
	q := said(name, mention)
	q.ReportedBy = &verbatim.Mention{Name: relayer, Mention: relayerMention}
	return q
}

// agreeWithMatches checks that every listed entity's counts are exactly the
// quotations Matches finds for its name, as speaker or relayer: what
// GET /v1/quotations?speaker= and POST /v1/verify do with it.
func agreeWithMatches(t *testing.T, r *Registry, all []verbatim.Quotation) map[string]verbatim.Speaker {
	t.Helper()
	out := map[string]verbatim.Speaker{}
	for _, sp := range r.Speakers() {
		out[sp.Name] = sp
		n := 0
		for _, q := range all {
			if (q.Speaker != nil && r.Matches(sp.Name, q.Speaker)) || (q.ReportedBy != nil && r.Matches(sp.Name, q.ReportedBy)) {
				n++
			}
		}
		if n != sp.Quotations+sp.Reported {
			t.Errorf("%s: listed with %d quotations + %d reported, Matches finds %d", sp.Name, sp.Quotations, sp.Reported, n)
		}
	}
	return out
}

func hasAlias(sp verbatim.Speaker, a string) bool {
	for _, x := range sp.Aliases {
		if x == a {
			return true
		}
	}
	return false
}

// A relayer is an entity too, with the quotations it relays counted apart.
func TestRegistryRelayers(t *testing.T) {
	r := NewRegistry()
	a := []verbatim.Quotation{
		relayed("Vladimir Putin", "Russian President Vladimir Putin", "Kremlin", "the Kremlin"),
		relayed("Vladimir Putin", "Vladimir Putin", "Kremlin", "An official statement by the Kremlin"),
		said("Vladimir Putin", "Putin"),
	}
	b := []verbatim.Quotation{
		relayed("Kremlin", "the Kremlin", "Kremlin", "the Kremlin"), // speaker and relayer: once
		relayed("Sergei Lavrov", "Lavrov", "TASS", "TASS"),
	}
	r.Add("a", a)
	r.Add("b", b)
	sp := agreeWithMatches(t, r, append(a, b...))
	k, ok := sp["Kremlin"]
	if !ok {
		t.Fatalf("the Kremlin, a relayer, is not listed: %+v", r.Speakers())
	}
	if k.Quotations != 1 || k.Reported != 2 || k.Sources != 2 {
		t.Errorf("Kremlin = %+v, want 1 quotation, 2 reported, 2 sources", k)
	}
	for _, x := range k.Aliases {
		if x == "An official statement by the Kremlin" {
			t.Errorf("a relayer's text is listed as its alias: %q", x)
		}
	}
	if p := sp["Vladimir Putin"]; p.Quotations != 3 || p.Reported != 0 {
		t.Errorf("Vladimir Putin = %+v, want 3 quotations, 0 reported", p)
	}
	if x := sp["TASS"]; x.Quotations != 0 || x.Reported != 1 || x.Sources != 1 {
		t.Errorf("TASS = %+v, want 0 quotations, 1 reported in 1 source", x)
	}
	if got, ok := r.Canonical("the Kremlin"); !ok || got != "Kremlin" {
		t.Errorf("Canonical(the Kremlin) = %q, %v", got, ok)
	}
}

// A coordinated speaker is each of its conjuncts: no entity of its own, no
// conjunct's name stolen as its alias, and each conjunct credited.
func TestRegistryCoordinationIsEachConjunct(t *testing.T) {
	r := NewRegistry()
	embassy := relayed("Russia’s embassy in London", "Russia’s embassy in London", "Reuters", "Reuters")
	coord := relayed("Moscow and London", "Moscow and London", "Russia’s embassy in London", "Russia’s embassy in London")
	all := []verbatim.Quotation{embassy, coord, said("Moscow and London", "They"), said("Moscow", "Moscow"), said("Moscow", "They")}
	r.Add("a", all[:3])
	r.Add("b", all[3:])
	sp := agreeWithMatches(t, r, all)
	if _, ok := sp["Moscow and London"]; ok {
		t.Errorf("the coordination is listed as an entity: %+v", r.Speakers())
	}
	if m := sp["Moscow"]; m.Quotations != 4 {
		t.Errorf("Moscow = %+v, want 4 quotations (2 alone, 2 with London)", m)
	}
	if l := sp["London"]; l.Quotations != 2 || l.Reported != 0 {
		t.Errorf("London = %+v, want 2 quotations", l)
	}
	e := sp["Russia’s embassy in London"]
	if e.Quotations != 1 || e.Reported != 1 || hasAlias(e, "London") {
		t.Errorf("embassy = %+v, want 1 quotation, 1 reported, no alias London", e)
	}
	if !r.Matches("London", coord.Speaker) || !r.Matches("Moscow", coord.Speaker) {
		t.Error("a conjunct does not match the coordination it is in")
	}
	if r.Matches("London", embassy.Speaker) {
		t.Error(`"London" matches Russia’s embassy in London`)
	}
	// the older form: Extract names the first person of the coordination
	r.Add("c", []verbatim.Quotation{said("Hillary Clinton", "Mrs. Clinton and Mr. Sanders")})
	sp = r2map(r.Speakers())
	if sp["Hillary Clinton"].Quotations != 1 || sp["Sanders"].Quotations != 1 {
		t.Errorf("Clinton and Sanders: %+v", r.Speakers())
	}
}

func r2map(s []verbatim.Speaker) map[string]verbatim.Speaker {
	m := map[string]verbatim.Speaker{}
	for _, x := range s {
		m[x.Name] = x
	}
	return m
}

// An organisation's last word is no surname: no alias, no match, no lookup.
func TestRegistryOrganisationsHaveNoSurname(t *testing.T) {
	r := NewRegistry()
	all := []verbatim.Quotation{
		said("Raw Story", "Raw Story"),
		said("Home Office", "The Home Office"),
		said("Financial Times", "Financial Times"),
		said("Downing Street", "Downing Street"),
		said("Law Commission", "Law Commission"),
		said("Brown's aides", "Brown's aides"),
		said("Liam Fox", "Tory co-chairman Liam Fox"), // fox is an organisation word, but:
	}
	r.Add("a", all)
	more := []verbatim.Quotation{said("Fox", "Mr Fox"), said("Michelle Obama", "Michelle Obama"), said("Mr. Obama", "Mr. Obama")}
	r.Add("b", more)
	all = append(all, more...)
	sp := agreeWithMatches(t, r, all)
	for name, sur := range map[string]string{"Raw Story": "Story", "Home Office": "Office", "Financial Times": "Times", "Downing Street": "Street", "Law Commission": "Commission", "Brown's aides": "aides"} {
		if hasAlias(sp[name], sur) {
			t.Errorf("%s has the surname alias %q: %+v", name, sur, sp[name])
		}
		if r.Matches(sur, &verbatim.Mention{Name: name, Mention: name}) {
			t.Errorf("Matches(%q, %s) = true", sur, name)
		}
		if got, ok := r.Canonical(sur); ok && got == name {
			t.Errorf("Canonical(%q) = %q", sur, got)
		}
	}
	// a person keeps the surname, also one that is an organisation word
	if f := sp["Liam Fox"]; f.Quotations != 2 || !hasAlias(f, "Fox") {
		t.Errorf("Liam Fox = %+v, want 2 quotations and the alias Fox", f)
	}
	if !r.Matches("Fox", &verbatim.Mention{Name: "Liam Fox", Mention: "Liam Fox"}) {
		t.Error(`"Fox" does not match Liam Fox`)
	}
	// and a bare surname with an honorific matches no one of the other gender
	if r.Matches("Mr. Obama", &verbatim.Mention{Name: "Michelle Obama", Mention: "Obama"}) {
		t.Error(`"Mr. Obama" matches Michelle Obama`)
	}
}

// An entity's own name is no alias of another entity: a source that resolves
// "the Scottish Executive" to the person quoted before it does not make
// "Scottish Executive" a name of that person.
func TestRegistryOwnNameIsNoAlias(t *testing.T) {
	r := NewRegistry()
	a := []verbatim.Quotation{
		said("Jack Law", "Jack Law"),
		said("Jack Law", "Mr Law"),
		said("Jack Law", "the Scottish Executive"),
		relayed("Jack McConnell", "McConnell", "Jack Law", "the Scottish Executive"),
	}
	b := []verbatim.Quotation{said("Scottish Executive", "The Scottish Executive")}
	r.Add("a", a)
	r.Add("b", b)
	sp := agreeWithMatches(t, r, append(a, b...))
	if hasAlias(sp["Jack Law"], "the Scottish Executive") {
		t.Errorf("Jack Law has the alias of another entity: %+v", sp["Jack Law"])
	}
	if got, _ := r.Canonical("Scottish Executive"); got != "Scottish Executive" {
		t.Errorf("Canonical(Scottish Executive) = %q", got)
	}
	if r.Matches("Scottish Executive", &verbatim.Mention{Name: "Jack Law", Mention: "Jack Law"}) {
		t.Error(`"Scottish Executive" matches a quotation the source gives to Jack Law by name`)
	}
}

// A pronoun is nobody's name: "It" is not listed, and the organisation WHO
// is not every speaker a source calls "who".
func TestRegistryPronounsAreNoNames(t *testing.T) {
	r := NewRegistry()
	all := []verbatim.Quotation{said("England", "It"), said("It", "It"), said("Chris Smith", "who"), said("WHO", "WHO")}
	r.Add("a", all)
	sp := agreeWithMatches(t, r, all)
	if _, ok := sp["It"]; ok {
		t.Errorf("the pronoun It is listed: %+v", r.Speakers())
	}
	if w := sp["WHO"]; w.Quotations != 1 {
		t.Errorf("WHO = %+v, want 1 quotation", w)
	}
	if r.Matches("WHO", &verbatim.Mention{Name: "Chris Smith", Mention: "who"}) {
		t.Error(`"WHO" matches a speaker the source calls "who"`)
	}
}

// Found on BBC News articles: a titled bare surname joins the full name, a
// description does not join a person by the surname, an organisation word
// inside a person's titles leaves the surname, and two descriptions that
// are only titles are not one speaker.
func TestRegistryTitlesAndDescriptions(t *testing.T) {
	r := NewRegistry()
	all := []verbatim.Quotation{
		said("Lord Goldsmith", "Lord Goldsmith"), said("Lord Goldsmith", "he"), said("Lord Goldsmith", "Lord Goldsmith"),
		said("Peter Goldsmith", "Peter Goldsmith"),
		said("John Lock", "John Lock"), said("lock", "The lock"), said("Mr Lock", "Mr Lock"),
		said("US firm", "US firm"), said("225 firm", "225 firm"), said("225 firm", "he"),
		said("Former Downing Street communications chief Alastair Campbell", "Former Downing Street communications chief Alastair Campbell"),
		said("Bank of England", "the Bank of England"),
		said("Scotland's justice minister", "Scotland's justice minister"),
		said("former Labour minister", "former Labour minister"),
	}
	r.Add("a", all)
	sp := agreeWithMatches(t, r, all)
	if g := sp["Peter Goldsmith"]; g.Quotations != 4 {
		t.Errorf("Peter Goldsmith = %+v, want 4 quotations (Lord Goldsmith is he)", g)
	}
	if l := sp["John Lock"]; l.Quotations != 2 {
		t.Errorf("John Lock = %+v, want 2 quotations (Mr Lock's), not the lock's", l)
	}
	if r.Matches("Mr Lock", &verbatim.Mention{Name: "lock", Mention: "The lock"}) {
		t.Error(`"Mr Lock" matches "the lock"`)
	}
	if r.Matches("US firm", &verbatim.Mention{Name: "225 firm", Mention: "225 firm"}) {
		t.Error(`"US firm" matches "225 firm": firm is no surname`)
	}
	if c := sp["Former Downing Street communications chief Alastair Campbell"]; !hasAlias(c, "Campbell") {
		t.Errorf("Campbell lost his surname: %+v", c)
	}
	if hasAlias(sp["Bank of England"], "England") {
		t.Errorf("Bank of England has the alias England")
	}
	if r.Matches("Scotland's justice minister", &verbatim.Mention{Name: "former Labour minister", Mention: "former Labour minister"}) {
		t.Error("two ministers are one speaker")
	}
}

// A first-person speaker ("I", "we", "you": a writer or interviewee Extract
// cannot name) is no entity: two sources' "I" are not one person.
func TestRegistryFirstPersonIsNoEntity(t *testing.T) {
	r := NewRegistry()
	r.Add("a", []verbatim.Quotation{said("I", "I"), said("We", "we"), said("Vladimir Putin", "Putin")})
	r.Add("b", []verbatim.Quotation{said("I", "I"), said("you", "you")})
	sp := r.Speakers()
	if len(sp) != 1 || sp[0].Name != "Vladimir Putin" {
		t.Fatalf("speakers %+v, want only Vladimir Putin", sp)
	}
	for _, c := range []string{"I", "we", "you"} {
		if _, ok := r.Canonical(c); ok {
			t.Errorf("Canonical(%q) found an entity", c)
		}
	}
}
