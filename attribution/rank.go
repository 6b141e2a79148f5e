package attribution

import (
	_ "embed"
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/verbatim/verbatim/attribution/internal/rankhook"
)

// The speaker ranker: after the rules have attributed every quotation, a
// linear model weighs the rules' speaker against the other people and
// organisations named near the quotation (same sentence and the two before)
// and keeps the best. Its features describe positions and word classes only
// (distance to the cue and the quotation, subject position, the function
// word before and after a mention, alone and with the mention's place
// relative to the cue, whether the mention leads the clause a ", saying"
// participle closes or sits later in it as an object, whether it is nearer
// the cue than the rules' mention, how often the text names the entity and
// how often it has spoken), never article text. The weights are learned on
// the PolNeAR train split by
//
//	go run ./attribution/train --polnear ../shared/data/polnear --out attribution/speaker_model.json
//
// (an averaged perceptron; see attribution/train). Without weights every
// candidate scores 0 and the rules' speaker stays.

//go:embed speaker_model.json
var speakerModelJSON []byte

// speakerModel maps feature names to weights.
var speakerModel = loadSpeakerModel(speakerModelJSON)

func loadSpeakerModel(b []byte) map[string]float64 {
	var m struct {
		Weights map[string]float64 `json:"weights"`
	}
	if err := json.Unmarshal(b, &m); err != nil || m.Weights == nil {
		return map[string]float64{}
	}
	return m.Weights
}

// spkCand is one possible speaker of a quotation.
type spkCand struct {
	r     *ref // nil: no speaker
	run   *nameRun
	rule  bool
	feats []string // base features; each also counts conjoined with typ, with the quotation's context and with the kind of the rules' speaker
	typ   string   // R rules' choice, N name, P pronoun, F another frame's speaker
}

// quoteCtx names the kind of quotation c for conjoined features: direct,
// indirect, or with no cue.
func quoteCtx(c *cand) string {
	switch {
	case c.noCue:
		return "n"
	case c.kind == "direct":
		return "d"
	}
	return "i"
}

// allFeats spells out every feature of sc, conjunctions included, as the trainer sees them.
func allFeats(sc spkCand, ctx, rk string) []string {
	fs := make([]string, 0, 4*len(sc.feats))
	fs = append(fs, sc.feats...)
	for _, f := range sc.feats {
		fs = append(fs, sc.typ+"&"+f, ctx+sc.typ+"&"+f, rk+sc.typ+"&"+f)
	}
	return fs
}

// ruleCtx names the kind of the rules' speaker for conjoined features.
func ruleCtx(sc spkCand) string {
	if sc.r == nil {
		return "r0"
	}
	return "r" + strconv.Itoa(int(sc.r.kind))
}

// properMargin is the lead another candidate needs over a proper-name
// speaker the rules found by a cue of its own.
// The trainer's --cv scores with the same figure, so it lives in rankhook.
const properMargin = rankhook.ProperMargin

// rankWindow bounds, in tokens either side of the quotation, where the
// ranker looks for candidates: a sentence can run over a whole paragraph
// of thousands of quotations, and scanning it for each would be quadratic.
const rankWindow = 300

// maxSpkCands bounds the candidates weighed for one quotation.
const maxSpkCands = 12

// rankFunc and rankNext are the words before and after a mention that the
// ranker tells apart; any other word counts as "other".
var rankFunc = set("to by with of for from and the at in on told said says according asked who whose which that than about against")

// maxTitleRankTokens bounds the headline-style sentences the ranker weighs:
// a real headline is far shorter, while a long run of title case (a list of
// names, a table) would give every quotation in it dozens of candidates.
const maxTitleRankTokens = 40

