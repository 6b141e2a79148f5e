package attribution

import (
	_ "embed"
	"sort"
	"strconv"
	"strings"

	"github.com/verbatim/verbatim/attribution/internal/rankhook"
)

// The conversation model: in fiction, after the dialogue rules, a linear
// model weighs the rules' speaker of every direct quotation whose cue does
// not name it (or a stand-in for the description a cue gave and the rules
// left unresolved, "said the girl", or for no speaker at all) against the
// other people of the scene (those the narration named in the last few
// paragraphs, those who spoke the last few turns, those the last turns
// addressed, those the cues of the next few turns name) and keeps the
// best. Hand rules decide well who speaks when a cue names someone; who is
// "he" among three men of a scene, or who speaks a bare turn, turns on many
// weak signals at once (recency, who spoke two turns back, who will speak
// two turns ahead, who was addressed, who is spoken of), which is what a
// learned weighing is for. The features describe the scene's structure
// only (recency ranks, paragraph distances, turn positions, vocatives,
// gender agreement, how often a person is named and has spoken), never
// novel text. The weights are learned on the first 16 PDNC novels
// (alphabetical; the other 8 are held out) by
//
//	go run ./attribution/train --pdnc ../shared/data/pdnc --novels 0:16 --out attribution/novel_model.json
//
// Without weights every candidate scores 0 and the rules' speaker stays.

//go:embed novel_model.json
var novelModelJSON []byte

// novelModel maps the conversation model's feature names to weights.
var novelModel = loadSpeakerModel(novelModelJSON)

// Quotation kinds, as the rules found them before the dialogue pass, for
// conjoined features: the cue names someone, is a he/she, a description, I,
// or there is no cue.
const (
	nqNamed      = "x"
	nqPron       = "p"
	nqPronBefore = "q" // a he/she cue before its quotation
	nqDesc       = "d"
	nqFirst      = "i"
	nqNone       = "u"
)

// novelKinds records the kind of every candidate before the dialogue pass
// revises speakers.
func novelKinds(cands []cand) []string {
	out := make([]string, len(cands))
	for i := range cands {
		c := &cands[i]
		switch {
		case c.first != nil:
			out[i] = nqFirst
		case c.pron != nil:
			out[i] = nqPron
		case c.noCue || c.inherit || c.spk == nil || c.spk.empty:
			out[i] = nqNone
		case c.spk.kind == refDesc:
			out[i] = nqDesc
		default:
			out[i] = nqNamed
		}
	}
	return out
}

// Bounds of the scene the conversation model looks at.
const (
	nmParas     = 8  // paragraphs back whose narration's names are candidates
	nmNamed     = 8  // of those, the latest people named
	nmTurns     = 4  // turns back whose speakers are candidates
	nmTurnParas = 10 // how far back, in paragraphs, those turns may lie
	nmMaxCands  = 14
)

// novelMargin is the lead another candidate needs over the rules' speaker.
// The trainer's --cv on the training novels scores margins 3 and 5 within
// noise of each other (0.8067 and 0.8054 of about 3,900 held-out examples
// at the last training) and 0, 1, 2 and 8 lower; of the two, the one that
// overrules the rules less often.
const novelMargin = 5.0

// novelCand is one possible speaker of a quotation in the conversation model.
type novelCand struct {
	e     *entity
	r     *ref // the mention to emit if it wins
	feats []string
}

