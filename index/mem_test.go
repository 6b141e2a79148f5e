package index

import (
	"context"
	"math/rand"
	"reflect"
	"slices"
	"testing"

	verbatim "github.com/verbatim/verbatim"
)

// The postings follow every write: a replaced text is found by its new
// words only, a deleted source not at all, and a reopened index answers as
// before.
func TestPostingsFollowWrites(t *testing.T) {
	dir := t.TempDir()
	ix := mustOpen(t, dir)
	ctx := context.Background()
	if err := ix.Put(docs()); err != nil {
		t.Fatal(err)
	}
	phrase := func(words ...string) []string {
		t.Helper()
		ids, err := ix.Phrase(ctx, [][]string{words}, nil, 10)
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(ids)
		return ids
	}
	if got := phrase("russia", "is", "open"); !reflect.DeepEqual(got, []string{"a", "c"}) {
		t.Fatalf("before: %v", got)
	}
	if err := ix.Put([]*verbatim.Document{{Source: verbatim.Source{ID: "c", Text: "Nothing about trade here."}}}); err != nil {
		t.Fatal(err)
	}
	if got := phrase("russia", "is", "open"); !reflect.DeepEqual(got, []string{"a"}) {
		t.Fatalf("after replace: %v", got)
	}
	if got := phrase("about", "trade"); !reflect.DeepEqual(got, []string{"c"}) {
		t.Fatalf("new text: %v", got)
	}
	if ok, err := ix.Delete("a"); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if got := phrase("russia", "is", "open"); got != nil {
		t.Fatalf("after delete: %v", got)
	}
	// The freed ordinal is reused by the next source.
	if err := ix.Put([]*verbatim.Document{{Source: verbatim.Source{ID: "d", Text: "Russia is open to dialogue, he said."}}}); err != nil {
		t.Fatal(err)
	}
	if got := phrase("open", "to", "dialogue"); !reflect.DeepEqual(got, []string{"d"}) {
		t.Fatalf("reused ordinal: %v", got)
	}
	ix.Close()
	ix = mustOpen(t, dir)
	defer ix.Close()
	if got := phrase("open", "to", "dialogue"); !reflect.DeepEqual(got, []string{"d"}) {
		t.Fatalf("reopened: %v", got)
	}
	if got := phrase("about", "trade"); !reflect.DeepEqual(got, []string{"c"}) {
		t.Fatalf("reopened: %v", got)
	}
}

// Near keeps only the sources with a window dense enough for a close
// wording, the closest first.
func TestNear(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	defer ix.Close()
	ctx := context.Background()
	err := ix.Put([]*verbatim.Document{
		{Source: verbatim.Source{ID: "close", Text: "Earlier. We will never accept a nuclear North Korea, the minister said."}},
		{Source: verbatim.Source{ID: "apart", Text: "We met. " + filler(60) + " never again. " + filler(60) + " nuclear talks with North Korea stalled; accept it."}},
		{Source: verbatim.Source{ID: "other", Text: "The weather in Seoul was mild."}},
	})
	if err != nil {
		t.Fatal(err)
	}
	claim := []string{"we", "will", "never", "accept", "a", "nuclear", "armed", "north", "korea"}
	words := []string{"never", "accept", "nuclear", "armed", "north", "korea"}
	sim, err := ix.Similar(ctx, words, 0.5, nil, 10)
	if err != nil || len(sim) != 2 {
		t.Fatalf("similar = %v %v, want close and apart", sim, err)
	}
	near, err := ix.Near(ctx, words, 0.5, claim, 0.75, nil, 10)
	if err != nil || !reflect.DeepEqual(near, []string{"close"}) {
		t.Fatalf("near = %v %v, want [close]", near, err)
	}
	near, err = ix.Near(ctx, words, 0.5, claim, 0.75, &verbatim.Filter{SourceIDs: []string{"apart"}}, 10)
	if err != nil || len(near) != 0 {
		t.Fatalf("filtered near = %v %v, want none", near, err)
	}
}

func filler(n int) string {
	s := ""
	for i := 0; i < n; i++ {
		s += "lorem "
	}
	return s
}

func TestDensest(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	var pos []int32
	for range 2000 {
		seq := make([]uint32, r.Intn(60))
		for i := range seq {
			seq[i] = uint32(r.Intn(8))
		}
		span := 1 + r.Intn(12)
		want := 0
		for i := range seq {
			c := 0
			for j := i; j < len(seq) && j < i+span; j++ {
				if seq[j] == 3 || seq[j] == 5 {
					c++
				}
			}
			want = max(want, c)
		}
		mark := []uint64{1<<3 | 1<<5}
		var got int
		got, pos = densest(seq, mark, span, pos)
		if got != want {
			t.Fatalf("densest(%v, span %d) = %d, want %d", seq, span, got, want)
		}
	}
}

func TestHasRun(t *testing.T) {
	seq := []uint32{4, 1, 2, 1, 2, 3, 9}
	for _, tt := range []struct {
		run  []uint32
		want bool
	}{{[]uint32{1, 2, 3}, true}, {[]uint32{4, 1}, true}, {[]uint32{2, 1, 2, 3, 9}, true}, {[]uint32{1, 3}, false}, {[]uint32{9, 4}, false}, {[]uint32{7}, false}} {
		if got := hasRun(seq, tt.run); got != tt.want {
			t.Errorf("hasRun(%v) = %v", tt.run, got)
		}
	}
}

// Searches run while sources are written and deleted (go test -race).
func TestPostingsConcurrent(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	defer ix.Close()
	ctx := context.Background()
	if err := ix.Put(docs()); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 20 {
			d := &verbatim.Document{Source: verbatim.Source{ID: "w", Text: "Russia is open to dialogue again, round " + string(rune('a'+i))}}
			if err := ix.Put([]*verbatim.Document{d}); err != nil {
				t.Error(err)
				return
			}
			if _, err := ix.Delete("w"); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	claim := []string{"russia", "is", "open", "to", "dialogue"}
	for {
		select {
		case <-done:
			return
		default:
		}
		if _, err := ix.Phrase(ctx, [][]string{claim}, nil, 10); err != nil {
			t.Fatal(err)
		}
		if _, err := ix.Near(ctx, []string{"russia", "open", "dialogue"}, 0.5, claim, 0.75, nil, 10); err != nil {
			t.Fatal(err)
		}
	}
}
