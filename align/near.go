package align

import "math"

// Near finds the window of source closest to claim by word edit distance,
// where the window may start and end anywhere in source (the claim may be a
// fragment of a longer text). Similarity is 1 - distance/max(len(claim),
// len(window)): one word swapped in a fifteen-word claim gives 0.93.
//
// Only regions of the source around words the claim shares with it are
// aligned, which keeps the cost proportional to the claim, not the source.
func Near(claim, source []string) (Alignment, bool) {
	if len(claim) == 0 || len(source) == 0 {
		return Alignment{}, false
	}
	return best(claim, source, regions(claim, source))
}

// NearMin is Near for callers that only want a window of similarity at
// least minSim: it returns the closest window when one is that close, and
// false otherwise. It aligns only where such a window can be:
// a window at similarity t has at least t·n of the claim's n words equal,
// and is at most n/t words long, so some run of n/t source words must hold
// t·n words that occur in the claim. Unrelated sources have no such run and
// cost one pass over their words.
func NearMin(claim, source []string, minSim float64) (Alignment, bool) {
	if len(claim) == 0 || len(source) == 0 {
		return Alignment{}, false
	}
	if minSim <= 0 {
		return Near(claim, source)
	}
	a, ok := best(claim, source, denseRegions(claim, source, minSim))
	if !ok || a.Similarity < minSim {
		return Alignment{}, false
	}
	return a, true
}

// best aligns claim against each region of source and keeps the closest.
func best(claim, source []string, rs [][2]int) (Alignment, bool) {
	top := Alignment{Similarity: -1}
	for _, r := range chunks(rs, len(claim)) {
		a := fit(claim, source[r[0]:r[1]])
		a.Start += r[0]
		a.End += r[0]
		for i := range a.Steps {
			a.Steps[i].SourceFrom += r[0]
			a.Steps[i].SourceTo += r[0]
		}
		if a.Similarity > top.Similarity {
			top = a
		}
	}
	if top.Similarity < 0 {
		return Alignment{}, false
	}
	return top, true
}

// chunks cuts regions longer than four claim lengths into pieces of that
// length overlapping by two, so that the alignment's table (claim × region)
// stays bounded however much of a source merges into one region — a long
// source of common words and a long claim would otherwise allocate hundreds
// of megabytes for one request. Any window of up to two claim lengths lies
// whole in some piece, and a longer one is too far from the claim to matter
// (its similarity is under one half).
func chunks(rs [][2]int, m int) [][2]int {
	size, step := 4*max(m, 8), 2*max(m, 8)
	var out [][2]int
	for _, r := range rs {
		if r[1]-r[0] <= size {
			out = append(out, r)
			continue
		}
		for lo := r[0]; ; lo += step {
			hi := min(lo+size, r[1])
			out = append(out, [2]int{lo, hi})
			if hi == r[1] {
				break
			}
		}
	}
	return out
}

// denseRegions returns the merged runs of source words of length n/minSim
// (n the claim's length) that hold at least minSim·n words occurring in the
// claim: every window of similarity minSim or more lies inside one.
func denseRegions(claim, source []string, minSim float64) [][2]int {
	n := len(claim)
	span := int(float64(n) / minSim)
	if span < n {
		span = n
	}
	need := int(math.Ceil(minSim*float64(n) - 1e-9))
	if need < 1 {
		need = 1
	}
	in := make(map[string]struct{}, n)
	// quick[c] has bit l set when a claim word starts with byte c and is
	// l bytes long (63 for longer): most source words fail this test and
	// are never hashed.
	var quick [256]uint64
	for _, w := range claim {
		in[w] = struct{}{}
		if w != "" {
			quick[w[0]] |= 1 << min(len(w), 63)
		}
	}
	// hit[i] tells whether source[i] is a claim word; count is the number
	// of hits in source[i-span+1 .. i].
	hit := make([]bool, len(source))
	var out [][2]int
	count := 0
	for i, w := range source {
		if w != "" && quick[w[0]]&(1<<min(len(w), 63)) != 0 {
			if _, ok := in[w]; ok {
				hit[i] = true
				count++
			}
		}
		if j := i - span; j >= 0 && hit[j] {
			count--
		}
		if count < need {
			continue
		}
		lo, hi := max(0, i-span+1), i+1
		if k := len(out); k > 0 && lo <= out[k-1][1] {
			out[k-1][1] = hi
			continue
		}
		out = append(out, [2]int{lo, hi})
	}
	return out
}

