package attribution

import (
	"sort"
	"strings"
	"unicode"

	verbatim "github.com/verbatim/verbatim"
)

// Dialogue: in fiction a paragraph of quotation is a turn, and a new turn is
// a new speaker. News carries a speaker over to the next quotation paragraph
// ("…," Putin said. / "…"), novels alternate it ("…," said Elinor. / "…,"
// he replied. / "…"). The dialogue pass applies only to texts that look like
// fiction: long, with many direct quotations.

// dialogueMinBytes and dialogueMinQuotes decide which texts the dialogue
// rules apply to; a news article is far shorter.
const (
	dialogueMinBytes  = 60000
	dialogueMinQuotes = 100
)

// turn is one paragraph of dialogue and who speaks it.
type turn struct {
	para int
	r    *ref
	q    int // the quotation of the turn's first candidate
}

func (t *turn) ent() *entity {
	if t == nil || t.r == nil || t.r.empty {
		return nil
	}
	return t.r.ent
}

// looksLikeFiction reports whether the text is long and holds many
// quotations, as novels do and news articles do not. In fiction the names
// inside quotations are no antecedents of "he said" (the speaker talks of
// them), and the dialogue pass runs.
func (d *doc) looksLikeFiction() bool {
	if len(d.text) < dialogueMinBytes {
		return false
	}
	n := 0
	for _, q := range d.qs {
		if q.depth == 0 {
			n++
		}
	}
	return n >= dialogueMinQuotes
}

