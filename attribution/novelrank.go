package attribution

import (
	_ "embed"
	"sort"
	"strconv"

	"github.com/verbatim/verbatim/attribution/internal/rankhook"
)

// The conversation model: in fiction, after the dialogue rules, a linear
// model weighs the rules' speaker of every direct quotation (or the
// description a cue gave and the rules left unresolved, "said the girl")
// against the other people of the scene (those the narration named in the last few
// paragraphs, those who spoke the last few turns, those the last turns
// addressed) and keeps the best. Hand rules decide well who speaks when a
// cue names someone; who is "he" among three men of a scene, or who speaks
// a bare turn, turns on many weak signals at once (recency, who spoke two
// turns back, who was addressed, who is spoken of), which is what a
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
	nqNamed = "x"
	nqPron  = "p"
	nqDesc  = "d"
	nqFirst = "i"
	nqNone  = "u"
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

// novelMargin is the lead another candidate needs over the rules' speaker,
// chosen by the trainer's --cv on the training novels.
const novelMargin = 3.0

// novelCand is one possible speaker of a quotation in the conversation model.
type novelCand struct {
	e     *entity
	r     *ref // the mention to emit if it wins
	feats []string
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
	freq := map[*entity]int{}
	for i := range d.runs {
		if e := d.runs[i].ent; e != nil {
			freq[e]++
		}
	}
	// the turns as the rules left them: one per paragraph, its first quotation's speaker
	var turns []nturn
	turnOf := make([]int, len(idx)) // idx position → index of its turn
	for k, i := range idx {
		c := &cands[i]
		p := d.sents[c.sent].para
		if n := len(turns); n == 0 || turns[n-1].para != p {
			var e *entity
			if c.spk != nil && !c.spk.empty {
				e = c.spk.ent
			}
			turns = append(turns, nturn{p, e, c.spk, c.q})
		}
		turnOf[k] = len(turns) - 1
	}
	spoken := map[*entity]int{} // turns spoken so far
	var trace []rankhook.Quote
	var out []novelCand
	lastTurn := -1
	for k, i := range idx {
		c := &cands[i]
		t := turnOf[k]
		if t != lastTurn && lastTurn >= 0 {
			if e := turns[lastTurn].e; e != nil {
				spoken[e]++
			}
		}
		lastTurn = t
		p := turns[t].para
		kind := kinds[i]
		if kind == nqNamed || kind == nqFirst {
			continue // a cue that names the speaker, or "I" in a novel told in the first person: the rules' reading stands
		}
		var rule *entity
		if c.spk != nil && !c.spk.empty {
			rule = c.spk.ent
		}
		out = out[:0]
		seen := map[*entity]int{}
		add := func(e *entity, r *ref) *novelCand {
			if e == nil || !personLike(e) {
				return nil
			}
			if j, ok := seen[e]; ok {
				return &out[j]
			}
			if len(out) >= nmMaxCands {
				return nil
			}
			seen[e] = len(out)
			out = append(out, novelCand{e: e, r: r})
			return &out[len(out)-1]
		}
		// a description the rules left unresolved ("said the girl") stands
		// for someone of the scene, or for a character of its own
		desc := rule == nil && c.spk != nil && !c.spk.empty && c.spk.kind == refDesc && !c.inherit && c.q >= 0
		switch {
		case rule != nil && personLike(rule):
			add(rule, c.spk).feats = append(out[0].feats, "R", "R"+kind+b2s(c.inherit))
		case desc:
			h := d.descHead(c.spk)
			if h < 0 {
				continue
			}
			stand := &entity{name: c.spk.name, kind: kindPerson, gender: headGender(d.w(h)), lastPos: -1}
			add(stand, c.spk).feats = append(out[0].feats, "R", "Rdesc", "Rdesc"+b2s(genericPeople[d.w(h)]))
		case c.spk == nil || c.spk.empty:
			// no speaker at all: in a novel every quotation is someone's
			add(&entity{kind: kindPerson, lastPos: -1}, nil).feats = append(out[0].feats, "R", "Rnone", "Rnone"+kind)
		default:
			continue // no rules' person to weigh against: the model only revises
		}
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
		lo := sort.Search(len(ment), func(j int) bool { return ment[j].pos >= anchor })
		rank := map[*entity]int{}
		rankG := map[*entity]int{} // among people of the cue's gender
		rankS := map[*entity]int{} // among sentence subjects
		lastSubj := map[*entity]bool{}
		lastPrep := map[*entity]bool{}
		lastSent := map[*entity]int{}
		lastPara := map[*entity]int{}
		count := map[*entity]int{}
		subjHere := map[*entity]bool{}
		named, namedG, namedS := 0, 0, 0
		var g int8
		switch {
		case c.pron != nil:
			g = d.pronGender(c.pron)
		case (kind == nqDesc || desc) && c.spk != nil:
			if h := d.descHead(c.spk); h >= 0 {
				g = headGender(d.w(h))
			}
		}
		for j := lo - 1; j >= 0; j-- {
			m := &ment[j]
			if m.para < p-nmParas {
				break
			}
			if !personLike(m.e) {
				continue
			}
			count[m.e]++
			subj := d.runIsSubj(m)
			if _, ok := rankS[m.e]; !ok && subj {
				rankS[m.e] = namedS
				namedS++
			}
			if _, ok := rank[m.e]; !ok {
				if named >= nmNamed {
					continue
				}
				rank[m.e] = named
				if g != 0 && m.e.gender == g {
					rankG[m.e] = namedG
					namedG++
				}
				lastPara[m.e] = m.para
				lastSent[m.e] = m.sent
				lastSubj[m.e] = subj
				lastPrep[m.e] = d.prepObject(m.pos)
				named++
				add(m.e, mentionRef(m))
			}
			if m.para == p && subj {
				subjHere[m.e] = true
			}
		}
		// the narration after the quotation in its paragraph ("…,” said Anne)
		after := map[*entity]int{}
		na := 0
		qEnd := qo.ce
		for j := sort.Search(len(ment), func(j int) bool { return ment[j].pos >= qEnd }); j < len(ment) && ment[j].para == p; j++ {
			m := &ment[j]
			if _, ok := after[m.e]; !ok && personLike(m.e) {
				after[m.e] = na
				na++
				add(m.e, mentionRef(m))
			}
		}
		// the last turns' speakers and addressees
		turnBack := map[*entity]int{}
		addrBack := map[*entity]int{}
		for b := 1; b <= nmTurns && t-b >= 0 && turns[t-b].para >= p-nmTurnParas; b++ {
			tb := turns[t-b]
			if tb.e != nil {
				if _, ok := turnBack[tb.e]; !ok {
					turnBack[tb.e] = b
				}
				add(tb.e, cueRef(tb.e, tb.r))
			}
			if b <= 2 {
				d.eachVocative(tb.q, func(v *nameRun) {
					if _, ok := addrBack[v.ent]; !ok {
						addrBack[v.ent] = b
					}
					add(v.ent, cueRef(v.ent, &ref{s: v.s, e: v.e, ent: v.ent, kind: refProper}))
				})
			}
		}
		if len(out) < 2 {
			continue
		}
		// what the quotation itself says of people
		addrNow := d.vocatives(c)
		spokenOf := map[*entity]bool{}
		for kk := qo.open + 1; kk < d.quoteEnd(c.q) && kk < len(d.toks); kk++ {
			if r := d.runAt(kk); r != nil && r.ts == kk && r.ent != nil {
				if !addrNow[r.ent] {
					spokenOf[r.ent] = true
				}
				kk = r.te - 1
			}
		}
		bare := d.bareTurn(c)
		gap := "g" + strconv.Itoa(min(p-prevTurnPara(turns, t), 3))
		for j := range out {
			nc := &out[j]
			e := nc.e
			fs := nc.feats
			if r, ok := rank[e]; ok {
				fs = append(fs, "rk"+strconv.Itoa(r), "pd"+strconv.Itoa(min(p-lastPara[e], 5)), "nc"+bucket(count[e]), "sd"+bucket(c.sent-lastSent[e]))
				if rg, ok := rankG[e]; ok {
					fs = append(fs, "rg"+strconv.Itoa(min(rg, 3)))
				}
				if lastSubj[e] {
					fs = append(fs, "ls")
				}
				if lastPrep[e] {
					fs = append(fs, "lpo")
				}
			} else {
				fs = append(fs, "rkN") // not named in the narration of the last paragraphs
			}
			if rs, ok := rankS[e]; ok {
				fs = append(fs, "rs"+strconv.Itoa(min(rs, 3)))
			}
			if subjHere[e] {
				fs = append(fs, "subjHere")
			}
			if a, ok := after[e]; ok {
				fs = append(fs, "aft"+strconv.Itoa(min(a, 2)))
			}
			if b, ok := turnBack[e]; ok {
				fs = append(fs, "t"+strconv.Itoa(b), "t"+strconv.Itoa(b)+gap)
			}
			if b, ok := addrBack[e]; ok {
				fs = append(fs, "v"+strconv.Itoa(b))
			}
			if addrNow[e] {
				fs = append(fs, "v0")
			}
			if spokenOf[e] {
				fs = append(fs, "so")
			}
			if ga := genderAgree(g, e); ga != "" {
				fs = append(fs, ga)
			}
			if e.gender == 0 {
				fs = append(fs, "eg0")
			}
			fs = append(fs, "fq"+bucket(freq[e]), "sp"+bucket(spoken[e]))
			if bare {
				if r, ok := rank[e]; ok {
					fs = append(fs, "b-rk"+strconv.Itoa(r)) // a paragraph of quotation alone: who the narration named last
				}
				if b, ok := turnBack[e]; ok {
					fs = append(fs, "b-t"+strconv.Itoa(b))
				}
			}
			// each feature also counts with the quotation's kind
			n := len(fs)
			for _, f := range fs[:n] {
				fs = append(fs, kind+"&"+f)
			}
			nc.feats = fs
		}
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
				turns[t].e, turns[t].r = out[best].e, out[best].r // the next turns read the model's reading
			}
		}
	}
	if observe != nil {
		observe(trace)
	}
}

// nturn is a turn of a novel's conversation as the dialogue rules left it:
// a paragraph, its first quotation's speaker, and that quotation.
type nturn struct {
	para int
	e    *entity
	r    *ref
	q    int
}

// prevTurnPara is the paragraph of the turn before turns[t], or far back.
func prevTurnPara(turns []nturn, t int) int {
	if t == 0 {
		return -100
	}
	return turns[t-1].para
}

// runIsSubj reports whether narrative mention m opens its sentence.
func (d *doc) runIsSubj(m *narMention) bool {
	k := d.tokAt(m.pos)
	r := d.runAt(k)
	return r != nil && r.subj
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

// prepObject reports whether the name at byte pos is the object of a
// preposition, alone or in a coordination: "the lanterns of Mr. Brand and
// Mr. Hobb", "she said to Elinor". Such a name is talked of, seldom the
// next speaker.
func (d *doc) prepObject(pos int) bool {
	k := d.tokAt(pos) - 1
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
