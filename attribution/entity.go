package attribution

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Entity kinds.
const (
	kindUnknown uint8 = iota
	kindPerson
	kindOrg
)

// entity is one speaker within a text: every name, title and description the
// text uses for the same person or organisation.
type entity struct {
	name    string // fullest proper name seen in the text
	words   []string
	sur     string // last name word, lower case
	kind    uint8
	roles   map[string]bool // title words and country keys ("president", "ru")
	gender  int8            // +1 male, -1 female, 0 unknown
	lastPos int             // byte offset of the latest mention resolved so far
	hon     string          // honorific written before a one-word name ("Mrs."), which then joins the name
}

// honorifics are the titles that tell people of one surname apart ("Mr.
// Musgrove", "Mrs Musgrove") and name someone known by surname only.
var honorifics = set("mr mrs miss ms lady sir lord dr madame mme")

// pluralTitles address several people at once ("Messrs. Blathers and
// Duff", "the Misses Dashwood").
var pluralTitles = set("messrs messieurs mesdames mmes misses")

// fictionHonM and fictionHonF are the further honorifics of novels, foreign
// ones mostly ("Monsieur Pontellier" is not "Edna Pontellier")
var (
	fictionHonM = set("monsieur herr signor signore senor señor")
	fictionHonF = set("mademoiselle mlle frau signora signorina senora señora")
)

// honGender is the gender an honorific gives: +1 "Mr.", -1 "Mrs."/"Ms."/"Miss", else 0.
func honGender(hon string) int8 {
	h := strings.ToLower(strings.TrimSuffix(hon, "."))
	switch {
	case h == "":
		return 0
	case maleT[h]:
		return 1
	case femaleT[h]:
		return -1
	case fictionHonM[h]:
		return 1
	case fictionHonF[h]:
		return -1
	}
	return 0
}

// honorific returns the honorific written just before token k, or "".
func (d *doc) honorific(k int) string {
	if k <= 0 || d.toks[k-1].kind != tkWord {
		return ""
	}
	if w := strings.TrimSuffix(d.w(k-1), "."); (honorifics[w] || d.fiction && (fictionHonM[w] || fictionHonF[w] || militaryRanks[w])) && d.toks[k-1].cap {
		return d.text[d.toks[k-1].s:d.toks[k-1].e]
	}
	return ""
}

func (e *entity) addRole(w string) {
	if e.roles == nil {
		e.roles = make(map[string]bool, 4)
	}
	e.roles[w] = true
}

// givenNameGender is the gender a full name's given name w (lower case)
// gives: a woman's name anywhere, a man's in a novel (maleFN), else 0.
func (d *doc) givenNameGender(w string) int8 {
	switch {
	case femaleFN[w]:
		return -1
	case d.fiction && maleFN[w]:
		return 1
	}
	return 0
}

// nameRun is a run of capitalised words in the text that names someone.
type nameRun struct {
	s, e   int // byte span of the name proper (titles stripped, possessive ’s dropped)
	ts, te int // token range of the name proper [ts, te)
	ms     int // byte start including titles ("Russian President Vladimir Putin")
	words  []string
	roles  []string
	gender int8
	org    bool
	ent    *entity
	subj   bool // at the start of its sentence
	sent   int
}

// trimPossessive returns the length of s without a trailing ’s or 's.
func trimPossessive(s string) int {
	if strings.HasSuffix(s, "’s") || strings.HasSuffix(s, "’S") {
		return len(s) - len("’s")
	}
	if strings.HasSuffix(s, "'s") || strings.HasSuffix(s, "'S") {
		return len(s) - 2
	}
	return len(s)
}

func isPossessive(s string) bool { return trimPossessive(s) != len(s) }

func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !(c >= 'A' && c <= 'Z') && c != '.' && c != '&' {
			return false
		}
	}
	return true
}

// runBreak are capitalised function words and verbs that no name contains
// ("Christie Is Over Marco Rubio" is a headline), so a run of capitals ends there.
var runBreak = set("the a an and to for is are was were has have had says said tells told into over after before about against with from that this than")

// breaksRun reports whether the capitalised word w (lower case) ends a run
// of capitals: a function word or a reporting verb ("Donald Trump Calls Out
// Ted Cruz" is a headline).
func breaksRun(w string) bool {
	if runBreak[w] {
		return true
	}
	if c, ok := cueWords[w]; ok && len(w) >= 5 && c.class <= cueTell && (c.form == formS || c.form == formPast) && !nounCueCaps[w] {
		return true
	}
	return false
}

// nounCueCaps are cue forms that are also nouns of names ("the United States", "Consumer Reports").
var nounCueCaps = set("states posts times news reports notes claims records answers letters words")

// personTitles are the titles that end a run's premodifiers when a person's
// name follows them ("Florida Gov. Jeb Bush").
var personTitles = set("sen senator rep representative gov governor speaker president secretary chairman chairwoman ceo director leader mayor judge justice attorney general minister chancellor spokesman spokeswoman adviser advisor aide manager professor prof dr mr mrs ms candidate nominee")

// partyWords are party adjectives written before a name.
var partyWords = set("republican democrat democratic gop libertarian independent")

// personRest reports whether the capitalised words toks[a:b] can be a
// person's name: one to four words, none of them a title or a word of
// organisations' names.
func (d *doc) personRest(a, b int) bool {
	if b-a < 1 || b-a > 4 {
		return false
	}
	for k := a; k < b; k++ {
		w := strings.TrimSuffix(d.low[d.toks[k].s:d.toks[k].e], ".")
		w = w[:trimPossessive(w)]
		if titles[w] || orgWords[w] || capStop[w] || orgTail[w] {
			return false
		}
		if _, ok := demonym[w]; ok {
			return false
		}
	}
	return true
}

// orgTail are last words of organisations' names that orgWords leaves out.
var orgTail = set("coalition convention caucus alliance movement coalition initiative project fund trust council")

// sentAdv are adverbs and exclamations that open a sentence before a name ("Thus Tony had …").
var sentAdv = set("thus hence perhaps indeed presently suddenly meanwhile poor dear oh ah alas well why")