// dialogue revises the speakers of quotation paragraphs in fiction:
//   - an uncued turn right after two turns of two people (A, B) is A's;
//   - "…," he replied in the turn right after B's is not B, when the pronoun
//     may denote someone else in the conversation: A, else the latest other
//     person of that gender;
//   - nobody takes an uncued turn in which they are addressed ("Ay, Rachael, lass");
//   - when the turn two back has no known speaker, the one four back speaks;
//   - an uncued turn answering a turn that addressed one person by name
//     ("Have you seen the letter, Agnes?") is that person's;
//   - a turn of bare quotation after a single known turn (or two of one
//     speaker) is the other participant's: the latest other person the
//     narration named nearby;
//   - a turn of bare quotation after a paragraph of narration is the
//     person that narration last named at the start of a sentence, else
//     the conversation goes on over it.
func (d *doc) dialogue(cands []cand) {
	if !d.fiction {
		return
	}
	d.cueAfterQuote(cands)
	d.trimDescAdverbs(cands)
	d.resumedQuote(cands)
	dropIndirectOverDirect(cands)
	idx := make([]int, 0, len(cands))
	for i := range cands {
		if cands[i].kind == verbatim.KindDirect && cands[i].q >= 0 {
			idx = append(idx, i)
		}
	}
	sort.Slice(idx, func(a, b int) bool { return cands[idx[a]].s < cands[idx[b]].s })
	ment := d.narrativeMentions()
	named := map[*entity]bool{} // people a cue names as speakers
	for i := range cands {
		if r := cands[i].spk; r != nil && r.kind == refProper && r.ent != nil && !cands[i].inherit {
			named[r.ent] = true
		}
	}
	descHeads := map[string]int{} // how often each head of an unresolved description speaks
	for _, i := range idx {
		if r := cands[i].spk; r != nil && !r.empty && r.kind == refDesc && r.ent == nil {
			if h := d.descHead(r); h >= 0 {
				descHeads[d.w(h)]++
			}
		}
	}
	narrator := d.narrator(cands, idx)
	var turns []turn
	lastPara, paraSent := -1, -1 // the paragraph of the last turn and the sentence of its first quotation
	for _, i := range idx {
		c := &cands[i]
		if narrator != nil && c.first != nil {
			c.spk = &ref{s: c.first.s, e: c.first.e, ent: narrator, kind: refPron} // "“…,” I said"
		}
		p := d.sents[c.sent].para
		if c.pron != nil {
			// "Mrs. Rushworth began her relation. “…,” she said"; a "they" has no gender to match
			if r := d.paraSubject(c, d.pronGender(c.pron)); r != nil && r.ent.gender != 0 && d.pronGender(c.pron) != 0 {
				c.spk = &ref{s: c.pron.s, e: c.pron.e, ent: r.ent, kind: refPron}
			} else if e := d.fictionPronoun(c, p, ment, turns, named); e != nil {
				c.spk = &ref{s: c.pron.s, e: c.pron.e, ent: e, kind: refPron}
			}
		} else if c.noCue || c.spk == nil || c.spk.empty {
			if r := d.paraSubject(c, 0); r != nil {
				// "Mrs. Rushworth began her relation. “…”"
				c.spk = &ref{s: r.s, e: r.e, ent: r.ent, kind: refProper}
				c.noCue = false
				c.cueSent = d.speechVerbAt(r.te)
			}
		}
		if p == lastPara {
			if n := len(turns); n > 0 && turns[n-1].ent() == nil && c.spk != nil && !c.spk.empty {
				turns[n-1].r = c.spk
			} else if n > 0 && turns[n-1].ent() != nil && c.pron == nil && c.first == nil && (c.spk == nil || c.spk.empty || c.noCue && c.inherit && c.spk.kind == refPron && d.inSentence(c.spk, paraSent)) {
				// "“…,” replied the landlord; for it was he. “…”": the paragraph's
				// speaker goes on, as this pass read him (the quotation had
				// inherited the he or she of the first quotation's sentence as
				// it stood; one of a later sentence is its own cue's: "“…,” said
				// Catherine. He made no answer; but … burst out with, “…”")
				c.spk, c.inherit, c.noCue = turns[n-1].r, true, false
			}
			continue
		}
		lastPara, paraSent = p, c.sent
		var prev, prev2 *turn
		addr := d.vocatives(c)
		uncued := c.noCue || c.spk == nil || c.spk.empty
		var descG int8 // the gender of such a description: "said the young lady"
		desc := c.spk
		if !uncued && c.spk.kind == refDesc && c.spk.ent == nil && d.vagueDesc(c.spk, descHeads) {
			uncued = true // "said his companion": someone of the conversation
			if h := d.descHead(c.spk); h >= 0 {
				descG = headGender(d.w(h))
			}
		}
		bareP := uncued && d.bareTurn(c)
		if n := len(turns); n > 0 && turns[n-1].para == p-1 {
			prev = &turns[n-1]
			if n > 1 && turns[n-2].para == p-2 {
				prev2 = &turns[n-2]
			}
		}
		var narr *nameRun // the subject of a paragraph of narration just before
		if bareP && prev == nil {
			narr = d.narratorSubject(c)
			if n := len(turns); narr == nil && n > 0 && turns[n-1].para >= p-1-narrationGap {
				// the conversation goes on over a paragraph of narration
				// that names nobody as its subject ("She paused.")
				prev = &turns[n-1]
				if n > 1 && turns[n-2].para >= prev.para-1-narrationGap {
					prev2 = &turns[n-2]
				}
			}
		}
		bare := bareP && prev != nil
		var answer *nameRun // whom the previous turn addressed by name: they answer
		if uncued && prev != nil {
			answer = d.addressee(prev.q, nil, addr) // even if the rules gave the previous turn to them
		}
		switch {
		case answer != nil:
			c.spk, c.inherit = &ref{s: answer.s, e: answer.e, ent: answer.ent, kind: refProper}, true
		case uncued && prev != nil && prev2 != nil && prev2.ent() != nil && prev2.ent() != prev.ent() && !addr[prev2.ent()]:
			c.spk, c.inherit = prev2.r, true
		case uncued && prev != nil && prev2 != nil && prev2.ent() == nil && prev.ent() != nil && len(turns) >= 4 && turns[len(turns)-4].para == p-4 && turns[len(turns)-3].para == p-3 && turns[len(turns)-4].ent() != nil && turns[len(turns)-4].ent() != prev.ent() && !addr[turns[len(turns)-4].ent()]:
			c.spk, c.inherit = turns[len(turns)-4].r, true // the turn two exchanges back
		case bare && prev.ent() != nil && (prev2 == nil || prev2.ent() == nil || prev2.ent() == prev.ent()):
			if m := d.otherParticipant(c, p, ment, prev.ent(), addr, named); m != nil {
				c.spk, c.inherit = &ref{s: m.pos, e: m.end, ent: m.e, kind: refProper}, true
			}
		case narr != nil:
			c.spk, c.inherit = &ref{s: narr.s, e: narr.e, ent: narr.ent, kind: refProper}, true
		case c.pron == nil && c.spk != nil && c.spk.kind == refPron && c.spk.ent != nil && prev != nil && c.spk.ent == prev.ent():
			if alt := d.otherSpeaker(c, prev, prev2, addr); alt != nil {
				c.spk = &ref{s: c.spk.s, e: c.spk.e, ent: alt, kind: refPron}
			}
		}
		if c.spk == desc && desc != nil && desc.kind == refDesc && desc.ent == nil && d.theOther(desc) {
			// "said the other": the participant who did not speak last
			if prev2 != nil && prev2.ent() != nil && prev != nil && prev2.ent() != prev.ent() && !addr[prev2.ent()] {
				c.spk, c.inherit = prev2.r, true
			} else if prev != nil && prev.ent() != nil {
				if m := d.otherParticipant(c, p, ment, prev.ent(), addr, named); m != nil {
					c.spk, c.inherit = &ref{s: m.pos, e: m.end, ent: m.e, kind: refProper}, true
				}
			}
		}
		if descG != 0 && c.spk != nil && c.spk.ent != nil && c.spk.ent.gender == -descG {
			c.spk, c.inherit = desc, false // "said the young lady" is no boy of the conversation
		}
		if (uncued || c.inherit) && c.spk != nil && c.spk.ent != nil && addr[c.spk.ent] {
			// "Indeed, Jane, you ought to believe me": not Jane's
			if prev2 != nil && prev2.ent() != nil && !addr[prev2.ent()] && prev2.ent() != c.spk.ent {
				c.spk, c.inherit = prev2.r, true
			} else if m := d.otherParticipant(c, p, ment, c.spk.ent, addr, named); m != nil {
				c.spk, c.inherit = &ref{s: m.pos, e: m.end, ent: m.e, kind: refProper}, true
			}
		}
		turns = append(turns, turn{p, c.spk, c.q})
		if c.spk != nil && c.spk.kind == refDesc && c.spk.ent == nil && !c.inherit && d.vagueDesc(c.spk, descHeads) {
			// "said the girl", and no turn of the conversation tells who:
			// the description stands for a he or she of the scene
			if h := d.descHead(c.spk); h >= 0 && headGender(d.w(h)) != 0 {
				cc := *c
				cc.pron = &ref{s: c.spk.s, e: c.spk.e, kind: refPron, empty: true}
				if e := d.fictionPronounG(&cc, headGender(d.w(h)), p, ment, turns, named); e != nil {
					c.spk = &ref{s: c.spk.s, e: c.spk.e, ent: e, kind: refDesc}
				}
			}
		}
	}
	d.theNames()
}

