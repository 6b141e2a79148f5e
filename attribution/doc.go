package attribution

import (
	"sort"
	"strings"

	"github.com/verbatim/verbatim/internal/segmenthook"
)

// sent is a sentence: a token range [s, e) outside quotations, with the
// quotations it contains as single units.
type sent struct {
	s, e  int
	para  int
	title bool // headline-style: most words capitalised
}

// unit is one token of a sentence, or one whole top-level quotation.
type unit struct {
	s, e int // token range [s, e]
	q    int // quote index, or -1
}

// doc holds everything Extract learns about one text.
type doc struct {
	text  string
	low   string // text with ASCII letters lower-cased: same offsets
	toks  []token
	qs    []quote
	qTop  []int32 // per token: top-level quote whose opening mark it is, or -1
	qIn   []int32 // per token: top-level quote containing it (marks included), or -1
	sents []sent

	runs            []nameRun
	runsByTok       []int
	ents            []*entity
	midCaps         map[string]bool
	capLow          map[string]bool // words capitalised right after a lower-case word
	lowers          map[string]bool // words the text writes in lower case
	lowCount        map[string]int  // in fiction: how often the text writes each word in lower case
	capLowCount     map[string]int  // and capitalised right after a lower-case word
	capMidCount     map[string]int  // and capitalised right after any word
	monthNames      map[string]bool // months a novel uses as given names (monthGiven)
	honored         map[string]bool // in fiction: capitalised words written after an honorific (honoredWords)
	known           map[string]bool // lower-case words of names seen outside title-case lines
	pendingRoles    []string
	pendingRolesTok int

	appos map[int][2]int // name's last token → token range of its apposition of appositions met by npBack ("a senator from Vermont")

	subj []subjMention // speakers and sentence subjects resolved so far, in text order

	frameSpk []sentRef // every frame's speaker, in text order, for the speaker ranker

	fiction bool // long, with much dialogue: the dialogue rules apply (dialogue.go)

	paraFirst []int           // per sentence: the first token of its paragraph (paraStart)
	bare      map[int]bool    // paragraph's first token → it holds only quotation (bareTurn)
	nameCount map[*entity]int // how often the text names each entity (nameCounts)
}

// sentRef is a speaker mention found by a frame of sentence sent.
type sentRef struct {
	sent int
	r    *ref
}

// subjMention records that entity e was spoken of at pos in a subject
// position; pronouns prefer such entities.
type subjMention struct {
	pos  int
	sent int
	e    *entity
}

// maxSentTokens bounds a sentence; real ones are far shorter.
const maxSentTokens = 160

var abbrevs = set("mr mrs ms dr st jr sr gen sen rep gov lt col sgt capt prof rev hon inc corp co ltd no vs etc jan feb mar apr aug sept sep oct nov dec ft mt messrs mme mlle gens reps sens govs atty supt cmdr adm maj brig")

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// forceFiction makes every text read as fiction; FuzzExtractFiction sets it
// so that short inputs reach the dialogue rules and the conversation model.
var forceFiction bool

func newDoc(text string) *doc {
	d := &doc{text: text, low: asciiLower(text), pendingRolesTok: -1}
	d.toks = tokenize(text, make([]token, 0, len(text)/5+8))
	d.qs = findQuotes(text, d.toks)
	d.qTop = make([]int32, len(d.toks))
	d.qIn = make([]int32, len(d.toks))
	for i := range d.qTop {
		d.qTop[i] = -1
		d.qIn[i] = -1
	}
	for qi, q := range d.qs {
		if q.depth != 0 {
			continue
		}
		d.qTop[q.open] = int32(qi)
		end := q.close
		if q.unterminated {
			end = q.close - 1
		}
		for k := q.open; k <= end && k < len(d.toks); k++ {
			d.qIn[k] = int32(qi)
		}
	}
	d.fiction = forceFiction || d.looksLikeFiction() // before the sentences (cueAhead) and the names: novels tell family members apart
	d.segment()
	d.findNames()
	d.runsByTok = make([]int, len(d.runs))
	for i := range d.runs {
		d.runsByTok[i] = i
	}
	sort.Slice(d.runsByTok, func(a, b int) bool { return d.runs[d.runsByTok[a]].ts < d.runs[d.runsByTok[b]].ts })
	return d
}

func (d *doc) w(k int) string {
	t := d.toks[k]
	return d.low[t.s:t.e]
}

func (d *doc) isWord(k int) bool { return k >= 0 && k < len(d.toks) && d.toks[k].kind == tkWord }

func (d *doc) isPunct(k int, ch byte) bool {
	return k >= 0 && k < len(d.toks) && d.toks[k].kind == tkPunct && d.toks[k].ch == ch
}

// quoteEnd returns the last token of the top-level quote opening at k.
func (d *doc) quoteEnd(qi int) int {
	q := d.qs[qi]
	if q.unterminated {
		return q.close - 1
	}
	return q.close
}

