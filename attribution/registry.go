package attribution

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	verbatim "github.com/verbatim/verbatim"
)

// Registry merges the speaker entities of many sources into corpus-wide
// entities. Within a source Extract already resolved every mention to one
// name; across sources two names denote one entity when they agree on the
// surname and their other given names do not conflict ("Vladimir Putin",
// "Putin" and "Russian President Vladimir Putin" merge; "Donald Trump" and
// "Ivanka Trump" stay apart). A bare surname joins the entity of that
// surname with the most quotations. Organisations merge by normalised name
// ("the Kremlin" == "Kremlin") and have no surname ("Raw Story" is not
// "Story"). Relayers (reported_by) are entities too, counted apart from the
// quotations they speak; a coordinated speaker ("Moscow and London") is
// each of its conjuncts. It is safe for concurrent use.
type Registry struct {
	mu      sync.RWMutex
	sources map[string][]regQuote
	built   bool
	// gen counts writes; building is set while a rebuild runs outside the
	// lock (see rlockBuilt).
	gen      uint64
	building bool
	ents     []*regEntity
	byAlias  map[string]*regEntity // normalised alias → entity
	bySur    map[string][]*regEntity
}

// regQuote is what the registry keeps of one speaker or relayer of a
// quotation: the name, the words used for it, the normalised name, the
// quotation's index in its source and whether it relays (reported_by).
type regQuote struct {
	name, mention, key string
	q                  int
	relay              bool
}

type regEntity struct {
	name     string
	words    []string // normalised name words
	aliases  map[string]string
	quotes   int // quotations it speaks
	reported int // quotations it relays and does not speak
	sources  map[string]bool
	org      bool // no person: its last word is no surname
}

// firstPerson reports whether a speaker name is a bare "I", "we" or "you"
// (a writer, an interviewee, the reader, whom Extract cannot name): it names
// no one across sources.
func firstPerson(name string) bool {
	return strings.EqualFold(name, "i") || strings.EqualFold(name, "we") || strings.EqualFold(name, "you")
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{sources: make(map[string][]regQuote)}
}

// Add records the speakers of a source's quotations, replacing any earlier
// entry for sourceID.
func (r *Registry) Add(sourceID string, qs []verbatim.Quotation) {
	rq := make([]regQuote, 0, len(qs))
	for i, q := range qs {
		for _, m := range []*verbatim.Mention{q.Speaker, q.ReportedBy} {
			if m == nil || m.Name == "" || firstPerson(m.Name) {
				continue
			}
			for _, p := range splitMention(m) {
				rq = append(rq, regQuote{name: p.Name, mention: p.Mention, key: normName(p.Name), q: i, relay: m == q.ReportedBy})
			}
		}
	}
	r.mu.Lock()
	r.sources[sourceID] = rq
	r.gen++
	r.built = false
	r.mu.Unlock()
}

// Remove forgets a source.
func (r *Registry) Remove(sourceID string) {
	r.mu.Lock()
	delete(r.sources, sourceID)
	r.gen++
	r.built = false
	r.mu.Unlock()
}

// splitMention gives the entities a mention names: itself, or for a
// coordination ("Mrs. Clinton and Mr. Sanders said", "Moscow and London
// agreed") each conjunct, the first under the name Extract resolved it to
// unless that name is the coordination itself; a mention ("they") resolved
// to a coordination is each of its conjuncts. Matches splits the same way.
func splitMention(m *verbatim.Mention) []verbatim.Mention {
	parts := conjuncts(m.Mention)
	if parts == nil {
		names := conjuncts(m.Name)
		if names == nil {
			return []verbatim.Mention{{Name: m.Name, Mention: m.Mention}}
		}
		out := make([]verbatim.Mention, 0, len(names))
		for _, p := range names {
			if n := conjunctName(p); n != "" {
				out = append(out, verbatim.Mention{Name: n, Mention: m.Mention})
			}
		}
		return out
	}
	out := make([]verbatim.Mention, 0, len(parts))
	for i, p := range parts {
		n := conjunctName(p)
		if i == 0 && conjuncts(m.Name) == nil {
			n = m.Name
		}
		if n != "" {
			out = append(out, verbatim.Mention{Name: n, Mention: p})
		}
	}
	return out
}