// theNames names with its article a character the novel writes after "the"
// in most of its mentions, at least twice: the Hatter, the Mock Turtle, the
// Dodo are called so, not Hatter or Dodo. Only the entity's name changes,
// after the dialogue rules, which compare entities, not names.
func (d *doc) theNames() {
	total := map[*entity]int{}
	the := map[*entity]int{}
	for i := range d.runs {
		r := &d.runs[i]
		if r.ent == nil || r.org {
			continue
		}
		total[r.ent]++
		if k := r.ts - 1; r.ms == r.s && d.isWord(k) && d.w(k) == "the" {
			the[r.ent]++
		}
	}
	for e, n := range the {
		if n >= 2 && 2*n > total[e] && e.name != "" && !strings.HasPrefix(strings.ToLower(e.name), "the ") {
			e.name = "the " + e.name
		}
	}
}

// headGender is the gender of a description's head: a generic one, a
// kinship word or a rank ("her mother", "the captain"), else 0.
func headGender(w string) int8 {
	if g := descGender[w]; g != 0 {
		return g
	}
	return titleGender(w, nil)
}

// descGender is the gender of a generic description's head.
var descGender = map[string]int8{"man": 1, "gentleman": 1, "boy": 1, "fellow": 1, "youth": 1, "woman": -1, "lady": -1, "girl": -1, "husband": 1, "lad": 1, "wife": -1, "maid": -1,
	// trades a novel gives to one sex
	"coachman": 1, "footman": 1, "butler": 1, "waiter": 1, "landlord": 1, "policeman": 1, "constable": 1, "boatman": 1, "cabman": 1, "postman": 1, "fisherman": 1, "workman": 1, "sailor": 1, "soldier": 1, "groom": 1, "beadle": 1,
	"landlady": -1, "housemaid": -1, "governess": -1, "hostess": -1, "nun": -1, "waitress": -1, "housekeeper": -1, "maidservant": -1, "nursemaid": -1}

// narrator finds who "I" is in a novel told in the first person: the
// person the turns next to the narrator's own ("“…,” I said") address by
// name most often, at least narratorMin times; else nil.
func (d *doc) narrator(cands []cand, idx []int) *entity {
	byPara := map[int][]int{} // paragraph → its candidates not the narrator's
	var mine []int            // paragraphs of the narrator's turns
	for _, i := range idx {
		c := &cands[i]
		p := d.sents[c.sent].para
		if c.first != nil {
			mine = append(mine, p)
		} else {
			byPara[p] = append(byPara[p], i)
		}
	}
	if len(mine) < narratorMin {
		return nil
	}
	votes := map[*entity]int{}
	for _, p := range mine {
		for _, q := range []int{p - 1, p, p + 1} {
			for _, i := range byPara[q] {
				d.eachVocative(cands[i].q, func(r *nameRun) {
					if personLike(r.ent) {
						votes[r.ent]++
					}
				})
			}
		}
	}
	var best *entity
	for e, v := range votes {
		if v >= narratorMin && (best == nil || v > votes[best] || v == votes[best] && e.name < best.name) {
			best = e
		}
	}
	return best
}

// narratorMin is how many times the narrator must be addressed, and speak.
const narratorMin = 3