// sceneFacts is what the scene around a quotation says of one person; the
// ranks and turn positions are -1 when the person has none.
type sceneFacts struct {
	rank     int   // among the people the narration named lately, latest first
	rankG    int   // the same among those of the cue's gender
	rankS    int   // among the sentence subjects of that narration
	lastPara int   // paragraph and sentence of the latest mention ranked
	lastSent int   //
	count    int   // how often that narration names the person
	lastSubj bool  // the latest mention opens its sentence
	lastPrep bool  // it is a preposition's object ("the lanterns of Mr. Brand")
	subjHere bool  // a sentence of the quotation's paragraph opens with the person
	after    int   // rank among the names after the quotation in its paragraph
	turnBack int   // how many turns back the person last spoke
	turnFwd  int   // how many turns ahead a cue names the person as the speaker
	backCue  bool  // the turn turnBack names its speaker by a cue
	backMask uint8 // bit b: the person spoke the turn b back (b up to nmTurns)
	fwdNext  bool  // the turns up to turnFwd follow paragraph after paragraph
	addrBack int   // how many turns back (1 or 2) a turn addressed the person by name
	addrNext bool  // the next turn, following at once, addresses the person by name
	addrNow  bool  // the quotation addresses the person by name
	spokenOf bool  // the quotation names the person otherwise
}

// scene gathers the candidates of one quotation, each person once, and
// the facts of every person it meets.
type scene struct {
	out   []novelCand
	seen  map[*entity]int
	facts map[*entity]*sceneFacts
	next  [2]int8 // the genders the he/she cues of the next two turns give, when they follow at once
	run   string  // how many turns in a row before this one no cue named ("0", "1", "2", "3-5", …)
}

func (sc *scene) reset() {
	sc.out, sc.seen, sc.facts, sc.next, sc.run = sc.out[:0], map[*entity]int{}, map[*entity]*sceneFacts{}, [2]int8{}, ""
}

// add makes e a candidate with mention r, unless it is no person, is one
// already or the scene is full; it returns e's candidate, or nil.
func (sc *scene) add(e *entity, r *ref) *novelCand {
	if e == nil || !personLike(e) {
		return nil
	}
	if j, ok := sc.seen[e]; ok {
		return &sc.out[j]
	}
	if len(sc.out) >= nmMaxCands {
		return nil
	}
	sc.seen[e] = len(sc.out)
	sc.out = append(sc.out, novelCand{e: e, r: r})
	return &sc.out[len(sc.out)-1]
}

// fact returns e's facts, a new record the first time.
func (sc *scene) fact(e *entity) *sceneFacts {
	f := sc.facts[e]
	if f == nil {
		f = &sceneFacts{rank: -1, rankG: -1, rankS: -1, after: -1, turnBack: -1, turnFwd: -1, addrBack: -1}
		sc.facts[e] = f
	}
	return f
}