// rerank lets the speaker model revise the rules' speaker of every candidate.
func (d *doc) rerank(cands []cand) {
	observe := rankhook.Observe
	if len(speakerModel) == 0 && observe == nil {
		return
	}
	freq := d.nameCounts()
	spoke := map[*entity]int{}
	var trace []rankhook.Quote
	var buf []spkCand
	var kbuf []byte
	for ci := range cands {
		c := &cands[ci]
		if st := d.sents[c.sent]; st.title && st.e-st.s > maxTitleRankTokens {
			continue // a run of title case longer than any headline: the rules' reading stands, and the ranker's work stays bounded
		}
		buf = d.speakerCands(c, freq, spoke, buf[:0])
		best := 0
		ctx := quoteCtx(c)
		rk := ruleCtx(buf[0])
		orig := c.spk
		// relayed speech keeps the rules' reading: the speaker inside the
		// relayer's words ("the Kremlin said “Putin stressed …”")
		if len(speakerModel) > 0 && c.rel == nil {
			var bs, sk float64
			bs, kbuf = scoreCand(buf[0], ctx, rk, kbuf)
			if buf[0].r != nil && buf[0].r.kind == refProper && !c.inherit {
				bs += properMargin // a name the rules found by a cue yields only to a clearly better one
			}
			for k := 1; k < len(buf); k++ {
				if sk, kbuf = scoreCand(buf[k], ctx, rk, kbuf); sk > bs {
					best, bs = k, sk
				}
			}
		}
		if observe != nil {
			q := rankhook.Quote{Start: c.s, End: c.e}
			for k, sc := range buf {
				hc := rankhook.Candidate{Start: -1, End: -1, Feats: allFeats(sc, ctx, rk)}
				hc.Proper = k == 0 && sc.r != nil && sc.r.kind == refProper && !c.inherit
				if sc.r != nil {
					hc.Start, hc.End = sc.r.s, sc.r.e
					if sc.r.ent != nil {
						hc.Name = sc.r.ent.name
					} else {
						hc.Name = sc.r.name
					}
				}
				q.Cands = append(q.Cands, hc)
			}
			trace = append(trace, q)
		}
		// in news another mention of the rules' entity may win too: the
		// ranker is trained to pick the mention that is the attribution's
		// source ("as he urges" rather than "Texas Sen. Ted Cruz" a sentence
		// before); in fiction the mention that goes with the cue stays, for
		// the dialogue rules that follow
		if d.fiction && best != 0 && orig != nil && !orig.empty && !c.inherit && c.cueS >= 0 && buf[best].r != nil && buf[best].r.ent != nil && buf[best].r.ent == orig.ent {
			best = 0
		}
		if best != 0 && !buf[best].rule {
			c.spk = buf[best].r
			if c.spk != nil && c.rel != nil && c.rel.ent != nil && c.rel.ent == c.spk.ent {
				c.rel = nil
			}
		}
		if orig != nil && orig.ent != nil && !orig.empty {
			spoke[orig.ent]++
		}
	}
	if observe != nil {
		observe(trace)
	}
}

// nameCounts returns how often the text names each entity, counted once per
// text for both rankers: the runs' entities are settled before either runs.
func (d *doc) nameCounts() map[*entity]int {
	if d.nameCount == nil {
		d.nameCount = map[*entity]int{}
		for i := range d.runs {
			if e := d.runs[i].ent; e != nil {
				d.nameCount[e]++
			}
		}
	}
	return d.nameCount
}

// scoreCand sums the weights of sc's features and their conjunctions,
// spelling each conjunction in buf (map lookups by string(buf) do not allocate).
func scoreCand(sc spkCand, ctx, rk string, buf []byte) (float64, []byte) {
	s := 0.0
	for _, f := range sc.feats {
		s += speakerModel[f]
		buf = append(append(append(buf[:0], sc.typ...), '&'), f...)
		s += speakerModel[string(buf)]
		buf = append(append(append(append(buf[:0], ctx...), sc.typ...), '&'), f...)
		s += speakerModel[string(buf)]
		buf = append(append(append(append(buf[:0], rk...), sc.typ...), '&'), f...)
		s += speakerModel[string(buf)]
	}
	return s, buf
}