// paraSubject finds the person the narration of c's paragraph, before the
// quotation, has as the subject of a sentence: the latest one named at a
// sentence's start, of gender g when g is not 0; or nil. A quotation that
// opens its paragraph has none.
func (d *doc) paraSubject(c *cand, g int8) *nameRun {
	if c.q < 0 || c.q >= len(d.qs) {
		return nil
	}
	qk := d.qs[c.q].open
	ps := d.paraStart(c.sent)
	if qk <= ps {
		return nil
	}
	return d.lastSubject(ps, qk, g)
}

// inSentence reports whether the mention r lies in sentence si.
func (d *doc) inSentence(r *ref, si int) bool {
	st := d.sents[si]
	return r.s >= d.toks[st.s].s && r.e <= d.toks[st.e-1].e
}

// speechVerbAt reports whether a verb of speech in the past or -s form
// follows token k, across adverbs: "Sissy resumed", "Mrs. Hurst began again".
func (d *doc) speechVerbAt(k int) bool {
	for ; k < len(d.toks) && d.toks[k].kind == tkWord; k++ {
		w := d.w(k)
		if ci, ok := cueWords[w]; ok && ci.class == cueSpeech && (ci.form == formPast || ci.form == formS) || novelSpeechStarts[w] {
			return true
		}
		if !novelAdverb(w) && !interveners[w] {
			return false
		}
	}
	return false
}

// novelSpeechStarts are verbs a novel's narration writes before what
// someone says, not in any lexicon of speech: the news uses them for
// anything.
var novelSpeechStarts = set("began resumed")

// lastSubject returns the latest person named as a sentence's subject in
// the narration of tokens [from, to), of gender g when g is not 0; or nil.
func (d *doc) lastSubject(from, to int, g int8) *nameRun {
	lo := sort.Search(len(d.runsByTok), func(i int) bool { return d.runs[d.runsByTok[i]].ts >= to })
	for i := lo - 1; i >= 0; i-- {
		r := &d.runs[d.runsByTok[i]]
		if r.ts < from {
			break
		}
		if !r.subj || r.ent == nil || d.qIn[r.ts] >= 0 || !personLike(r.ent) || g != 0 && r.ent.gender != g {
			continue
		}
		return r
	}
	return nil
}

// pronGender is the gender of the pronoun of r: +1 he, -1 she, 0 otherwise.
func (d *doc) pronGender(r *ref) int8 {
	switch d.low[r.s:r.e] {
	case "he", "him", "his":
		return 1
	case "she", "her":
		return -1
	}
	return 0
}

// otherSpeaker finds whom the pronoun speaker of c denotes when it is not
// the previous turn's speaker: the speaker of the turn before that, else
// the latest other person of the pronoun's gender spoken of nearby.
func (d *doc) otherSpeaker(c *cand, prev, prev2 *turn, addr map[*entity]bool) *entity {
	g := d.pronGender(c.spk)
	if g == 0 {
		return nil
	}
	fits := func(e *entity, strict bool) bool {
		if e == nil || e == prev.ent() || !personLike(e) {
			return false
		}
		if strict {
			return e.gender == g
		}
		return e.gender == g || e.gender == 0
	}
	if e := prev2.ent(); fits(e, false) {
		return e
	}
	for _, strict := range []bool{true, false} {
		seen := 0
		for i := len(d.subj) - 1; i >= 0 && seen < 30; i-- {
			m := d.subj[i]
			if m.pos >= c.spk.s {
				continue
			}
			seen++
			if fits(m.e, strict) {
				return m.e
			}
		}
	}
	return nil
}

// narratorSubject finds who speaks a bare quotation after a paragraph of
// narration: the person named last at the start of one of its sentences
// ("Anne went up to her sister. … / “Are you well?”"), or nil.
func (d *doc) narratorSubject(c *cand) *nameRun {
	ps := d.paraStart(c.sent)
	if ps == 0 {
		return nil
	}
	k := ps - 1
	for k > 0 && d.toks[k].kind == tkPara {
		k--
	}
	pp := d.paraStart(d.sentOf(k))
	for j := pp; j <= k; j++ {
		if d.qIn[j] >= 0 {
			return nil // not narration alone
		}
	}
	lo := sort.Search(len(d.runsByTok), func(i int) bool { return d.runs[d.runsByTok[i]].ts > k })
	for i := lo - 1; i >= 0; i-- {
		r := &d.runs[d.runsByTok[i]]
		if r.ts < pp {
			break
		}
		if r.subj && r.ent != nil && personLike(r.ent) && r.ent.gender != 0 {
			return r
		}
	}
	return nil
}