// nickAdj are epithets written before a name ("Crooked Hillary", "Lyin’ Ted").
var nickAdj = set("crooked lyin lyin' lyin’ lying crazy sleepy little low-energy low-energy")

var nameParticles = set("de van von bin al da du la le der den del di ibn el")
var nameSuffix = set("jr jr. sr sr. ii iii iv")

// findNames collects every run of capitalised words that names someone and
// resolves them to entities: names of two or more words first, so that a
// later bare surname ("Putin") joins the fullest name ("Vladimir Putin").
func (d *doc) findNames() {
	toks := d.toks
	known := map[string]bool{} // name words seen outside title-case lines
	d.known = known
	for pass := 0; pass < 2; pass++ {
		for si := range d.sents {
			st := &d.sents[si]
			if st.title != (pass == 1) {
				continue
			}
			i := st.s
			for i < st.e {
				if toks[i].kind != tkWord || !toks[i].cap || breaksRun(d.low[toks[i].s:toks[i].e]) {
					i++
					continue
				}
				j := i
				for j < st.e {
					t := toks[j]
					if t.kind == tkWord && t.cap {
						if st.title && !known[d.low[t.s:t.e]] || breaksRun(d.low[t.s:t.e]) {
							break // "Chris Christie Is Over Marco Rubio’s …": a headline, not one name
						}
						j++
						if isPossessive(d.text[t.s:t.e]) {
							break
						}
						continue
					}
					if t.kind == tkWord && nameParticles[d.low[t.s:t.e]] {
						// "de Gaulle", "van der Luyden": particles, then a capitalised word
						n := j + 1
						for n < st.e && toks[n].kind == tkWord && nameParticles[d.low[toks[n].s:toks[n].e]] {
							n++
						}
						if n < st.e && toks[n].kind == tkWord && toks[n].cap {
							j = n
							continue
						}
					}
					break
				}
				if j == i {
					i++
					continue
				}
				d.addRun(si, i, j, pass == 0, known)
				i = j
			}
		}
	}
	d.resolveNames()
}