// segment splits the text into sentences at . ! ? ; and paragraph breaks
// outside quotations. A quotation ending in . ! ? ends the sentence when the
// next word is capitalised and no cue follows within four words. An
// experiment may put another splitter's boundaries in (internal/segmenthook).
func (d *doc) segment() {
	toks := d.toks
	n := len(toks)
	start, para, startPara := 0, 0, 0
	outside := 0 // tokens of the sentence so far outside quotations
	flush := func(end int) {
		if end > start {
			d.sents = append(d.sents, sent{s: start, e: end, para: startPara})
		}
		start = end
		startPara = para
		outside = 0
	}
	var lib []bool // another splitter's cuts through segmenthook: experiments only, nil in production
	mode := segmenthook.Mode
	if f := segmenthook.Boundaries; f != nil {
		lib = d.hookCuts(f(d.text))
	}
	cut := func(end int) { // our . ! ? ; cuts
		if lib == nil || mode == segmenthook.Union || mode == segmenthook.Intersect && lib[end] {
			flush(end)
		}
	}
	for i := 0; i < n; {
		if lib != nil && mode != segmenthook.Intersect && lib[i] {
			flush(i)
		}
		t := toks[i]
		if qi := d.qTop[i]; qi >= 0 {
			end := d.quoteEnd(int(qi))
			q := d.qs[qi]
			for k := i; k <= end && k < n; k++ {
				if toks[k].kind == tkPara {
					para++
				}
			}
			i = end + 1
			if !q.unterminated && q.ce > q.cs {
				last := d.text[q.ce-1]
				if (last == '.' || last == '!' || last == '?') && i < n && toks[i].kind == tkWord && toks[i].cap && !d.cueAhead(i, 4) {
					cut(i)
				}
			}
			continue
		}
		if outside >= maxSentTokens {
			// a run-on "sentence" (lists, broken input): cut it so that the
			// per-sentence work stays bounded. A quotation counts as one
			// unit, as the frames see it: a long speech and its "said he"
			// after it stay one sentence.
			flush(i)
		}
		outside++
		switch t.kind {
		case tkWord:
			// "in the U.S. The …": an abbreviation closing a sentence
			if t.e-t.s > 2 && d.text[t.e-1] == '.' && i+1 < n && (toks[i+1].kind == tkWord && toks[i+1].cap && capStop[d.w(i+1)]) {
				cut(i + 1)
			}
		case tkPara:
			flush(i)
			start = i + 1
			para++
			startPara = para
		case tkPunct:
			switch t.ch {
			case '!', '?', ';':
				cut(i + 1)
			case '.':
				if !d.abbrevBefore(i) {
					cut(i + 1)
				}
			}
		}
		i++
	}
	flush(n)
	for si := range d.sents {
		d.sents[si].title = d.titleCase(d.sents[si])
	}
}

// stateAbbrevs are US state abbreviations that end no sentence before a lower-case word.
var stateAbbrevs = set("ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo")

// abbrevBefore reports whether the period at token i ends an abbreviation
// rather than a sentence.
func (d *doc) abbrevBefore(i int) bool {
	if i == 0 || !d.isWord(i-1) || d.toks[i-1].e != d.toks[i].s {
		return false
	}
	w := d.w(i - 1)
	next := i + 1
	nextCapStop := d.isWord(next) && d.toks[next].cap && capStop[d.w(next)]
	if abbrevs[w] || d.isPunct(next, ')') && (d.isPunct(i-2, '(') || d.isPunct(i-3, '(') || d.isPunct(i-4, '(')) {
		return true // "(D-Ga.) said": a state in parentheses ends no sentence
	}
	if len(w) == 1 && d.toks[i-1].cap {
		return !nextCapStop // initial: "John F. Kennedy"
	}
	if stateAbbrevs[w] && d.toks[i-1].cap && d.isWord(next) && !d.toks[next].cap {
		return true // "a Calif. win", "sue Ariz. on poll access"
	}
	if partyState(w) && d.toks[i-1].cap && (d.isPunct(next, ',') || d.isPunct(next, ')') || d.isWord(next) && !d.toks[next].cap) {
		return true // "Rep. Hank Johnson, D-Ga., said"
	}
	if strings.IndexByte(w, '.') >= 0 {
		return !nextCapStop && !(next < len(d.toks) && d.toks[next].kind == tkPara)
	}
	return false
}

// cueAhead reports whether a cue verb follows within n tokens of k, before any punctuation.
func (d *doc) cueAhead(k, n int) bool {
	for j := k; j < k+n && j < len(d.toks); j++ {
		if d.toks[j].kind != tkWord {
			return false
		}
		if c, ok := cueWords[d.w(j)]; ok && c.class <= cueTell {
			return true
		}
		if d.fiction && dialogueVerbs[d.w(j)] && j > k {
			return true // "“…?” Denham inquired": the novels' verbs of speech
		}
	}
	return false
}

// titleCase reports whether a sentence is a headline in title case: most
// long words capitalised and at least one function word capitalised mid-sentence
// ("Putin Tells Trump That Russia Is Open"), which names alone never do.
func (d *doc) titleCase(st sent) bool {
	words, caps, fn := 0, 0, 0
	for k := st.s; k < st.e; k++ {
		t := d.toks[k]
		if t.kind != tkWord || d.qIn[k] >= 0 && d.qTop[k] < 0 {
			continue
		}
		if k > st.s && t.cap && titleFunc[d.w(k)] {
			fn++
		}
		if t.e-t.s <= 3 {
			continue
		}
		words++
		if t.cap {
			caps++
		}
	}
	return fn > 0 && words >= 3 && caps*5 >= words*4
}

var titleFunc = set("to the for with on of and in at is are that from by a an as into over after before about says said tells told")

// units lists the sentence's units into buf: words and marks, with each
// top-level quotation as one unit.
func (d *doc) units(st sent, buf []unit) []unit {
	buf = buf[:0]
	for i := st.s; i < st.e; {
		if qi := d.qTop[i]; qi >= 0 {
			end := d.quoteEnd(int(qi))
			buf = append(buf, unit{s: i, e: end, q: int(qi)})
			i = end + 1
			continue
		}
		buf = append(buf, unit{s: i, e: i, q: -1})
		i++
	}
	return buf
}