// bareTurn reports whether the paragraph of c holds nothing but quotation:
// no narration that might name its speaker. Each paragraph is scanned once
// (d.bare caches the answer by its first token): a paragraph of a thousand
// quotations would otherwise be scanned a thousand times.
func (d *doc) bareTurn(c *cand) bool {
	k := d.paraStart(c.sent)
	if b, ok := d.bare[k]; ok {
		return b
	}
	b := true
	for j := k; j < len(d.toks) && d.toks[j].kind != tkPara; j++ {
		if d.toks[j].kind == tkWord && d.qIn[j] < 0 {
			b = false
			break
		}
	}
	if d.bare == nil {
		d.bare = map[int]bool{}
	}
	d.bare[k] = b
	return b
}

// otherParticipant finds the other person of a conversation whose last
// turn spk spoke: the latest person other than spk the narration named in
// the last few paragraphs before quotation c, not addressed by c.
func (d *doc) otherParticipant(c *cand, p int, ment []narMention, spk *entity, addr, named map[*entity]bool) *narMention {
	anchor := d.qs[c.q].cs
	i := sort.Search(len(ment), func(i int) bool { return ment[i].pos >= anchor })
	for j := i - 1; j >= 0; j-- {
		m := &ment[j]
		if m.para < p-otherParas {
			break
		}
		if m.e == spk || !personLike(m.e) || addr[m.e] || m.e.gender == 0 && !named[m.e] {
			continue
		}
		return m
	}
	return nil
}

// otherParas is how many paragraphs back otherParticipant looks.
const otherParas = 4

// addressee returns the one person that quotation qi addresses by name, if
// it is not spk (its speaker, when known) nor addressed in the answer (in
// addr), else nil.
func (d *doc) addressee(qi int, spk *entity, addr map[*entity]bool) *nameRun {
	var one *nameRun
	n := 0
	d.eachVocative(qi, func(r *nameRun) {
		if r.ent == spk || !personLike(r.ent) {
			return
		}
		if one == nil || one.ent != r.ent {
			n++
		}
		one = r
	})
	if n != 1 || addr[one.ent] {
		return nil
	}
	return one
}

// vocatives lists the people addressed by name in the quotation of c
// ("Ay, Rachael, lass", "Oh, Mr. Fortescue!").
func (d *doc) vocatives(c *cand) map[*entity]bool {
	var out map[*entity]bool
	d.eachVocative(c.q, func(r *nameRun) {
		if out == nil {
			out = map[*entity]bool{}
		}
		out[r.ent] = true
	})
	return out
}

// eachVocative calls f for every name in quotation qi set off as an address:
// after the opening mark or a comma, and before a comma, ! ? . or the closing mark.
func (d *doc) eachVocative(qi int, f func(*nameRun)) {
	if qi < 0 || qi >= len(d.qs) {
		return
	}
	q := d.qs[qi]
	end := d.quoteEnd(qi)
	for k := q.open + 1; k < end && k < len(d.toks); k++ {
		r := d.runAt(k)
		if r == nil || r.ts != k || r.ent == nil || r.ent.kind == kindOrg {
			continue
		}
		a := r.ts - 1
		if h := d.honorific(r.ts); h != "" {
			a--
		}
		if a >= 0 && d.toks[a].kind == tkWord && (d.w(a) == "dear" || d.w(a) == "my") {
			a--
		}
		before := a < 0 || a == q.open || d.isPunct(a, ',') || d.toks[a].kind == tkWord && (d.w(a) == "oh" || d.w(a) == "o")
		b := r.te
		after := b >= end || d.isPunct(b, ',') || d.isPunct(b, '!') || d.isPunct(b, '?') || d.isPunct(b, '.') || d.isPunct(b, ';')
		if before && after {
			f(r)
		}
		k = r.te - 1
	}
}

// narMention is a name outside quotations in fiction: someone the narrator
// speaks of, a possible antecedent of "he said".
type narMention struct {
	pos, end, para, sent int
	ts                   int  // the name's first token
	subj                 bool // the name opens its sentence
	e                    *entity
}

// narrativeMentions lists the names of people outside quotations, in text order.
func (d *doc) narrativeMentions() []narMention {
	var out []narMention
	for _, ri := range d.runsByTok {
		r := &d.runs[ri]
		if r.ent == nil || r.ent.kind == kindOrg || d.qIn[r.ts] >= 0 {
			continue
		}
		out = append(out, narMention{pos: r.s, end: r.e, para: d.sents[r.sent].para, sent: r.sent, ts: r.ts, subj: r.subj, e: r.ent})
	}
	return out
}

// fictionPronoun resolves the he/she subject of the cue of c, a quotation in
// paragraph p of a novel, among the people of the scene: the latest ones the
// narrator named, preferring those named in the same paragraph, the other
// participant of the conversation over the one who spoke the previous turn,
// the one addressed in the previous turn, and never the one addressed now.
func (d *doc) fictionPronoun(c *cand, p int, ment []narMention, turns []turn, named map[*entity]bool) *entity {
	return d.fictionPronounG(c, d.pronGender(c.pron), p, ment, turns, named)
}

