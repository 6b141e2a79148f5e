package claims

import (
	"math/rand/v2"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/normalize"
)

// Kinds of claim, in the order reports list them.
const (
	// KindExact is a whole gold direct quotation (its marks stripped) given
	// to the right speaker by surname: attested.
	KindExact = "exact"
	// KindFragment is 6 to 12 consecutive words from inside a gold direct
	// quotation, right speaker: attested.
	KindFragment = "fragment"
	// KindSwapped is a quotation (or a 12-25 word window of a long one)
	// with one content word replaced by a plausible other: altered.
	KindSwapped = "swapped"
	// KindInserted is the same with one word added: altered.
	KindInserted = "inserted"
	// KindOtherSpeaker is a whole gold direct quotation given to another
	// named source of the same article: misattributed.
	KindOtherSpeaker = "other_speaker"
	// KindNarration is a sentence no attribution span touches and that
	// holds no quotation mark: unattributed.
	KindNarration = "narration"
	// KindNotIndexed is a real quotation of an article held out of the
	// index: unattested.
	KindNotIndexed = "not_indexed"
)

// Kinds lists every kind of claim.
var Kinds = []string{KindExact, KindFragment, KindSwapped, KindInserted, KindOtherSpeaker, KindNarration, KindNotIndexed}

// Expected is the verdict each kind of claim should get.
var Expected = map[string]string{
	KindExact:        verbatim.Attested,
	KindFragment:     verbatim.Attested,
	KindSwapped:      verbatim.Altered,
	KindInserted:     verbatim.Altered,
	KindOtherSpeaker: verbatim.Misattributed,
	KindNarration:    verbatim.Unattributed,
	KindNotIndexed:   verbatim.Unattested,
}

// Claim is one claim of the workload with what it should get.
type Claim struct {
	Kind    string `json:"kind"`
	Quote   string `json:"quote"`
	Speaker string `json:"speaker,omitempty"`
	// Verdict is the expected verdict.
	Verdict string `json:"verdict"`
	// SourceID is the article the words come from: the expected first
	// attestation for every kind but not_indexed, whose article is not
	// indexed.
	SourceID string `json:"source_id"`
	// Start and End are the byte range of the gold words in the article
	// (for swapped and inserted, of the words before the change).
	Start int `json:"start"`
	End   int `json:"end"`
	// GoldSpeaker is the gold Source text of the quotation, if any.
	GoldSpeaker string `json:"gold_speaker,omitempty"`
	// Words is the claim's length in normalised words.
	Words int `json:"words"`
}

// Options control Generate.
type Options struct {
	// PerKind is the most claims of each kind; fewer when the articles do
	// not hold enough.
	PerKind int
	// Seed makes the workload reproducible: the same articles, options and
	// seed give the same claims.
	Seed uint64
	// HoldOut is how many articles are kept out of the index for
	// not_indexed claims; 0 means a tenth of them (at least one).
	HoldOut int
}

// Workload is the articles to index and the claims to verify against them.
type Workload struct {
	Indexed []Article
	HeldOut []Article
	Claims  []Claim
}

// sharedRun is the length of a run of words that makes a held-out
// quotation the same as one in an indexed article.
const sharedRun = 6