// addRun turns the capitalised words toks[a:b] into a name run, stripping
// sentence-initial function words, dates, titles and country words (kept as roles).
func (d *doc) addRun(si, a, b int, learn bool, known map[string]bool) {
	toks := d.toks
	if pluralTitles[strings.TrimSuffix(d.low[toks[a].s:toks[a].e], ".")] {
		return // "Mesdames Callendar and Lesley" are several people, none of them named so
	}
	if d.fiction && (d.headingRun(a, b) || d.capitalsRun(a, b)) {
		return // "CHAPTER XXVII", "XXI", "THE MERRY OLD JEW": a novel's heading, nobody
	}
	var roles []string
	var gender int8
	// carry titles over "of": "Federal President of Germany Frank-Walter Steinmeier"
	if d.pendingRolesTok >= 0 && d.pendingRolesTok == a && b-a >= 2 {
		roles = append(roles, d.pendingRoles...)
	}
	d.pendingRoles = d.pendingRoles[:0]
	d.pendingRolesTok = -1
	// a capitalised word opening a sentence, a quotation or a line is no name
	// unless the text capitalises it elsewhere too ("Poor John", "Tell Josiah")
	opens := func(k int) bool {
		if k == 0 || toks[k-1].kind != tkWord {
			return true
		}
		pw := d.low[toks[k-1].s:toks[k-1].e]
		return toks[k-1].cap && breaksRun(pw) && !determiners[pw]
	}
	if a+1 < b && opens(a) && d.lowerSeen(d.low[toks[a].s:toks[a].e]) && !(d.monthInName(toks, a, b) && !capStop[d.low[toks[a+1].s:toks[a+1].e]]) {
		a++ // but a novel's "May Welland" opening a sentence keeps its May
	}
	// nor, in a novel, a conjunction the text never writes in lower case:
	// "Lest Cecil should see her face"
	if d.fiction && a+1 < b && opens(a) && (fictionOpeners[d.low[toks[a].s:toks[a].e]] || contraction(d.low[toks[a].s:toks[a].e])) {
		a++
	}
	// descriptive premodifiers are no part of a name: "Crooked Hillary
	// Clinton", and a gerund opening a sentence ("Injecting Clinton’s …")
	for a+1 < b {
		w := d.low[toks[a].s:toks[a].e]
		if nickAdj[w] || opens(a) && sentAdv[w] || d.fiction && fictionPremod[w] || opens(a) && strings.HasSuffix(w, "ly") && !d.capAfterLower(w) && !d.midCap(w) || len(w) > 5 && (strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed")) && opens(a) && !d.capAfterLower(w) {
			a++
			continue
		}
		break
	}
	ms := toks[a].s
	for a < b {
		w := d.low[toks[a].s:toks[a].e]
		w = strings.TrimSuffix(w, ".")
		if (capStop[w] || weekdays[w] && !d.monthInName(toks, a, b)) && (d.honorific(a) == "" || honorifics[w]) { // after an honorific a name: "Mrs Last", "Mrs. May"
			a++
			ms = -1
			continue
		}
		if pw := w[:trimPossessive(w)]; pw != w && a+1 < b {
			// "Britain’s Prime Minister Theresa May": the possessor is a role
			if c, ok := demonym[pw]; ok {
				roles = append(roles, c)
			}
			a++
			ms = -1
			continue
		}
		if c, ok := demonym[w]; ok && a+1 < b {
			roles = append(roles, c)
		} else if titles[w] || d.fiction && fictionKin[w] || w == "states" || w == "republic" || w == "federation" || w == "kingdom" {
			roles = append(roles, w)
			if femaleT[w] || d.fiction && fictionFemaleT[w] {
				gender = -1
			} else if maleT[w] || d.fiction && fictionMaleT[w] {
				gender = 1 // a novel's "Major Callendar" is a man, though only "Mrs. Callendar" is written with an honorific
			}
		} else {
			break
		}
		if ms < 0 {
			ms = toks[a].s
		}
		a++
	}
	if ms < 0 && a < b {
		ms = toks[a].s
	}
	if a >= b {
		// titles only ("the President of"): pass them to a name after "of (the)"
		if len(roles) > 0 && b+1 < len(toks) && d.low[toks[b].s:toks[b].e] == "of" {
			nx := b + 1
			if nx < len(toks) && d.low[toks[nx].s:toks[nx].e] == "the" {
				nx++
			}
			d.pendingRoles = append(d.pendingRoles[:0], roles...)
			d.pendingRolesTok = nx
		}
		return
	}
	// a person title inside the run ends its premodifiers: "Florida Gov. Jeb
	// Bush", "House Speaker Paul Ryan", "Maine Sen. Susan Collins"; and a party
	// word is no given name ("Republican Donald Trump"). They stay out of the
	// roles: descriptions resolve by the titles written first, as before.
	for t := b - 2; t > a; t-- {
		w := strings.TrimSuffix(d.low[toks[t].s:toks[t].e], ".")
		if !personTitles[w] || !d.personRest(t+1, b) {
			continue
		}
		a = t + 1 // the mention (ms) keeps the premodifiers
		break
	}
	if b-a >= 3 && partyWords[strings.TrimSuffix(d.low[toks[a].s:toks[a].e], ".")] && d.personRest(a+1, b) {
		a++
	}
	// in a novel a word written twice running is said twice ("Thomas
	// Thomas Gradgrind"): the name is the second
	if d.fiction {
		for k := b - 1; k > a; k-- {
			if d.low[toks[k].s:toks[k].e] == d.low[toks[k-1].s:toks[k-1].e] {
				a = k
				break
			}
		}
	}
	// in a novel, a later word of the run that the text mostly writes in
	// lower case ends the name: a heading's "How Lucy Faced the …", "Miss
	// Lucy Honeychurch Drive Out", "the Coketown Hands"
	if d.fiction {
		for k := a + 1; k < b; k++ {
			w := d.low[toks[k].s : toks[k].s+trimPossessive(d.low[toks[k].s:toks[k].e])]
			if !nameParticles[w] && !titles[strings.TrimSuffix(w, ".")] && d.lowerMostly(w) && (verbLike(w) || !placeHeads[w] && d.capMidCount[w] <= 2) {
				b = k
				break
			}
		}
	}
	// drop trailing dates and function words ("Theresa May" keeps its May;
	// a novel's "Colonel Brandon Monday morning" does not keep its Monday)
	for b > a {
		w := d.low[toks[b-1].s:toks[b-1].e]
		if (capStop[w] || weekdays[w]) && d.surnameWord(toks, a, b-1) {
			break // "Mrs Last", a novel's "Tony Last": a surname that is also a word
		}
		if (weekdays[w] && (b-a == 1 && !d.monthInName(toks, a, b) || d.fiction && dayNames[w])) || capStop[w] || d.fiction && b-a >= 2 && (demonymAdj(w) || w == "s") { // "KEMP S HOUSE": an apostrophe the text lost
			b--
			continue
		}
		break
	}
	if a >= b {
		return
	}
	words := make([]string, 0, b-a)
	org := false
	for k := a; k < b; k++ {
		w := d.text[toks[k].s:toks[k].e]
		if k == b-1 {
			w = w[:trimPossessive(w)]
		}
		lw := strings.ToLower(w)
		if orgWords[lw] || cities[lw] || isAcronym(w) && !(d.fiction && d.capAfterLower(lw)) { // a novel's heading "FAGIN" is Fagin
			org = true
		}
		if _, ok := demonym[lw]; ok && b-a == 1 {
			org = true // "Russia said", "Moscow"
		}
		words = append(words, w)
	}
	e := toks[b-1].s + len(words[len(words)-1])
	first := strings.ToLower(words[0])
	if gender == 0 && len(words) >= 2 {
		gender = d.givenNameGender(first)
	}
	// a single word opening a sentence is kept only if it is capitalised elsewhere too
	st := d.sents[si]
	if b-a == 1 && a == st.s && !org {
		if !d.midCap(d.low[toks[a].s:toks[a].e]) && len(roles) == 0 {
			return
		}
	}
	// nor is a single word opening a quotation that the text writes in lower
	// case and never capitalises after another word ("“Oh, Mr. Fortescue”")
	if b-a == 1 && len(roles) == 0 && !org && a > 0 && toks[a-1].kind == tkQuote {
		if w := d.low[toks[a].s:toks[a].e]; d.lowerSeen(w) && !d.midCap(w) {
			return
		}
	}
	// in a novel, a single word the text mostly writes in lower case is a
	// common word wherever it is capitalised ("Perhaps", "Nothing", "And"),
	// and "I'm", "I've" are no names
	if d.fiction && b-a == 1 && len(roles) == 0 && !org && d.honorific(a) == "" {
		w := d.low[toks[a].s : toks[a].s+trimPossessive(d.low[toks[a].s:toks[a].e])]
		if strings.HasPrefix(w, "i'") || strings.HasPrefix(w, "i’") || d.commonWord(w) {
			return
		}
	}
	if learn {
		for _, w := range words {
			known[strings.ToLower(w)] = true
		}
	}
	subj := a == st.s || ms == toks[st.s].s
	if d.fiction && !subj && a > st.s {
		// "Mrs. Rushworth began her relation": the honorific opens the sentence
		k := a - 1
		for k >= st.s && toks[k].kind == tkWord && (honorifics[strings.TrimSuffix(d.low[toks[k].s:toks[k].e], ".")] || titles[strings.TrimSuffix(d.low[toks[k].s:toks[k].e], ".")]) {
			k--
		}
		subj = k < st.s
	}
	if d.fiction && !subj && b < len(toks) && toks[b].kind == tkWord && !toks[b].cap && verbLike(d.low[toks[b].s:toks[b].e]) && (a == 0 || !(toks[a-1].kind == tkWord && (adjunctPrep[d.low[toks[a-1].s:toks[a-1].e]] || d.low[toks[a-1].s:toks[a-1].e] == "of"))) {
		subj = true // "…, and Fanny quickly rose": a name before its verb
	}
	d.runs = append(d.runs, nameRun{s: toks[a].s, e: e, ts: a, te: b, ms: ms, words: words, roles: roles, gender: gender, org: org, subj: subj, sent: si})
}