// normName lower-cases a name, folds apostrophes, drops a leading article
// and a possessive, and collapses white space.
func normName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.ReplaceAll(s, "’", "'")
	f := strings.Fields(s)
	for len(f) > 1 && (f[0] == "the" || f[0] == "a" || f[0] == "an") {
		f = f[1:]
	}
	if n := len(f); n > 0 {
		f[n-1] = strings.TrimSuffix(f[n-1], "'s")
		f[n-1] = strings.TrimRight(f[n-1], ".,;:")
	}
	return strings.Join(f, " ")
}

// stripTitles removes titles and country words from the front of a
// normalised name: "russian president vladimir putin" → "vladimir putin".
func stripTitles(n string) string {
	f := strings.Fields(n)
	for len(f) > 1 {
		w := strings.TrimSuffix(f[0], ".")
		w = strings.TrimSuffix(w, "'s")
		if _, ok := demonym[w]; ok || titles[w] || w == "states" || w == "republic" {
			f = f[1:]
			continue
		}
		break
	}
	return strings.Join(f, " ")
}

func isProperName(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// rlockBuilt read-locks the registry and returns the unlock. Verify calls
// Matches for every attestation of every request, and a write (any ingest)
// makes the entities stale; rebuilding them takes a while on a large
// corpus (~0.5 s for 22k sources), so it happens outside the lock, by one
// caller at a time, while readers go on with the previous entities. Only
// the very first build is waited for.
func (r *Registry) rlockBuilt() func() {
	r.mu.RLock()
	if r.built || (r.building && r.byAlias != nil) {
		return r.mu.RUnlock
	}
	first := r.byAlias == nil
	r.mu.RUnlock()
	if first {
		r.mu.Lock()
		r.build()
		r.mu.Unlock()
	} else {
		r.rebuild()
	}
	r.mu.RLock()
	return r.mu.RUnlock
}

// rebuild builds the entities from a copy of the sources outside the lock
// and swaps them in, unless another write came meanwhile (the next reader
// then rebuilds again) or another rebuild is running.
func (r *Registry) rebuild() {
	r.mu.Lock()
	if r.built || r.building {
		r.mu.Unlock()
		return
	}
	r.building = true
	gen := r.gen
	shadow := &Registry{sources: make(map[string][]regQuote, len(r.sources))}
	for id, qs := range r.sources {
		shadow.sources[id] = qs // never edited in place: Add replaces the slice
	}
	r.mu.Unlock()

	shadow.build()

	r.mu.Lock()
	r.building = false
	if r.gen == gen {
		r.ents, r.byAlias, r.bySur, r.built = shadow.ents, shadow.byAlias, shadow.bySur, true
	}
	r.mu.Unlock()
}

func (r *Registry) build() {
	if r.built {
		return
	}
	type nameStat struct {
		name     string
		quotes   int
		reported int
		sources  map[string]bool
		aliases  map[string]string
		kind     nameKind // what its mentions show
	}
	stats := map[string]*nameStat{}
	ids := make([]string, 0, len(r.sources))
	for id := range r.sources {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		for _, q := range r.sources[id] {
			key := q.key
			if key == "" {
				continue
			}
			st := stats[key]
			if st == nil {
				st = &nameStat{name: q.name, sources: map[string]bool{}, aliases: map[string]string{}}
				stats[key] = st
			}
			if q.relay {
				st.reported++
			} else {
				st.quotes++
			}
			st.sources[id] = true
			m := strings.Join(strings.Fields(q.mention), " ")
			if m == "" {
				continue
			}
			st.kind |= mentionKind(m, key)
			// a relayer's mention is often the text it is in ("An official
			// statement by the Kremlin"): no alias unless it names it alone
			if personAlias(m) && (!q.relay || !hasCueNoun(m)) {
				st.aliases[normName(m)] = m
			}
		}
	}
	keys := make([]string, 0, len(stats))
	// surnames that a mention shows are a person's ("Mr Fox"): "Liam Fox"
	// is a person although fox is a word of organisations' names
	personSur := map[string]bool{}
	for k, st := range stats {
		keys = append(keys, k)
		if w := strings.Fields(stripTitles(k)); st.kind&showsPerson != 0 && len(w) > 0 {
			personSur[w[len(w)-1]] = true
		}
	}
	// longest names first, without titles, so bare surnames ("Lord
	// Goldsmith") join full names ("Peter Goldsmith")
	coreWords := make(map[string]int, len(keys))
	for _, k := range keys {
		coreWords[k] = len(strings.Fields(stripTitles(k)))
	}
	sort.Slice(keys, func(i, k int) bool {
		ni, nk := coreWords[keys[i]], coreWords[keys[k]]
		if ni != nk {
			return ni > nk
		}
		ni, nk = len(strings.Fields(keys[i])), len(strings.Fields(keys[k]))
		if ni != nk {
			return ni > nk
		}
		if stats[keys[i]].quotes != stats[keys[k]].quotes {
			return stats[keys[i]].quotes > stats[keys[k]].quotes
		}
		return keys[i] < keys[k]
	})
	r.ents = r.ents[:0]
	r.byAlias = map[string]*regEntity{}
	r.bySur = map[string][]*regEntity{}
	entOf := make(map[string]*regEntity, len(keys))
	for _, k := range keys {
		st := stats[k]
		core := stripTitles(k)
		words := strings.Fields(core)
		org := orgName(st.name, st.kind, personSur)
		// a description that is a title without a name ("Scotland's justice
		// minister") is no other description of that title, and a title no
		// surname
		bareTitle := titles[core] && core != k
		// a surname is a capitalised last word ("225 firm" has none)
		named := isProperName(st.name) && isProperName(surnameDisplay(st.name))
		var e *regEntity
		if len(words) > 0 && named && !org && !bareTitle {
			sur := words[len(words)-1]
			if len(words) == 1 {
				// a bare surname joins the biggest entity of that surname,
				// of the gender its honorific gives ("Mr. Obama" is not Michelle)
				g := nameGender(st.name)
				for _, c := range r.bySur[sur] {
					if g != 0 && nameGender(c.name)*g < 0 {
						continue
					}
					if e == nil || c.quotes > e.quotes {
						e = c
					}
				}
			} else {
				for _, c := range r.bySur[sur] {
					if len(c.words) >= 2 && compatibleGiven(c.words, words) {
						e = c
						break
					}
				}
			}
		}
		if e == nil && !bareTitle {
			// by an alias, of the same gender, and a description ("the
			// lock") not by a name ("Brett Lock" is also "Lock")
			if x, ok := r.byAlias[core]; ok && nameGender(st.name)*nameGender(x.name) >= 0 {
				if d, named := x.aliases[core]; !named || isProperName(d) == isProperName(st.name) {
					e = x
				}
			}
		}
		if e == nil {
			e = &regEntity{name: st.name, words: words, aliases: map[string]string{}, sources: map[string]bool{}, org: org}
			r.ents = append(r.ents, e)
			if len(words) > 0 && named && !org {
				sur := words[len(words)-1]
				r.bySur[sur] = append(r.bySur[sur], e)
			}
		}
		entOf[k] = e
		e.quotes += st.quotes
		e.aliases[k] = st.name
		eg := nameGender(e.name)
		for a, m := range st.aliases {
			if eg != 0 && nameGender(m)*eg < 0 {
				continue // "Mr. Obama" is no alias of "Michelle Obama"
			}
			e.aliases[a] = m
		}
		// a person is also called by the surname; an organisation is not
		// ("Raw Story" is no "Story", "Home Office" no "Office")
		if !e.org && len(words) > 0 && len(words[len(words)-1]) > 1 && len(e.words) > 0 && isProperName(surnameDisplay(e.name)) {
			e.aliases[e.words[len(e.words)-1]] = surnameDisplay(e.name)
		}
		for a := range e.aliases {
			if _, taken := r.byAlias[a]; !taken {
				r.byAlias[a] = e
			}
		}
		if !bareTitle {
			r.byAlias[core] = e
		}
	}
	// an entity's own name is no alias of another ("the Scottish Executive"
	// that a source resolved to a person): it finds its own entity, and
	// the quotation whose mention is that name counts for both, as Matches
	// finds it by the name and by the mention
	for k, e := range entOf {
		r.byAlias[k] = e
	}
	for _, e := range r.ents {
		for a := range e.aliases {
			if o := entOf[a]; o != nil && o != e {
				delete(e.aliases, a)
			}
		}
	}
	// exact counts: each entity once per quotation, as speaker (one of the
	// conjuncts of a coordination) or else as relayer, as Matches finds them
	for _, e := range r.ents {
		e.quotes, e.reported = 0, 0
		clear(e.sources)
	}
	var spoke, relayed []*regEntity
	for _, id := range ids {
		qs := r.sources[id]
		for i := 0; i < len(qs); {
			j := i
			spoke, relayed = spoke[:0], relayed[:0]
			for ; j < len(qs) && qs[j].q == qs[i].q; j++ {
				e := entOf[qs[j].key]
				if e == nil {
					continue
				}
				byMention := entOf[normName(qs[j].mention)]
				if byMention == e || byMention == nil || normName(byMention.name) != normName(qs[j].mention) || pronoun(qs[j].mention) {
					byMention = nil
				}
				for _, x := range []*regEntity{e, byMention} {
					if x == nil {
						continue
					}
					if qs[j].relay {
						relayed = append(relayed, x)
					} else if !slices.Contains(spoke, x) {
						spoke = append(spoke, x)
					}
				}
			}
			for _, e := range spoke {
				e.quotes++
				e.sources[id] = true
			}
			for k, e := range relayed {
				if !slices.Contains(spoke, e) && !slices.Contains(relayed[:k], e) {
					e.reported++
					e.sources[id] = true
				}
			}
			i = j
		}
	}
	r.built = true
}

// pronoun reports whether a name or mention is a pronoun ("It", "who"; the
// WHO is none).
func pronoun(m string) bool {
	return pronounsP[normName(m)] && !isAcronym(strings.TrimSpace(m))
}

// hasCueNoun reports whether a mention holds a word for a text ("An official
// statement by the Kremlin").
func hasCueNoun(m string) bool {
	for _, w := range strings.Fields(normName(m)) {
		if cueNouns[w] || cueNouns[strings.TrimSuffix(w, "s")] {
			return true
		}
	}
	return false
}

// pubWords are last words of publications' and bodies' names that orgWords
// leaves out ("Raw Story", "National Review", "Downing Street").
var pubWords = set("story review examiner beast wire monitor observer mail express mirror chronicle inquirer sentinel courier street programme program watch")

// nameKind is what the mentions of a name show of it.
type nameKind uint8

const (
	showsPerson nameKind = 1 << iota // "Mr Fox", "Lord Butler", "she"
	showsThing                       // "the Kremlin", "it"
)

// mentionKind is what one mention m of the name whose normalised form is
// key shows: a person by an honorific, a woman's first name or "he"/"she";
// no person by "it", "they" or an article before the name itself ("the
// Kremlin").
func mentionKind(m, key string) nameKind {
	n := normName(m)
	f := strings.Fields(n)
	if len(f) == 0 {
		return 0
	}
	if nameGender(m) != 0 || honorifics[strings.TrimSuffix(f[0], ".")] {
		return showsPerson
	}
	switch n {
	case "it", "its", "they", "them":
		return showsThing
	}
	if n == key && len(strings.Fields(m)) > len(f) {
		return showsThing // "the Kremlin" of Kremlin
	}
	return 0
}

// orgName reports whether a speaker name, with what its mentions show,
// names no person, so that its last word is no surname: it ends in a word
// of organisations', publications' or places' names, or has one before a
// complement ("Raw Story", "Home Office", "Bank of England", "Russia’s
// embassy in London", "Moscow"; not "Downing Street communications chief
// Alastair Campbell"), it ends in an acronym ("BBC") or a lower-case word
// ("Brown's aides"), it is a country, or a mention is "the Kremlin" or
// "it". A mention that shows a person (an honorific, a woman's first name,
// "he" or "she") overrules the words, and so does a surname that such a
// mention shows elsewhere (personSur: "Liam Fox" where a source says "Mr
// Fox").
func orgName(name string, kind nameKind, personSur map[string]bool) bool {
	if kind&showsPerson != 0 {
		return false
	}
	if kind&showsThing != 0 {
		return true
	}
	f := strings.Fields(name)
	if len(f) == 0 {
		return false
	}
	for i, w := range f {
		lw := strings.ToLower(strings.TrimRight(w, ".,"))
		lw = strings.TrimSuffix(strings.TrimSuffix(lw, "'s"), "’s")
		last := i == len(f)-1
		if last && personSur[lw] {
			return false
		}
		if (orgWords[lw] || orgTail[lw] || cities[lw] || pubWords[lw]) && (last || complements[strings.ToLower(f[i+1])]) {
			return true
		}
		if last {
			if a := strings.TrimRight(w, ".,"); isAcronym(a) && (len(a) > 2 || len(f) == 1) {
				return true
			}
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) && !nameParticles[lw] {
				return true
			}
		}
	}
	if _, ok := demonym[strings.ToLower(f[0])]; ok && len(f) == 1 {
		return true
	}
	return false
}