// Generate builds a workload from gold articles. It is deterministic: the
// articles are taken in id order, each kind's candidates are collected in
// text order, shuffled with a generator seeded by Seed and cut to PerKind.
// See the kind constants for what each kind is; choices that keep the
// expected verdict unambiguous:
//   - speakers are gold Sources that are names (the last word capitalised,
//     no pronoun, no leading article, no "and"), claimed by that last word;
//   - a quotation is a content piece that starts and ends with a double
//     quotation mark and holds no other one, of at least 5 words;
//   - other_speaker never names someone whose attribution holds the quote
//     (a relayer matches by the SPEC) or whose surname is in the gold source;
//   - narration sentences skip the headline line, anything annotated (any
//     label), quotation marks and colons, and are 8-40 words long;
//   - not_indexed takes direct quotations of held-out articles (then
//     indirect contents of 8-40 words), dropping any that shares a run of
//     6 consecutive words with an indexed article (the same quote reported
//     twice is attested or altered, not unattested).
func Generate(articles []Article, opt Options) *Workload {
	arts := append([]Article(nil), articles...)
	sort.Slice(arts, func(i, j int) bool { return arts[i].Source.ID < arts[j].Source.ID })
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed))
	hold := opt.HoldOut
	if hold <= 0 {
		hold = max(1, len(arts)/10)
	}
	hold = min(hold, len(arts)-1)
	order := rng.Perm(len(arts))
	held := map[int]bool{}
	for _, i := range order[:max(0, hold)] {
		held[i] = true
	}
	w := &Workload{}
	for i, a := range arts {
		if held[i] {
			w.HeldOut = append(w.HeldOut, a)
		} else {
			w.Indexed = append(w.Indexed, a)
		}
	}
	g := &gen{rng: rng, vocab: buildVocab(arts)}
	pools := map[string][]Claim{}
	for _, a := range w.Indexed {
		for _, k := range []string{KindExact, KindFragment, KindSwapped, KindInserted, KindOtherSpeaker, KindNarration} {
			pools[k] = append(pools[k], g.claims(k, &a)...)
		}
	}
	// A held-out quotation that shares a run of sharedRun words with an
	// indexed article is reported there too (the same quote in two
	// articles, perhaps worded a little differently), so it is not a
	// not_indexed claim.
	indexedRuns := map[string]bool{}
	for _, a := range w.Indexed {
		norms := normalize.Norms(normalize.Words(a.Source.Text))
		for i := 0; i+sharedRun <= len(norms); i++ {
			indexedRuns[strings.Join(norms[i:i+sharedRun], " ")] = true
		}
	}
	var direct, indirect []Claim
	for _, a := range w.HeldOut {
		d, ind := g.notIndexed(&a)
		direct = append(direct, d...)
		indirect = append(indirect, ind...)
	}
	notInIndex := func(cs []Claim) []Claim {
		var out []Claim
		for _, c := range dedupe(cs) {
			norms := normalize.Norms(normalize.Words(c.Quote))
			shared := false
			for i := 0; i+sharedRun <= len(norms) && !shared; i++ {
				shared = indexedRuns[strings.Join(norms[i:i+sharedRun], " ")]
			}
			if !shared {
				out = append(out, c)
			}
		}
		return out
	}
	direct, indirect = notInIndex(direct), notInIndex(indirect)
	// Direct quotations first, indirect contents only to fill.
	rng.Shuffle(len(direct), func(i, j int) { direct[i], direct[j] = direct[j], direct[i] })
	rng.Shuffle(len(indirect), func(i, j int) { indirect[i], indirect[j] = indirect[j], indirect[i] })
	pools[KindNotIndexed] = append(direct, indirect...)
	for _, k := range Kinds {
		pool := pools[k]
		if k != KindNotIndexed {
			pool = dedupe(pool)
			rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
		}
		if opt.PerKind > 0 && len(pool) > opt.PerKind {
			pool = pool[:opt.PerKind]
		}
		for i := range pool {
			pool[i].Kind = k
			pool[i].Verdict = Expected[k]
			pool[i].Words = len(normalize.Words(pool[i].Quote))
		}
		w.Claims = append(w.Claims, pool...)
	}
	return w
}

func dedupe(cs []Claim) []Claim {
	seen := map[string]bool{}
	var out []Claim
	for _, c := range cs {
		k := normalize.Key(c.Quote) + "\x00" + strings.ToLower(c.Speaker)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, c)
	}
	return out
}

type gen struct {
	rng   *rand.Rand
	vocab map[string][]string // suffix class → words
}

// quote is one direct quotation piece of a gold attribution.
type quote struct {
	at      *Attribution
	inner   Range // inside the marks
	whole   bool  // the content is this one piece
	surname string
	gold    string
}

