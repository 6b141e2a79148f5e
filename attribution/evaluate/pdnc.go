package evaluate

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/attribution"
)

// PDNCType holds the figures of one PDNC quote type.
type PDNCType struct {
	Gold, Found  int // quotations, and those Extract found
	SpeakerRight int // found quotations whose speaker is right
	SpeakerNamed int // found quotations with any speaker
	// SpeakerLoose counts the found quotations whose speaker is right by
	// the secondary, looser reading of pdncLoose (a full name for an alias
	// that is part of it); it includes SpeakerRight.
	SpeakerLoose         int
	Skipped              int // gold quotations whose offsets did not check out
	foundNoSpk, wrongSpk []string
}

// Recall is the share of gold quotations found.
func (t *PDNCType) Recall() float64 { return ratio(t.Found, t.Gold) }

// Accuracy is the share of found quotations attributed to the right character.
func (t *PDNCType) Accuracy() float64 { return ratio(t.SpeakerRight, t.Found) }

// LooseAccuracy is the secondary figure: the share of found quotations
// attributed to the right character by pdncLoose.
func (t *PDNCType) LooseAccuracy() float64 { return ratio(t.SpeakerLoose, t.Found) }

// PDNCReport holds the figures of one run on PDNC, by quote type
// (Explicit, Anaphoric, Implicit).
type PDNCReport struct {
	Novels int
	Bytes  int
	Types  map[string]*PDNCType
	errors []string
}

// EvalPDNC runs Extract on every novel under root/data and scores quotation
// recall and speaker accuracy by quote type. A gold quotation is found when a
// predicted quotation overlaps it by at least half of the shorter span (one to
// one, greedy by overlap); its speaker is right when the predicted speaker's
// name or mention is the gold character's main name or one of its aliases
// (case aside). Offsets in quoteByteSpans are checked against the novel's text,
// as code points first and then as bytes; quotations that match neither are
// skipped and counted.
func EvalPDNC(root string, opt Options) (*PDNCReport, error) {
	novels, err := LoadPDNC(root, opt.PDNCFrom, opt.PDNCTo)
	if err != nil {
		return nil, err
	}
	r := &PDNCReport{Types: map[string]*PDNCType{}}
	for _, n := range novels {
		r.Novels++
		r.Bytes += len(n.Text)
		r.scoreNovel(n, opt)
	}
	return r, nil
}

// PDNCNovel is one PDNC novel: its text, its gold quotations whose offsets
// check out (in text order) and its characters' names.
type PDNCNovel struct {
	Name    string
	Text    string
	Quotes  []PDNCQuote
	Skipped map[string]int // gold quotations by type whose offsets did not check out
	aliases map[string]map[string]bool
}

// PDNCQuote is one gold quotation of a novel.
type PDNCQuote struct {
	segs    []seg
	Type    string // Explicit, Anaphoric or Implicit
	Speaker string // the gold character, as the speaker column writes it
}

// LoadPDNC reads the novels under root/data in alphabetical order of their
// directories, only [from, to) of them when to > 0 (0:16 tuned on, 16:24
// held out).
func LoadPDNC(root string, from, to int) ([]*PDNCNovel, error) {
	dirs, err := filepath.Glob(filepath.Join(root, "data", "*"))
	if err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	sort.Strings(dirs)
	if to > 0 {
		lo, hi := max(from, 0), min(to, len(dirs))
		if lo >= hi {
			return nil, fmt.Errorf("evaluate: no PDNC novels in range %d:%d of %d", from, to, len(dirs))
		}
		dirs = dirs[lo:hi]
	}
	var out []*PDNCNovel
	for _, dir := range dirs {
		text, err := os.ReadFile(filepath.Join(dir, "novel_text.txt"))
		if err != nil {
			continue
		}
		qrows, err := readCSV(filepath.Join(dir, "quotation_info.csv"))
		if err != nil {
			return nil, err
		}
		crows, err := readCSV(filepath.Join(dir, "character_info.csv"))
		if err != nil {
			return nil, err
		}
		out = append(out, newPDNCNovel(filepath.Base(dir), string(text), qrows, crows))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("evaluate: no PDNC novels under %s", root)
	}
	return out, nil
}

func readCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("evaluate: %s: %w", path, err)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	out := make([]map[string]string, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			if i < len(rec) {
				m[h] = rec[i]
			}
		}
		out = append(out, m)
	}
	return out, nil
}

// pyStrings extracts the quoted strings of a Python list or set literal.
func pyStrings(s string) []string {
	var out []string
	for i := 0; i < len(s); i++ {
		q := s[i]
		if q != '\'' && q != '"' {
			continue
		}
		var sb strings.Builder
		j := i + 1
		for ; j < len(s) && s[j] != q; j++ {
			if s[j] == '\\' && j+1 < len(s) {
				j++
				switch s[j] {
				case 'n':
					sb.WriteByte('\n')
				default:
					sb.WriteByte(s[j])
				}
				continue
			}
			sb.WriteByte(s[j])
		}
		out = append(out, sb.String())
		i = j
	}
	return out
}