// tokAt returns the index of the first token starting at or after byte off.
func (d *doc) tokAt(off int) int {
	return sort.Search(len(d.toks), func(i int) bool { return d.toks[i].s >= off })
}

// sentOf returns the sentence holding token k.
func (d *doc) sentOf(k int) int {
	i := sort.Search(len(d.sents), func(i int) bool { return d.sents[i].e > k })
	if i >= len(d.sents) {
		return len(d.sents) - 1
	}
	return i
}

func bucket(n int) string {
	switch {
	case n <= 0:
		return "0"
	case n == 1:
		return "1"
	case n == 2:
		return "2"
	case n <= 5:
		return "3-5"
	case n <= 10:
		return "6-10"
	case n <= 20:
		return "11-20"
	}
	return "21+"
}

// speakerCands lists the rules' speaker first, then the named entities near c.
func (d *doc) speakerCands(c *cand, freq, spoke map[*entity]int, out []spkCand) []spkCand {
	rule := c.spk
	if rule != nil && rule.empty {
		rule = nil
	}
	cueTok, cueEnd := -1, -1
	if c.cueS >= 0 {
		cueTok = d.tokAt(c.cueS)
		cueEnd = d.tokAt(c.cueE)
	}
	qs, qe := d.tokAt(c.s), d.tokAt(c.e)
	// the rules' choice
	rc := spkCand{r: rule, rule: true}
	if rule == nil {
		rc.feats = append(rc.feats, "none")
		if c.spk != nil && c.spk.empty {
			rc.feats = append(rc.feats, "none_pron")
		}
		if c.noCue {
			rc.feats = append(rc.feats, "none_nocue")
		}
	} else {
		a, b := d.tokAt(rule.s), d.tokAt(rule.e)
		rc.feats = d.mentionFeats(rc.feats, c, a, b, cueTok, cueEnd, qs, qe, rule.ent, freq, spoke)
		rc.feats = append(rc.feats, "rule", "rule_k="+strconv.Itoa(int(rule.kind)))
		if c.inherit {
			rc.feats = append(rc.feats, "rule_inherit")
		}
		if c.noCue {
			rc.feats = append(rc.feats, "rule_nocue")
		}
		if rule.ent == nil {
			rc.feats = append(rc.feats, "rule_noent")
		}
		if rule.kind == refDesc && b > a {
			hw := d.w(b - 1)
			switch {
			case isHead(hw):
				rc.feats = append(rc.feats, "rule_head=role")
			case d.toks[b-1].cap:
				rc.feats = append(rc.feats, "rule_head=cap")
			case allDigits(hw):
				rc.feats = append(rc.feats, "rule_head=num")
			default:
				rc.feats = append(rc.feats, "rule_head=other")
			}
			rc.feats = append(rc.feats, "rule_len="+bucket(b-a))
		}
	}
	out = append(out, rc)
	// named entities of this sentence and the two before, outside quotations
	lo := c.sent - 2
	if lo < 0 {
		lo = 0
	}
	from := max(d.sents[lo].s, qs-rankWindow)
	to := min(d.sents[c.sent].e, qe+rankWindow)
	i := sort.Search(len(d.runsByTok), func(i int) bool { return d.runs[d.runsByTok[i]].ts >= from })
	first := len(out)
	for ; i < len(d.runsByTok); i++ {
		r := &d.runs[d.runsByTok[i]]
		if r.ts >= to {
			break
		}
		if r.ent == nil || d.qIn[r.ts] >= 0 {
			continue
		}
		if rule != nil && r.s >= rule.s && r.e <= rule.e && (rule.ent == r.ent || rule.kind == refDesc && rule.ent != nil) {
			continue // the rules' own mention, or part of a resolved description ("the President of Russia")
		}
		dup := false
		for k := first; k < len(out); k++ {
			if out[k].run.ent == r.ent {
				// keep the nearer mention of an entity
				out[k] = spkCand{run: r}
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, spkCand{run: r})
		}
	}
	if len(out)-first > maxSpkCands {
		out = append(out[:first], out[len(out)-maxSpkCands:]...)
	}
	// the speakers of the other attributions of this sentence and the one before
	fi := sort.Search(len(d.frameSpk), func(i int) bool { return d.frameSpk[i].sent >= c.sent-1 })
	for ; fi < len(d.frameSpk) && d.frameSpk[fi].sent <= c.sent; fi++ {
		r := d.frameSpk[fi].r
		if r == rule || r.kind != refDesc || rule != nil && r.s == rule.s && r.e == rule.e {
			continue
		}
		a, b := d.tokAt(r.s), d.tokAt(r.e)
		fs := d.mentionFeats(nil, c, a, b, cueTok, cueEnd, qs, qe, r.ent, freq, spoke)
		fs = append(fs, "frame", "frame_k="+strconv.Itoa(int(r.kind)))
		if b > a && isHead(d.w(b-1)) {
			fs = append(fs, "frame_head=role")
		}
		if rule == nil {
			fs = append(fs, "frame&rule_none")
		} else {
			fs = append(fs, "frame&rule_k="+strconv.Itoa(int(rule.kind)))
		}
		out = append(out, spkCand{r: r, feats: fs})
	}
	// pronouns of this sentence and the one before, outside quotations
	pfrom := max(d.sents[max(c.sent-1, 0)].s, qs-rankWindow)
	for k := pfrom; k < to; k++ {
		if d.toks[k].kind != tkWord || d.qIn[k] >= 0 {
			continue
		}
		w := d.w(k)
		// in news a possessive may be the source too ("his statement"),
		// resolved as its subject form; novels keep the subject pronouns alone
		rw := w
		switch w {
		case "his", "its", "their":
			if d.fiction {
				continue
			}
			rw = possPronoun[w]
		case "he", "she", "they", "it", "who":
		default:
			continue
		}
		if rule != nil && d.toks[k].s >= rule.s && d.toks[k].e <= rule.e {
			continue
		}
		r := d.resolvePronoun(d.sentOf(k), k, rw)
		if r == nil || r.empty || r.ent == nil {
			continue
		}
		fs := d.mentionFeats(nil, c, k, k+1, cueTok, cueEnd, qs, qe, r.ent, freq, spoke)
		fs = append(fs, "pron", "pron="+w)
		if rule == nil {
			fs = append(fs, "pron&rule_none")
		} else {
			fs = append(fs, "pron&rule_k="+strconv.Itoa(int(rule.kind)))
			if rule.ent == r.ent {
				fs = append(fs, "same_ent_rule")
			}
		}
		out = append(out, spkCand{r: r, feats: fs})
	}
	for k := first; k < len(out) && out[k].run != nil; k++ {
		r := out[k].run
		out[k].r = &ref{s: r.s, e: r.e, ent: r.ent, kind: refProper}
		var fs []string
		// the mention with its titles ("Chinese President Xi Jinping"), so
		// that the word before it is the one governing it ("to")
		ts := r.ts
		if r.ms < r.s {
			ts = d.tokAt(r.ms)
		}
		fs = d.mentionFeats(fs, c, ts, r.te, cueTok, cueEnd, qs, qe, r.ent, freq, spoke)
		fs = append(fs, "name")
		if ts < r.ts {
			fs = append(fs, "titled")
		}
		if r.subj {
			fs = append(fs, "subj")
		}
		if r.te-1 < len(d.toks) && isPossessive(d.text[d.toks[r.te-1].s:d.toks[r.te-1].e]) {
			fs = append(fs, "poss")
		}
		if rule != nil && rule.ent == r.ent {
			fs = append(fs, "same_ent_rule")
		}
		if rule == nil {
			fs = append(fs, "name&rule_none")
		} else {
			fs = append(fs, "name&rule_k="+strconv.Itoa(int(rule.kind)))
		}
		out[k].feats = fs
	}
	// the other candidates against the rules' mention: nearer the cue (or
	// the quotation, without a cue) or farther, in the same sentence or not
	if rule != nil && len(out) > 1 {
		ra, rb := d.tokAt(rule.s), d.tokAt(rule.e)
		anchorS, anchorE := qs, qe
		if cueTok >= 0 {
			anchorS, anchorE = cueTok, cueEnd
		}
		rd := tokDist(ra, rb, anchorS, anchorE)
		rs := d.sentOf(min(ra, len(d.toks)-1))
		for k := 1; k < len(out); k++ {
			r := out[k].r
			if r == nil || len(d.toks) == 0 {
				continue
			}
			a, b := d.tokAt(r.s), d.tokAt(r.e)
			if out[k].run != nil {
				a, b = out[k].run.ts, out[k].run.te
			}
			cd := tokDist(a, b, anchorS, anchorE)
			same := "o"
			if d.sentOf(min(a, len(d.toks)-1)) == rs {
				same = "s"
			}
			switch {
			case cd < rd:
				out[k].feats = append(out[k].feats, "vsrule=nearer&"+same)
			case cd > rd:
				out[k].feats = append(out[k].feats, "vsrule=farther&"+same)
			default:
				out[k].feats = append(out[k].feats, "vsrule=tie&"+same)
			}
			if b <= ra {
				out[k].feats = append(out[k].feats, "vsrule=before&"+same)
			} else if a >= rb {
				out[k].feats = append(out[k].feats, "vsrule=after&"+same)
			}
		}
	}
	for k := range out {
		switch {
		case out[k].rule:
			out[k].typ = "R"
		case out[k].run == nil && out[k].r != nil && out[k].r.kind == refPron:
			out[k].typ = "P"
		case out[k].run == nil:
			out[k].typ = "F"
		default:
			out[k].typ = "N"
		}
	}
	return out
}

