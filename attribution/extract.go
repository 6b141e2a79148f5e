package attribution

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	verbatim "github.com/verbatim/verbatim"
)

// frame is one attribution found around a cue: who (speaker noun phrase),
// the cue, and where its content lies, all as unit indexes of a sentence.
type frame struct {
	cueS, cueE int // cue units [cueS, cueE)
	class      uint8
	spS, spE   int // speaker units [spS, spE), spS < 0 when none
	inverted   bool
	post       bool
	contS      int // content units [contS, contE), contS < 0 when none
	contE      int
	quoteU     int // unit of the quotation the frame attributes, or -1
	quote2U    int // unit of the second part of an interrupted quotation, or -1
	spk        *ref
	relayer    *ref // set when this frame's words are relayed by an enclosing frame
	nested     bool // this frame is the relayer of another one: emit nothing for it
	participle bool
	colon      bool
	relayFrom  int  // frame (index) whose speaker relays this one's content, or -1
	relative   bool // in a relative clause ("which the Kremlin stated"): a speaker, no content
}

// ref is a resolved mention of a speaker.
type ref struct {
	s, e  int // bytes of the mention
	name  string
	ent   *entity
	kind  uint8 // refProper, refDesc, refPron, refInherited
	empty bool  // unresolved pronoun: no speaker
}

const (
	refProper uint8 = iota + 1
	refDesc
	refPron
)

// cand is a quotation about to be emitted.
type cand struct {
	s, e     int
	kind     string
	cueS     int
	cueE     int
	spk      *ref
	rel      *ref
	conf     float64
	q        int  // top-level quote index, or -1
	inherit  bool // speaker taken from an earlier paragraph or sentence
	noCue    bool
	sent     int
	standalo bool
	pron     *ref // in fiction: the cue's he/she subject as the rules found it, before the ranker
	first    *ref // in fiction: the cue's subject "I", before the ranker
	cueSent  bool // in fiction: the speaker opens a sentence of speech just before ("Sissy resumed in a lower voice. “…”")
}

// Extract finds every quotation in text, direct and indirect, with its cue,
// speaker and relayer; speakers are resolved to one entity per text, named by
// the fullest proper name the text uses for it. Offsets are UTF-8 byte offsets
// into text. It never panics, whatever the input.
//
// Rules, in the order they apply:
//   - Direct quotations are pairs of quotation marks (see findQuotes); Text is the
//     content inside the marks, white space trimmed.
//   - A quotation interrupted by its attribution ("…," Putin said, "…") is ONE
//     quotation whose span runs from the start of the first part to the end of the
//     last: the attribution (cue and speaker) lies inside [Start, End).
//   - Scare quotes and titles are not speech: a quotation of three words or fewer,
//     or a title-case one of eight words or fewer, with no cue in its sentence and
//     no speaker frame around it, is dropped.
//   - A quotation with no cue of its own that opens a paragraph takes the speaker of
//     the previous paragraph's last quotation or cue.
//   - Indirect speech is the clause governed by a cue: "X said (that) …",
//     "X told Y (that) …", "according to X, …", "…, X said."; its Text is that clause.
//     The subject may be long ("A person familiar with the planning says", "Vikram
//     Amar, dean of …, said"), a proportion ("two in three said", "47% say"), or
//     that of a first verb ("… and says …"); "Still, he said, …" reports what
//     follows the parenthetical, and "Marco Rubio: I’m Not Interested" a headline.
//   - A frame inside another frame's content is relayed speech: "An official statement
//     by the Kremlin said that "Vladimir Putin stressed that …"" gives speaker Putin
//     and ReportedBy the Kremlin. A novel's quotation is its speaker's own
//     words, whatever it reports: "“Udolpho was written by …,” said Catherine".
func Extract(text string) (out []verbatim.Quotation) {
	if recoverPanics {
		defer func() {
			if r := recover(); r != nil {
				out = nil // a bug must not take the server down; the tests and fuzzing keep this path dead
			}
		}()
	}
	return extractText(text)
}

// ExtractChecked is Extract for the evaluators and trainers: a panic (a
// bug) goes up to the caller instead of reading as a text with no
// quotations, which an evaluation would only show as lost recall.
func ExtractChecked(text string) []verbatim.Quotation { return extractText(text) }

func extractText(text string) []verbatim.Quotation {
	if len(text) == 0 {
		return nil
	}
	d := newDoc(text) // sets d.fiction
	cands := d.extract()
	if d.fiction {
		for i := range cands {
			if r := cands[i].spk; r != nil && r.kind == refPron && !cands[i].inherit && !cands[i].noCue {
				if r.empty && d.low[r.s:r.e] == "i" {
					cands[i].first = r
				} else {
					cands[i].pron = r
				}
			}
		}
	}
	d.rerank(cands)
	var kinds []string
	if d.fiction {
		kinds = novelKinds(cands)
	}
	d.dialogue(cands)
	d.rerankNovel(cands, kinds)
	return d.emit(cands)
}

// recoverPanics turns a panic inside Extract into an empty result; the
// tests switch it off so that fuzzing sees every panic.
var recoverPanics = true

