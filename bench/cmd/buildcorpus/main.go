// Command buildcorpus turns the shared evaluation data (PolNeAR train+dev,
// BBC News 2225, Reuters-21578) into a JSONL corpus for `verbatim ingest`
// and the peers: one {"id","title","publisher","published","text"} a line.
//
// Ids are stable and say where a text came from: polnear:<name>,
// bbc:<category>:<n>, reuters:<newid> (Verbatim ids allow only letters,
// digits and . _ : -, so BBC's "category/n" is written "category:n"). Copies
// for growth runs are <id>.c<k>. No URL is invented.
//
// PolNeAR's held-back test split is never read: only the dev and train
// folders and their rows of metadata.tsv are.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/verbatim/verbatim/bench/internal/jsonl"
	"github.com/verbatim/verbatim/bench/internal/textutil"
)

func main() {
	data := flag.String("data", "../shared/data", "the shared data folder (relative paths are taken from the current directory)")
	out := flag.String("out", "", "write the corpus to this one .jsonl file")
	outDir := flag.String("out-dir", "", "or write it as parts of --part-mb MiB into this folder (verbatim ingest reads a file of at most 64 MiB)")
	partMB := flag.Int("part-mb", 32, "size of one part with --out-dir")
	limit := flag.Int("limit", 0, "keep the first N articles (0: all), taken in turn from PolNeAR, BBC and Reuters so a small run has every kind")
	copies := flag.Int("copies", 1, "write the corpus K times in all, copies under ids <id>.c2 … <id>.cK (growth runs)")
	statsOut := flag.String("stats", "", "write counts and raw text bytes as JSON here")
	sets := flag.String("sets", "polnear,bbc,reuters", "which sets to use")
	flag.Parse()
	if (*out == "") == (*outDir == "") {
		fatal("give exactly one of --out FILE or --out-dir DIR")
	}
	if *copies < 1 {
		fatal("--copies must be at least 1")
	}
	start := time.Now()
	var lists [][]jsonl.Source
	names := strings.Split(*sets, ",")
	for _, s := range names {
		var l []jsonl.Source
		var err error
		switch strings.TrimSpace(s) {
		case "polnear":
			l, err = readPolNeAR(filepath.Join(*data, "polnear", "data"))
		case "bbc":
			l, err = readBBC(filepath.Join(*data, "bbc-news-2225", "bbc"))
		case "reuters":
			l, err = readReuters(filepath.Join(*data, "reuters-21578"))
		default:
			err = fmt.Errorf("unknown set %q", s)
		}
		if err != nil {
			fatal("%s: %v", s, err)
		}
		fmt.Fprintf(os.Stderr, "buildcorpus: %s: %d articles\n", s, len(l))
		lists = append(lists, l)
	}
	docs := interleave(lists, *limit)

	st := stats{Sets: map[string]int{}, Copies: *copies}
	for _, d := range docs {
		st.Sets[strings.SplitN(d.ID, ":", 2)[0]]++
		st.Articles++
		st.TextBytes += int64(len(d.Text))
	}
	st.TotalSources = st.Articles * *copies
	st.TotalTextBytes = st.TextBytes * int64(*copies)

	w := newOutput(*out, *outDir, int64(*partMB)<<20)
	for k := 1; k <= *copies; k++ {
		for _, d := range docs {
			if k > 1 {
				d.ID = fmt.Sprintf("%s%s%d", d.ID, textutil.CopySep, k)
			}
			if err := w.write(d); err != nil {
				fatal("write: %v", err)
			}
		}
	}
	if err := w.close(); err != nil {
		fatal("write: %v", err)
	}
	st.Files = w.files
	st.FileBytes = w.bytes
	st.Seconds = time.Since(start).Seconds()
	fmt.Fprintf(os.Stderr, "buildcorpus: %d sources (%d articles x %d), %.1f MB of text, in %d file(s), %.1fs\n",
		st.TotalSources, st.Articles, *copies, float64(st.TotalTextBytes)/1e6, len(st.Files), st.Seconds)
	if *statsOut != "" {
		b, _ := json.MarshalIndent(st, "", "  ")
		if err := os.WriteFile(*statsOut, append(b, '\n'), 0o644); err != nil {
			fatal("%v", err)
		}
	}
}