// rerankNovel lets the conversation model revise the speaker of every
// direct quotation of a novel (kinds from novelKinds, taken before the
// dialogue pass). A turn the model revises feeds the turns after it (who
// spoke last, who spoke two turns back). The trainer sees the rules' turns
// only: while it observes, no weights apply, so that training never depends
// on the weights committed before (rounds trained on the model's own turns
// scored no better on the held-out novels).
func (d *doc) rerankNovel(cands []cand, kinds []string) {
	observe := rankhook.ObserveNovel
	model := novelModel
	if observe != nil {
		model = nil
	}
	if !d.fiction || len(model) == 0 && observe == nil {
		return
	}
	idx := directCands(cands)
	sort.Slice(idx, func(a, b int) bool { return cands[idx[a]].s < cands[idx[b]].s })
	ment := d.narrativeMentions()
	freq := d.nameCounts()
	turns, turnOf := d.novelTurns(cands, idx)
	namedAt := make([]*ref, len(turns)) // the speaker a cue names in each turn
	pronG := make([]int8, len(turns))   // the gender a he/she cue gives each turn's speaker
	for k, i := range idx {
		c := &cands[i]
		if kinds[i] == nqNamed && namedAt[turnOf[k]] == nil && c.spk != nil && !c.spk.empty && c.spk.ent != nil {
			namedAt[turnOf[k]] = c.spk
		}
		if kinds[i] == nqPron && c.pron != nil && pronG[turnOf[k]] == 0 {
			pronG[turnOf[k]] = d.pronGender(c.pron)
		}
	}
	spoken := map[*entity]int{} // turns spoken so far
	var trace []rankhook.Quote
	sc := &scene{}
	lastTurn := -1
	for k, i := range idx {
		c := &cands[i]
		t := turnOf[k]
		if t != lastTurn && lastTurn >= 0 {
			if e := turns[lastTurn].ent(); e != nil {
				spoken[e]++
			}
		}
		lastTurn = t
		kind := kinds[i]
		if kind == nqNamed || kind == nqFirst || c.cueSent {
			continue // a cue that names the speaker (in its sentence or the one before), or "I" in a novel told in the first person: the rules' reading stands
		}
		if kind == nqPron && c.pron != nil && c.q >= 0 && c.pron.s < d.qs[c.q].cs {
			kind = nqPronBefore // "He said, “…”": the narration's subject more than the turns'
		}
		sc.reset()
		desc, ok := d.ruleCand(sc, c, kind)
		if !ok {
			continue // no rules' reading to weigh against: the model only revises
		}
		g := d.cueGender(c, kind, desc)
		d.gatherScene(sc, c, desc, g, turns, namedAt, t, ment)
		for b := 1; b <= 2 && t+b < len(turns) && turns[t+b].para-turns[t].para == b; b++ {
			sc.next[b-1] = pronG[t+b]
		}
		run := 0
		for run <= 20 && t-run-1 >= 0 && namedAt[t-run-1] == nil && turns[t-run-1].para == turns[t].para-run-1 { // 21 is bucket's last: no quadratic walk over a long uncued run
			run++
		}
		sc.run = bucket(run)
		if len(sc.out) < 2 {
			continue
		}
		bare := d.bareTurn(c)
		gap := "g" + strconv.Itoa(min(turns[t].para-prevTurnPara(turns, t), 3))
		for j := range sc.out {
			nc := &sc.out[j]
			nc.feats = novelFeats(nc.feats, nc.e, sc.fact(nc.e), c.sent, turns[t].para, g, sc.next, sc.run, kind, gap, bare, freq[nc.e], spoken[nc.e])
		}
		out := sc.out
		best, bs := 0, novelScore(model, out[0].feats)+novelMargin
		for j := 1; j < len(out); j++ {
			if s := novelScore(model, out[j].feats); s > bs {
				best, bs = j, s
			}
		}
		if observe != nil {
			hq := rankhook.Quote{Start: c.s, End: c.e}
			for _, nc := range out {
				hc := rankhook.Candidate{Start: -1, End: -1, Name: nc.e.name, Feats: nc.feats}
				if nc.r != nil {
					hc.Start, hc.End = nc.r.s, nc.r.e
				}
				hq.Cands = append(hq.Cands, hc)
			}
			trace = append(trace, hq)
		}
		if best != 0 {
			c.spk, c.inherit = out[best].r, out[best].r.kind == refProper // a name met earlier, not the cue's own he/she or description
			if turns[t].q == c.q {
				turns[t].r = out[best].r // the next turns read the model's reading (its entity is out[best].e)
			}
		}
	}
	if observe != nil {
		observe(trace)
	}
}

// novelTurns lists the turns of a novel's conversation as the rules left
// them, one per paragraph (its first quotation's speaker), and for each
// quotation of idx (in text order) the index of its turn.
func (d *doc) novelTurns(cands []cand, idx []int) ([]turn, []int) {
	var turns []turn
	turnOf := make([]int, len(idx))
	for k, i := range idx {
		c := &cands[i]
		p := d.sents[c.sent].para
		if n := len(turns); n == 0 || turns[n-1].para != p {
			turns = append(turns, turn{p, c.spk, c.q})
		}
		turnOf[k] = len(turns) - 1
	}
	return turns, turnOf
}