func (d *doc) extract() []cand {
	var cands []cand
	var ubuf []unit
	runCur := 0
	var lastSpk *ref // latest speaker, for paragraphs of quotation without a cue
	lastSpkPara := -1
	lastCueS, lastCueE := -1, -1 // the cue of lastSpk's attribution
	lastColonPara := -1
	var annSpk *ref // in fiction: the speaker a paragraph ending in "said," announces
	annPara, annCueS, annCueE := -1, -1, -1
	lastPost, lastPostSent := -1, -1 // candidate of a `"…," X said.` quotation that a next quotation may continue
	quoteDone := map[int]bool{}
	for si, st := range d.sents {
		runCur = d.advanceRuns(runCur, d.toks[st.s].s)
		u := d.units(st, ubuf)
		ubuf = u
		frames := d.findFrames(si, st, u)
		// resolve speakers in text order, updating recency as we go
		for fi := range frames {
			f := &frames[fi]
			var r *ref
			switch {
			case f.participle:
				runCur = d.advanceRuns(runCur, d.toks[u[f.cueS].s].s)
				r = d.participleSubject(si, st, u, f.cueS, frames[:fi])
			case f.colon:
				r = d.subjectOf(si, st, u, frames[:fi])
			case f.spS >= 0:
				runCur = d.advanceRuns(runCur, d.toks[u[f.spS].s].s)
				r = d.resolveNP(si, u[f.spS].s, u[f.spE-1].e)
				if b := d.boundPronoun(u, f, frames[:fi]); b != nil {
					r = b
				}
				if ap, ok := d.appos[u[f.spE-1].e]; ok && r != nil && r.ent != nil {
					// "Sanders, a senator from Vermont,": the apposition gives titles
					for k := ap[0]; k <= ap[1] && k < len(d.toks); k++ {
						if w := d.w(k); d.toks[k].kind == tkWord && !npStop[w] && !determiners[w] && !possessives[w] {
							if c, ok := demonym[w]; ok {
								r.ent.addRole(c)
							} else {
								r.ent.addRole(w)
							}
						}
					}
					if r.ent.kind == kindUnknown {
						r.ent.kind = kindPerson
					}
				}
			}
			f.spk = r
			if r != nil && !r.empty {
				d.frameSpk = append(d.frameSpk, sentRef{si, r})
			}
			if r != nil && r.ent != nil {
				r.ent.lastPos = r.s
				d.subj = append(d.subj, subjMention{pos: r.s, sent: si, e: r.ent})
			}
		}
		for fi := range frames {
			f := &frames[fi]
			if f.relayFrom >= 0 && f.relayFrom < len(frames) && frames[f.relayFrom].spk != nil && !frames[f.relayFrom].spk.empty {
				f.relayer = frames[f.relayFrom].spk // "…, a sentiment which the Kremlin has repeatedly stated"
			}
			// a belief of "it"/"they" inside someone's reported words is part of them ("the key issues it wanted to discuss")
			if f.class >= cueCognition && f.spS >= 0 && (d.uw(u, f.spS) == "it" || d.uw(u, f.spS) == "they") {
				for gi := range frames {
					g := &frames[gi]
					if gi != fi && g.contS >= 0 && !g.relative && f.cueS >= g.contS && f.cueS < g.contE {
						f.spk = nil
						break
					}
				}
			}
		}
		// relayed speech: a frame inside another frame's content
		for fi := range frames {
			f := &frames[fi]
			if f.spk == nil || f.relative {
				continue
			}
			pos := f.spS
			if f.spS < 0 || f.inverted {
				pos = f.cueS
			}
			strong := strongCues[d.uw(u, f.cueS)] || f.quoteU >= 0
			if !strong {
				// a weaker attribution inside reported words is relayed by their speaker
				// ("the embassy said that Moscow and London had agreed to …")
				best := -1
				for gi := range frames {
					g := &frames[gi]
					if gi != fi && g.contS >= 0 && g.spk != nil && !g.spk.empty && g.quoteU < 0 && !g.relative && pos > g.contS && f.cueE <= g.contE && (best < 0 || g.contS > frames[best].contS) {
						best = gi
					}
				}
				if best >= 0 && f.relayer == nil {
					f.relayer = frames[best].spk
				}
				continue
			}
			for gi := range frames {
				g := &frames[gi]
				if gi == fi || g.contS < 0 || g.spk == nil || g.quoteU >= 0 || g.relative || g.nested {
					continue
				}
				inside := false
				if g.post {
					inside = pos >= g.contS && f.cueE <= g.contE
				} else {
					cs := g.contS
					if d.uw(u, cs) == "that" {
						cs++
					}
					inside = pos == cs && f.cueE <= g.contE
				}
				if inside && f.relayer == nil && d.yields(u, f) {
					f.relayer = g.spk
					// "X sent greetings to Y, wishing “…”, the Kremlin said": the participle's
					// quotation is one part of the reported clause, which stays a quotation of its own
					g.nested = !(g.post && f.participle && !d.fiction && pos > g.contS+1 && d.hasVerb(u, g.contS, pos-1))
				}
			}
		}
		// post-posed frames with a quotation first: `"…," X said` beats `X said that "…"`
		order := make([]int, 0, len(frames))
		for fi := range frames {
			if frames[fi].post && frames[fi].quoteU >= 0 {
				order = append(order, fi)
			}
		}
		for fi := range frames {
			if !(frames[fi].post && frames[fi].quoteU >= 0) {
				order = append(order, fi)
			}
		}
		for _, fi := range order {
			f := &frames[fi]
			if f.spk == nil {
				continue
			}
			if f.relative {
				if !f.spk.empty {
					lastSpk, lastSpkPara = f.spk, st.para
					lastCueS, lastCueE = d.toks[u[f.cueS].s].s, d.toks[u[f.cueE-1].e].e
				}
				continue
			}
			if f.nested {
				continue
			}
			cueS, cueE := d.toks[u[f.cueS].s].s, d.toks[u[f.cueE-1].e].e
			switch {
			case f.quoteU >= 0:
				qi := u[f.quoteU].q
				if quoteDone[qi] {
					continue
				}
				q := d.qs[qi]
				c := cand{s: q.cs, e: q.ce, kind: verbatim.KindDirect, cueS: cueS, cueE: cueE, spk: f.spk, rel: f.relayer, q: qi, sent: si}
				quoteDone[qi] = true
				if f.quote2U >= 0 {
					q2 := d.qs[u[f.quote2U].q]
					if q2.ce > c.e {
						c.e = q2.ce
					}
					quoteDone[u[f.quote2U].q] = true
				}
				c.conf = d.score(c, f.class, false)
				cands = append(cands, d.relayInQuote(c, si))
				if f.post && f.quote2U < 0 {
					lastPost, lastPostSent = len(cands)-1, si
				}
			case f.contS >= 0 && f.contE > f.contS && !d.restIsEnd(u, f.contS):
				s, e := d.unitSpan(u, f.contS, f.contE)
				if s >= e || wordCount(d.text[s:e]) < 2 {
					continue
				}
				// a novel's "At length, she spoke again.": an adverbial, no words
				// of hers; she still speaks the quotation that follows
				if !(d.fiction && f.post && wordCount(d.text[s:e]) <= 3 && !d.hasVerb(u, f.contS, f.contE)) {
					c := cand{s: s, e: e, kind: verbatim.KindIndirect, cueS: cueS, cueE: cueE, spk: f.spk, rel: f.relayer, q: -1, sent: si}
					c.conf = d.score(c, f.class, false)
					cands = append(cands, c)
				}
			default:
				if !f.spk.empty && (d.uPunct(u, f.cueE, ':') || !d.fiction && d.adjunctColon(u, f.cueE)) {
					lastSpk, lastSpkPara = f.spk, st.para // "Putin said:" announces the next paragraph
					lastCueS, lastCueE = cueS, cueE
				}
				continue
			}
			if !f.spk.empty {
				lastSpk, lastSpkPara = f.spk, st.para
				lastCueS, lastCueE = cueS, cueE
			}
		}
		// in a novel a paragraph ending "…, she said," or "… calling out:"
		// announces the quotation that opens the next one
		if d.fiction {
			if f := d.announces(si, st, u, frames); f != nil {
				annSpk, annPara = f.spk, st.para
				annCueS, annCueE = d.toks[u[f.cueS].s].s, d.toks[u[f.cueE-1].e].e
			} else if r, k := d.announcer(si, st, u, frames); r != nil {
				annSpk, annPara = r, st.para
				annCueS, annCueE = d.toks[k].s, d.toks[k].e
			}
		}
		// quotations with no frame of their own
		for ui := range u {
			qi := u[ui].q
			if qi < 0 || quoteDone[qi] {
				continue
			}
			q := d.qs[qi]
			quoteDone[qi] = true
			var owner *frame
			for fi := range frames {
				f := &frames[fi]
				if f.contS >= 0 && ui >= f.contS && ui < f.contE && f.spk != nil && !f.relative {
					owner = f
				}
			}
			c := cand{s: q.cs, e: q.ce, kind: verbatim.KindDirect, q: qi, sent: si, cueS: -1}
			words := wordCount(d.text[q.cs:q.ce])
			paraOpen := ui == 0 && st.s == d.paraStart(si)
			nc, ncUnit := d.nameColonBefore(u, ui)
			sig, sigS, sigE := d.dashSignature(q)
			switch {
			case nc == nil && owner == nil && sig != nil:
				// a quotation paragraph signed on the next line: "“…” ⏎ - Bernie Sanders."
				c.spk = sig
				c.cueS, c.cueE = sigS, sigE
				c.conf = d.score(c, cueSpeech, false)
			case nc != nil:
				// "JUST TOO EARLY - Mark Blumenthal and Jon Cohen: “…”": the name introduces the quotation
				c.spk = nc
				c.cueS, c.cueE = d.toks[u[ncUnit].s].s, d.toks[u[ncUnit].e].e
				c.conf = d.score(c, cueSpeech, false)
			case owner != nil:
				c.spk, c.rel = owner.spk, owner.relayer
				c.cueS, c.cueE = d.toks[u[owner.cueS].s].s, d.toks[u[owner.cueE-1].e].e
				if owner.nested {
					for gi := range frames {
						g := &frames[gi]
						if g.relayer == owner.spk && g.contS >= 0 && ui >= g.contS && ui < g.contE {
							c.spk, c.rel = g.spk, g.relayer
							c.cueS, c.cueE = d.toks[u[g.cueS].s].s, d.toks[u[g.cueE-1].e].e
						}
					}
				}
				c.conf = d.score(c, owner.class, false)
			case ui == 0 && lastPost >= 0 && lastPostSent == si-1 && d.sents[si-1].para == st.para:
				// `"…," the Russian President said in his message. "…"`: one quotation
				if q.ce > cands[lastPost].e {
					cands[lastPost].e = q.ce
				}
				lastPost = -1
				continue
			case paraOpen && annSpk != nil && annPara == st.para-1:
				c.spk = annSpk
				c.cueS, c.cueE = annCueS, annCueE
				c.conf = d.score(c, cueSpeech, false)
			case paraOpen && lastSpk != nil && (lastSpkPara == st.para-1 || lastColonPara == st.para-1 || lastSpkPara == st.para):
				if d.isScare(q, words) && !(d.fiction && d.quoteIsTurn(qi)) {
					continue
				}
				c.spk = lastSpk
				c.inherit = true
				c.noCue = true
				c.conf = d.score(c, cueSpeech, true)
				// the cue of the attribution it carries on ("… he underscored, per ABC.")
				c.cueS, c.cueE = lastCueS, lastCueE
			default:
				if d.isScare(q, words) && !(d.fiction && d.quoteIsTurn(qi)) {
					continue
				}
				if lastSpk != nil && lastSpkPara == st.para {
					c.spk = lastSpk
					c.inherit = true
				}
				c.noCue = true
				c.conf = d.score(c, 0, true)
			}
			cands = append(cands, d.relayInQuote(c, si))
			if c.spk != nil && !c.spk.empty {
				lastSpk, lastSpkPara = c.spk, st.para
				lastCueS, lastCueE = c.cueS, c.cueE
			}
		}
		if lastPostSent != si {
			lastPost = -1
		}
		if st.e > st.s && (d.isPunct(st.e-1, ':') || d.isPunct(st.e-2, ':')) {
			lastColonPara = st.para
		}
	}
	return cands
}