type stats struct {
	Articles       int            `json:"articles"`
	Copies         int            `json:"copies"`
	TotalSources   int            `json:"total_sources"`
	Sets           map[string]int `json:"sets"`
	TextBytes      int64          `json:"text_bytes"`
	TotalTextBytes int64          `json:"total_text_bytes"`
	FileBytes      int64          `json:"file_bytes"`
	Files          []string       `json:"files"`
	Seconds        float64        `json:"seconds"`
}

func fatal(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "buildcorpus: "+format+"\n", a...)
	os.Exit(1)
}

// interleave takes one article from each list in turn until limit (or all).
func interleave(lists [][]jsonl.Source, limit int) []jsonl.Source {
	var out []jsonl.Source
	for i := 0; ; i++ {
		more := false
		for _, l := range lists {
			if i < len(l) {
				more = true
				if limit > 0 && len(out) >= limit {
					return out
				}
				out = append(out, l[i])
			}
		}
		if !more {
			return out
		}
	}
}

type output struct {
	single  string
	dir     string
	partMax int64
	cur     *jsonl.Writer
	files   []string
	bytes   int64
}

func newOutput(single, dir string, partMax int64) *output {
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fatal("%v", err)
		}
		old, _ := filepath.Glob(filepath.Join(dir, "corpus-*.jsonl"))
		for _, f := range old {
			os.Remove(f)
		}
	}
	return &output{single: single, dir: dir, partMax: partMax}
}

func (o *output) write(d jsonl.Source) error {
	if o.cur == nil || (o.dir != "" && o.cur.Bytes >= o.partMax) {
		if err := o.closeCur(); err != nil {
			return err
		}
		name := o.single
		if o.dir != "" {
			name = filepath.Join(o.dir, fmt.Sprintf("corpus-%04d.jsonl", len(o.files)+1))
		}
		w, err := jsonl.Create(name)
		if err != nil {
			return err
		}
		o.cur = w
		o.files = append(o.files, name)
	}
	return o.cur.Write(d)
}

func (o *output) closeCur() error {
	if o.cur == nil {
		return nil
	}
	o.bytes += o.cur.Bytes
	err := o.cur.Close()
	o.cur = nil
	return err
}

func (o *output) close() error { return o.closeCur() }

// ---- PolNeAR ----

type polMeta struct {
	publisher, date, title string
}

// readPolNeAR reads dev then train (so that small runs hold the dev
// articles the claims come from). The test split is never opened.
func readPolNeAR(dir string) ([]jsonl.Source, error) {
	meta := map[string]polMeta{}
	f, err := os.Open(filepath.Join(dir, "metadata.tsv"))
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		// Only the rows of the splits we use; other rows are not parsed.
		if !strings.HasPrefix(line, "train\t") && !strings.HasPrefix(line, "dev\t") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) < 8 {
			continue
		}
		// compartment filename level annotators publisher publication_date author title
		meta[c[1]] = polMeta{publisher: c[4], date: c[5], title: c[7]}
	}
	f.Close()
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []jsonl.Source
	for _, split := range []string{"dev", "train"} {
		files, err := filepath.Glob(filepath.Join(dir, split, "text", "*.txt"))
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("no .txt files in %s", filepath.Join(dir, split, "text"))
		}
		sort.Strings(files)
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			// Kept byte for byte: the .ann offsets point into this text.
			text, _ := textutil.ToUTF8(b)
			name := strings.TrimSuffix(filepath.Base(p), ".txt")
			s := jsonl.Source{ID: "polnear:" + name, Text: text}
			m, ok := meta[name]
			if ok {
				s.Title = m.title
				if m.publisher != "" && m.publisher != "None" {
					s.Publisher = m.publisher
				}
				if _, err := time.Parse("2006-01-02", m.date); err == nil {
					s.Published = m.date
				}
			}
			if s.Title == "" {
				s.Title = firstLine(text)
			}
			out = append(out, s)
		}
	}
	return out, nil
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if t := strings.TrimSpace(l); t != "" {
			if len(t) > 300 {
				t = t[:300]
				for len(t) > 0 && !isRuneStart(t[len(t)-1]) {
					t = t[:len(t)-1]
				}
			}
			return t
		}
	}
	return ""
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 && b < 0x80 }