func (g *gen) quotes(a *Article) []quote {
	var out []quote
	for i := range a.Attributions {
		at := &a.Attributions[i]
		gold := textOf(a.Source.Text, at.Source)
		sn, named := surname(gold)
		if !named {
			sn = ""
		}
		for _, r := range at.Content {
			inner, ok := quotedInner(a.Source.Text, r)
			if !ok {
				continue
			}
			out = append(out, quote{at: at, inner: inner, whole: len(at.Content) == 1, surname: sn, gold: gold})
		}
	}
	return out
}

func (g *gen) claims(kind string, a *Article) []Claim {
	text := a.Source.Text
	var out []Claim
	if kind == KindNarration {
		return g.narration(a)
	}
	for _, q := range g.quotes(a) {
		if q.surname == "" {
			continue
		}
		words := normalize.Words(text[q.inner.Start:q.inner.End])
		for i := range words {
			words[i].Start += q.inner.Start
			words[i].End += q.inner.Start
		}
		n := len(words)
		if n < 5 || q.inner.End-q.inner.Start > 4000 {
			continue
		}
		if kind != KindExact && kind != KindOtherSpeaker && hasEllipsis(text[q.inner.Start:q.inner.End]) {
			continue // an ellipsis in the claim would ask for an elided match
		}
		base := Claim{Speaker: q.surname, SourceID: a.Source.ID, GoldSpeaker: q.gold}
		switch kind {
		case KindExact:
			if !q.whole {
				continue
			}
			c := base
			c.Quote, c.Start, c.End = text[q.inner.Start:q.inner.End], q.inner.Start, q.inner.End
			out = append(out, c)
		case KindFragment:
			if n < 8 {
				continue
			}
			l := 6 + g.rng.IntN(min(12, n-1)-6+1)
			s := g.rng.IntN(n - l + 1)
			c := base
			c.Start, c.End = words[s].Start, words[s+l-1].End
			c.Quote = text[c.Start:c.End]
			out = append(out, c)
		case KindSwapped, KindInserted:
			if n < 6 {
				continue
			}
			s, l := 0, n
			if n > 30 {
				l = 12 + g.rng.IntN(14)
				s = g.rng.IntN(n - l + 1)
			}
			win := words[s : s+l]
			c := base
			c.Start, c.End = win[0].Start, win[l-1].End
			var ok bool
			if kind == KindSwapped {
				c.Quote, ok = g.swap(text, win)
			} else {
				c.Quote, ok = g.insert(text, win)
			}
			if ok {
				out = append(out, c)
			}
		case KindOtherSpeaker:
			if !q.whole {
				continue
			}
			other := g.otherSpeaker(a, q)
			if other == "" {
				continue
			}
			c := base
			c.Speaker = other
			c.Quote, c.Start, c.End = text[q.inner.Start:q.inner.End], q.inner.Start, q.inner.End
			out = append(out, c)
		}
	}
	return out
}

// otherSpeaker picks another named source of the article who neither
// relays the quote nor shares a name with its speaker.
func (g *gen) otherSpeaker(a *Article, q quote) string {
	var names []string
	seen := map[string]bool{normalize.Key(q.surname): true}
	goldKey := " " + normalize.Key(q.gold) + " "
	relayers := map[string]bool{}
	for i := range a.Attributions {
		b := &a.Attributions[i]
		if b == q.at || len(b.Source) == 0 {
			continue
		}
		sn, ok := surname(textOf(a.Source.Text, b.Source))
		if !ok {
			continue
		}
		for _, r := range b.Content {
			if r.Start < q.inner.End && q.inner.Start < r.End {
				relayers[normalize.Key(sn)] = true
			}
		}
	}
	for i := range a.Attributions {
		b := &a.Attributions[i]
		sn, ok := surname(textOf(a.Source.Text, b.Source))
		if !ok {
			continue
		}
		l := normalize.Key(sn)
		if seen[l] || relayers[l] || strings.Contains(goldKey, " "+l+" ") {
			continue
		}
		seen[l] = true
		names = append(names, sn)
	}
	if len(names) == 0 {
		return ""
	}
	return names[g.rng.IntN(len(names))]
}