// announces returns the frame of sentence si that announces the quotation
// opening the next paragraph, or nil: the sentence ends its paragraph with
// a comma, colon or dash, holds no quotation, and has a frame of speech
// with a speaker ("… she could not help crying out,", "… and, glancing
// over it, said, in a colder voice,").
func (d *doc) announces(si int, st sent, u []unit, frames []frame) *frame {
	if st.e <= st.s || si+1 < len(d.sents) && d.sents[si+1].para == st.para {
		return nil
	}
	last := st.e - 1
	if !(d.isPunct(last, ',') || d.isPunct(last, ':') || d.toks[last].kind == tkDash) {
		return nil
	}
	for _, x := range u {
		if x.q >= 0 {
			return nil
		}
	}
	for fi := len(frames) - 1; fi >= 0; fi-- {
		f := &frames[fi]
		if f.spk != nil && !f.spk.empty && f.spk.ent != nil && personLike(f.spk.ent) && !f.relative && !f.nested && f.class <= cueTell && f.quoteU < 0 {
			return f
		}
	}
	return nil
}

// announceVerbs are the verbs of a novel's narration that announce a
// quotation in the next paragraph ("… and she could not help crying out,").
var announceVerbs = set("said say says saying cried cry crying exclaimed exclaiming called calling replied replying answered answering added adding whispered whispering asked asking continued observed remarked muttered murmured shouted shouting returned rejoined resumed addressed began spoke speaking screamed sobbed declared ask reply rejoin answer exclaim demanded inquired enquired protested retorted interposed pursued")

