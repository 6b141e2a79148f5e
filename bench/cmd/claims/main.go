// Command claims builds a fact-checker-like claims workload from PolNeAR's
// dev gold attributions (brat standoff .ann files; offsets count Unicode
// code points into the .txt). Kinds:
//
//   - exact: the words inside the quotation marks of a gold Content span,
//     claimed for the Source's surname (or no speaker where the Source is a
//     pronoun or a description)
//   - fragment: a run of about half of those words
//   - swapped: one word replaced by another
//   - inserted: one word added
//   - reworded: two or three words replaced
//   - unattested: a sentence from a text that is not indexed (a PDNC novel)
//     or a dev quotation with its words scrambled
//
// Every claim but unattested records the source it comes from
// (polnear:<name>), so the load generator can check that it comes first.
// Only the dev split is read (never test).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/verbatim/verbatim/bench/internal/jsonl"
)

func main() {
	data := flag.String("data", "../shared/data", "the shared data folder")
	out := flag.String("out", "", "claims .jsonl to write (required)")
	corpus := flag.String("corpus", "", "corpus .jsonl file or folder: use only the dev articles it holds (default: all dev articles)")
	perKind := flag.Int("per-kind", 150, "at most N claims of each kind (0: all)")
	minWords := flag.Int("min-words", 6, "shortest quotation (in words) to build claims from")
	seed := flag.Int64("seed", 6, "random seed (the workload is deterministic for a seed)")
	flag.Parse()
	if *out == "" {
		fatal("--out is required")
	}
	var inCorpus map[string]bool
	if *corpus != "" {
		inCorpus = map[string]bool{}
		err := jsonl.Each([]string{*corpus}, func(s *struct {
			ID string `json:"id"`
		}) error {
			if strings.HasPrefix(s.ID, "polnear:") {
				inCorpus[s.ID] = true
			}
			return nil
		})
		if err != nil {
			fatal("read corpus: %v", err)
		}
	}
	dev := filepath.Join(*data, "polnear", "data", "dev")
	quotes, err := devQuotes(dev, inCorpus, *minWords)
	if err != nil {
		fatal("%v", err)
	}
	if len(quotes) == 0 {
		fatal("no dev quotations found (is the corpus missing PolNeAR dev articles?)")
	}
	rng := rand.New(rand.NewSource(*seed))
	rng.Shuffle(len(quotes), func(i, j int) { quotes[i], quotes[j] = quotes[j], quotes[i] })

	byKind := map[string][]jsonl.Claim{}
	add := func(c jsonl.Claim) {
		if *perKind > 0 && len(byKind[c.Kind]) >= *perKind {
			return
		}
		byKind[c.Kind] = append(byKind[c.Kind], c)
	}
	for i, q := range quotes {
		toks := strings.Fields(q.text)
		n := len(toks)
		base := jsonl.Claim{Speaker: q.speaker, Expected: q.source, Original: q.text, Origin: q.origin}
		c := base
		c.Kind, c.Quote = "exact", q.text
		add(c)
		if n >= 10 {
			k := max(5, n/2)
			at := 1 + rng.Intn(n-k)
			c = base
			c.Kind, c.Quote = "fragment", strings.Join(toks[at:at+k], " ")
			add(c)
		}
		if s, ok := replaceWords(toks, 1, rng); ok {
			c = base
			c.Kind, c.Quote = "swapped", s
			add(c)
		}
		if n >= 5 {
			at := 1 + rng.Intn(n-1)
			w := fillers[rng.Intn(len(fillers))]
			t := append(append(append([]string{}, toks[:at]...), w), toks[at:]...)
			c = base
			c.Kind, c.Quote = "inserted", strings.Join(t, " ")
			add(c)
		}
		if n >= 10 {
			k := 2
			if n >= 14 {
				k = 3
			}
			if s, ok := replaceWords(toks, k, rng); ok {
				c = base
				c.Kind, c.Quote = "reworded", s
				add(c)
			}
		}
		if i%2 == 0 && n >= 8 {
			// Scramble the words (never an ellipsis, which would make the
			// claim an elided one whose parts may well be found).
			var t []string
			for _, w := range toks {
				if strings.Trim(w, ".…") != "" {
					t = append(t, w)
				}
			}
			orig := strings.Join(t, " ")
			for tries := 0; tries < 5; tries++ {
				rng.Shuffle(len(t), func(a, b int) { t[a], t[b] = t[b], t[a] })
				if strings.Join(t, " ") != orig {
					break
				}
			}
			add(jsonl.Claim{Kind: "unattested", Quote: strings.Join(t, " "), Speaker: q.speaker, Original: q.text, Origin: q.origin + " scrambled"})
		}
	}
	for _, s := range novelSentences(filepath.Join(*data, "pdnc", "data"), rng, max(*perKind, 200)) {
		add(jsonl.Claim{Kind: "unattested", Quote: s.text, Origin: s.origin})
	}
	// Interleave the kinds, so a run bounded in requests sees all of them.
	w, err := jsonl.Create(*out)
	if err != nil {
		fatal("%v", err)
	}
	counts := map[string]int{}
	seen := map[string]bool{}
	for i := 0; ; i++ {
		more := false
		for _, k := range jsonl.Kinds {
			l := byKind[k]
			if i >= len(l) {
				continue
			}
			more = true
			c := l[i]
			key := c.Kind + "\x00" + c.Quote
			if seen[key] {
				continue
			}
			seen[key] = true
			c.N = w.N
			counts[k]++
			if err := w.Write(c); err != nil {
				fatal("%v", err)
			}
		}
		if !more {
			break
		}
	}
	if err := w.Close(); err != nil {
		fatal("%v", err)
	}
	var parts []string
	for _, k := range jsonl.Kinds {
		parts = append(parts, fmt.Sprintf("%s %d", k, counts[k]))
	}
	fmt.Fprintf(os.Stderr, "claims: %d claims from %d dev quotations (%s) -> %s\n", w.N, len(quotes), strings.Join(parts, ", "), *out)
}