// mentionFeats describes the mention on tokens [a, b) of entity e relative
// to the quotation c (tokens [qs, qe)) and its cue (tokens [cueTok, cueEnd)).
func (d *doc) mentionFeats(fs []string, c *cand, a, b, cueTok, cueEnd, qs, qe int, e *entity, freq, spoke map[*entity]int) []string {
	if a >= len(d.toks) {
		return fs
	}
	ms := d.sentOf(a)
	ds := c.sent - ms
	if ds < 0 {
		ds = -1
	}
	sd := "ds=" + strconv.Itoa(ds)
	fs = append(fs, sd)
	if d.sents[ms].para == d.sents[c.sent].para {
		fs = append(fs, "samepara")
	}
	var qpos string
	switch {
	case b <= qs:
		qpos = "q_before_" + bucket(qs-b)
	case a >= qe:
		qpos = "q_after_" + bucket(a-qe)
	default:
		qpos = "q_inside"
	}
	fs = append(fs, qpos)
	if c.kind == "direct" {
		fs = append(fs, "direct&"+qpos)
	}
	pw, nw := d.prevWord(a), d.nextWord(b)
	if cueTok >= 0 && ms == d.sentOf(cueTok) {
		var cp string
		switch {
		case b <= cueTok:
			cp = "cue_before_" + bucket(cueTok-b)
		case a >= cueEnd:
			cp = "cue_after_" + bucket(a-cueEnd)
		default:
			cp = "cue_over"
		}
		fs = append(fs, cp, cp+"&"+sd, cp+"&p="+pw, cp+"&n="+nw)
		if b <= cueTok {
			// the mention's role in the clause the cue closes: the subject
			// (first phrase of the sentence) or a later phrase, e.g. the
			// object of "sent a letter to X, saying …"
			role := "mid"
			if d.leadsSentence(ms, a) {
				role = "first"
			}
			if d.participleCue(cueTok) {
				fs = append(fs, "part&"+role, "part&"+role+"&p="+pw)
			} else {
				fs = append(fs, "fin&"+role)
			}
			if d.commaBetween(b, cueTok) {
				fs = append(fs, "comma_to_cue&"+role)
			}
		}
	} else if cueTok >= 0 {
		fs = append(fs, "cue_othersent")
	} else {
		fs = append(fs, "nocue&"+sd)
	}
	if a == d.sents[ms].s {
		fs = append(fs, "sent_start")
	}
	if pw != "" {
		fs = append(fs, "prev="+pw)
	}
	if nw != "" {
		fs = append(fs, "next="+nw)
	}
	if e != nil {
		switch e.kind {
		case kindPerson:
			fs = append(fs, "k=person")
		case kindOrg:
			fs = append(fs, "k=org")
		default:
			fs = append(fs, "k=unknown")
		}
		fs = append(fs, "freq="+bucket(freq[e]), "spoke="+bucket(spoke[e]))
	} else {
		fs = append(fs, "k=none")
	}
	return fs
}