// fictionPronounG is fictionPronoun for a pronoun, or a description
// standing for one, of gender g.
func (d *doc) fictionPronounG(c *cand, g int8, p int, ment []narMention, turns []turn, named map[*entity]bool) *entity {
	if g == 0 {
		return nil
	}
	anchor := c.pron.s
	ak := d.tokAt(anchor)
	if ak >= len(d.toks) {
		return nil
	}
	asent := d.sentOf(ak)
	fits := func(e *entity) bool {
		if e == nil || e.kind == kindOrg {
			return false
		}
		if e.gender != 0 {
			return e.gender == g
		}
		return named[e] || e.hon != "" || e.kind == kindPerson
	}
	score := map[*entity]float64{}
	var order []*entity
	add := func(e *entity, v float64) {
		if _, ok := score[e]; !ok {
			order = append(order, e)
			score[e] = 0
			if e.gender == 0 {
				score[e] = fpUnknownGender
			}
		}
		score[e] += v
	}
	i := sort.Search(len(ment), func(i int) bool { return ment[i].pos >= anchor })
	rank := 0
	for j := i - 1; j >= 0 && rank < fpMaxCands; j-- {
		m := ment[j]
		if m.para < p-fpParas {
			break
		}
		if !fits(m.e) {
			continue
		}
		if _, ok := score[m.e]; ok {
			continue
		}
		v := -fpRecency * float64(rank)
		if m.para == p {
			v += fpSamePara
		}
		add(m.e, v)
		rank++
	}
	// the rules' reading: the latest subject or speaker of that gender
	if e := c.pron.ent; !c.pron.empty && fits(e) {
		add(e, fpRule)
	}
	// a name after the pronoun in its sentence is its object ("she said to Elinor")
	for j := i; j < len(ment) && ment[j].sent == asent; j++ {
		if _, ok := score[ment[j].e]; ok {
			score[ment[j].e] -= fpObject
		}
	}
	// the conversation: the previous turn's speaker is less likely, the one before more
	var prev, prev2 *entity
	for k := len(turns) - 1; k >= 0 && turns[k].para >= p-fpTurnParas; k-- {
		e := turns[k].ent()
		if e == nil || turns[k].para == p {
			continue
		}
		if prev == nil {
			prev = e
			continue
		}
		if e != prev {
			prev2 = e
			break
		}
	}
	if prev != nil && fits(prev) {
		if _, ok := score[prev]; ok {
			score[prev] -= fpPrevTurn
		}
	}
	if prev2 != nil && fits(prev2) {
		add(prev2, fpPrevTurn2)
	}
	addr := d.vocatives(c)
	for e := range addr {
		if _, ok := score[e]; ok {
			score[e] -= fpAddressed
		}
	}
	// the one the previous turn addressed by name is likely to answer it
	var answerer *entity
	for k := len(turns) - 1; k >= 0 && turns[k].para >= p-fpTurnParas; k-- {
		if turns[k].para == p {
			continue
		}
		if r := d.addressee(turns[k].q, turns[k].ent(), addr); r != nil && fits(r.ent) {
			add(r.ent, fpAnswers)
			answerer = r.ent
		}
		break
	}
	// salience: of the people the narration names, those who spoke a turn
	// of this conversation lately are likelier than those merely named;
	// not the previous turn's speaker when that turn addressed someone
	spoke := map[*entity]bool{}
	for k := len(turns) - 1; k >= 0 && turns[k].para >= p-fpSpokeParas; k-- {
		e := turns[k].ent()
		if e == nil || answerer != nil && e == prev || turns[k].para == p || spoke[e] {
			continue
		}
		spoke[e] = true
		if _, ok := score[e]; ok {
			score[e] += fpSpoke
		}
	}
	// the people the quotation speaks of are others
	if c.q >= 0 {
		q := d.qs[c.q]
		for k := q.open + 1; k < d.quoteEnd(c.q) && k < len(d.toks); k++ {
			if r := d.runAt(k); r != nil && r.ts == k && r.ent != nil && !addr[r.ent] {
				if _, ok := score[r.ent]; ok {
					score[r.ent] -= fpSpokenOf
				}
				k = r.te - 1
			}
		}
	}
	var best *entity
	bs := 0.0
	for _, e := range order {
		if best == nil || score[e] > bs {
			best, bs = e, score[e]
		}
	}
	return best
}

