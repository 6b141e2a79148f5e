package attribution

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	verbatim "github.com/verbatim/verbatim"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// seedDir holds the seed articles as the repository ships them (the
// embedded default corpus), so the golden test runs on every clean clone.
var seedDir = filepath.Join("..", "corpus", "seeds")

// checkSpans asserts the offset contract on every span of qs.
func checkSpans(t testing.TB, text string, qs []verbatim.Quotation) {
	t.Helper()
	span := func(what string, s, e int, got string) {
		t.Helper()
		if s < 0 || e > len(text) || s > e {
			t.Fatalf("%s [%d,%d) out of range (len %d)", what, s, e, len(text))
		}
		if text[s:e] != got {
			t.Fatalf("%s [%d,%d): text %q != source %q", what, s, e, got, text[s:e])
		}
		if (s < len(text) && !utf8.RuneStart(text[s])) || (e < len(text) && !utf8.RuneStart(text[e])) {
			t.Fatalf("%s [%d,%d) not on rune boundaries", what, s, e)
		}
	}
	for i, q := range qs {
		if i > 0 && qs[i-1].Start > q.Start {
			t.Fatalf("quotations not sorted by start at %d", i)
		}
		if q.Start >= q.End {
			t.Fatalf("empty quotation %+v", q)
		}
		span("quotation", q.Start, q.End, q.Text)
		if q.Kind != verbatim.KindDirect && q.Kind != verbatim.KindIndirect {
			t.Fatalf("kind %q", q.Kind)
		}
		if q.Confidence < 0 || q.Confidence > 1 {
			t.Fatalf("confidence %v", q.Confidence)
		}
		if q.Cue != nil {
			span("cue", q.Cue.Start, q.Cue.End, q.Cue.Text)
		}
		if q.Speaker != nil {
			span("speaker", q.Speaker.Start, q.Speaker.End, q.Speaker.Mention)
			if q.Speaker.Name == "" {
				t.Fatalf("speaker without a name: %+v", q.Speaker)
			}
		}
		if q.ReportedBy != nil {
			span("reported_by", q.ReportedBy.Start, q.ReportedBy.End, q.ReportedBy.Mention)
		}
	}
}

func TestGoldenSeeds(t *testing.T) {
	for _, name := range []string{"000_3182c1616ae321b1", "004_d31b64b216e9c211"} {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(seedDir, name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			qs := Extract(text)
			checkSpans(t, text, qs)
			got, err := json.MarshalIndent(qs, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if string(got) != string(want) {
				t.Errorf("extraction of %s differs from %s; if the change is right, run go test ./attribution -run TestGoldenSeeds -update and review the diff\n%s", name, path, firstDiff(string(want), string(got)))
			}
		})
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "line " + itoa(i+1) + ":\n- " + al[i] + "\n+ " + bl[i]
		}
	}
	return "lengths differ"
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// bbcTexts returns the valid UTF-8 BBC articles, or skips.
func bbcTexts(tb testing.TB) []string {
	tb.Helper()
	root := filepath.Join("..", "..", "shared", "data", "bbc-news-2225")
	var texts []string
	filepath.WalkDir(root, func(p string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() || !strings.HasSuffix(p, ".txt") || strings.EqualFold(de.Name(), "README.TXT") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err == nil && utf8.Valid(b) {
			texts = append(texts, string(b))
		}
		return nil
	})
	if len(texts) == 0 {
		tb.Skip("BBC articles not available")
	}
	return texts
}

func TestSpansBBC(t *testing.T) {
	texts := bbcTexts(t)
	n := 0
	for _, text := range texts {
		qs := Extract(text)
		checkSpans(t, text, qs)
		n += len(qs)
	}
	if n < len(texts) {
		t.Errorf("only %d quotations in %d BBC articles", n, len(texts))
	}
}

func BenchmarkExtractBBC(b *testing.B) {
	texts := bbcTexts(b)
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			Extract(t)
		}
	}
}

func FuzzExtract(f *testing.F) {
	f.Add(`"We are ready," Putin said. "Are you?"`)
	f.Add("He said: “It’s fine.”\n\n“And more,” she added.")
	f.Add("According to Reuters, the embassy said that «talks» would resume.")
	f.Add("\xff\xfe\"broken \x80 text”")
	f.Fuzz(func(t *testing.T, s string) {
		qs := Extract(s)
		checkSpans(t, s, qs)
	})
}

func TestMain(m *testing.M) {
	recoverPanics = false
	os.Exit(m.Run())
}