// pySpans parses "[[395, 414], [447, 499]]".
func pySpans(s string) [][2]int {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == '[' || r == ']' || r == ',' || r == ' ' })
	var out [][2]int
	for i := 0; i+1 < len(f); i += 2 {
		a, e1 := strconv.Atoi(f[i])
		b, e2 := strconv.Atoi(f[i+1])
		if e1 == nil && e2 == nil {
			out = append(out, [2]int{a, b})
		}
	}
	return out
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// newPDNCNovel reads a novel's quotation and character tables, checking
// each quotation's offsets against the text, as code points first and then
// as bytes.
func newPDNCNovel(name, text string, qrows, crows []map[string]string) *PDNCNovel {
	n := &PDNCNovel{Name: name, Text: text, Skipped: map[string]int{}}
	aliases := map[string]map[string]bool{} // main name → aliases (lower case)
	for _, c := range crows {
		main := c["Main Name"]
		set := map[string]bool{strings.ToLower(main): true}
		for _, a := range pyStrings(c["Aliases"]) {
			set[strings.ToLower(strings.TrimSpace(a))] = true
		}
		aliases[main] = set
	}
	cp := make([]int, 0, len(text)+1)
	for i := range text {
		cp = append(cp, i)
	}
	cp = append(cp, len(text))
	for _, q := range qrows {
		typ := q["quoteType"]
		spans := pySpans(q["quoteByteSpans"])
		subs := pyStrings(q["subQuotationList"])
		if len(spans) == 0 || len(spans) != len(subs) {
			n.Skipped[typ]++
			continue
		}
		check := func(conv func(int) (int, bool)) []seg {
			var out []seg
			for i, sp := range spans {
				s, ok1 := conv(sp[0])
				e, ok2 := conv(sp[1])
				if !ok1 || !ok2 || s > e || squash(text[s:e]) != squash(subs[i]) {
					return nil
				}
				out = append(out, seg{s, e})
			}
			return out
		}
		segs := check(func(i int) (int, bool) {
			if i < 0 || i >= len(cp) {
				return 0, false
			}
			return cp[i], true
		})
		if segs == nil {
			segs = check(func(i int) (int, bool) { return i, i >= 0 && i <= len(text) })
		}
		if segs == nil {
			n.Skipped[typ]++
			continue
		}
		n.Quotes = append(n.Quotes, PDNCQuote{segs, typ, q["speaker"]})
	}
	sort.SliceStable(n.Quotes, func(i, k int) bool { return n.Quotes[i].segs[0].S < n.Quotes[k].segs[0].S })
	n.aliases = aliases
	return n
}

// Match pairs predicted quotation spans (in text order) with the novel's
// gold quotations one to one, greedily by overlap, when the overlap is at
// least half of the shorter span; it maps gold index to predicted index.
func (n *PDNCNovel) Match(starts, ends []int) map[int]int {
	var pairs []pair
	lo := 0
	for gi, g := range n.Quotes {
		gs, ge := g.segs[0].S, g.segs[len(g.segs)-1].E
		for lo < len(starts) && ends[lo] <= gs-20000 {
			lo++
		}
		for pi := lo; pi < len(starts) && starts[pi] < ge; pi++ {
			ov := overlap(starts[pi], ends[pi], g.segs)
			if ov == 0 {
				continue
			}
			if 2*ov >= min(ends[pi]-starts[pi], segLen(g.segs)) {
				pairs = append(pairs, pair{pi, gi, ov})
			}
		}
	}
	sort.SliceStable(pairs, func(i, k int) bool { return pairs[i].ov > pairs[k].ov })
	pm := map[int]bool{}
	gm := map[int]int{}
	for _, p := range pairs {
		if _, done := gm[p.g]; !pm[p.p] && !done {
			pm[p.p] = true
			gm[p.g] = p.p
		}
	}
	return gm
}

// SpeakerRight reports whether a predicted speaker, by its entity name or
// its mention's text, is gold quotation gi's character: its main name or
// one of its aliases, case aside.
func (n *PDNCNovel) SpeakerRight(gi int, name, mention string) bool {
	return pdncRight(&verbatim.Mention{Name: name, Mention: mention}, charAliases(n.aliases, n.Quotes[gi].Speaker))
}

func (r *PDNCReport) scoreNovel(n *PDNCNovel, opt Options) {
	for typ, k := range n.Skipped {
		r.typ(typ).Skipped += k
	}
	for _, g := range n.Quotes {
		r.typ(g.Type).Gold++
	}
	novel, aliases := n.Name, n.aliases
	qs := attribution.ExtractChecked(n.Text)
	starts, ends := make([]int, len(qs)), make([]int, len(qs))
	for i, q := range qs {
		starts[i], ends[i] = q.Start, q.End
	}
	gm := n.Match(starts, ends)
	for gi, g := range n.Quotes {
		pi, ok := gm[gi]
		if !ok {
			continue
		}
		t := r.Types[g.Type]
		t.Found++
		q := qs[pi]
		if q.Speaker == nil {
			if len(r.errors) < opt.Errors {
				r.errors = append(r.errors, fmt.Sprintf("NOSPK %s %s gold=%q %q", novel, g.Type, g.Speaker, clip(q.Text)))
			}
			continue
		}
		t.SpeakerNamed++
		al := charAliases(aliases, g.Speaker)
		right := pdncRight(q.Speaker, al)
		if right {
			t.SpeakerRight++
		}
		if right || pdncLoose(q.Speaker, al, aliases) {
			t.SpeakerLoose++
		}
		if !right && len(r.errors) < opt.Errors {
			r.errors = append(r.errors, fmt.Sprintf("SPK %s %s gold=%q got %q <%s> %q", novel, g.Type, g.Speaker, q.Speaker.Name, q.Speaker.Mention, clip(q.Text)))
		}
	}
}