// announcer finds who speaks the quotation that a paragraph ending in a
// comma, colon or dash announces when no frame names them: the sentence
// has a verb of speech near its end, and the speaker is the latest person
// of the pronoun's gender named at the start of a sentence of the
// paragraph ("Miss Bingley made no answer; … she resolved on one effort
// more; and, turning to Elizabeth, said,"), else whom the pronoun denotes.
// It returns the speaker and the verb's token.
func (d *doc) announcer(si int, st sent, u []unit, frames []frame) (*ref, int) {
	if st.e <= st.s || si+1 < len(d.sents) && d.sents[si+1].para == st.para {
		return nil, -1
	}
	last := st.e - 1
	if !(d.isPunct(last, ',') || d.isPunct(last, ':') || d.toks[last].kind == tkDash) {
		return nil, -1
	}
	for _, x := range u {
		if x.q >= 0 {
			return nil, -1
		}
	}
	k := -1
	for j := last; j >= st.s && j > last-16; j-- {
		if d.isWord(j) && (announceVerbs[d.w(j)] || particleVerbs[d.w(j)] != "" && d.isWord(j+1) && d.w(j+1) == particleVerbs[d.w(j)]) {
			k = j
			break
		}
	}
	if k < 0 {
		return nil, -1
	}
	var g int8
	pk := -1
	for j := k - 1; j >= st.s; j-- {
		if d.isWord(j) {
			if w := d.w(j); w == "he" || w == "she" {
				g, pk = 1, j
				if w == "she" {
					g = -1
				}
				break
			}
		}
	}
	if r := d.lastSubject(d.paraStart(si), k, g); r != nil {
		return &ref{s: r.s, e: r.e, ent: r.ent, kind: refProper}, k
	}
	if pk >= 0 {
		if r := d.resolvePronoun(si, pk, d.w(pk)); r != nil && !r.empty && r.ent != nil {
			return r, k
		}
	}
	return nil, -1
}