// layoutClass names a token that is not a word (punctuation, a quotation
// mark, a paragraph break, a dash) as the ranker sees it, "" for a word.
func layoutClass(t token) string {
	switch t.kind {
	case tkPunct:
		return string(t.ch)
	case tkQuote:
		return "quote"
	case tkPara:
		return "para"
	case tkDash:
		return "dash"
	}
	return ""
}

// prevWord classes the token before k for the ranker.
func (d *doc) prevWord(k int) string {
	k--
	if k < 0 {
		return "start"
	}
	t := d.toks[k]
	if c := layoutClass(t); c != "" {
		return c
	}
	switch t.kind {
	case tkWord:
		w := d.w(k)
		if w == "to" && k > 0 && d.toks[k-1].kind == tkWord && d.w(k-1) == "according" {
			return "according_to"
		}
		if rankFunc[w] || titles[strings.TrimSuffix(w, ".")] {
			if titles[strings.TrimSuffix(w, ".")] && !rankFunc[w] {
				return "title"
			}
			return w
		}
		if _, ok := cueWords[w]; ok {
			return "cue"
		}
		if t.cap {
			return "cap"
		}
		return "other"
	}
	return ""
}

// nextWord classes the token at k for the ranker.
func (d *doc) nextWord(k int) string {
	if k >= len(d.toks) {
		return "end"
	}
	t := d.toks[k]
	if c := layoutClass(t); c != "" {
		return c
	}
	switch t.kind {
	case tkWord:
		w := d.w(k)
		if rankFunc[w] {
			return w
		}
		if interveners[w] {
			return "aux"
		}
		if _, ok := cueWords[w]; ok {
			return "cue"
		}
		if t.cap {
			return "cap"
		}
		return "other"
	}
	return ""
}

