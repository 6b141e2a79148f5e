package align

import (
	"slices"
	"testing"
)

// vocab is small so that random claims and sources share words often:
// matches, near matches and repeats are what the alignment must get right.
var vocab = []string{"the", "we", "are", "ready", "to", "talk", "russia", "said", "peace", "war"}

// words maps fuzz bytes to words, at most max of them; a byte of 0xff
// (in a claim) is an ellipsis cutting it into parts.
func words(b []byte, max int) (all []string, parts [][]string) {
	cur := []string{}
	for _, c := range b {
		if len(all) == max {
			break
		}
		if c == 0xff {
			if len(cur) > 0 {
				parts = append(parts, cur)
			}
			cur = []string{}
			continue
		}
		w := vocab[int(c)%len(vocab)]
		all = append(all, w)
		cur = append(cur, w)
	}
	if len(cur) > 0 {
		parts = append(parts, cur)
	}
	return all, parts
}

// FuzzExact checks FindExact against a brute-force search and FindElided's
// windows against their definition.
func FuzzExact(f *testing.F) {
	f.Add([]byte{1, 2, 3}, []byte{0, 1, 2, 3, 4, 1, 2, 3}, 0, 8)
	f.Add([]byte{1, 0xff, 3}, []byte{1, 5, 5, 3, 1, 3}, 0, 6)
	f.Add([]byte{1, 1}, []byte{1, 1, 1, 1}, 1, 3)
	f.Add([]byte{}, []byte{1}, -1, 100)
	f.Add([]byte{0xff, 0xff}, []byte{}, 0, 0)
	f.Fuzz(func(t *testing.T, cb, sb []byte, lo, hi int) {
		claim, parts := words(cb, 64)
		source, _ := words(sb, 512)

		got := FindExact(claim, source)
		var want []int
		if len(claim) > 0 {
			for i := 0; i+len(claim) <= len(source); i++ {
				if slices.Equal(source[i:i+len(claim)], claim) {
					want = append(want, i)
				}
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("FindExact(%v, %v) = %v, want %v", claim, source, got, want)
		}

		windows := FindElided(parts, source, lo, hi)
		prev := -1
		for _, w := range windows {
			if w[0] < lo || w[1] > hi || w[0] >= w[1] || w[1] > len(source) || w[0] <= prev {
				t.Fatalf("window %v outside [%d,%d) of %d words, or not after %d", w, lo, hi, len(source), prev)
			}
			prev = w[0]
			// The window starts with the first part and holds every part in
			// order without overlap, ending with the last.
			pos := w[0]
			for k, p := range parts {
				at := FindExact(p, source[pos:w[1]])
				if len(at) == 0 || (k == 0 && at[0] != 0) {
					t.Fatalf("part %d %v not in order in window %v of %v", k, p, w, source)
				}
				pos += at[0] + len(p)
			}
			if pos != w[1] {
				t.Fatalf("window %v does not end with the last part (ends at %d)", w, pos)
			}
		}
	})
}

// FuzzNear checks the alignment's invariants: the window is inside the
// source, the steps cover the claim and the window contiguously and say
// truly which words are equal, and the similarity is in [0,1], 1 exactly
// when the claim occurs verbatim.
func FuzzNear(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4}, []byte{0, 1, 2, 3, 4, 5})
	f.Add([]byte{1, 2, 9, 4}, []byte{0, 1, 2, 3, 4, 5})
	f.Add([]byte{1, 2, 4}, []byte{0, 1, 2, 3, 4, 5})
	f.Add([]byte{1, 2, 3, 3, 4}, []byte{1, 2, 3, 4})
	f.Add([]byte{0, 4, 0}, []byte{0, 0, 0})
	f.Add([]byte{}, []byte{})
	f.Fuzz(func(t *testing.T, cb, sb []byte) {
		claim, _ := words(cb, 48)
		source, _ := words(sb, 400)
		a, ok := Near(claim, source)
		if !ok {
			if len(claim) > 0 && len(FindExact(claim, source)) > 0 {
				t.Fatalf("Near found nothing but %v occurs in %v", claim, source)
			}
			return
		}
		if a.Start < 0 || a.Start > a.End || a.End > len(source) {
			t.Fatalf("window [%d,%d) outside %d source words", a.Start, a.End, len(source))
		}
		if a.Similarity < 0 || a.Similarity > 1 {
			t.Fatalf("similarity %v", a.Similarity)
		}
		ci, si := 0, a.Start
		allEqual := true
		for k, s := range a.Steps {
			if s.ClaimFrom != ci || s.SourceFrom != si || s.ClaimTo < s.ClaimFrom || s.SourceTo < s.SourceFrom {
				t.Fatalf("step %d %+v does not continue at claim %d, source %d: %+v", k, s, ci, si, a.Steps)
			}
			nc, ns := s.ClaimTo-s.ClaimFrom, s.SourceTo-s.SourceFrom
			switch s.Op {
			case OpEqual:
				if nc != ns || nc == 0 || !slices.Equal(claim[s.ClaimFrom:s.ClaimTo], source[s.SourceFrom:s.SourceTo]) {
					t.Fatalf("equal step %+v covers different words", s)
				}
			case OpReplace:
				allEqual = false
				if nc == 0 || ns == 0 {
					t.Fatalf("replace step %+v is empty on one side", s)
				}
			case OpInsert:
				allEqual = false
				if nc == 0 || ns != 0 {
					t.Fatalf("insert step %+v", s)
				}
			case OpDelete:
				allEqual = false
				if nc != 0 || ns == 0 {
					t.Fatalf("delete step %+v", s)
				}
			default:
				t.Fatalf("unknown op %q", s.Op)
			}
			ci, si = s.ClaimTo, s.SourceTo
		}
		if ci != len(claim) || si != a.End {
			t.Fatalf("steps end at claim %d, source %d; want %d, %d: %+v", ci, si, len(claim), a.End, a.Steps)
		}
		if (a.Similarity == 1) != allEqual {
			t.Fatalf("similarity %v but all steps equal = %v: %+v", a.Similarity, allEqual, a.Steps)
		}
		if len(FindExact(claim, source)) > 0 && a.Similarity != 1 {
			t.Fatalf("%v occurs in %v but Near's best similarity is %v (window [%d,%d))", claim, source, a.Similarity, a.Start, a.End)
		}
	})
}