// notIndexed returns the direct quotations and the indirect contents of a
// held-out article as claims.
func (g *gen) notIndexed(a *Article) (direct, indirect []Claim) {
	text := a.Source.Text
	for _, q := range g.quotes(a) {
		n := len(normalize.Words(text[q.inner.Start:q.inner.End]))
		if n < 6 || q.inner.End-q.inner.Start > 4000 {
			continue
		}
		direct = append(direct, Claim{Quote: text[q.inner.Start:q.inner.End], Speaker: q.surname, SourceID: a.Source.ID,
			Start: q.inner.Start, End: q.inner.End, GoldSpeaker: q.gold})
	}
	for _, at := range a.Attributions {
		if len(at.Content) != 1 {
			continue
		}
		r := at.Content[0]
		s := text[r.Start:r.End]
		if hasQuoteMark(s) {
			continue
		}
		n := len(normalize.Words(s))
		if n < 8 || n > 40 {
			continue
		}
		sn, _ := surname(textOf(text, at.Source))
		indirect = append(indirect, Claim{Quote: strings.TrimSpace(s), Speaker: sn, SourceID: a.Source.ID, Start: r.Start, End: r.End,
			GoldSpeaker: textOf(text, at.Source)})
	}
	return direct, indirect
}

// narration returns the article's sentences that no annotation touches.
func (g *gen) narration(a *Article) []Claim {
	text := a.Source.Text
	speaker := ""
	for _, at := range a.Attributions {
		if sn, ok := surname(textOf(text, at.Source)); ok {
			speaker = sn
			break
		}
	}
	var out []Claim
	for _, s := range sentences(text) {
		if s.Start == 0 {
			continue // the headline line
		}
		if overlapsAny(s, a.Annotated) {
			continue
		}
		t := text[s.Start:s.End]
		if hasQuoteMark(t) || strings.ContainsRune(t, ':') {
			continue
		}
		if n := len(normalize.Words(t)); n < 8 || n > 40 {
			continue
		}
		out = append(out, Claim{Quote: t, Speaker: speaker, SourceID: a.Source.ID, Start: s.Start, End: s.End})
	}
	return out
}

func overlapsAny(r Range, rs []Range) bool {
	for _, x := range rs {
		if x.Start < r.End && r.Start < x.End {
			return true
		}
	}
	return false
}

// sentences splits text at line breaks and at '.', '!' or '?' followed by
// a space and a capital letter or digit. The first sentence of the text
// starts at 0 only if the text does not start with a space.
func sentences(text string) []Range {
	var out []Range
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && isSpaceByte(text[s]) {
			s++
		}
		for e > s && isSpaceByte(text[e-1]) {
			e--
		}
		if e > s {
			out = append(out, Range{s, e})
		}
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\n' {
			emit(i)
			start = i + 1
			continue
		}
		if (c == '.' || c == '!' || c == '?') && i+2 < len(text) && text[i+1] == ' ' {
			r, _ := utf8.DecodeRuneInString(text[i+2:])
			if unicode.IsUpper(r) || unicode.IsDigit(r) {
				if c == '.' && abbrevBefore(text[start:i]) {
					continue
				}
				emit(i + 1)
				start = i + 1
			}
		}
	}
	emit(len(text))
	return out
}