// quoteIsPara reports whether top-level quotation qi is a paragraph of its
// own: in a novel that is a turn of dialogue, however short ("I did.").
func (d *doc) quoteIsPara(qi int) bool {
	q := d.qs[qi]
	if q.unterminated || !d.opensPara(q) {
		return false
	}
	for k := q.close + 1; k < len(d.toks) && d.toks[k].kind != tkPara; k++ {
		if d.toks[k].kind == tkWord || d.qTop[k] >= 0 {
			return false
		}
	}
	return true
}

// quoteIsTurn reports whether quotation qi is a novel's turn of dialogue,
// however short: it is its paragraph, or it opens its paragraph and ends a
// sentence inside its marks ("“Ah!” She applied her ear to the telephone",
// "“Yes.” He tried to keep his tone").
func (d *doc) quoteIsTurn(qi int) bool {
	if d.quoteIsPara(qi) {
		return true
	}
	q := d.qs[qi]
	if q.unterminated || q.ce <= q.cs || !d.opensPara(q) {
		return false
	}
	last := d.text[q.ce-1]
	return last == '.' || last == '!' || last == '?'
}

// opensPara reports whether quotation q opens its paragraph.
func (d *doc) opensPara(q quote) bool {
	k := q.open - 1
	return k < 0 || d.toks[k].kind == tkPara
}

// yields reports whether frame f will emit a quotation of its own: a
// quotation, or a content of two words or more. An inner attribution that
// yields nothing ("X said that he would not respond to the attacks") leaves
// the outer frame its content.
func (d *doc) yields(u []unit, f *frame) bool {
	if f.quoteU >= 0 {
		return true
	}
	if f.contS < 0 || f.contE <= f.contS || d.restIsEnd(u, f.contS) {
		return false
	}
	s, e := d.unitSpan(u, f.contS, f.contE)
	return s < e && wordCount(d.text[s:e]) >= 2
}

// commonVerbs are frequent irregular past forms, for telling a subject from a modifier.
var commonVerbs = set("sent made took gave met went held began wrote spoke came saw left kept put ran set won lost led brought bought sought fought taught thought told said is was are were has had will would can could may might must did does do")

// verbLike reports whether w looks like a finite verb or an adverb before one.
func verbLike(w string) bool {
	if commonVerbs[w] || interveners[w] || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ly") {
		return true
	}
	_, ok := cueWords[w]
	return ok
}

// adjunctColon reports whether units from c are a short adjunct and then a
// colon ending the sentence ("said on Sunday:").
func (d *doc) adjunctColon(u []unit, c int) bool {
	if !d.isAdjunct(u, c) {
		return false
	}
	for j := c + 1; j < len(u) && j <= c+5; j++ {
		if d.uPunct(u, j, ':') {
			return d.restIsEnd(u, j+1)
		}
		if d.uw(u, j) == "" || d.hasVerb(u, j, j+1) {
			return false
		}
	}
	return false
}

// participleSubject finds who speaks in ", saying …": the nearest noun
// phrase before the cue that is followed by a verb-like word (the subject of
// the clause the participle hangs on), else the sentence's subject.
func (d *doc) participleSubject(si int, st sent, u []unit, cue int, earlier []frame) *ref {
	if !d.fiction {
		// "Putin explained that Russia had no choice, adding …": the participle
		// hangs on the frame whose content ends before it
		for i := len(earlier) - 1; i >= 0; i-- {
			g := &earlier[i]
			if !g.post && !g.relative && g.contS >= 0 && g.contE < cue && g.contE >= cue-2 && g.spk != nil && !g.spk.empty {
				return g.spk
			}
		}
	}
	for k := cue - 2; k >= 0; k-- {
		nw := d.uw(u, k+1)
		if nw == "" || d.uCap(u, k+1) || !verbLike(nw) {
			continue
		}
		w := d.uw(u, k)
		if w == "" {
			continue
		}
		if !(d.uCap(u, k) || isHead(w) || w == "he" || w == "she" || w == "they") {
			continue
		}
		a, b, ok := d.npBack(u, k+1, st.title)
		if !ok || b != k+1 {
			continue
		}
		return d.resolveNP(si, u[a].s, u[b-1].e)
	}
	if r := d.subjectOf(si, st, u, earlier); r != nil || !d.fiction || si == 0 || !d.afterSemicolon(u) {
		return r
	}
	// "He made no answer; but after a minute's silence burst out with, “…”":
	// the subject of the clause before the semicolon
	prev := d.sents[si-1]
	return d.subjectOf(si-1, prev, d.units(prev, nil), nil)
}