func fatal(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "claims: "+format+"\n", a...)
	os.Exit(1)
}

// Words used to replace or insert: common, so that a reworded claim reads
// like a plausible misquote rather than noise.
var fillers = []string{"really", "very", "never", "always", "just", "certainly", "truly", "simply", "clearly", "also", "still", "now", "totally", "actually", "absolutely"}

var replacements = []string{"people", "country", "government", "money", "problem", "plan", "world", "party", "great", "bad", "good", "strong", "weak", "wrong", "right", "never", "always", "nobody", "everyone", "today", "tomorrow", "believe", "know", "think", "want", "need", "build", "stop", "win", "lose", "fight", "help", "change", "future", "system", "economy", "jobs", "families", "leaders", "voters"}

// replaceWords replaces k distinct interior words (with at least four
// letters) by other words. It keeps any punctuation attached to a word.
func replaceWords(toks []string, k int, rng *rand.Rand) (string, bool) {
	var cand []int
	for i := 1; i < len(toks)-1; i++ {
		if letters(toks[i]) >= 4 {
			cand = append(cand, i)
		}
	}
	if len(toks) < 6 || len(cand) < k {
		return "", false
	}
	rng.Shuffle(len(cand), func(a, b int) { cand[a], cand[b] = cand[b], cand[a] })
	t := append([]string{}, toks...)
	for _, i := range cand[:k] {
		core := strings.TrimFunc(t[i], func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
		var w string
		for tries := 0; tries < 10; tries++ {
			w = replacements[rng.Intn(len(replacements))]
			if !strings.EqualFold(w, core) && !strings.Contains(strings.ToLower(strings.Join(toks, " ")), " "+w+" ") {
				break
			}
		}
		if core == "" {
			t[i] = w
		} else {
			t[i] = strings.Replace(t[i], core, w, 1)
		}
	}
	return strings.Join(t, " "), true
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

type quote struct {
	text, speaker, source, origin string
}

type span struct{ start, end int }

type tb struct {
	typ   string
	spans []span
}

var reTLine = regexp.MustCompile(`^T\d+\t`)
var reELine = regexp.MustCompile(`^E\d+\t`)

// devQuotes reads each dev article's first .ann file and returns the
// quoted words of every gold Content span that has quotation marks.
func devQuotes(dev string, inCorpus map[string]bool, minWords int) ([]quote, error) {
	anns, err := filepath.Glob(filepath.Join(dev, "attributions", "*.ann"))
	if err != nil {
		return nil, err
	}
	if len(anns) == 0 {
		return nil, fmt.Errorf("no .ann files in %s", filepath.Join(dev, "attributions"))
	}
	sort.Strings(anns)
	done := map[string]bool{}
	var out []quote
	for _, ann := range anns {
		base := strings.TrimSuffix(filepath.Base(ann), ".ann")
		i := strings.LastIndex(base, "_")
		if i < 0 {
			continue
		}
		name := base[:i]
		if done[name] {
			continue // one annotator's file per article
		}
		id := "polnear:" + name
		if inCorpus != nil && !inCorpus[id] {
			continue
		}
		tb, err := os.ReadFile(filepath.Join(dev, "text", name+".txt"))
		if err != nil {
			continue
		}
		done[name] = true
		runes := []rune(string(tb))
		qs, err := readAnn(ann, runes)
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			if len(strings.Fields(q.text)) < minWords || len(q.text) > 3000 {
				continue
			}
			q.source = id
			out = append(out, q)
		}
	}
	return out, nil
}

func readAnn(path string, text []rune) ([]quote, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ts := map[string]tb{}
	var es []map[string]string
	var eids []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case reTLine.MatchString(line):
			c := strings.SplitN(line, "\t", 3)
			if len(c) < 2 {
				continue
			}
			typ, rest, ok := strings.Cut(c[1], " ")
			if !ok {
				continue
			}
			var sp []span
			good := true
			for _, p := range strings.Split(rest, ";") {
				ab := strings.Fields(p)
				if len(ab) != 2 {
					good = false
					break
				}
				a, e1 := strconv.Atoi(ab[0])
				b, e2 := strconv.Atoi(ab[1])
				if e1 != nil || e2 != nil || a < 0 || b > len(text) || a > b {
					good = false
					break
				}
				sp = append(sp, span{a, b})
			}
			if good {
				ts[c[0]] = tb{typ: typ, spans: sp}
			}
		case reELine.MatchString(line):
			c := strings.SplitN(line, "\t", 2)
			if len(c) < 2 {
				continue
			}
			m := map[string]string{}
			for _, kv := range strings.Fields(c[1]) {
				k, v, ok := strings.Cut(kv, ":")
				if ok {
					m[k] = v
				}
			}
			es = append(es, m)
			eids = append(eids, c[0])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []quote
	for i, e := range es {
		ct, ok := ts[e["Content"]]
		if !ok || ct.typ != "Content" {
			continue
		}
		st, hasSrc := ts[e["Source"]]
		speaker := ""
		if hasSrc {
			speaker = surname(sub(text, st.spans[0]))
		}
		for _, sp := range ct.spans {
			// Widen by one character each side so marks just outside the
			// span count.
			w := span{max(0, sp.start-1), min(len(text), sp.end+1)}
			if q := longestQuoted(sub(text, w)); q != "" {
				out = append(out, quote{text: q, speaker: speaker, origin: filepath.Base(path) + " " + eids[i]})
				break
			}
		}
	}
	return out, nil
}

func sub(text []rune, s span) string { return string(text[s.start:s.end]) }

var reQuoted = regexp.MustCompile(`“([^“”]+)”|"([^"]+)"`)

// longestQuoted returns the longest run of words inside double quotation
// marks, trimmed.
func longestQuoted(s string) string {
	best := ""
	for _, m := range reQuoted.FindAllStringSubmatch(s, -1) {
		q := m[1]
		if q == "" {
			q = m[2]
		}
		q = strings.TrimSpace(q)
		if len(strings.Fields(q)) > len(strings.Fields(best)) {
			best = q
		}
	}
	return best
}

var notNames = map[string]bool{"The": true, "A": true, "An": true, "He": true, "She": true, "It": true, "They": true, "We": true, "I": true, "You": true, "His": true, "Her": true, "Their": true, "Its": true, "This": true, "That": true, "These": true, "Those": true, "Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Sen": true, "Gov": true, "Rep": true, "President": true, "Republican": true, "Democratic": true, "Democrat": true, "Democrats": true, "Republicans": true, "GOP": true, "Some": true, "Many": true, "One": true, "Both": true, "Others": true, "Officials": true, "Aides": true}

// surname is the last capitalised word of a Source span that is not a
// pronoun, an article or a title; "" when there is none ("he", "aides").
func surname(s string) string {
	best := ""
	for _, f := range strings.Fields(s) {
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
		for _, suf := range []string{"’s", "'s"} {
			if i := strings.Index(f, suf); i > 0 {
				w = strings.TrimFunc(f[:i], func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
			}
		}
		if w == "" || !unicode.IsUpper([]rune(w)[0]) || notNames[w] {
			continue
		}
		best = w
	}
	return best
}

type sentence struct{ text, origin string }

var reSentence = regexp.MustCompile(`[^.!?]+[.!?]`)

// novelSentences picks n plain sentences (8-25 words, no quotation marks)
// spread over the PDNC novels, which are not in the corpus.
func novelSentences(dir string, rng *rand.Rand, n int) []sentence {
	novels, _ := filepath.Glob(filepath.Join(dir, "*", "novel_text.txt"))
	sort.Strings(novels)
	if len(novels) == 0 {
		return nil
	}
	per := n/len(novels) + 1
	var out []sentence
	for _, p := range novels {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		var pool []string
		for _, s := range reSentence.FindAllString(string(b), -1) {
			s = strings.Join(strings.Fields(s), " ")
			nw := len(strings.Fields(s))
			if nw < 8 || nw > 25 || strings.ContainsAny(s, "\"“”‘’'_*[]") {
				continue
			}
			pool = append(pool, s)
		}
		rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
		for i := 0; i < per && i < len(pool); i++ {
			out = append(out, sentence{text: pool[i], origin: "pdnc:" + filepath.Base(filepath.Dir(p))})
		}
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	if len(out) > n {
		out = out[:n]
	}
	return out
}