func (r *PDNCReport) typ(name string) *PDNCType {
	t := r.Types[name]
	if t == nil {
		t = &PDNCType{}
		r.Types[name] = t
	}
	return t
}

// charAliases returns the alias set of the character the gold speaker
// names. The speaker column usually holds a character's main name, but
// sometimes one of its aliases ("Dorian Gray" for the character whose main
// name is "Prince Charming"); then the character whose aliases hold it, if
// only one does.
func charAliases(aliases map[string]map[string]bool, spk string) map[string]bool {
	if al, ok := aliases[spk]; ok {
		return al
	}
	var found map[string]bool
	for _, al := range aliases {
		if al[strings.ToLower(strings.TrimSpace(spk))] {
			if found != nil {
				return nil
			}
			found = al
		}
	}
	return found
}

func pdncRight(m *verbatim.Mention, al map[string]bool) bool {
	if al == nil {
		return false
	}
	for _, s := range []string{m.Name, m.Mention} {
		s = strings.ToLower(squash(s))
		if al[s] {
			return true
		}
		if t := strings.TrimPrefix(s, "the "); al[t] {
			return true
		}
	}
	return false
}

// pdncLoose is the secondary, looser reading of a speaker, for a scoring
// artefact of PDNC: the alias lists often lack the full name the text also
// uses ("Elizabeth Bennet" for the character listed as "Elizabeth", "Lizzy",
// "Miss Eliza"), and Extract names an entity by its fullest name. The
// speaker is right when one of the gold character's names begins the
// predicted name or mention ("Elizabeth" of "Elizabeth Bennet") or the
// prediction is a run of the words of one of them ("Harville" of "Captain
// Harville"), and no other character of the novel matches the prediction
// that way (a predicted "Bennet" matches both Mr. and Mrs. Bennet, so it
// counts for neither).
func pdncLoose(m *verbatim.Mention, al map[string]bool, all map[string]map[string]bool) bool {
	if al == nil {
		return false
	}
	matches := func(set map[string]bool) bool {
		for _, s := range []string{m.Name, m.Mention} {
			p := strings.Fields(strings.TrimPrefix(strings.ToLower(squash(s)), "the "))
			if len(p) == 0 || len(p) == 1 && pronounLike[p[0]] {
				continue
			}
			for a := range set {
				g := strings.Fields(strings.TrimPrefix(a, "the "))
				if wordPrefix(p, g) || wordRun(g, p) {
					return true
				}
			}
		}
		return false
	}
	if !matches(al) {
		return false
	}
	for _, other := range all {
		if !sameSet(other, al) && matches(other) {
			return false
		}
	}
	return true
}

var pronounLike = map[string]bool{"he": true, "she": true, "him": true, "her": true, "they": true, "it": true, "who": true, "i": true, "you": true, "we": true}

// wordPrefix reports whether the words of b begin a.
func wordPrefix(a, b []string) bool {
	if len(b) == 0 || len(b) > len(a) {
		return false
	}
	for k := range b {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

// wordRun reports whether the words of b occur in a as one run.
func wordRun(a, b []string) bool {
	if len(b) == 0 || len(b) > len(a) {
		return false
	}
	for i := 0; i+len(b) <= len(a); i++ {
		ok := true
		for k := range b {
			if a[i+k] != b[k] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// Write prints the report as a table.
func (r *PDNCReport) Write(w io.Writer) {
	fmt.Fprintf(w, "PDNC: %d novels, %.1f MB\n", r.Novels, float64(r.Bytes)/(1<<20))
	fmt.Fprintf(w, "%-10s %7s %7s %9s %9s %8s %9s\n", "type", "gold", "recall", "spk acc", "named", "skipped", "loose acc")
	names := make([]string, 0, len(r.Types))
	for k := range r.Types {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		t := r.Types[k]
		fmt.Fprintf(w, "%-10s %7d %7.3f %9.3f %9d %8d %9.3f\n", k, t.Gold, t.Recall(), t.Accuracy(), t.SpeakerNamed, t.Skipped, t.LooseAccuracy())
	}
	fmt.Fprintln(w, "loose acc (secondary): also right when one of the character's names begins the predicted name (\"Elizabeth\" of \"Elizabeth Bennet\") or the prediction is a run of one of them (\"Harville\" of \"Captain Harville\"), and no other character matches so")
	for _, e := range r.errors {
		fmt.Fprintln(w, e)
	}
}