// demonymAdj reports whether w is a nationality (Italian, English), not a
// country: "Cecil is teaching Lucy Italian".
var countryAn = set("iran japan sudan oman taiwan bhutan")

func demonymAdj(w string) bool {
	_, ok := demonym[w]
	return ok && (strings.HasSuffix(w, "an") && !strings.HasSuffix(w, "stan") && !countryAn[w] || strings.HasSuffix(w, "ish") || strings.HasSuffix(w, "ese") || strings.HasSuffix(w, "ch"))
}

func demonymWord(w string) bool {
	_, ok := demonym[w]
	return ok
}

// commonWord reports whether the text writes w (lower case) in lower case
// at least three times and more than twice as often as it capitalises it
// right after a lower-case word, as names are ("said Rose").
func (d *doc) commonWord(w string) bool {
	if d.lowCount == nil {
		d.lowCount = make(map[string]int)
		d.capLowCount = make(map[string]int)
		d.capMidCount = make(map[string]int)
		for k, t := range d.toks {
			if t.kind != tkWord {
				continue
			}
			lw := d.low[t.s : t.s+trimPossessive(d.low[t.s:t.e])]
			if !t.cap {
				d.lowCount[lw]++
			} else if k > 0 && d.toks[k-1].kind == tkWord {
				d.capMidCount[lw]++
				if !d.toks[k-1].cap {
					d.capLowCount[lw]++
				}
			}
		}
	}
	n := d.lowCount[w]
	return n >= 3 && n > 2*d.capLowCount[w]
}

// lowerMostly reports whether the text writes w (lower case) in lower case
// at least three times and more than twice as often as it capitalises it
// after any word (names are capitalised after the name words before them:
// "Fanny Price", "Mansfield Park").
func (d *doc) lowerMostly(w string) bool {
	d.commonWord(w)
	n := d.lowCount[w]
	return n >= 3 && n > 2*d.capMidCount[w]
}

// midCap reports whether the word w (lower case) occurs capitalised somewhere
// other than at the start of a sentence.
func (d *doc) midCap(w string) bool {
	if d.midCaps == nil {
		d.midCaps = make(map[string]bool)
		for si := range d.sents {
			st := d.sents[si]
			for k := st.s + 1; k < st.e; k++ {
				t := d.toks[k]
				if t.kind == tkWord && t.cap && d.toks[k-1].kind == tkWord {
					d.midCaps[d.low[t.s:t.s+trimPossessive(d.low[t.s:t.e])]] = true
				}
			}
		}
	}
	return d.midCaps[w]
}

// capAfterLower reports whether the word w (lower case) occurs capitalised
// right after a lower-case word ("in Beijing", "said Xi Jinping"), as names do
// and headline words ("More Important Than Electing Obama") do not.
func (d *doc) capAfterLower(w string) bool {
	if d.capLow == nil {
		d.capLow = make(map[string]bool)
		for k := 1; k < len(d.toks); k++ {
			t, p := d.toks[k], d.toks[k-1]
			if t.kind == tkWord && t.cap && p.kind == tkWord && !p.cap {
				d.capLow[d.low[t.s:t.s+trimPossessive(d.low[t.s:t.e])]] = true
			}
		}
	}
	return d.capLow[w]
}

// lowerSeen reports whether w also occurs in lower case in the text, so it
// is a common word and not a name ("Poor John", "Tell Josiah").
func (d *doc) lowerSeen(w string) bool {
	if d.lowers == nil {
		d.lowers = make(map[string]bool)
		for _, t := range d.toks {
			if t.kind == tkWord && !t.cap && t.e-t.s > 1 {
				d.lowers[d.text[t.s:t.e]] = true
			}
		}
	}
	return d.lowers[w]
}

func lowerWords(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = strings.ToLower(strings.TrimSuffix(w, "."))
	}
	return out
}

// surnameOf returns the last name word, skipping Jr./Sr./III.
func surnameOf(lw []string) string {
	for i := len(lw) - 1; i >= 0; i-- {
		if !nameSuffix[lw[i]] {
			return lw[i]
		}
	}
	if len(lw) == 0 {
		return ""
	}
	return lw[len(lw)-1]
}