// commonWords are too frequent to say where a claim may be in a source;
// they still count in the alignment itself.
var commonWords = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "to": true, "in": true, "and": true, "or": true,
	"is": true, "was": true, "be": true, "that": true, "it": true, "on": true, "for": true, "with": true,
	"as": true, "at": true, "by": true, "this": true, "we": true, "he": true, "she": true, "they": true,
	"i": true, "you": true, "are": true, "not": true, "have": true, "has": true, "had": true, "but": true,
	"from": true, "his": true, "her": true, "their": true, "our": true, "will": true, "would": true,
}

// regions returns the merged source ranges that lie within one claim length
// of a distinctive claim word.
func regions(claim, source []string) [][2]int {
	want := make(map[string]bool, len(claim))
	for _, w := range claim {
		if !commonWords[w] {
			want[w] = true
		}
	}
	if len(want) == 0 {
		for _, w := range claim {
			want[w] = true
		}
	}
	pad := len(claim)
	var out [][2]int
	for i, w := range source {
		if !want[w] {
			continue
		}
		lo, hi := max(0, i-pad), min(len(source), i+pad+1)
		if n := len(out); n > 0 && lo <= out[n-1][1] {
			out[n-1][1] = hi
			continue
		}
		out = append(out, [2]int{lo, hi})
	}
	return out
}

// fit is a fitting alignment: the whole claim against the best substring of
// src, by edit distance with free leading and trailing source words.
func fit(claim, src []string) Alignment {
	m, n := len(claim), len(src)
	w := n + 1
	d := make([]int32, (m+1)*w)
	for i := 1; i <= m; i++ {
		d[i*w] = int32(i)
	}
	for i := 1; i <= m; i++ {
		row, prev := i*w, (i-1)*w
		for j := 1; j <= n; j++ {
			sub := d[prev+j-1]
			if claim[i-1] != src[j-1] {
				sub++
			}
			v := sub
			if x := d[prev+j] + 1; x < v {
				v = x
			}
			if x := d[row+j-1] + 1; x < v {
				v = x
			}
			d[row+j] = v
		}
	}
	// Among equal distances prefer the end that gives the shortest window,
	// found by the traceback; scanning left to right keeps the first.
	endJ, dist := 0, d[m*w]
	for j := 1; j <= n; j++ {
		if d[m*w+j] < dist {
			endJ, dist = j, d[m*w+j]
		}
	}
	// Traceback, preferring diagonal moves so that replacements are shown
	// as such rather than as an insert and a delete.
	var rev []Step
	i, j := m, endJ
	for i > 0 {
		cur := d[i*w+j]
		switch {
		case j > 0 && claim[i-1] == src[j-1] && d[(i-1)*w+j-1] == cur:
			rev = append(rev, Step{Op: OpEqual, ClaimFrom: i - 1, ClaimTo: i, SourceFrom: j - 1, SourceTo: j})
			i, j = i-1, j-1
		case j > 0 && d[(i-1)*w+j-1]+1 == cur:
			rev = append(rev, Step{Op: OpReplace, ClaimFrom: i - 1, ClaimTo: i, SourceFrom: j - 1, SourceTo: j})
			i, j = i-1, j-1
		case d[(i-1)*w+j]+1 == cur:
			rev = append(rev, Step{Op: OpInsert, ClaimFrom: i - 1, ClaimTo: i, SourceFrom: j, SourceTo: j})
			i--
		default:
			rev = append(rev, Step{Op: OpDelete, ClaimFrom: i, ClaimTo: i, SourceFrom: j - 1, SourceTo: j})
			j--
		}
	}
	startJ := j
	steps := make([]Step, 0, len(rev))
	for k := len(rev) - 1; k >= 0; k-- {
		s := rev[k]
		if n := len(steps); n > 0 && steps[n-1].Op == s.Op {
			steps[n-1].ClaimTo = s.ClaimTo
			steps[n-1].SourceTo = s.SourceTo
			continue
		}
		steps = append(steps, s)
	}
	// A window that begins or ends with dropped source words is not
	// closer than the same window without them.
	for len(steps) > 0 && steps[0].Op == OpDelete {
		startJ = steps[0].SourceTo
		steps = steps[1:]
	}
	for len(steps) > 0 && steps[len(steps)-1].Op == OpDelete {
		endJ = steps[len(steps)-1].SourceFrom
		steps = steps[:len(steps)-1]
	}
	window := endJ - startJ
	denom := max(m, window)
	sim := 0.0
	if denom > 0 {
		sim = 1 - float64(dist)/float64(denom)
	}
	if sim < 0 {
		sim = 0
	}
	return Alignment{Start: startJ, End: endJ, Similarity: sim, Steps: steps}
}