// Weights of fictionPronoun, tuned on 16 PDNC novels.
// Weights of fictionPronoun, tuned on the first 16 PDNC novels (alphabetical).
const (
	fpMaxCands      = 8    // people considered, latest first
	fpParas         = 8    // how many paragraphs back the narrator's names count
	fpTurnParas     = 4    // how many paragraphs back the conversation's turns count
	fpRecency       = 0.8  // cost of each more recent person named
	fpSamePara      = 1.5  // named by the narrator in the quotation's paragraph
	fpObject        = 1.5  // named after the pronoun in its sentence ("she said to Elinor")
	fpPrevTurn      = 1.2  // spoke the previous turn
	fpPrevTurn2     = 0.6  // spoke the turn before that: the other participant
	fpAddressed     = 3.0  // addressed by name in the quotation itself
	fpUnknownGender = -3.0 // no gender known
	fpRule          = 2.0  // the rules' reading (latest subject or speaker of that gender)
	fpAnswers       = 3.0  // addressed by name in the previous turn: answers it
	fpSpokenOf      = 2.5  // named in the quotation, not as its addressee: spoken of
	fpSpoke         = 2.0  // spoke a turn of the conversation lately
	fpSpokeParas    = 10   // how many paragraphs back fpSpoke looks
)

// narrationGap is how many paragraphs of narration a conversation's turns
// may skip for a bare turn.
const narrationGap = 1

// genericPeople are heads of descriptions that a novel uses for people it
// also names ("said the old gentleman", "the young lady replied").
var genericPeople = set("man woman gentleman lady girl boy fellow youth person stranger visitor companion friend other one child creature gentlemen ladies")

// vagueDesc reports whether the unresolved description r is one a novel
// uses for someone of the conversation rather than a character of its own:
// a possessive ("his companion"), a generic head ("the old gentleman"), or
// a head that speaks often (heads counts them: "the doctor"). A capitalised
// head ("the King") and a rare one ("the waiter") name a character.
func (d *doc) vagueDesc(r *ref, heads map[string]int) bool {
	k := d.tokAt(r.s)
	if k >= len(d.toks) {
		return false
	}
	if possessives[d.w(k)] {
		return true
	}
	e := d.descHead(r)
	if e < 0 || d.toks[e].cap {
		return false
	}
	return genericPeople[d.w(e)] || heads[d.w(e)] >= descSpeaks
}

// descHead returns the last word token of the mention r, or -1.
func (d *doc) descHead(r *ref) int {
	k := d.tokAt(r.s)
	e := -1
	for ; k < len(d.toks) && d.toks[k].e <= r.e; k++ {
		if d.toks[k].kind == tkWord {
			e = k
		}
	}
	return e
}

// theOther reports whether description r is "the other" ("said the other").
func (d *doc) theOther(r *ref) bool {
	h := d.descHead(r)
	return h > 0 && d.w(h) == "other" && d.toks[h-1].kind == tkWord && d.w(h-1) == "the" && d.toks[h-1].s >= r.s-4
}

// descSpeaks is how often a description must speak in a novel ("said the
// doctor") to be taken for an epithet of someone it names elsewhere.
const descSpeaks = 4

// dropIndirectOverDirect empties (for emit to skip) every indirect
// quotation of a novel that overlaps a direct one: in fiction the clause a
// cue governs next to a quotation ("the Mouse, who seemed to be a person
// of authority, called out, “Sit down!”") is narration around the
// speech, and as a second quotation over the same words it competes with
// the direct one.
func dropIndirectOverDirect(cands []cand) {
	type span struct{ s, e int }
	var dir []span
	for i := range cands {
		if cands[i].kind == verbatim.KindDirect && cands[i].q >= 0 && cands[i].s < cands[i].e {
			dir = append(dir, span{cands[i].s, cands[i].e})
		}
	}
	if len(dir) == 0 {
		return
	}
	sort.Slice(dir, func(a, b int) bool { return dir[a].s < dir[b].s })
	maxE := make([]int, len(dir)) // greatest end among dir[:k+1]
	for k := range dir {
		maxE[k] = dir[k].e
		if k > 0 && maxE[k-1] > maxE[k] {
			maxE[k] = maxE[k-1]
		}
	}
	for i := range cands {
		c := &cands[i]
		if c.kind != verbatim.KindIndirect || c.s >= c.e {
			continue
		}
		// the first direct quotation starting at or after c.e; any before it
		// that ends after c.s overlaps
		k := sort.Search(len(dir), func(k int) bool { return dir[k].s >= c.e })
		if k > 0 && maxE[k-1] > c.s {
			c.e = c.s
		}
	}
}