func wordCount(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		sp := c == ' ' || c == '\n' || c == '\t' || c == '\r'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// paraStart returns the first token of the paragraph of sentence si. The
// answers are computed once per text: scanning back each time would be
// quadratic in a paragraph of thousands of sentences.
func (d *doc) paraStart(si int) int {
	if len(d.paraFirst) != len(d.sents) {
		d.paraFirst = make([]int, len(d.sents))
		for i, st := range d.sents {
			d.paraFirst[i] = st.s
			if i > 0 && d.sents[i-1].para == st.para {
				d.paraFirst[i] = d.paraFirst[i-1]
			}
		}
	}
	return d.paraFirst[si]
}

// isScare reports whether a quotation with no cue is a scare quote or a title
// rather than speech: three words or fewer, or title case of any length (in
// fiction: of eight words or fewer). A paragraph-opening quotation needs more
// than three words too.
func (d *doc) isScare(q quote, words int) bool {
	if words <= 3 {
		return true
	}
	if d.fiction {
		return words <= 8 && d.novelTitleCase(q.cs, q.ce) // the novels' rule, tuned on their dialogue
	}
	return d.titleCaseSpan(q.cs, q.ce)
}

// novelTitleCase is the title test for fiction: every word of four letters or
// more is capitalised.
func (d *doc) novelTitleCase(s, e int) bool {
	words, caps := 0, 0
	for _, w := range strings.Fields(d.text[s:e]) {
		r, _ := utf8.DecodeRuneInString(w)
		if len(w) <= 3 {
			continue
		}
		words++
		if r >= 'A' && r <= 'Z' {
			caps++
		}
	}
	return words >= 1 && caps == words
}

// titleMinor are the short words a title may leave in lower case ("The Lord of
// the Rings"); every other word of a title is capitalised.
var titleMinor = set("a an the and or nor but of in on at to for by with from as vs via per")

// titleCaseSpan reports whether text[s:e] is in title case: every word that
// starts with a letter is capitalised, bar short function words, and it has at
// least one capitalised word that is not its first.
func (d *doc) titleCaseSpan(s, e int) bool {
	caps := 0
	for i, w := range strings.Fields(d.text[s:e]) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		if unicode.IsUpper(r) {
			if i > 0 {
				caps++
			}
			continue
		}
		if !titleMinor[strings.ToLower(strings.TrimRight(w, ".,;:!?"))] {
			return false
		}
	}
	return caps >= 1
}

// unitSpan gives the byte span of units [a, b), trimming trailing
// punctuation that closes the sentence or the clause.
func (d *doc) unitSpan(u []unit, a, b int) (int, int) {
	for b > a {
		t := d.toks[u[b-1].e]
		if u[b-1].q < 0 && (t.kind == tkPunct && t.ch != ')' && t.ch != ']' || t.kind == tkDash || t.kind == tkPara) {
			b--
			continue
		}
		break
	}
	for a < b {
		t := d.toks[u[a].s]
		if u[a].q < 0 && (t.kind == tkPunct && t.ch != '(' || t.kind == tkDash) {
			a++
			continue
		}
		break
	}
	if a >= b {
		return 0, 0
	}
	return d.toks[u[a].s].s, d.toks[u[b-1].e].e
}

// advanceRuns marks the name runs before pos as mentioned (recency) and
// records those in subject position.
func (d *doc) advanceRuns(cur, pos int) int {
	for cur < len(d.runsByTok) {
		r := &d.runs[d.runsByTok[cur]]
		if r.s >= pos {
			break
		}
		if r.ent != nil && !(d.fiction && d.qIn[r.ts] >= 0) {
			if r.s > r.ent.lastPos {
				r.ent.lastPos = r.s
			}
			if r.subj {
				d.subj = append(d.subj, subjMention{pos: r.s, sent: r.sent, e: r.ent})
			}
		}
		cur++
	}
	return cur
}

// relayInQuote handles a quotation that opens with its own attribution
// ("Vladimir Putin stressed that …", "He confirmed that …"): the named
// speaker says it, and the frame's speaker becomes the relayer.
func (d *doc) relayInQuote(c cand, si int) cand {
	if c.q < 0 {
		return c
	}
	q := d.qs[c.q]
	if c.cueS >= q.ce && c.spk != nil && !c.spk.empty || d.fiction {
		// `“He says what everyone else wants to say,” Steve Moody said`: a
		// speaker who follows his words is their speaker, whatever they
		// report; in a novel whoever speaks a quotation is its speaker
		// ("“Udolpho was written by Mrs. Radcliffe,” said Catherine" is no
		// relayed speech, nor is an uncued "“He said he would come.”")
		return c
	}
	k := q.open + 1
	for k < len(d.toks) && d.toks[k].kind != tkWord {
		if d.toks[k].s >= q.ce {
			return c
		}
		k++
	}
	if k >= len(d.toks) || d.toks[k].s >= q.ce {
		return c
	}
	var a, b int
	w := d.w(k)
	switch {
	case w == "he" || w == "she" || w == "they":
		a, b = k, k
	default:
		r := d.runAt(k)
		if r == nil || r.ts != k || r.ent == nil {
			return c
		}
		a, b = k, r.te-1
	}
	j := b + 1
	for j < len(d.toks) && d.isWord(j) && interveners[d.w(j)] {
		j++
	}
	if !d.isWord(j) || d.toks[j].s >= q.ce {
		return c
	}
	ci, ok := cueWords[d.w(j)]
	if !ok || ci.class > cueTell || !(ci.form == formPast || ci.form == formS) {
		return c
	}
	r := d.resolveNP(si, a, b)
	if r == nil || r.empty {
		return c
	}
	outer := c.spk
	c.spk = r
	if outer != nil && !outer.empty && (outer.ent == nil || outer.ent != r.ent) {
		c.rel = outer
	}
	c.cueS, c.cueE = d.toks[j].s, d.toks[j].e
	c.conf = d.score(c, ci.class, false)
	return c
}

