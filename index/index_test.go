package index

import (
	"context"
	"errors"
	"reflect"
	"testing"

	verbatim "github.com/verbatim/verbatim"
)

// mustOpen opens an index with in-memory retrieval; mustOpenMode picks.
func mustOpen(tb testing.TB, dir string) *Index {
	tb.Helper()
	return mustOpenMode(tb, dir, RetrievalMemory)
}

var modes = []string{RetrievalBleve, RetrievalMemory}

func mustOpenMode(tb testing.TB, dir, mode string) *Index {
	tb.Helper()
	ix, err := OpenWith(dir, Options{Retrieval: mode})
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}

func sp(s string) *string { return &s }

func docs() []*verbatim.Document {
	return []*verbatim.Document{
		{Source: verbatim.Source{ID: "a", Title: "A", Publisher: sp("Reuters"), Published: sp("2019-01-02"), Text: "Putin said: “Russia is open to dialogue.”"},
			Quotations: []verbatim.Quotation{{Text: "Russia is open to dialogue.", Start: 15, End: 42, Kind: verbatim.KindDirect,
				Speaker: &verbatim.Mention{Name: "Vladimir Putin", Mention: "Putin", Start: 0, End: 5}}}},
		{Source: verbatim.Source{ID: "b", Title: "B", Publisher: sp("BBC"), Published: sp("2020-05-01T10:00:00Z"), Text: "Lavrov said Russia was ready for talks with the U.S."}},
		{Source: verbatim.Source{ID: "c", Title: "C", Text: "The weather was cold. Russia is open to trade."}},
	}
}

func TestPutReopenGetDelete(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) { testPutReopenGetDelete(t, mode) })
	}
}

func testPutReopenGetDelete(t *testing.T, mode string) {
	dir := t.TempDir()
	ix := mustOpenMode(t, dir, mode)
	if err := ix.Put(docs()); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix = mustOpenMode(t, dir, mode)
	defer ix.Close()
	if ix.Count() != 3 {
		t.Fatalf("count after reopen = %d", ix.Count())
	}
	got, ok := ix.Get("a")
	if !ok || !reflect.DeepEqual(got, docs()[0]) {
		t.Fatalf("reopened doc = %+v, want %+v", got, docs()[0])
	}
	if got, _ := ix.Get("c"); got.Source.Publisher != nil || got.Source.Published != nil {
		t.Errorf("absent metadata came back as %v %v", got.Source.Publisher, got.Source.Published)
	}
	if ok, err := ix.Delete("a"); !ok || err != nil {
		t.Fatalf("delete = %v %v", ok, err)
	}
	if ok, _ := ix.Delete("a"); ok {
		t.Error("second delete reported success")
	}
	ids, err := ix.Phrase(context.Background(), [][]string{{"russia", "is", "open"}}, nil, 10)
	if err != nil || !reflect.DeepEqual(ids, []string{"c"}) {
		t.Errorf("phrase after delete = %v %v", ids, err)
	}
	if l, n := ix.List(0, 10); len(l) != 2 || n != 2 || l[0].Source.ID != "b" {
		t.Errorf("list = %v", l)
	}
}

func TestSecondOpenIsRefused(t *testing.T) {
	dir := t.TempDir()
	ix := mustOpen(t, dir)
	defer ix.Close()
	if _, err := Open(dir); !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v, want ErrLocked", err)
	}
}

func TestCandidates(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) { testCandidates(t, mode) })
	}
}

func TestUnknownRetrieval(t *testing.T) {
	if _, err := OpenWith(t.TempDir(), Options{Retrieval: "magic"}); err == nil {
		t.Fatal("unknown retrieval accepted")
	}
}

func testCandidates(t *testing.T, mode string) {
	ix := mustOpenMode(t, t.TempDir(), mode)
	defer ix.Close()
	if err := ix.Put(docs()); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tests := []struct {
		name  string
		parts [][]string
		f     *verbatim.Filter
		want  []string
	}{
		{"phrase", [][]string{{"open", "to", "dialogue"}}, nil, []string{"a"}},
		{"words apart are no phrase", [][]string{{"russia", "open"}}, nil, nil},
		{"two parts", [][]string{{"russia", "is"}, {"trade"}}, nil, []string{"c"}},
		{"initialism", [][]string{{"the", "us"}}, nil, []string{"b"}},
		{"publisher filter", [][]string{{"russia"}}, &verbatim.Filter{Publishers: []string{"BBC"}}, []string{"b"}},
		{"id filter", [][]string{{"russia"}}, &verbatim.Filter{SourceIDs: []string{"c", "zz"}}, []string{"c"}},
		{"date filter excludes undated", [][]string{{"russia"}}, &verbatim.Filter{PublishedAfter: "2019-01-02", PublishedBefore: "2020-05-01"}, []string{"a", "b"}},
		{"date after", [][]string{{"russia"}}, &verbatim.Filter{PublishedAfter: "2019-01-03"}, []string{"b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids, err := ix.Phrase(ctx, tt.parts, tt.f, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(ids) == 0 {
				ids = nil
			}
			sortStrings(ids)
			if !reflect.DeepEqual(ids, tt.want) {
				t.Errorf("got %v, want %v", ids, tt.want)
			}
		})
	}
	ids, err := ix.Similar(ctx, []string{"russia", "is", "open", "to", "dialog"}, 0.5, nil, 10)
	if err != nil || len(ids) < 2 || ids[0] != "a" {
		t.Errorf("similar = %v %v, want a first", ids, err)
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
