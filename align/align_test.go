package align

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func w(s string) []string { return strings.Fields(s) }

func TestFindExact(t *testing.T) {
	tests := []struct {
		claim, source string
		want          []int
	}{
		{"b c", "a b c d b c", []int{1, 4}},
		{"a b c d b c", "a b c d b c", []int{0}},
		{"c b", "a b c d", nil},
		{"x", "a b", nil},
		{"a b c", "a b", nil},
		{"", "a b", nil},
	}
	for _, tt := range tests {
		if got := FindExact(w(tt.claim), w(tt.source)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("FindExact(%q, %q) = %v, want %v", tt.claim, tt.source, got, tt.want)
		}
	}
}

func TestFindElided(t *testing.T) {
	src := w("we are ready to talk when you are ready and not before")
	tests := []struct {
		name   string
		parts  []string
		lo, hi int
		want   [][2]int
	}{
		{"in order", []string{"we are", "when you are"}, 0, len(src), [][2]int{{0, 8}}},
		{"out of order", []string{"when you are", "we are"}, 0, len(src), nil},
		{"outside the bounds", []string{"we are", "not before"}, 0, 8, nil},
		{"three parts", []string{"ready", "you", "before"}, 0, len(src), [][2]int{{2, 12}}},
		{"repeated first part", []string{"ready", "before"}, 0, len(src), [][2]int{{2, 12}, {8, 12}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var parts [][]string
			for _, p := range tt.parts {
				parts = append(parts, w(p))
			}
			if got := FindElided(parts, src, tt.lo, tt.hi); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNear(t *testing.T) {
	source := "the kremlin said that russia us relations are the most important factor behind ensuring strategic stability and international security and more"
	tests := []struct {
		name   string
		claim  string
		window string
		sim    float64
		ops    []string
	}{
		{"identical fragment", "the most important factor", "the most important factor", 1, []string{"equal"}},
		{"one word swapped", "russia us relations are the most crucial factor behind ensuring strategic stability",
			"russia us relations are the most important factor behind ensuring strategic stability", 1 - 1.0/12, []string{"equal", "replace", "equal"}},
		{"one word added", "relations are the most very important factor",
			"relations are the most important factor", 1 - 1.0/7, []string{"equal", "insert", "equal"}},
		{"one word dropped", "relations are the important factor",
			"relations are the most important factor", 1 - 1.0/6, []string{"equal", "delete", "equal"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := w(source)
			a, ok := Near(w(tt.claim), src)
			if !ok {
				t.Fatal("no alignment")
			}
			if got := strings.Join(src[a.Start:a.End], " "); got != tt.window {
				t.Errorf("window = %q, want %q", got, tt.window)
			}
			if diff := a.Similarity - tt.sim; diff > 1e-9 || diff < -1e-9 {
				t.Errorf("similarity = %v, want %v", a.Similarity, tt.sim)
			}
			var ops []string
			for _, s := range a.Steps {
				ops = append(ops, s.Op)
			}
			if !reflect.DeepEqual(ops, tt.ops) {
				t.Errorf("ops = %v, want %v", ops, tt.ops)
			}
		})
	}
}

func TestNearStepsCoverBothSides(t *testing.T) {
	claim := w("putin said russia is firmly open to talks with america")
	src := w("earlier putin stressed that russia is open to dialogue with the united states on everything")
	a, ok := Near(claim, src)
	if !ok {
		t.Fatal("no alignment")
	}
	ci, si := 0, a.Start
	for _, s := range a.Steps {
		if s.ClaimFrom != ci || s.SourceFrom != si {
			t.Fatalf("step %+v does not continue at claim %d, source %d", s, ci, si)
		}
		ci, si = s.ClaimTo, s.SourceTo
	}
	if ci != len(claim) || si != a.End {
		t.Fatalf("steps end at claim %d source %d, want %d and %d", ci, si, len(claim), a.End)
	}
}

func TestNearUnrelated(t *testing.T) {
	claim := w("the economy grew by three percent in the last quarter of the year")
	src := w("the kremlin said that russia us relations are the most important factor behind ensuring strategic stability")
	if a, ok := Near(claim, src); ok && a.Similarity > 0.4 {
		t.Errorf("unrelated text aligned with similarity %v", a.Similarity)
	}
}

func TestNearMin(t *testing.T) {
	src := w("earlier the kremlin said that russia us relations are the most important factor behind ensuring strategic stability and that russia is open to dialogue")
	tests := []struct {
		name, claim string
		min         float64
		ok          bool
		window      string
	}{
		{"one word swapped", "russia us relations are the most crucial factor behind ensuring strategic stability", 0.75, true,
			"russia us relations are the most important factor behind ensuring strategic stability"},
		{"one word added", "russia is really open to dialogue", 0.75, true, "russia is open to dialogue"},
		{"too far for the threshold", "russia is not at all open to any dialogue", 0.75, false, ""},
		{"unrelated", "the economy grew by three percent in the last quarter", 0.5, false, ""},
		{"no threshold is Near", "russia is really open to dialogue", 0, true, "russia is open to dialogue"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, ok := NearMin(w(tt.claim), src, tt.min)
			if ok != tt.ok {
				t.Fatalf("ok = %v (%+v), want %v", ok, a, tt.ok)
			}
			if !ok {
				return
			}
			if got := strings.Join(src[a.Start:a.End], " "); got != tt.window {
				t.Errorf("window %q, want %q", got, tt.window)
			}
			if a.Similarity < tt.min {
				t.Errorf("similarity %v under %v", a.Similarity, tt.min)
			}
		})
	}
}

// TestNearMinFindsWhatNearFinds checks on random texts over a small
// vocabulary that pruning to dense regions never loses a window that Near
// finds at the threshold.
func TestNearMinFindsWhatNearFinds(t *testing.T) {
	vocab := strings.Fields("the we are ready to talk russia said peace war now")
	rng := rand.New(rand.NewPCG(1, 2))
	gen := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = vocab[rng.IntN(len(vocab))]
		}
		return out
	}
	for i := 0; i < 20000; i++ {
		claim := gen(2 + rng.IntN(12))
		source := gen(rng.IntN(80))
		if rng.IntN(2) == 0 && len(source) > len(claim) {
			// Plant the claim, perhaps with a word changed.
			at := rng.IntN(len(source) - len(claim) + 1)
			copy(source[at:], claim)
			if rng.IntN(2) == 0 {
				source[at+rng.IntN(len(claim))] = vocab[rng.IntN(len(vocab))]
			}
		}
		for _, min := range []float64{0.5, 0.7, 0.75, 0.8} {
			near, nok := Near(claim, source)
			got, ok := NearMin(claim, source, min)
			if nok && near.Similarity >= min && (!ok || got.Similarity < near.Similarity) {
				t.Fatalf("claim %v source %v min %v: Near %+v, NearMin %+v %v", claim, source, min, near, got, ok)
			}
			if ok && got.Similarity < min {
				t.Fatalf("NearMin returned similarity %v under %v", got.Similarity, min)
			}
		}
	}
}

func TestChunksBoundRegions(t *testing.T) {
	got := chunks([][2]int{{0, 10}, {100, 300}}, 10)
	want := [][2]int{{0, 10}, {100, 140}, {120, 160}, {140, 180}, {160, 200}, {180, 220}, {200, 240}, {220, 260}, {240, 280}, {260, 300}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("chunks = %v, want %v", got, want)
	}
}

// A long source of the claim's own words merges into one region; the
// alignment must still find the exact window without a table of the whole
// source.
func TestNearLongRepetitiveSource(t *testing.T) {
	var src []string
	for i := 0; i < 20000; i++ {
		src = append(src, []string{"the", "people", "said", "that"}[i%4])
	}
	claim := w("the people said that the people said that the people")
	copy(src[10000:], []string{"the", "people", "said", "that", "the", "people", "said", "that", "the", "people"})
	a, ok := Near(claim, src)
	if !ok || a.Similarity != 1 {
		t.Fatalf("got %+v %v", a, ok)
	}
}