// score gives a confidence in [0,1]: direct quotations with an explicit cue
// and a named speaker rank highest; pronoun and description speakers, cues
// of belief rather than speech, and speakers carried over from an earlier
// paragraph rank lower; quotations with no speaker rank lowest.
func (d *doc) score(c cand, class uint8, noCue bool) float64 {
	s := 0.5
	if c.kind == verbatim.KindDirect {
		s = 0.6
		if d.qs[c.q].unterminated {
			s -= 0.15
		}
	}
	switch {
	case noCue || class == 0:
		s -= 0.1
	case class == cueSpeech || class == cueTell:
		s += 0.15
	default:
		s += 0.02
	}
	switch {
	case c.spk == nil || c.spk.empty:
		s -= 0.25
	case c.inherit:
		s -= 0.02
	case c.spk.kind == refProper:
		s += 0.2
	case c.spk.kind == refDesc && c.spk.ent != nil:
		s += 0.12
	case c.spk.kind == refPron && c.spk.ent != nil:
		s += 0.08
	default:
		s += 0.0
	}
	if s < 0.05 {
		s = 0.05
	}
	if s > 0.99 {
		s = 0.99
	}
	return float64(int(s*100+0.5)) / 100
}

// emit turns candidates into quotations, sorted by start, dropping duplicates.
func (d *doc) emit(cands []cand) []verbatim.Quotation {
	sort.SliceStable(cands, func(i, k int) bool {
		if cands[i].s != cands[k].s {
			return cands[i].s < cands[k].s
		}
		return cands[i].e > cands[k].e
	})
	out := make([]verbatim.Quotation, 0, len(cands))
	for i := range cands {
		c := &cands[i]
		c.s, c.e = d.fixSpan(c.s, c.e)
		if c.cueS >= 0 {
			c.cueS, c.cueE = d.fixSpan(c.cueS, c.cueE)
		}
	}
	for i, c := range cands {
		if c.s < 0 || c.e > len(d.text) || c.s >= c.e {
			continue
		}
		if i > 0 && cands[i-1].s == c.s && cands[i-1].e == c.e {
			continue
		}
		q := verbatim.Quotation{Text: d.text[c.s:c.e], Start: c.s, End: c.e, Kind: c.kind, Confidence: c.conf}
		if c.cueS >= 0 && c.cueE > c.cueS && c.cueE <= len(d.text) {
			q.Cue = &verbatim.Span{Text: d.text[c.cueS:c.cueE], Start: c.cueS, End: c.cueE}
		}
		q.Speaker = d.mention(c.spk)
		q.ReportedBy = d.mention(c.rel)
		if q.Speaker != nil && q.ReportedBy != nil && q.Speaker.Name == q.ReportedBy.Name {
			q.ReportedBy = nil
		}
		out = append(out, q)
	}
	return out
}

// fixSpan moves span edges off stray UTF-8 continuation bytes (invalid
// input), so that every edge satisfies utf8.RuneStart.
func (d *doc) fixSpan(s, e int) (int, int) {
	if s < 0 || e > len(d.text) || s >= e {
		return s, e
	}
	for s < e && !utf8.RuneStart(d.text[s]) {
		s++
	}
	for e < len(d.text) && !utf8.RuneStart(d.text[e]) {
		e++
	}
	return s, e
}

func (d *doc) mention(r *ref) *verbatim.Mention {
	if r == nil || r.empty || r.s < 0 || r.e > len(d.text) || r.s >= r.e {
		return nil
	}
	r.s, r.e = d.fixSpan(r.s, r.e)
	if r.s >= r.e {
		return nil
	}
	name := r.name
	if r.ent != nil {
		name = r.ent.name
	}
	if name == "" {
		return nil
	}
	return &verbatim.Mention{Name: name, Mention: d.text[r.s:r.e], Start: r.s, End: r.e}
}