// cueAfterQuote gives an uncued quotation the cue written right after its
// closing mark when the frame rules read that cue as one of indirect speech
// ("“…,” said Beaver as he rang off" had "as he rang off" for Beaver's
// words and left the quotation to the conversation rules): the quotation
// takes the cue and its speaker, and the clause is no quotation.
func (d *doc) cueAfterQuote(cands []cand) {
	dir := directCands(cands)
	sort.Slice(dir, func(a, b int) bool { return cands[dir[a]].e < cands[dir[b]].e })
	for i := range cands {
		c := &cands[i]
		if c.kind != verbatim.KindIndirect || c.s >= c.e || c.cueS < 0 || c.s < c.cueE || c.spk == nil || c.spk.empty || c.rel != nil {
			continue
		}
		k := sort.Search(len(dir), func(k int) bool { return cands[dir[k]].e > c.cueS }) - 1
		if k < 0 {
			continue
		}
		q := &cands[dir[k]]
		if q.cueS >= 0 && !q.noCue && !q.inherit || c.cueS-q.e > 8 || c.spk.s < q.e {
			continue
		}
		gap := true
		for _, r := range d.text[q.e:c.cueS] {
			if !unicode.IsSpace(r) && !unicode.IsPunct(r) {
				gap = false
				break
			}
		}
		if !gap || strings.ContainsAny(d.text[q.e:c.cueS], ".\n") {
			continue
		}
		q.cueS, q.cueE, q.spk, q.inherit, q.noCue = c.cueS, c.cueE, c.spk, false, false
		if c.spk.kind == refPron {
			q.pron = c.spk
		}
		c.e = c.s
	}
}

// resumedQuote gives the second part of a quotation its first part's cue
// and speaker when an adjunct after the speaker kept the two apart
// ("“…,” exclaimed Mrs. Hilbery, as he finished, “…”"; "“…,” observed
// Miss Larch, in a half whisper, “…”"): the words between the speaker and
// the second part end in a comma, colon or dash and no sentence ends in
// them. The second part had no cue, or one found in that adjunct.
func (d *doc) resumedQuote(cands []cand) {
	dir := directCands(cands)
	sort.Slice(dir, func(a, b int) bool { return cands[dir[a]].s < cands[dir[b]].s })
	for k := 1; k < len(dir); k++ {
		p, c := &cands[dir[k-1]], &cands[dir[k]]
		if p.spk == nil || p.spk.empty || p.inherit || p.noCue || p.cueS < p.e || p.spk.s < p.e || p.spk.e > c.s || c.s-p.spk.e > 200 {
			continue
		}
		if !(c.cueS < 0 || c.noCue || c.inherit || c.cueS > p.spk.e && c.cueE < c.s) {
			continue
		}
		if !c.noCue && !c.inherit && c.spk != nil && !c.spk.empty && c.spk.kind == refProper && c.spk.s >= p.spk.e && c.spk.ent != p.spk.ent {
			continue // "“…!” Alice began, but she stopped, for the White Rabbit cried out, “…”": a cue of its own names another speaker
		}
		mid := d.text[p.spk.e:c.s]
		if strings.ContainsAny(mid, ".!?;") || strings.Contains(mid, "\n\n") {
			continue
		}
		last := rune(0)
		for _, r := range mid {
			if !unicode.IsSpace(r) && !strings.ContainsRune("\"“‘'", r) {
				last = r
			}
		}
		if last != ',' && last != ':' && last != '—' && last != '-' {
			continue
		}
		c.cueS, c.cueE, c.spk, c.inherit, c.noCue, c.pron = p.cueS, p.cueE, p.spk, false, false, p.pron
	}
}

// lyNouns are nouns of seven letters or more ending in -ly.
var lyNouns = set("assembly anomaly monopoly homily italy")

// trimDescAdverbs cuts an adverb written after a description that speaks
// off its name ("replied the coachman impatiently", "said the policeman
// again"): the coachman speaks, not "coachman impatiently".
func (d *doc) trimDescAdverbs(cands []cand) {
	for i := range cands {
		r := cands[i].spk
		if r == nil || r.empty || r.kind != refDesc || r.ent != nil || r.name == "" {
			continue
		}
		last, prev := -1, -1
		for k := d.tokAt(r.s); k < len(d.toks) && d.toks[k].e <= r.e; k++ {
			if d.toks[k].kind == tkWord {
				prev, last = last, k
			} else {
				prev, last = -1, -1
			}
		}
		if last < 0 || prev < 0 || d.toks[last].cap {
			continue
		}
		w := d.w(last)
		if !(w == "again" || len(w) > 6 && strings.HasSuffix(w, "ly") && !strings.HasSuffix(w, "fly") && !lyNouns[w]) {
			continue
		}
		if !strings.HasSuffix(r.name, " "+d.text[d.toks[last].s:d.toks[last].e]) {
			continue
		}
		nr := *r
		nr.e = d.toks[prev].e
		nr.name = strings.TrimSuffix(r.name, " "+d.text[d.toks[last].s:d.toks[last].e])
		cands[i].spk = &nr
	}
}

// directCands returns the indexes of the live direct quotations among cands.
func directCands(cands []cand) []int {
	var dir []int
	for i := range cands {
		if cands[i].kind == verbatim.KindDirect && cands[i].q >= 0 && cands[i].s < cands[i].e {
			dir = append(dir, i)
		}
	}
	return dir
}