// abbrevBefore reports whether s ends with a title or an initial that a
// full stop does not end a sentence after.
func abbrevBefore(s string) bool {
	j := strings.LastIndexAny(s, " \n(") + 1
	w := s[j:]
	switch w {
	case "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "St", "Jr", "Sr", "Prof", "Rev", "Capt", "Maj", "Adm", "Pres", "Lt. Gen", "U.S", "D.C", "vs", "No", "Inc", "Co", "Corp", "Jan", "Feb", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec":
		return true
	}
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && unicode.IsUpper(r) || strings.Count(w, ".") > 0
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

const doubleMarks = "\"“”«»„‟"

func hasQuoteMark(s string) bool {
	if strings.ContainsAny(s, doubleMarks+"‘") {
		return true
	}
	// A single mark that is not an apostrophe inside a word.
	for i, r := range s {
		if r != '’' && r != '\'' {
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
		if !unicode.IsLetter(before) || !unicode.IsLetter(after) {
			// users' rights is an apostrophe too: a letter before and a
			// space after, after an s.
			if before == 's' && (after == ' ' || after == utf8.RuneError) {
				continue
			}
			return true
		}
	}
	return false
}

// quotedInner returns the range inside the quotation marks of a content
// piece that is one whole quotation: it starts with a double mark, ends with
// one (perhaps followed by punctuation) and holds no other.
func quotedInner(text string, r Range) (Range, bool) {
	s, e := r.Start, r.End
	for s < e && isSpaceByte(text[s]) {
		s++
	}
	for e > s && (isSpaceByte(text[e-1]) || strings.IndexByte(".,;:", text[e-1]) >= 0) {
		e--
	}
	if e <= s {
		return Range{}, false
	}
	first, fs := utf8.DecodeRuneInString(text[s:e])
	last, ls := utf8.DecodeLastRuneInString(text[s:e])
	if !strings.ContainsRune(doubleMarks, first) || !strings.ContainsRune(doubleMarks, last) || first == '”' || last == '“' || e-s <= fs+ls {
		return Range{}, false
	}
	in := Range{s + fs, e - ls}
	if strings.ContainsAny(text[in.Start:in.End], doubleMarks) {
		return Range{}, false
	}
	for in.Start < in.End && isSpaceByte(text[in.Start]) {
		in.Start++
	}
	for in.End > in.Start && isSpaceByte(text[in.End-1]) {
		in.End--
	}
	return in, in.End > in.Start
}

var pronouns = map[string]bool{"he": true, "she": true, "they": true, "i": true, "we": true, "you": true, "it": true, "him": true, "her": true, "them": true, "who": true, "one": true, "some": true, "others": true}

// surname returns the last word of a gold source when the source is a
// name: "Retired Lt. Gen. Michael Flynn" gives Flynn; "he", "the
// Republican nominee", "Trump and Clinton" and "Donald Trump Jr." give
// nothing.
func surname(src string) (string, bool) {
	// Drop parentheticals: "Sen. Ted Cruz (R-Texas)".
	for {
		i := strings.IndexByte(src, '(')
		j := strings.IndexByte(src, ')')
		if i < 0 || j < i {
			break
		}
		src = src[:i] + src[j+1:]
	}
	fields := strings.Fields(src)
	if len(fields) == 0 || len(fields) > 8 {
		return "", false
	}
	if org, ok := orgName(fields); ok {
		return org, true
	}
	// "Mr. Morgan of the Sierra Club", "Charles B. Rangel of New York":
	// the person is before "of".
	for i, f := range fields {
		if f == "of" && i > 0 {
			fields = fields[:i]
			break
		}
	}
	switch strings.ToLower(strings.Trim(fields[0], ".,")) {
	case "the", "a", "an", "his", "her", "their", "its", "our", "my", "some", "many", "both":
		return "", false
	}
	for _, f := range fields {
		if l := strings.ToLower(f); l == "and" || l == "&" || l == "or" || strings.HasSuffix(f, ",") {
			return "", false
		}
	}
	last := strings.TrimRight(fields[len(fields)-1], ".,;:")
	for _, suf := range []string{"'s", "’s", "’", "'"} {
		last = strings.TrimSuffix(last, suf)
	}
	switch last {
	case "Jr", "Sr", "II", "III", "IV", "":
		return "", false
	}
	r, _ := utf8.DecodeRuneInString(last)
	if !unicode.IsUpper(r) || pronouns[strings.ToLower(last)] {
		return "", false
	}
	for _, c := range last {
		if !unicode.IsLetter(c) && c != '-' && c != '\'' && c != '’' {
			return "", false
		}
	}
	return last, true
}

// orgWords end the names of organisations, which are claimed by their
// whole name ("Fox News", "White House"), not by their last word.
var orgWords = toSet(`News Times Post Journal Party Committee Campaign Department House Association Foundation Institute
University Council Center Network Press Agency Bureau Administration Commission Group PAC Fund Court Senate Congress
Service Office Organization Coalition Union Club Caucus Project Alliance Media Magazine Review Reuters Police Company`)

// orgName returns the name of an organisation source: capitalised words
// (perhaps after "the", with "of" and "for" inside) ending with an
// organisation word.
func orgName(fields []string) (string, bool) {
	if strings.EqualFold(fields[0], "the") {
		fields = fields[1:]
	}
	if len(fields) == 0 {
		return "", false
	}
	last := strings.TrimRight(fields[len(fields)-1], ".,;:")
	for _, suf := range []string{"'s", "’s", "’", "'"} {
		last = strings.TrimSuffix(last, suf)
	}
	if !orgWords[last] {
		return "", false
	}
	for _, f := range fields[:len(fields)-1] {
		r, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsUpper(r) && f != "of" && f != "for" {
			return "", false
		}
	}
	return strings.Join(append(append([]string(nil), fields[:len(fields)-1]...), last), " "), true
}

func toSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// swaps are plausible replacements a misquotation makes: near synonyms,
// opposites, changed tense or modality.
var swaps = map[string][]string{
	"important": {"crucial", "vital"}, "great": {"good", "huge"}, "good": {"great", "fine"}, "bad": {"terrible", "poor"},
	"big": {"huge", "large"}, "never": {"always", "rarely"}, "always": {"never", "often"}, "will": {"would", "can"},
	"would": {"will", "could"}, "can": {"will", "could"}, "could": {"would", "can"}, "should": {"must", "would"},
	"must": {"should", "will"}, "more": {"less", "fewer"}, "less": {"more"}, "most": {"least", "best"}, "very": {"really", "so"},
	"really": {"very", "truly"}, "everyone": {"everybody", "nobody"}, "nobody": {"everyone"}, "people": {"voters", "Americans"},
	"country": {"nation", "world"}, "nation": {"country"}, "believe": {"think", "know"}, "think": {"believe", "know"},
	"know": {"think", "believe"}, "want": {"need", "wish"}, "need": {"want", "have"}, "said": {"says", "stated"},
	"is": {"was"}, "was": {"is"}, "are": {"were"}, "were": {"are"}, "has": {"had"}, "had": {"has"}, "have": {"had"},
	"best": {"worst", "greatest"}, "worst": {"best"}, "new": {"old", "fresh"}, "all": {"most", "many"}, "many": {"most", "some"},
	"some": {"many", "few"}, "win": {"lose"}, "lose": {"win"}, "true": {"false", "real"}, "false": {"true"}, "right": {"wrong"},
	"wrong": {"right"}, "support": {"oppose", "back"}, "oppose": {"support"}, "first": {"last", "only"}, "last": {"first"},
	"up": {"down"}, "down": {"up"}, "against": {"for"}, "before": {"after"}, "after": {"before"}, "women": {"men"}, "men": {"women"},
	"today": {"yesterday", "now"}, "now": {"today", "then"}, "strong": {"weak", "tough"}, "weak": {"strong"}, "every": {"each", "any"},
	"million": {"billion"}, "billion": {"million", "trillion"}, "percent": {"points"}, "years": {"months"}, "year": {"month"},
	"president": {"leader"}, "America": {"Washington"}, "American": {"national"}, "government": {"administration"},
}

var stop = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "to": true, "in": true, "and": true, "or": true, "that": true, "it": true,
	"on": true, "for": true, "with": true, "as": true, "at": true, "by": true, "this": true, "we": true, "he": true, "she": true,
	"they": true, "i": true, "you": true, "be": true, "not": true, "but": true, "from": true, "his": true, "her": true, "their": true,
	"our": true, "its": true, "if": true, "so": true, "do": true, "what": true, "who": true, "which": true, "there": true,
}

// swap replaces one content word of win: from the swaps table when the
// window has such a word, else by a corpus word of the same ending.
func (g *gen) swap(text string, win []normalize.Word) (string, bool) {
	var table, content []int
	for i, w := range win {
		if _, ok := swaps[w.Norm]; ok {
			table = append(table, i)
		}
		if !stop[w.Norm] && len(w.Norm) >= 3 && isAlpha(w.Norm) {
			content = append(content, i)
		}
	}
	var at int
	var repl string
	switch {
	case len(table) > 0 && g.rng.IntN(3) > 0:
		at = table[g.rng.IntN(len(table))]
		opts := swaps[win[at].Norm]
		repl = opts[g.rng.IntN(len(opts))]
	case len(content) > 0:
		at = content[g.rng.IntN(len(content))]
		words := g.vocab[suffixClass(win[at].Norm)]
		if len(words) == 0 {
			return "", false
		}
		for try := 0; try < 10; try++ {
			repl = words[g.rng.IntN(len(words))]
			if repl != win[at].Norm {
				break
			}
		}
		if repl == win[at].Norm {
			return "", false
		}
	default:
		return "", false
	}
	orig := text[win[at].Start:win[at].End]
	repl = matchCase(orig, repl)
	return text[win[0].Start:win[at].Start] + repl + text[win[at].End:win[len(win)-1].End], true
}

var insertions = []string{"not", "very", "really", "never", "also", "just", "all", "only", "still", "always", "now", "clearly", "certainly", "totally", "even", "absolutely"}

// insert adds one word between two words of win.
func (g *gen) insert(text string, win []normalize.Word) (string, bool) {
	if len(win) < 2 {
		return "", false
	}
	at := 1 + g.rng.IntN(len(win)-1)
	w := insertions[g.rng.IntN(len(insertions))]
	if win[at-1].Norm == w || win[at].Norm == w || !strings.ContainsAny(text[win[at-1].End:win[at].Start], " \n") {
		return "", false // never inside a hyphenated word
	}
	return text[win[0].Start:win[at].Start] + w + " " + text[win[at].Start:win[len(win)-1].End], true
}

func hasEllipsis(s string) bool { return strings.Contains(s, "...") || strings.Contains(s, "…") }

func isAlpha(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func suffixClass(w string) string {
	for _, s := range []string{"ing", "ed", "ly", "tion", "s"} {
		if strings.HasSuffix(w, s) {
			return s
		}
	}
	return ""
}

func matchCase(orig, repl string) string {
	r, _ := utf8.DecodeRuneInString(orig)
	if unicode.IsUpper(r) {
		q, size := utf8.DecodeRuneInString(repl)
		return string(unicode.ToUpper(q)) + repl[size:]
	}
	return repl
}

// buildVocab collects the lower-case content words of every gold content,
// by suffix class, in sorted order so that picks are reproducible.
func buildVocab(arts []Article) map[string][]string {
	seen := map[string]bool{}
	out := map[string][]string{}
	for _, a := range arts {
		for _, at := range a.Attributions {
			for _, r := range at.Content {
				for _, w := range normalize.Words(a.Source.Text[r.Start:r.End]) {
					t := a.Source.Text[r.Start+w.Start : r.Start+w.End]
					if seen[w.Norm] || stop[w.Norm] || len(w.Norm) < 4 || !isAlpha(w.Norm) || t != w.Norm {
						continue
					}
					seen[w.Norm] = true
					c := suffixClass(w.Norm)
					out[c] = append(out[c], w.Norm)
				}
			}
		}
	}
	for _, ws := range out {
		sort.Strings(ws)
	}
	return out
}