// complements open the complement of an organisation's name ("Bank of
// England", "embassy in London").
var complements = set("of for in on at")

// surnameDisplay returns the last word of a display name.
func surnameDisplay(name string) string {
	f := strings.Fields(name)
	if len(f) == 0 {
		return ""
	}
	return strings.TrimRight(f[len(f)-1], ".,")
}

// Speakers lists every named speaker or relayer entity with its aliases and
// counts, most quoted first, then most relaying. Quotations counts the
// quotations it speaks (alone or as one of a coordination), Reported those
// it relays and does not speak, Sources the sources of either: the
// quotations Matches finds for its name. Unresolved descriptions
// ("officials") are left out.
func (r *Registry) Speakers() []verbatim.Speaker {
	r.mu.Lock()
	r.build() // a listing is exact: it waits for a build
	out := make([]verbatim.Speaker, 0, len(r.ents))
	for _, e := range r.ents {
		if !isProperName(e.name) || pronoun(e.name) {
			continue // "officials", "It": unresolved
		}
		sp := verbatim.Speaker{Name: e.name, Quotations: e.quotes, Reported: e.reported, Sources: len(e.sources), Aliases: []string{}}
		seen := map[string]bool{normName(e.name): true}
		for a, disp := range e.aliases {
			if seen[a] || disp == "" {
				continue
			}
			seen[a] = true
			sp.Aliases = append(sp.Aliases, disp)
		}
		sort.Strings(sp.Aliases)
		out = append(out, sp)
	}
	r.mu.Unlock()
	sort.SliceStable(out, func(i, k int) bool {
		if out[i].Quotations != out[k].Quotations {
			return out[i].Quotations > out[k].Quotations
		}
		if out[i].Reported != out[k].Reported {
			return out[i].Reported > out[k].Reported
		}
		return out[i].Name < out[k].Name
	})
	return out
}