// ruleCand makes the rules' reading of c the scene's first candidate: the
// person they chose, a stand-in for a description they left unresolved
// ("said the girl": someone of the scene, or a character of its own; desc
// reports it), or a stand-in for no speaker at all (in a novel every
// quotation is someone's). It reports false when there is none of these.
func (d *doc) ruleCand(sc *scene, c *cand, kind string) (desc, ok bool) {
	var rule *entity
	if c.spk != nil && !c.spk.empty {
		rule = c.spk.ent
	}
	desc = rule == nil && c.spk != nil && !c.spk.empty && c.spk.kind == refDesc && !c.inherit && c.q >= 0
	switch {
	case rule != nil && personLike(rule):
		sc.add(rule, c.spk).feats = []string{"R", "R" + kind + b2s(c.inherit)}
	case desc:
		h := d.descHead(c.spk)
		if h < 0 {
			return false, false
		}
		stand := &entity{name: c.spk.name, kind: kindPerson, gender: headGender(d.w(h)), lastPos: -1}
		sc.add(stand, c.spk).feats = []string{"R", "Rdesc", "Rdesc" + b2s(genericPeople[d.w(h)]), "Rdesc-w" + bucket(strings.Count(c.spk.name, " ")+1)} // "the gentleman in the white waistcoat" is someone of its own
	case c.spk == nil || c.spk.empty:
		sc.add(&entity{kind: kindPerson, lastPos: -1}, nil).feats = []string{"R", "Rnone", "Rnone" + kind}
	default:
		return false, false
	}
	return desc, true
}

// cueGender is the gender the cue of c gives its speaker: its he/she, or
// the head of its description ("said the girl"); 0 when it gives none.
func (d *doc) cueGender(c *cand, kind string, desc bool) int8 {
	switch {
	case c.pron != nil:
		return d.pronGender(c.pron)
	case (kind == nqDesc || desc) && c.spk != nil:
		if h := d.descHead(c.spk); h >= 0 {
			return headGender(d.w(h))
		}
	}
	return 0
}