// ---- BBC ----

// readBBC reads category/NNN.txt: title line, blank line, paragraphs. The
// categories are taken in turn so a small run has every one.
func readBBC(dir string) ([]jsonl.Source, error) {
	cats, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var lists [][]jsonl.Source
	for _, c := range cats {
		if !c.IsDir() {
			continue
		}
		files, _ := filepath.Glob(filepath.Join(dir, c.Name(), "*.txt"))
		sort.Strings(files)
		var l []jsonl.Source
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			text, _ := textutil.ToUTF8(b) // sport/199.txt is Latin-1
			text = textutil.CleanControls(text)
			title, body, _ := strings.Cut(text, "\n")
			body = strings.TrimSpace(body)
			if body == "" {
				continue
			}
			l = append(l, jsonl.Source{
				ID:        "bbc:" + c.Name() + ":" + strings.TrimSuffix(filepath.Base(p), ".txt"),
				Title:     strings.TrimSpace(title),
				Publisher: "BBC News",
				Text:      body,
			})
		}
		lists = append(lists, l)
	}
	if len(lists) == 0 {
		return nil, fmt.Errorf("no categories in %s", dir)
	}
	return interleave(lists, 0), nil
}

// ---- Reuters-21578 ----

var (
	reDoc    = regexp.MustCompile(`(?s)<REUTERS[^>]*?NEWID="(\d+)"[^>]*>(.*?)</REUTERS>`)
	reDate   = regexp.MustCompile(`(?s)<DATE>(.*?)</DATE>`)
	reTitle  = regexp.MustCompile(`(?s)<TITLE>(.*?)</TITLE>`)
	reBody   = regexp.MustCompile(`(?s)<BODY>(.*?)</BODY>`)
	reEntity = regexp.MustCompile(`&#(\d+);`)
)

// readReuters parses the SGML with regular expressions (it is not XML):
// documents with a BODY, in NEWID order. Files are decoded as UTF-8 or,
// where that fails (one byte in reut2-017.sgm), Windows-1252.
func readReuters(dir string) ([]jsonl.Source, error) {
	files, err := filepath.Glob(filepath.Join(dir, "reut2-*.sgm"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no reut2-*.sgm in %s", dir)
	}
	sort.Strings(files)
	var out []jsonl.Source
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		s, _ := textutil.ToUTF8(b)
		for _, m := range reDoc.FindAllStringSubmatch(s, -1) {
			id, inner := m[1], m[2]
			bm := reBody.FindStringSubmatch(inner)
			if bm == nil {
				continue
			}
			text := strings.TrimSpace(decodeSGML(bm[1]))
			if text == "" {
				continue
			}
			src := jsonl.Source{ID: "reuters:" + id, Publisher: "Reuters", Text: text}
			if tm := reTitle.FindStringSubmatch(inner); tm != nil {
				src.Title = strings.Join(strings.Fields(decodeSGML(tm[1])), " ")
			}
			if dm := reDate.FindStringSubmatch(inner); dm != nil {
				src.Published = reutersDate(dm[1])
			}
			out = append(out, src)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return newID(out[i].ID) < newID(out[j].ID) })
	return out, nil
}

func newID(id string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(id, "reuters:"))
	return n
}

// decodeSGML decodes &#N; (control characters other than \n and \t are
// dropped) and the named entities &lt; &gt; &amp; (and any other HTML one).
func decodeSGML(s string) string {
	s = reEntity.ReplaceAllStringFunc(s, func(e string) string {
		n, err := strconv.Atoi(e[2 : len(e)-1])
		if err != nil || n > 0x10FFFF {
			return ""
		}
		r := rune(n)
		if r == '\n' || r == '\t' {
			return string(r)
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xA0) {
			return ""
		}
		return string(r)
	})
	if strings.Contains(s, "&") {
		s = html.UnescapeString(s)
	}
	return textutil.CleanControls(s)
}

// reutersDate turns "26-FEB-1987 15:01:01.79" into 1987-02-26.
func reutersDate(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	t, err := time.Parse("2-Jan-2006", f[0])
	if err != nil {
		return ""
	}
	return t.Format("2006-01-02")
}

var _ = bytes.MinRead
