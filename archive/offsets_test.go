package archive_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/archive"
	"github.com/verbatim/verbatim/attribution"
	"github.com/verbatim/verbatim/corpus"
	"github.com/verbatim/verbatim/index"
	"github.com/verbatim/verbatim/normalize"
	"github.com/verbatim/verbatim/verify"
)

func seeded(t *testing.T, retrieval string) *archive.Archive {
	t.Helper()
	ix, err := index.OpenWith(t.TempDir(), index.Options{Retrieval: retrieval})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	a := archive.New(ix, attribution.NewRegistry(), attribution.Extract, verify.DefaultConfig)
	seeds, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Ingest(context.Background(), seeds); err != nil {
		t.Fatal(err)
	}
	return a
}

func checkSpan(t *testing.T, text, what string, got string, start, end int) {
	t.Helper()
	if start < 0 || end > len(text) || start > end {
		t.Errorf("%s: [%d,%d) out of range", what, start, end)
		return
	}
	if !utf8.RuneStart(text[start]) || (end < len(text) && !utf8.RuneStart(text[end])) {
		t.Errorf("%s: [%d,%d) not on rune boundaries", what, start, end)
	}
	if text[start:end] != got {
		t.Errorf("%s: text %q != source[%d:%d] %q", what, got, start, end, text[start:end])
	}
}

// TestOffsetContract checks text == source.text[start:end] for every
// quotation, cue, speaker and relayer mention of the seed corpus, and for
// every attestation that verifying them (whole, as fragments, with a word
// changed, and every narration sentence) yields.
func TestOffsetContract(t *testing.T) {
	for _, mode := range []string{index.RetrievalBleve, index.RetrievalMemory} {
		t.Run(mode, func(t *testing.T) { testOffsetContract(t, mode) })
	}
}

func testOffsetContract(t *testing.T, retrieval string) {
	a := seeded(t, retrieval)
	docs, _ := a.List(0, 10)
	if len(docs) != 2 {
		t.Fatalf("%d seed sources", len(docs))
	}
	var claims []string
	for _, d := range docs {
		text := d.Source.Text
		if len(d.Quotations) == 0 {
			t.Fatalf("%s: no quotations", d.Source.ID)
		}
		for i, q := range d.Quotations {
			checkSpan(t, text, "quotation", q.Text, q.Start, q.End)
			if q.Cue != nil {
				checkSpan(t, text, "cue", q.Cue.Text, q.Cue.Start, q.Cue.End)
			}
			for _, m := range []*verbatim.Mention{q.Speaker, q.ReportedBy} {
				if m != nil {
					checkSpan(t, text, "mention", m.Mention, m.Start, m.End)
				}
			}
			if q.Confidence < 0 || q.Confidence > 1 {
				t.Errorf("quotation %d confidence %v", i, q.Confidence)
			}
			words := strings.Fields(q.Text)
			claims = append(claims, q.Text)
			if len(words) >= 8 {
				claims = append(claims, strings.Join(words[2:7], " "))
				changed := append([]string(nil), words...)
				changed[len(changed)/2] = "banana"
				claims = append(claims, strings.Join(changed, " "))
			}
		}
		for _, line := range strings.Split(text, "\n") {
			for _, s := range strings.SplitAfter(line, ". ") {
				if len(normalize.Words(s)) >= 4 {
					claims = append(claims, s)
				}
			}
		}
	}
	verdicts := map[string]int{}
	for _, c := range claims {
		res, err := a.Verify(context.Background(), verbatim.Claim{Quote: c})
		if err != nil {
			t.Fatalf("verify %q: %v", c, err)
		}
		verdicts[res.Verdict]++
		if res.Verdict == verbatim.Unattested {
			t.Errorf("a claim taken from the corpus is unattested: %q", c)
		}
		for _, at := range res.Attestations {
			d, err := a.Get(at.Source.ID)
			if err != nil {
				t.Fatal(err)
			}
			checkSpan(t, d.Source.Text, "attestation", at.Text, at.Start, at.End)
			if !strings.Contains(at.Context, at.Text) || !strings.Contains(d.Source.Text, at.Context) {
				t.Errorf("context %q does not hold %q or is not in the source", at.Context, at.Text)
			}
		}
	}
	t.Logf("%d claims: %v", len(claims), verdicts)
	for _, v := range []string{verbatim.Attested, verbatim.Unattributed, verbatim.Altered} {
		if verdicts[v] == 0 {
			t.Errorf("no %s verdict among the seed claims", v)
		}
	}
}