// compatibleGiven reports whether the given names of two names sharing a
// surname can denote one person: each given word of the shorter matches one
// of the longer, or is its initial.
func compatibleGiven(a, b []string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	ga, gb := a[:len(a)-1], b[:len(b)-1]
	for _, x := range ga {
		ok := false
		for _, y := range gb {
			if x == y || (len(x) <= 2 && strings.HasPrefix(y, strings.TrimSuffix(x, "."))) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func (d *doc) resolveNames() {
	if d.fiction {
		d.splitGivenPairs()
	}
	// multi-word person names first, longest first
	order := make([]int, 0, len(d.runs))
	for i := range d.runs {
		if len(d.runs[i].words) >= 2 && !d.runs[i].org {
			order = append(order, i)
		}
	}
	for i := 1; i < len(order); i++ {
		for k := i; k > 0 && len(d.runs[order[k]].words) > len(d.runs[order[k-1]].words); k-- {
			order[k], order[k-1] = order[k-1], order[k]
		}
	}
	bySur := map[string][]*entity{}
	wives := map[string]*entity{}
	for _, ri := range order {
		r := &d.runs[ri]
		lw := lowerWords(r.words)
		sur := surnameOf(lw)
		var found *entity
		wife := d.fiction && wifeOf(r, lw, d.honorific(r.ts))
		if wife {
			// "Mrs. Newland Archer" is his wife, not Newland Archer
			key := "mrs " + strings.Join(lw, " ")
			if found = wives[key]; found == nil {
				found = &entity{name: "Mrs. " + strings.Join(r.words, " "), words: r.words, sur: sur, kind: kindPerson, lastPos: -1, gender: -1}
				d.ents = append(d.ents, found)
				wives[key] = found
			}
			r.ent = found
			continue
		}
		g := r.gender
		if g == 0 {
			g = honGender(d.honorific(r.ts))
		}
		for _, e := range bySur[sur] {
			if e.kind == kindPerson && compatibleGiven(lowerWords(e.words), lw) && !(g != 0 && e.gender != 0 && g != e.gender) {
				found = e // not across sexes: "Mr. van der Luyden" is not "Louisa van der Luyden"
				break
			}
		}
		if found == nil {
			found = &entity{name: strings.Join(r.words, " "), words: r.words, sur: sur, kind: kindPerson, lastPos: -1}
			d.ents = append(d.ents, found)
			bySur[sur] = append(bySur[sur], found)
		}
		if found.gender == 0 {
			found.gender = r.gender // "Michelle Obama" is a woman before any "Mr. Obama" is met
		}
		r.ent = found
	}
	fullCount := map[*entity]int{}
	for _, ri := range order {
		fullCount[d.runs[ri].ent]++
	}
	// the gender the text gives each surname written alone with an honorific
	// ("Mr. Obama"): a titled "President Obama" then joins him, not "Michelle Obama"
	surGender := map[string]int8{}
	for i := range d.runs {
		r := &d.runs[i]
		if r.gender == 0 {
			r.gender = honGender(d.honorific(r.ts))
		}
		if r.ent != nil || len(r.words) != 1 || r.org || r.gender == 0 || d.honorific(r.ts) == "" {
			continue
		}
		w := strings.ToLower(strings.TrimSuffix(r.words[0], "."))
		if g, ok := surGender[w]; ok && g != r.gender {
			surGender[w] = 0 // both a Mr. and a Mrs.: no help
		} else {
			surGender[w] = r.gender
		}
	}
	// the rest in text order: single words join a known surname (or first name), else stand alone
	byName := map[string]*entity{}
	for i := range d.runs {
		r := &d.runs[i]
		if r.ent == nil {
			lw := lowerWords(r.words)
			key := strings.Join(lw, " ")
			hon := d.honorific(r.ts)
			gender := r.gender
			if len(lw) == 1 && !r.org && gender == 0 && len(r.roles) > 0 {
				gender = surGender[lw[0]]
			}
			if len(lw) == 1 && !r.org {
				cands := bySur[lw[0]]
				fc := d.byFirst(lw[0])
				byGiven := false // cands are the full names of lw[0] as a first name
				if d.fiction {
					// the full name of that first name the novel writes most: "Henry" is
					// Henry Otway, written twice, not the Henry Fielding of one mention
					sort.SliceStable(fc, func(i, k int) bool { return fullCount[fc[i]] > fullCount[fc[k]] })
				}
				if len(cands) == 0 || len(fc) > 0 && (fullCount[fc[0]] > fullCount[cands[0]] || d.fiction && fullCount[fc[0]] == fullCount[cands[0]] && d.restFreq(fc[0], lw[0]) > d.restFreq(cands[0], lw[0])) {
					// "Katharine" is the Katharine Hilbery named often, not the one
					// "Cassandra Katharine" of a line of wordplay
					cands, byGiven = fc, true
				}
				if gender != 0 && (hon != "" || gender != r.gender) {
					// "Mrs Musgrove" is not the "Mr. Musgrove" of the same surname
					kept := cands[:0:0]
					for _, c := range cands {
						if c.gender == 0 || c.gender == gender {
							kept = append(kept, c)
						}
					}
					cands = kept
				}
				if d.fiction && hon != "" && honGender(hon) != 0 && !(strings.EqualFold(hon, "miss") && len(cands) == 1 && cands[0].gender == -1 && len(bySur[lw[0]]) == 1) {
					// in a novel "Mr. Bennet" and "Mrs. Bennet" are not "Eliza Bennet":
					// a surname with an honorific names someone of its own; but "Miss
					// Quested" is Adela Quested when she is the novel's one Quested
					// of a full name (PDNC 0:16 Explicit 0.952→0.953, 16:24 0.923→0.924)
					cands = nil
				}
				if len(cands) > 0 {
					best := cands[0]
					for _, c := range cands[1:] {
						if c.lastPos > best.lastPos {
							best = c
						}
					}
					if d.fiction && len(cands) > 1 {
						// in a novel a first name alone is the person whose full name
						// the text writes at least twice as often as any other's of
						// that first name ("Lucy" is not the "Lucy Faced" of a heading)
						if top := dominant(cands, fullCount); top != nil {
							best = top
						} else if byGiven && len(cands) == len(fc) && fullCount[fc[0]] <= 1 {
							// nor is "Mary" either of a "Lady Mary Grierson" and a "Mary
							// Maclean" written once each: she is a Mary of her own (PDNC
							// 16:24 Implicit 0.603→0.611, 0:16 Anaphoric 0.644→0.647)
							best = nil
						}
					}
					if best != nil {
						r.ent = best
					}
				}
			}
			if r.ent == nil {
				if gender != 0 && (hon != "" || gender != r.gender) {
					key += "#" + strconv.Itoa(int(gender))
				}
				if d.fiction && strings.EqualFold(hon, "miss") {
					key += "#miss" // in a novel "Miss Bertram" is a daughter, not Lady or Mrs. Bertram
				}
				if e, ok := byName[key]; ok {
					r.ent = e
				} else {
					e := &entity{name: strings.Join(r.words, " "), words: r.words, sur: surnameOf(lw), lastPos: -1}
					if r.org {
						e.kind = kindOrg
					} else if len(r.roles) > 0 {
						e.kind = kindPerson
					}
					d.ents = append(d.ents, e)
					byName[key] = e
					r.ent = e
				}
			}
		}
		e := r.ent
		e.lastPos = r.s
		if e.hon == "" && len(e.words) == 1 && len(r.words) == 1 && !r.org {
			e.hon = d.honorific(r.ts)
		}
		for _, ro := range r.roles {
			e.addRole(ro)
			if ro != "mr" && ro != "mrs" && ro != "ms" && ro != "dr" {
				e.kind = kindPerson
			}
		}
		if r.org && e.kind == kindUnknown {
			e.kind = kindOrg
		}
		if r.gender != 0 && e.gender == 0 {
			e.gender = r.gender
		}
	}
	d.genderVotes()
	if d.fiction {
		d.fictionGenders()
		d.bareSurnames(bySur, fullCount)
	}
	for _, e := range d.ents {
		if e.hon != "" && len(e.words) == 1 && e.kind != kindOrg {
			e.name = e.hon + " " + e.name
		}
		e.lastPos = -1
		if e.gender == 0 && len(e.words) >= 2 {
			e.gender = d.givenNameGender(strings.ToLower(e.words[0]))
		}
	}
}

// restFreq is how often the text capitalises, after another word, the least
// written of the words of e's name other than w: "Adela" is the Adela of
// "Quested", written often, not of "Madamsell", written once.
func (d *doc) restFreq(e *entity, w string) int {
	d.commonWord("")
	n := -1
	for _, x := range e.words {
		lx := strings.ToLower(strings.TrimSuffix(x, "."))
		if lx == w {
			continue
		}
		if c := d.capMidCount[lx]; n < 0 || c < n {
			n = c
		}
	}
	return n
}

// splitGivenPairs cuts a novel's two-word name written once whose words
// both begin other full names to its first word: "with Brenda John always
// came first" names Brenda, not a "Brenda John".
func (d *doc) splitGivenPairs() {
	firsts := map[string]int{}
	pairs := map[string]int{}
	for i := range d.runs {
		r := &d.runs[i]
		if len(r.words) >= 2 && !r.org {
			lw := lowerWords(r.words)
			firsts[lw[0]]++
			pairs[strings.Join(lw, " ")]++
		}
	}
	for i := range d.runs {
		r := &d.runs[i]
		if len(r.words) != 2 || r.org || len(r.roles) > 0 {
			continue
		}
		lw := lowerWords(r.words)
		if pairs[lw[0]+" "+lw[1]] == 1 && firsts[lw[0]] >= 2 && firsts[lw[1]] >= 2 {
			r.words = r.words[:1]
			r.e = r.s + len(r.words[0])
			r.te = r.ts + 1
		}
	}
}

// dominant returns the candidate whose full name is written at least twice
// as often as any other candidate's, which are written once at most; or nil.
func dominant(cands []*entity, fullCount map[*entity]int) *entity {
	top, second := topTwo(cands, fullCount, nil)
	if top != nil && fullCount[top] > 0 && fullCount[top] >= 2*second && second <= 1 {
		return top
	}
	return nil
}

// topTwo returns the entity of es (those keep accepts, when keep is not
// nil) whose full name is written most often, and the count of the
// runner-up.
func topTwo(es []*entity, fullCount map[*entity]int, keep func(*entity) bool) (*entity, int) {
	var top *entity
	second := 0
	for _, e := range es {
		if keep != nil && !keep(e) {
			continue
		}
		if top == nil || fullCount[e] > fullCount[top] {
			if top != nil {
				second = fullCount[top]
			}
			top = e
		} else if fullCount[e] > second {
			second = fullCount[e]
		}
	}
	return top, second
}

// fictionPremod are words a novel writes before a name that are no part
// of it ("O Rachael", "Old Stephen", "poor Fanny").
var fictionPremod = set("o old young little poor dear")

// contraction reports whether w is a contracted word ("what'll", "don't"),
// which a novel's dialogue opens sentences with and no name is.
func contraction(w string) bool {
	w = strings.ReplaceAll(w, "’", "'")
	for _, suf := range []string{"'ll", "'re", "'ve", "'d", "n't", "'m"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+1 {
			return true
		}
	}
	return false
}

// fictionOpeners are conjunctions that open a sentence before a name
var fictionOpeners = set("lest whilst till unless whereupon thereupon wherefore whereas")

// fictionKin are kinship words a novel writes before a first name, no
// part of it ("Cousin Brenda")
var fictionKin = set("cousin")

// headingRun reports whether toks[a:b] open with a chapter heading's
// words in capitals: "CHAPTER", "BOOK" or a Roman numeral of two letters
// or more.
func (d *doc) headingRun(a, b int) bool {
	w := d.text[d.toks[a].s:d.toks[a].e]
	if w == "CHAPTER" || w == "BOOK" || w == "PART" {
		return true
	}
	if len(w) < 2 {
		return false
	}
	for _, r := range w {
		if !strings.ContainsRune("IVXLC", r) {
			return false
		}
	}
	return true
}

// capitalsRun reports whether every word of toks[a:b] is set in capitals
// (two letters or more), as a heading or a signature sets a name.
func (d *doc) capitalsRun(a, b int) bool {
	for k := a; k < b; k++ {
		w := d.text[d.toks[k].s:d.toks[k].e]
		letters := 0
		for _, r := range w {
			if unicode.IsLower(r) {
				return false
			}
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters < 2 {
			return false
		}
	}
	return true
}

// rankWords are the military ranks: in a novel a man's, and as good as an
// honorific before a surname ("Major Callendar" is named so, and a bare
// "Callendar" is he).
const rankWords = "captain capt colonel col admiral major general gen lieutenant lt sergeant commander"

var militaryRanks = set(rankWords)

// dayNames are the days of the week, which no novel's person is named
var dayNames = set("monday tuesday wednesday thursday friday saturday sunday")

// fictionMaleT and fictionFemaleT are words that, opening a name in a
// novel, give its gender: ranks and family titles ("Captain Harville",
// "Countess Olenska", "Aunt Celia").
var (
	fictionMaleT   = set(rankWords + " uncle father brother grandfather count duke baron earl marquis sir lord mr monsieur herr signor don prince king master")
	fictionFemaleT = set("countess duchess baroness marchioness aunt mother sister grandmother granny lady mrs miss madame mme mlle mademoiselle princess queen dame mistress")
)

// fictionPlaces makes places of the names a novel writes after "in" or
// "into" at least twice and in a tenth of their mentions ("in Coketown",
// "into Bath"), as it never writes a person's, or after in/into/at/from/near
// three times and in three tenths of them ("at Mansfield"), unless a title
// or honorific ever comes with them.
func (d *doc) fictionPlaces() {
	in := map[*entity]int{}
	loc := map[*entity]int{}
	all := map[*entity]int{}
	titled := map[*entity]bool{}
	for i := range d.runs {
		r := &d.runs[i]
		e := r.ent
		if e == nil || e.kind == kindOrg {
			continue
		}
		all[e]++
		if len(r.roles) > 0 || d.honorific(r.ts) != "" {
			titled[e] = true
		}
		if k := r.ts - 1; k >= 0 && d.toks[k].kind == tkWord && !isPossessive(d.text[d.toks[r.te-1].s:d.toks[r.te-1].e]) {
			switch d.w(k) {
			case "in", "into":
				in[e]++
			case "at", "from", "near":
				loc[e]++
			}
		}
	}
	for e := range all {
		n := in[e]
		if (n >= 2 && n*10 >= all[e] || n+loc[e] >= 3 && (n+loc[e])*10 >= all[e]*3) && !titled[e] && e.hon == "" && len(e.roles) == 0 {
			e.kind, e.gender = kindOrg, 0
		}
	}
}

// placeFirst open the names of places ("New York", "Grand Isle", "Port Burdock").
var placeFirst = set("new grand port mount fort lake upper lower river cape gulf isle")

// placeHeads end the names of places in novels ("Barton Park", "Harley Street").
var placeHeads = set("park street streets house hall abbey lodge place square court road lane cottage parsonage rectory vicarage church chapel castle manor common gardens terrace row hill hills wood woods green bridge inn hotel station club college town city river lake island villa farm mill grange priory caves mountains valley")

// fictionGenders gives genders to the people of a novel whose names and
// pronouns left them open: by a title opening the name, else by a given
// name that the text gives another person of known gender ("Charles
// Hayter" is a man when "Charles Musgrove" is one).
func (d *doc) fictionGenders() {
	d.fictionPlaces()
	first := map[string]int8{}
	for _, e := range d.ents {
		n := len(e.words)
		if n >= 2 && (placeHeads[strings.ToLower(e.words[n-1])] || placeFirst[strings.ToLower(e.words[n-2])] && !fictionMaleT[strings.ToLower(e.words[n-1])] && !fictionFemaleT[strings.ToLower(e.words[n-1])]) || n == 1 && demonymWord(strings.ToLower(e.words[0])) {
			e.kind, e.gender = kindOrg, 0 // "Barton Park", "Harley Street", "India": a place
		}
	}
	for _, e := range d.ents {
		if e.kind == kindOrg {
			continue
		}
		if len(e.words) < 2 {
			if e.gender == 0 && len(e.roles) > 0 {
				e.gender = titleGender("", e.roles) // "Captain Harville"
			}
			continue
		}
		w := strings.ToLower(strings.TrimSuffix(e.words[0], "."))
		if e.gender == 0 {
			e.gender = titleGender(w, e.roles)
		}
		if e.gender == 0 || fictionMaleT[w] || fictionFemaleT[w] {
			continue
		}
		if g, ok := first[w]; ok && g != e.gender {
			first[w] = 0
		} else {
			first[w] = e.gender
		}
	}
	for _, e := range d.ents {
		if e.gender == 0 && e.kind != kindOrg && len(e.words) >= 1 {
			e.gender = first[strings.ToLower(e.words[0])]
		}
	}
}

// titleGender is the gender that a novel's title word w opening a name, or
// one of the titles written before it, gives: +1, -1, or 0 when none or both.
func titleGender(w string, roles map[string]bool) int8 {
	var g int8
	vote := func(t string) bool {
		var h int8
		switch {
		case fictionMaleT[t]:
			h = 1
		case fictionFemaleT[t]:
			h = -1
		default:
			return true
		}
		if g != 0 && g != h {
			g = 0
			return false
		}
		g = h
		return true
	}
	vote(w)
	for ro := range roles {
		if !vote(ro) {
			return 0
		}
	}
	return g
}

// bareSurnames gives each surname a novel writes alone ("Bounderby said")
// to the man of that surname with a full name (the one whose full name the
// text writes at least twice as often as any other man's), once genders are
// known: women in novels go by their given names, men by their surnames.
// With no such full name, it goes to the one man of that surname the text
// writes with an honorific or a rank ("Turton" is Mr. Turton, "Callendar"
// Major Callendar: honorific counts ranks in a novel).
func (d *doc) bareSurnames(bySur map[string][]*entity, fullCount map[*entity]int) {
	man := map[string]*entity{}
	for sur, es := range bySur {
		// the man of that surname whose full name the text writes most,
		// at least twice as often as any other's
		one, second := topTwo(es, fullCount, func(e *entity) bool { return e.kind == kindPerson && e.gender > 0 && len(e.words) >= 2 })
		if one != nil && fullCount[one] >= 2*second {
			man[sur] = one
		}
	}
	// else the one man of that surname with an honorific ("Mr. Turton" for "Turton")
	mister := map[string]*entity{}
	for _, e := range d.ents {
		if e.kind == kindOrg || len(e.words) != 1 || e.hon == "" || e.gender <= 0 {
			continue
		}
		w := strings.ToLower(e.words[0])
		if _, dup := mister[w]; dup {
			mister[w] = nil // two of them: no help
		} else {
			mister[w] = e
		}
	}
	for i := range d.runs {
		r := &d.runs[i]
		if len(r.words) != 1 || r.ent == nil || len(r.roles) > 0 || d.honorific(r.ts) != "" {
			continue
		}
		w := strings.ToLower(r.words[0])
		if m := mister[w]; m != nil && man[w] == nil && r.ent != m && len(r.ent.words) == 1 && r.ent.hon == "" && r.ent.gender >= 0 {
			r.ent = m
			continue
		}
		if m := man[w]; m != nil && r.ent != m && len(r.ent.words) >= 2 && (r.ent.sur == w && (r.ent.gender <= 0 || fullCount[r.ent] < fullCount[m]) || r.ent.sur != w && (!strings.EqualFold(r.ent.words[0], w) || fullCount[r.ent] < fullCount[m])) {
			// it had joined a woman of that surname ("Loo Bounderby"), or
			// a name it begins that the text writes less often than his
			r.ent = m
		}
	}
}

// wifeOf reports whether run r, a full name lw after "Mrs.", names a
// married woman by her husband's name ("Mrs. Newland Archer"): its given
// name is no woman's.
func wifeOf(r *nameRun, lw []string, hon string) bool {
	mrs := strings.EqualFold(strings.TrimSuffix(hon, "."), "mrs")
	for _, ro := range r.roles {
		if ro == "mrs" {
			mrs = true
		}
	}
	return mrs && len(lw) >= 2 && !femaleFN[lw[0]]
}

func (d *doc) byFirst(w string) []*entity {
	var out []*entity
	for _, e := range d.ents {
		if e.kind == kindPerson && len(e.words) >= 2 && strings.ToLower(e.words[0]) == w && !(d.fiction && placeHeads[strings.ToLower(e.words[len(e.words)-1])]) { // "Catherine" is not Catherine Street
			out = append(out, e)
		}
	}
	return out
}

// runAt returns the name run covering token k, or nil.
func (d *doc) runAt(k int) *nameRun {
	// runs are in text order within each pass; title-case runs come later, so search all
	lo, hi := 0, len(d.runsByTok)
	for lo < hi {
		m := (lo + hi) / 2
		r := &d.runs[d.runsByTok[m]]
		if r.te <= k {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(d.runsByTok) {
		r := &d.runs[d.runsByTok[lo]]
		if r.ts <= k && k < r.te {
			return r
		}
	}
	return nil
}

// genderVotes gives a gender to the people whose names and titles leave it
// open, by the first he/his/him or she/her that follows each mention within
// a few words outside quotations ("Elinor … she", "Edward … his"): the
// majority of two votes or more wins.
func (d *doc) genderVotes() {
	votes := map[*entity]int{}
	for i := range d.runs {
		r := &d.runs[i]
		if r.ent == nil || r.ent.gender != 0 || r.ent.kind == kindOrg || d.qIn[r.ts] >= 0 {
			continue
		}
		for k := r.te; k < len(d.toks) && k < r.te+12; k++ {
			t := d.toks[k]
			if t.kind == tkPara || d.qIn[k] >= 0 || (t.kind == tkWord && t.cap && d.runAt(k) != nil) {
				break
			}
			if t.kind != tkWord {
				continue
			}
			w := d.w(k)
			if d.fiction && (w == "him" || w == "her" && d.objectHer(k)) {
				continue // "Edna looked at him": an object is someone else
			}
			switch w {
			case "he", "his", "him", "himself":
				votes[r.ent]++
			case "she", "her", "hers", "herself":
				votes[r.ent]--
			default:
				continue
			}
			break
		}
	}
	for e, v := range votes {
		switch {
		case v >= 2:
			e.gender = 1
		case v <= -2:
			e.gender = -1
		}
	}
}

// objectHer reports whether the her at token k is an object ("looked at
// her.", "told her that") rather than a possessive ("her hat"): nothing but
// a content word may follow a possessive.
func (d *doc) objectHer(k int) bool {
	if k+1 >= len(d.toks) || d.toks[k+1].kind != tkWord {
		return true
	}
	n := d.w(k + 1)
	return capStop[n] || adjunctPrep[n] || n == "and" || n == "to" || n == "that"
}

// monthInName reports whether, in a novel, the month name at token a opens the name
// [a, b) after "the": "the March Hare" is named so, while "March" alone
// or "Monday" is a date.
func (d *doc) monthInName(toks []token, a, b int) bool {
	if !d.fiction || dayNames[d.low[toks[a].s:toks[a].e]] {
		return false
	}
	pw := ""
	if a > 0 && toks[a-1].kind == tkWord {
		pw = d.low[toks[a-1].s:toks[a-1].e]
	}
	if b-a >= 2 && pw == "the" {
		return true
	}
	return d.monthGiven()[d.low[toks[a].s:toks[a].e]] && !monthContext[pw]
}

// monthGiven lists the months a novel uses as given names: those it writes
// before a capitalised surname, not after a preposition ("May Welland",
// not "in May Newland went"). A novel that does uses the bare word so too:
// "“…,” May said".
func (d *doc) monthGiven() map[string]bool {
	if d.monthNames != nil {
		return d.monthNames
	}
	d.monthNames = map[string]bool{}
	for k := 0; k+1 < len(d.toks); k++ {
		t, nt := d.toks[k], d.toks[k+1]
		if t.kind != tkWord || !t.cap || !givenMonths[d.low[t.s:t.e]] || nt.kind != tkWord || !nt.cap || nt.s != t.e+1 {
			continue
		}
		if nw := d.low[nt.s:nt.e]; weekdays[nw] || capStop[nw] || breaksRun(nw) {
			continue
		}
		if pt := k - 1; pt >= 0 && d.toks[pt].kind == tkWord && monthContext[d.low[d.toks[pt].s:d.toks[pt].e]] {
			continue
		}
		d.monthNames[d.low[t.s:t.e]] = true
	}
	return d.monthNames
}

// givenMonths are the months that are also women's or men's given names;
// monthContext the words before a month that make it a date.
var (
	givenMonths  = set("may june april august")
	monthContext = set("in on of since until till by during last next early late mid from through to and or this that every each before after")
)

// surnameWord reports whether the capitalised function word or date at
// token k, the last of the run starting at a, is a surname: it follows an
// honorific ("Mrs Last", "Mrs. May"), or in a novel a given name ("Tony
// Last"), or a capitalised word when the novel writes it after an honorific
// elsewhere ("Brenda Last" of a novel that has its "Mr Last").
func (d *doc) surnameWord(toks []token, a, k int) bool {
	if d.honorific(k) != "" {
		return true
	}
	if !d.fiction || k <= a || k == 0 || toks[k-1].kind != tkWord {
		return false
	}
	pw, w := d.low[toks[k-1].s:toks[k-1].e], d.low[toks[k].s:toks[k].e]
	if w == "i" {
		return false // "Freddy I do call …": a vocative, then "I"
	}
	return maleFN[pw] || femaleFN[pw] || toks[k-1].cap && d.honoredWords()[w]
}

// honoredWords is the set of capitalised words (lower case) a novel writes
// right after an honorific: its surnames, even those that are also words.
func (d *doc) honoredWords() map[string]bool {
	if d.honored == nil {
		d.honored = map[string]bool{}
		for k := 1; k < len(d.toks); k++ {
			if t := d.toks[k]; t.kind == tkWord && t.cap && d.honorific(k) != "" {
				d.honored[d.low[t.s:t.e]] = true
			}
		}
	}
	return d.honored
}