// gatherScene adds to sc the people of the scene of quotation c, turn t
// (whose cue gives gender g), with their facts: those the narration named
// in the last paragraphs before it and after it in its paragraph, the last
// turns' speakers, the people the last two turns addressed and the
// speakers the cues of the next turns name (namedAt, by turn); then what
// the quotation itself says of people.
func (d *doc) gatherScene(sc *scene, c *cand, desc bool, g int8, turns []turn, namedAt []*ref, t int, ment []narMention) {
	p := turns[t].para
	// cueRef is the mention a candidate e takes if it wins: the cue's own
	// he/she or description when it has one, else r
	cueRef := func(e *entity, r *ref) *ref {
		switch {
		case c.pron != nil:
			return &ref{s: c.pron.s, e: c.pron.e, ent: e, kind: refPron}
		case desc:
			return &ref{s: c.spk.s, e: c.spk.e, ent: e, kind: refDesc}
		}
		return r
	}
	mentionRef := func(m *narMention) *ref {
		return cueRef(m.e, &ref{s: m.pos, e: m.end, ent: m.e, kind: refProper})
	}
	// the narration before the quotation, latest first
	qo := d.qs[c.q]
	anchor := qo.cs
	if c.pron != nil && c.pron.s < anchor {
		anchor = c.pron.s
	}
	named, namedG, namedS := 0, 0, 0
	for j := sort.Search(len(ment), func(j int) bool { return ment[j].pos >= anchor }) - 1; j >= 0; j-- {
		m := &ment[j]
		if m.para < p-nmParas {
			break
		}
		if !personLike(m.e) {
			continue
		}
		f := sc.fact(m.e)
		f.count++
		subj := m.subj
		if f.rankS < 0 && subj {
			f.rankS = namedS
			namedS++
		}
		if f.rank < 0 {
			if named >= nmNamed {
				continue
			}
			f.rank = named
			if g != 0 && m.e.gender == g {
				f.rankG = namedG
				namedG++
			}
			f.lastPara, f.lastSent, f.lastSubj, f.lastPrep = m.para, m.sent, subj, d.prepObject(m.ts)
			named++
			sc.add(m.e, mentionRef(m))
		}
		if m.para == p && subj {
			f.subjHere = true
		}
	}
	// the narration after the quotation in its paragraph ("…,” said Anne)
	na := 0
	for j := sort.Search(len(ment), func(j int) bool { return ment[j].pos >= qo.ce }); j < len(ment) && ment[j].para == p; j++ {
		m := &ment[j]
		if f := sc.fact(m.e); f.after < 0 && personLike(m.e) {
			f.after = na
			na++
			sc.add(m.e, mentionRef(m))
		}
	}
	// the last turns' speakers and addressees
	for b := 1; b <= nmTurns && t-b >= 0 && turns[t-b].para >= p-nmTurnParas; b++ {
		tb := turns[t-b]
		if e := tb.ent(); e != nil {
			f := sc.fact(e)
			if f.turnBack < 0 {
				f.turnBack = b
				f.backCue = namedAt[t-b] != nil && namedAt[t-b].ent == e
			}
			f.backMask |= 1 << b
			sc.add(e, cueRef(e, tb.r))
		}
		if b <= 2 {
			d.eachVocative(tb.q, func(v *nameRun) {
				if f := sc.fact(v.ent); f.addrBack < 0 {
					f.addrBack = b
				}
				sc.add(v.ent, cueRef(v.ent, &ref{s: v.s, e: v.e, ent: v.ent, kind: refProper}))
			})
		}
	}
	// the next turns whose cues name their speakers: in a conversation of
	// two, the one named two turns ahead speaks now, the one named next
	// does not
	for b := 1; b <= nmTurns && t+b < len(turns) && turns[t+b].para <= p+nmTurnParas; b++ {
		if r := namedAt[t+b]; r != nil {
			if f := sc.fact(r.ent); f.turnFwd < 0 {
				f.turnFwd = b
				f.fwdNext = turns[t+b].para-p == b
			}
			sc.add(r.ent, cueRef(r.ent, r))
		}
	}
	// who the next turn addresses answers it: "Is the coach in?" / "No, Tom."
	if t+1 < len(turns) && turns[t+1].para == p+1 {
		d.eachVocative(turns[t+1].q, func(v *nameRun) {
			sc.fact(v.ent).addrNext = true
			sc.add(v.ent, cueRef(v.ent, &ref{s: v.s, e: v.e, ent: v.ent, kind: refProper}))
		})
	}
	// what the quotation itself says of people
	for e := range d.vocatives(c) {
		sc.fact(e).addrNow = true
	}
	for k := qo.open + 1; k < d.quoteEnd(c.q) && k < len(d.toks); k++ {
		if r := d.runAt(k); r != nil && r.ts == k && r.ent != nil {
			if f := sc.fact(r.ent); !f.addrNow {
				f.spokenOf = true
			}
			k = r.te - 1
		}
	}
}