// lookup finds the entity a name denotes: by alias, then without titles,
// then by surname.
func (r *Registry) lookup(name string) *regEntity {
	n := normName(name)
	if n == "" {
		return nil
	}
	if e, ok := r.byAlias[n]; ok {
		return e
	}
	core := stripTitles(n)
	if e, ok := r.byAlias[core]; ok {
		return e
	}
	words := strings.Fields(core)
	if len(words) == 0 {
		return nil
	}
	var best *regEntity
	for _, c := range r.bySur[words[len(words)-1]] {
		if len(words) > 1 && len(c.words) > 1 && !compatibleGiven(c.words, words) {
			continue
		}
		if best == nil || c.quotes > best.quotes {
			best = c
		}
	}
	return best
}

// Canonical returns the canonical name of the entity that name denotes:
// any alias, case and white space aside, a surname, or a titled form
// ("President Putin", "Russian President Vladimir Putin").
func (r *Registry) Canonical(name string) (string, bool) {
	unlock := r.rlockBuilt()
	e := r.lookup(name)
	unlock()
	if e == nil {
		return "", false
	}
	return e.name, true
}

// Matches reports whether a claimed speaker name, as a fact-checker types it
// ("Putin", "Vladimir Putin", "President Putin", "the Kremlin"), denotes the
// entity of mention m. It holds when the names are equal after
// normalisation, when the registry resolves both to one entity, or when the
// claim's surname is m's and its given names do not conflict.
func (r *Registry) Matches(claimed string, m *verbatim.Mention) bool {
	if m == nil {
		return false
	}
	c := normName(claimed)
	if c == "" {
		return false
	}
	if c == normName(m.Name) || c == normName(m.Mention) && !pronoun(m.Mention) {
		return true // the source's own words for the speaker, but "who" is no WHO
	}
	// a coordination ("Mrs. Clinton and Mr. Sanders said") is the words of
	// each, split as Add splits it
	if conjuncts(m.Mention) != nil || conjuncts(m.Name) != nil {
		for _, p := range splitMention(m) {
			if r.Matches(claimed, &p) {
				return true
			}
		}
		return false
	}
	cc, mc := stripTitles(c), stripTitles(normName(m.Name))
	// the same name under other titles, not any two "ministers", and no
	// description ("the lock") under a name ("Mr Lock")
	if cc == mc && !titles[cc] && isProperName(m.Name) {
		return true
	}
	cw, mw := strings.Fields(cc), strings.Fields(mc)
	unlock := r.rlockBuilt()
	ce, me := r.lookup(claimed), r.lookup(m.Name)
	unlock()
	// an organisation has no surname ("Story" is not "Raw Story", "London"
	// not "Russia’s embassy in London"), nor has a description
	// ("controversial anti-terror", "225 firm")
	person := isProperName(m.Name) && isProperName(surnameDisplay(m.Name))
	if me != nil {
		person = person && !me.org
	} else {
		person = person && !orgName(m.Name, mentionKind(m.Mention, normName(m.Name)), nil)
	}
	// A bare surname names whoever bears it here: a fact-checker who types
	// "Weaver" about a Jeff Weaver quotation means him, even when another
	// Weaver is quoted more often elsewhere in the corpus; "Mr. Obama" is
	// no Michelle Obama.
	if person && len(cw) == 1 && len(mw) > 1 && cw[0] == mw[len(mw)-1] && !titles[cw[0]] && nameGender(claimed)*nameGender(m.Name) >= 0 {
		return true
	}
	if ce != nil && me != nil {
		return ce == me
	}
	if !person || len(cw) == 0 || len(mw) == 0 || cw[len(cw)-1] != mw[len(mw)-1] {
		return false
	}
	if len(cw) == 1 || len(mw) == 1 {
		return true
	}
	return compatibleGiven(cw, mw)
}

