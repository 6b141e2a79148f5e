package attribution

import (
	"sort"

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
//   - nobody takes an uncued turn in which they are addressed ("Ay, Rachael, lass").
func (d *doc) dialogue(cands []cand) {
	if !d.fiction {
		return
	}
	idx := make([]int, 0, len(cands))
	for i := range cands {
		if cands[i].kind == verbatim.KindDirect && cands[i].q >= 0 {
			idx = append(idx, i)
		}
	}
	sort.Slice(idx, func(a, b int) bool { return cands[idx[a]].s < cands[idx[b]].s })
	var turns []turn
	lastPara := -1
	for _, i := range idx {
		c := &cands[i]
		p := d.sents[c.sent].para
		if p == lastPara {
			continue
		}
		lastPara = p
		var prev, prev2 *turn
		if n := len(turns); n > 0 && turns[n-1].para == p-1 {
			prev = &turns[n-1]
			if n > 1 && turns[n-2].para == p-2 {
				prev2 = &turns[n-2]
			}
		}
		addr := d.vocatives(c)
		uncued := c.noCue || c.spk == nil || c.spk.empty
		switch {
		case uncued && prev != nil && prev2 != nil && prev2.ent() != nil && prev2.ent() != prev.ent() && !addr[prev2.ent()]:
			c.spk, c.inherit = prev2.r, true
		case c.spk != nil && c.spk.kind == refPron && c.spk.ent != nil && prev != nil && c.spk.ent == prev.ent():
			if alt := d.otherSpeaker(c, prev, prev2, addr); alt != nil {
				c.spk = &ref{s: c.spk.s, e: c.spk.e, ent: alt, kind: refPron}
			}
		}
		turns = append(turns, turn{p, c.spk})
	}
}

// pronGender is the gender of the pronoun of r: +1 he, -1 she, 0 otherwise.
func (d *doc) pronGender(r *ref) int8 {
	switch d.low[r.s:r.e] {
	case "he", "him":
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