// boundPronoun resolves the he/she/they that opens another frame's reported
// clause to that frame's speaker: in "Clinton's advisers have long insisted
// they thought …" and "About 4 in 10 say they want …" the pronoun is the
// outer subject, named or not. It returns nil when f's speaker is no such
// pronoun or the outer speaker does not agree with it.
func (d *doc) boundPronoun(u []unit, f *frame, earlier []frame) *ref {
	if d.fiction || f.spE != f.spS+1 {
		return nil
	}
	w := d.uw(u, f.spS)
	if w != "he" && w != "she" && w != "they" {
		return nil
	}
	for i := len(earlier) - 1; i >= 0; i-- {
		g := &earlier[i]
		if g.post || g.relative || g.contS < 0 || g.spk == nil || g.spk.empty || g.spS < 0 {
			continue
		}
		cs := g.contS
		if d.uw(u, cs) == "that" {
			cs++
		}
		if cs != f.spS {
			continue
		}
		if !d.pronAgrees(u, g, w) {
			return nil
		}
		r := *g.spk // the outer subject's mention: the words the attribution rests on
		return &r
	}
	return nil
}

// pronAgrees reports whether pronoun w may stand for frame g's speaker.
func (d *doc) pronAgrees(u []unit, g *frame, w string) bool {
	e := g.spk.ent
	last := d.uw(u, g.spE-1)
	plural := strings.HasSuffix(last, "s") && !strings.HasSuffix(last, "ss") && !isPossessive(last)
	for k := g.spS; k < g.spE; k++ {
		if d.uw(u, k) == "and" {
			plural = true
		}
	}
	if g.spE-g.spS == 1 && pronounsP[d.uw(u, g.spS)] {
		sw := d.uw(u, g.spS)
		return sw == w
	}
	switch w {
	case "they":
		return plural || e != nil && e.kind == kindOrg
	case "he":
		if e != nil {
			return personLike(e) && e.gender >= 0
		}
		return !plural
	case "she":
		if e != nil {
			return personLike(e) && e.gender <= 0
		}
		return !plural
	}
	return false
}

// nameColonBefore finds a name that introduces the quotation at unit ui with
// a colon ("Carl Bialik: “…”"), the name opening its sentence or following
// a dash; it returns the speaker and the colon's unit, or nil.
func (d *doc) nameColonBefore(u []unit, ui int) (*ref, int) {
	if ui < 2 || !d.uPunct(u, ui-1, ':') || u[ui-2].q >= 0 {
		return nil, 0
	}
	r := d.runAt(u[ui-2].e)
	if r == nil || r.ent == nil || r.te != u[ui-2].e+1 || r.ent.kind == kindUnknown && len(r.ent.words) < 2 {
		return nil, 0
	}
	a := ui - 2
	for a > 0 && u[a-1].q < 0 && u[a-1].s >= r.ts {
		a--
	}
	if u[a].s != r.ts {
		return nil, 0
	}
	first, s := r, r.s
	if a >= 2 && d.uw(u, a-1) == "and" {
		// "Mark Blumenthal and Jon Cohen:": the first person speaks for both
		if r2 := d.runAt(u[a-2].e); r2 != nil && r2.ent != nil && r2.te == u[a-2].e+1 {
			a -= 2
			for a > 0 && u[a-1].q < 0 && u[a-1].s >= r2.ts {
				a--
			}
			first, s = r2, r2.s
		}
	}
	if a > 0 && !d.uDash(u, a-1) {
		return nil, 0
	}
	return &ref{s: s, e: r.e, ent: first.ent, kind: refProper}, ui - 1
}

// dashSignature finds the name that signs a quotation ending its paragraph
// on the next line after a dash ("“…” ⏎ - Bernie Sanders." or "-President
// Obama, tweeting"); it returns the speaker and the dash's bytes, or nil.
func (d *doc) dashSignature(q quote) (*ref, int, int) {
	if d.fiction || q.unterminated || q.close >= len(d.toks) {
		return nil, 0, 0
	}
	i := d.toks[q.close].e
	for i < len(d.text) && (d.text[i] == ' ' || d.text[i] == '.' || d.text[i] == '\t' || d.text[i] == '\r') {
		i++
	}
	if i >= len(d.text) || d.text[i] != '\n' {
		return nil, 0, 0
	}
	for i < len(d.text) && (d.text[i] == '\n' || d.text[i] == ' ' || d.text[i] == '\t' || d.text[i] == '\r') {
		i++
	}
	ds := i
	switch {
	case strings.HasPrefix(d.text[i:], "-"):
		i++
	case strings.HasPrefix(d.text[i:], "—"), strings.HasPrefix(d.text[i:], "–"):
		i += len("—")
	default:
		return nil, 0, 0
	}
	de := i
	for i < len(d.text) && d.text[i] == ' ' {
		i++
	}
	k := d.tokAt(i)
	if k >= len(d.toks) {
		return nil, 0, 0
	}
	if d.toks[k].s != i {
		// "-President": the dash is the start of the word's token
		k = d.tokAt(ds)
	}
	r := d.runAt(k)
	if r == nil || r.ent == nil || r.s > i+len("President ")+8 {
		return nil, 0, 0
	}
	if r.ent.kind == kindUnknown && len(r.ent.words) < 2 {
		return nil, 0, 0
	}
	return &ref{s: r.s, e: r.e, ent: r.ent, kind: refProper}, ds, de
}