// conjuncts splits a coordination of names ("Presidential candidates Hillary
// Clinton and Donald Trump", "Mr. Sanders and Mr. Trump") into its parts; it
// gives nil for anything else, including organisations whose names hold an
// "and" ("the Organization for Economic Cooperation and Development").
func conjuncts(m string) []string {
	if !strings.Contains(m, " and ") && !strings.Contains(m, " & ") {
		return nil
	}
	f := strings.Fields(m)
	var out []string
	start := 0
	for i := 0; i <= len(f); i++ {
		if i < len(f) && f[i] != "and" && f[i] != "&" && !strings.HasSuffix(f[i], ",") {
			continue
		}
		end := i
		if i < len(f) && strings.HasSuffix(f[i], ",") {
			end = i + 1
		}
		if end > start {
			part := strings.TrimSuffix(strings.Join(f[start:end], " "), ",")
			if conjunctName(part) == "" {
				return nil
			}
			out = append(out, part)
		}
		start = i + 1
	}
	for _, w := range f {
		if lw := strings.ToLower(w); lw == "for" || lw == "of" {
			return nil
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// conjunctName is the name in one part of a coordination: its last
// capitalised words after any title ("Maine Sen. Susan Collins" → "Susan
// Collins", "Vice President Biden" → "Biden"), or "" when it ends in no name.
func conjunctName(part string) string {
	f := strings.Fields(part)
	a := len(f)
	for a > 0 && isProperName(f[a-1]) {
		w := strings.ToLower(strings.TrimSuffix(f[a-1], "."))
		if titles[w] || honorifics[w] {
			break
		}
		if _, ok := demonym[w]; ok {
			break
		}
		a--
	}
	if a == len(f) {
		return ""
	}
	return strings.Join(f[a:], " ")
}

// nameGender is the gender a name shows: an honorific or title ("Mr.
// Obama", "Mrs. Clinton") or a woman's first name ("Michelle Obama").
func nameGender(n string) int8 {
	f := strings.Fields(normName(n))
	for _, w := range f {
		w = strings.TrimSuffix(w, ".")
		switch {
		case maleT[w]:
			return 1
		case femaleT[w]:
			return -1
		case femaleFN[w]:
			return -1
		case titles[w]:
			continue
		}
		if _, ok := demonym[w]; ok {
			continue
		}
		break
	}
	return 0
}

// personAlias reports whether a mention names or describes a person or an
// organisation, so that it may serve as an alias: not a pronoun, and not a
// text of theirs ("the messages", "Putin’s letter").
func personAlias(m string) bool {
	n := normName(m)
	if pronounsP[n] || conjuncts(m) != nil {
		return false // a coordination names several people, not one
	}
	f := strings.Fields(n)
	if len(f) == 0 {
		return false
	}
	head := strings.TrimSuffix(f[len(f)-1], "'s")
	return !cueNouns[head] && !cueNouns[strings.TrimSuffix(head, "s")]
}