// leadsSentence reports whether the mention starting at token a opens
// sentence ms, bar articles and capitalised premodifiers ("The Russian
// president", "Maine Sen. Susan Collins").
func (d *doc) leadsSentence(ms, a int) bool {
	for k := d.sents[ms].s; k < a; k++ {
		t := d.toks[k]
		if t.kind != tkWord {
			if t.kind == tkQuote || t.kind == tkPara {
				continue
			}
			return false
		}
		if w := d.w(k); !t.cap && w != "the" && w != "a" && w != "an" {
			return false
		}
	}
	return true
}

// participleCue reports whether the cue at token k is a participle closing
// a clause (", saying …", ", adding …").
func (d *doc) participleCue(k int) bool {
	if k <= 0 || k >= len(d.toks) || d.toks[k].kind != tkWord || !strings.HasSuffix(d.w(k), "ing") {
		return false
	}
	p := d.toks[k-1]
	return p.kind == tkPunct && p.ch == ',' || p.kind == tkWord && d.w(k-1) == "and"
}

// commaBetween reports whether a comma lies on tokens [a, b).
func (d *doc) commaBetween(a, b int) bool {
	for k := a; k < b && k < len(d.toks); k++ {
		if d.toks[k].kind == tkPunct && d.toks[k].ch == ',' {
			return true
		}
	}
	return false
}

// tokDist counts the tokens between spans [a, b) and [s, e); 0 when they overlap.
func tokDist(a, b, s, e int) int {
	switch {
	case b <= s:
		return s - b
	case a >= e:
		return a - e
	}
	return 0
}
