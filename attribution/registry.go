package attribution

import (
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
// ("the Kremlin" == "Kremlin"). It is safe for concurrent use.
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

// regQuote is what the registry keeps of one quotation: the speaker's name
// and the words used for it.
type regQuote struct {
	name, mention string
}

type regEntity struct {
	name    string
	words   []string // normalised name words
	aliases map[string]string
	quotes  int
	sources map[string]bool
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
	for _, q := range qs {
		if q.Speaker != nil && q.Speaker.Name != "" && !firstPerson(q.Speaker.Name) {
			rq = append(rq, regQuote{q.Speaker.Name, q.Speaker.Mention})
			// "Mrs. Clinton and Mr. Sanders said": Extract names the first
			// person; the others spoke too
			first := true
			for _, c := range conjuncts(q.Speaker.Mention) {
				if first {
					first = false
					continue
				}
				if n := conjunctName(c); n != "" {
					rq = append(rq, regQuote{n, c})
				}
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
		name    string
		quotes  int
		sources map[string]bool
		aliases map[string]string
	}
	stats := map[string]*nameStat{}
	ids := make([]string, 0, len(r.sources))
	for id := range r.sources {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		for _, q := range r.sources[id] {
			key := normName(q.name)
			if key == "" {
				continue
			}
			st := stats[key]
			if st == nil {
				st = &nameStat{name: q.name, sources: map[string]bool{}, aliases: map[string]string{}}
				stats[key] = st
			}
			st.quotes++
			st.sources[id] = true
			if m := strings.Join(strings.Fields(q.mention), " "); m != "" && personAlias(m) {
				st.aliases[normName(m)] = m
			}
		}
	}
	keys := make([]string, 0, len(stats))
	for k := range stats {
		keys = append(keys, k)
	}
	// longest names first, so bare surnames join full names
	sort.Slice(keys, func(i, k int) bool {
		ni, nk := len(strings.Fields(keys[i])), len(strings.Fields(keys[k]))
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
	for _, k := range keys {
		st := stats[k]
		core := stripTitles(k)
		words := strings.Fields(core)
		var e *regEntity
		if len(words) > 0 && isProperName(st.name) {
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
		if e == nil {
			if x, ok := r.byAlias[core]; ok {
				e = x
			}
		}
		if e == nil {
			e = &regEntity{name: st.name, words: words, aliases: map[string]string{}, sources: map[string]bool{}}
			r.ents = append(r.ents, e)
			if len(words) > 0 && isProperName(st.name) {
				sur := words[len(words)-1]
				r.bySur[sur] = append(r.bySur[sur], e)
			}
		}
		e.quotes += st.quotes
		for id := range st.sources {
			e.sources[id] = true
		}
		e.aliases[k] = st.name
		eg := nameGender(e.name)
		for a, m := range st.aliases {
			if eg != 0 && nameGender(m)*eg < 0 {
				continue // "Mr. Obama" is no alias of "Michelle Obama"
			}
			e.aliases[a] = m
		}
		if len(words) > 0 && len(words[len(words)-1]) > 1 && len(e.words) > 0 {
			e.aliases[e.words[len(e.words)-1]] = surnameDisplay(e.name)
		}
		for a := range e.aliases {
			if _, taken := r.byAlias[a]; !taken {
				r.byAlias[a] = e
			}
		}
		r.byAlias[core] = e
	}
	r.built = true
}

// surnameDisplay returns the last word of a display name.
func surnameDisplay(name string) string {
	f := strings.Fields(name)
	if len(f) == 0 {
		return ""
	}
	return strings.TrimRight(f[len(f)-1], ".,")
}

// Speakers lists every named speaker entity with its aliases and counts,
// most quoted first. Unresolved descriptions ("officials") are left out.
func (r *Registry) Speakers() []verbatim.Speaker {
	r.mu.Lock()
	r.build() // a listing is exact: it waits for a build
	out := make([]verbatim.Speaker, 0, len(r.ents))
	for _, e := range r.ents {
		if !isProperName(e.name) {
			continue
		}
		sp := verbatim.Speaker{Name: e.name, Quotations: e.quotes, Sources: len(e.sources), Aliases: []string{}}
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
	if c == normName(m.Name) || c == normName(m.Mention) {
		return true
	}
	// a coordination ("Mrs. Clinton and Mr. Sanders said") is the words of each
	if parts := conjuncts(m.Mention); parts != nil {
		for i, p := range parts {
			n := conjunctName(p)
			if i == 0 {
				n = m.Name
			}
			if r.Matches(claimed, &verbatim.Mention{Name: n, Mention: p}) {
				return true
			}
		}
		return false
	}
	cc, mc := stripTitles(c), stripTitles(normName(m.Name))
	if cc == mc {
		return true
	}
	cw, mw := strings.Fields(cc), strings.Fields(mc)
	// A bare surname names whoever bears it here: a fact-checker who types
	// "Weaver" about a Jeff Weaver quotation means him, even when another
	// Weaver is quoted more often elsewhere in the corpus.
	if len(cw) == 1 && len(mw) > 1 && cw[0] == mw[len(mw)-1] {
		return true
	}
	unlock := r.rlockBuilt()
	ce, me := r.lookup(claimed), r.lookup(m.Name)
	unlock()
	if ce != nil && me != nil {
		return ce == me
	}
	if len(cw) == 0 || len(mw) == 0 || cw[len(cw)-1] != mw[len(mw)-1] {
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
