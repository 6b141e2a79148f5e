// Package claims measures verification the way a fact-checker's workload
// looks: it builds claims from the gold attributions of PolNeAR (exact
// quotes, fragments, quotes with a word swapped or added, quotes given to
// the wrong person, narration, quotes from articles that are not indexed),
// each with the verdict and the source it should get, and scores a verifier
// on them.
//
// The data is read from a PolNeAR checkout at run time and never copied: a
// claim holds the words of a quote, not the article.
package claims

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	verbatim "github.com/verbatim/verbatim"
)

// Range is a byte range [Start, End) of an article's text.
type Range struct{ Start, End int }

// Attribution is one gold attribution relation. Each role may be
// discontinuous, so it is a list of ranges; Source is empty for an
// attribution without a source.
type Attribution struct {
	Content []Range
	Source  []Range
	Cue     []Range
}

// Article is one PolNeAR article as a source, with its gold attributions
// and every annotated range (of any label), which narration must avoid.
type Article struct {
	Source       verbatim.Source
	Attributions []Attribution
	Annotated    []Range
}

// LoadSplit reads every article of a split ("train" or "dev") of the
// PolNeAR data in dir (the folder holding data/ or data/ itself). Where an
// article has several annotators' files, the first by name is used. The
// test split is refused: it is held back for independent evaluation.
func LoadSplit(dir, split string) ([]Article, error) {
	if split != "train" && split != "dev" {
		return nil, fmt.Errorf("claims: split must be train or dev, got %q", split)
	}
	root := dir
	if _, err := os.Stat(filepath.Join(dir, "data", "metadata.tsv")); err == nil {
		root = filepath.Join(dir, "data")
	}
	meta, err := readMetadata(filepath.Join(root, "metadata.tsv"))
	if err != nil {
		return nil, err
	}
	anns, err := filepath.Glob(filepath.Join(root, split, "attributions", "*.ann"))
	if err != nil {
		return nil, err
	}
	if len(anns) == 0 {
		return nil, fmt.Errorf("claims: no .ann files in %s", filepath.Join(root, split, "attributions"))
	}
	sort.Strings(anns)
	var out []Article
	seen := map[string]bool{}
	for _, ann := range anns {
		base := filepath.Base(ann)
		name := strings.TrimSuffix(base, ".ann")
		if i := strings.LastIndexByte(name, '_'); i > 0 {
			name = name[:i]
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		text, err := os.ReadFile(filepath.Join(root, split, "text", name+".txt"))
		if err != nil {
			return nil, fmt.Errorf("claims: %w", err)
		}
		a, err := readArticle(name, string(text), ann)
		if err != nil {
			return nil, err
		}
		if m, ok := meta[name]; ok {
			a.Source.Title = m.title
			if m.publisher != "" {
				p := m.publisher
				a.Source.Publisher = &p
			}
			if m.date != "" {
				d := m.date
				a.Source.Published = &d
			}
			if m.author != "" && m.author != "None" {
				au := m.author
				a.Source.Author = &au
			}
		}
		out = append(out, *a)
	}
	return out, nil
}

type metadata struct{ publisher, date, author, title string }

func readMetadata(path string) (map[string]metadata, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	out := map[string]metadata{}
	lines := strings.Split(string(b), "\n")
	if len(lines) == 0 {
		return out, nil
	}
	col := map[string]int{}
	for i, h := range strings.Split(lines[0], "\t") {
		col[strings.TrimSpace(h)] = i
	}
	get := func(f []string, name string) string {
		if i, ok := col[name]; ok && i < len(f) {
			return strings.TrimSpace(f[i])
		}
		return ""
	}
	for _, l := range lines[1:] {
		f := strings.Split(l, "\t")
		name := get(f, "filename")
		if name == "" {
			continue
		}
		out[name] = metadata{publisher: get(f, "publisher"), date: get(f, "publication_date"), author: get(f, "author"), title: get(f, "title")}
	}
	return out, nil
}

// readArticle parses a brat standoff file. Offsets count code points; they
// are turned into byte offsets of text.
func readArticle(id, text, annPath string) (*Article, error) {
	f, err := os.ReadFile(annPath)
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	// byteAt[i] is the byte offset of code point i.
	byteAt := make([]int, 0, len(text)+1)
	for i := range text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(text))
	type tspan struct {
		label  string
		ranges []Range
	}
	ts := map[string]tspan{}
	var events [][]string
	a := &Article{Source: verbatim.Source{ID: id, Text: text}}
	sc := bufio.NewScanner(bytes.NewReader(f))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if !isTag(line, 'T') && !isTag(line, 'E') {
			continue
		}
		parts := strings.SplitN(line, "\t", 3)
		if len(parts) < 2 {
			continue
		}
		if line[0] == 'E' {
			events = append(events, strings.Fields(parts[1]))
			continue
		}
		sp := strings.SplitN(parts[1], " ", 2)
		if len(sp) < 2 {
			continue
		}
		var rs []Range
		for _, piece := range strings.Split(sp[1], ";") {
			nums := strings.Fields(piece)
			if len(nums) != 2 {
				return nil, fmt.Errorf("claims: %s: bad span %q", annPath, parts[1])
			}
			s, err1 := strconv.Atoi(nums[0])
			e, err2 := strconv.Atoi(nums[1])
			if err1 != nil || err2 != nil || s < 0 || e < s || e >= len(byteAt) {
				return nil, fmt.Errorf("claims: %s: bad span %q", annPath, parts[1])
			}
			rs = append(rs, Range{byteAt[s], byteAt[e]})
		}
		ts[parts[0]] = tspan{label: sp[0], ranges: rs}
		a.Annotated = append(a.Annotated, rs...)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("claims: %s: %w", annPath, err)
	}
	for _, ev := range events {
		var at Attribution
		for _, role := range ev {
			k, v, ok := strings.Cut(role, ":")
			if !ok {
				continue
			}
			t, ok := ts[v]
			if !ok {
				continue
			}
			switch k {
			case "Content":
				at.Content = t.ranges
			case "Source":
				at.Source = t.ranges
			case "Cue":
				at.Cue = t.ranges
			}
		}
		if len(at.Content) > 0 {
			a.Attributions = append(a.Attributions, at)
		}
	}
	sort.Slice(a.Annotated, func(i, j int) bool { return a.Annotated[i].Start < a.Annotated[j].Start })
	return a, nil
}

// isTag reports whether line starts with c, digits and a tab.
func isTag(line string, c byte) bool {
	if len(line) < 3 || line[0] != c {
		return false
	}
	i := 1
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	return i > 1 && i < len(line) && line[i] == '\t'
}

// textOf joins the text of ranges with a space, as brat shows a
// discontinuous span.
func textOf(text string, rs []Range) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = text[r.Start:r.End]
	}
	return strings.Join(parts, " ")
}