// novelFeats spells out the features of candidate e (after the rules'
// features fs) for a quotation in sentence sent of paragraph p whose cue
// gives gender g: its facts f, gender agreement, how often the novel names
// it (freq) and it has spoken so far (spoken), and the genders the he/she
// cues of the next two turns give (next); run buckets the turns in a row
// before this one that no cue named, gap is the paragraphs since the
// previous turn, bare whether the quotation's paragraph is quotation alone.
// Each feature also counts conjoined with the quotation's kind.
func novelFeats(fs []string, e *entity, f *sceneFacts, sent, p int, g int8, next [2]int8, run, kind, gap string, bare bool, freq, spoken int) []string {
	if f.rank >= 0 {
		fs = append(fs, "rk"+strconv.Itoa(f.rank), "pd"+strconv.Itoa(min(p-f.lastPara, 5)), "nc"+bucket(f.count), "sd"+bucket(sent-f.lastSent))
		if f.rankG >= 0 {
			fs = append(fs, "rg"+strconv.Itoa(min(f.rankG, 3)))
		}
		if f.lastSubj {
			fs = append(fs, "ls")
		}
		if f.lastPrep {
			fs = append(fs, "lpo")
		}
	} else {
		fs = append(fs, "rkN") // not named in the narration of the last paragraphs
	}
	if f.rankS >= 0 {
		fs = append(fs, "rs"+strconv.Itoa(min(f.rankS, 3)))
	}
	if f.subjHere {
		fs = append(fs, "subjHere")
	}
	if f.after >= 0 {
		fs = append(fs, "aft"+strconv.Itoa(min(f.after, 2)))
	}
	if f.turnBack >= 0 {
		fs = append(fs, "t"+strconv.Itoa(f.turnBack), "t"+strconv.Itoa(f.turnBack)+gap, "t"+strconv.Itoa(f.turnBack)+"&r"+run)
	}
	if f.turnFwd >= 0 {
		fs = append(fs, "tf"+strconv.Itoa(f.turnFwd))
		if f.fwdNext {
			fs = append(fs, "tfn"+strconv.Itoa(f.turnFwd))
		}
	}
	if f.backMask&(1<<2|1<<4) == 1<<2|1<<4 {
		fs = append(fs, "a24") // spoke two and four turns back: the alternation holds
	}
	if f.backMask&(1<<1|1<<3) == 1<<1|1<<3 {
		fs = append(fs, "a13")
	}
	if f.turnBack >= 0 && f.backCue {
		fs = append(fs, "tc"+strconv.Itoa(f.turnBack))
	}
	if f.addrBack >= 0 {
		fs = append(fs, "v"+strconv.Itoa(f.addrBack))
	}
	if f.addrNow {
		fs = append(fs, "v0")
	}
	if f.addrNext {
		fs = append(fs, "vn1")
	}
	if f.spokenOf {
		fs = append(fs, "so")
	}
	if ga := genderAgree(g, e); ga != "" {
		fs = append(fs, ga)
	}
	if e.gender == 0 {
		fs = append(fs, "eg0")
	}
	for b, ng := range next {
		if ga := genderAgree(ng, e); ga != "" {
			fs = append(fs, "n"+strconv.Itoa(b+1)+ga) // "he said" next: a man answers this one
		}
	}
	fs = append(fs, "fq"+bucket(freq), "sp"+bucket(spoken))
	if bare {
		if f.rank >= 0 {
			fs = append(fs, "b-rk"+strconv.Itoa(f.rank)) // a paragraph of quotation alone: who the narration named last
		}
		if f.turnBack >= 0 {
			fs = append(fs, "b-t"+strconv.Itoa(f.turnBack))
		}
	}
	n := len(fs)
	for _, x := range fs[:n] {
		fs = append(fs, kind+"&"+x)
	}
	return fs
}

// prevTurnPara is the paragraph of the turn before turns[t], or far back.
func prevTurnPara(turns []turn, t int) int {
	if t == 0 {
		return -100
	}
	return turns[t-1].para
}

// novelScore sums the conversation model's weights of fs.
func novelScore(model map[string]float64, fs []string) float64 {
	s := 0.0
	for _, f := range fs {
		s += model[f]
	}
	return s
}

func b2s(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// genderAgree names how candidate e agrees with the cue's gender g: "gm" it
// matches, "gx" it does not, "g0" e's is unknown, "" the cue has none.
func genderAgree(g int8, e *entity) string {
	switch {
	case g == 0:
		return ""
	case e.gender == g:
		return "gm"
	case e.gender == 0:
		return "g0"
	}
	return "gx"
}

// prepObject reports whether the name at token ts is the object of a
// preposition, alone or in a coordination: "the lanterns of Mr. Brand and
// Mr. Hobb", "she said to Elinor". Such a name is talked of, seldom the
// next speaker.
func (d *doc) prepObject(ts int) bool {
	k := ts - 1
	for n := 0; k >= 0 && n < 8; k, n = k-1, n+1 {
		t := d.toks[k]
		if t.kind != tkWord {
			if d.isPunct(k, '.') && k > 0 && d.toks[k-1].kind == tkWord && d.toks[k-1].cap {
				continue // the stop of "Mr."
			}
			return false
		}
		w := d.w(k)
		if t.cap || w == "and" || w == "or" {
			continue
		}
		return prepositions[w]
	}
	return false
}

// prepositions open the phrases whose names prepObject finds.
var prepositions = set("of to with at for from by on upon in into towards toward about after behind beside between near")
