// Package align compares a claim's normalised words with a source's: where
// the claim occurs exactly, where its parts occur in order around an
// ellipsis, and which window of the source is the closest wording when it
// occurs nowhere, with the word-level difference.
package align

// Step is one operation of a word-level difference. Claim[ClaimFrom:ClaimTo]
// and Source[SourceFrom:SourceTo] are the words it covers: both ranges for
// equal and replace, only the claim's for insert (words the claim adds) and
// only the source's for delete (source words the claim drops).
type Step struct {
	Op                   string
	ClaimFrom, ClaimTo   int
	SourceFrom, SourceTo int
}

// Operations of a Step.
const (
	OpEqual   = "equal"
	OpReplace = "replace"
	OpInsert  = "insert"
	OpDelete  = "delete"
)

// Alignment is the closest window of a source to a claim: source words
// [Start, End), its Similarity in [0,1] and the Steps that turn the window
// into the claim.
type Alignment struct {
	Start, End int
	Similarity float64
	Steps      []Step
}

// FindExact returns every index of source where claim's words occur
// contiguously, in order.
func FindExact(claim, source []string) []int {
	if len(claim) == 0 || len(claim) > len(source) {
		return nil
	}
	var at []int
	first := claim[0]
	for i := 0; i+len(claim) <= len(source); i++ {
		if source[i] != first {
			continue
		}
		if equalWords(claim[1:], source[i+1:i+len(claim)]) {
			at = append(at, i)
		}
	}
	return at
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// FindElided returns the shortest windows [start, end) of source[lo:hi]
// in which every part occurs, in order and without overlap: one window for
// each occurrence of the first part that can be completed. Elided claims are
// checked inside one quotation at a time, so lo and hi bound the search.
func FindElided(parts [][]string, source []string, lo, hi int) [][2]int {
	if len(parts) == 0 || lo < 0 || hi > len(source) || lo >= hi {
		return nil
	}
	var out [][2]int
	region := source[lo:hi]
	for _, s := range FindExact(parts[0], region) {
		pos := s + len(parts[0])
		ok := true
		for _, p := range parts[1:] {
			hits := FindExact(p, region[pos:])
			if len(hits) == 0 {
				ok = false
				break
			}
			pos += hits[0] + len(p)
		}
		if ok {
			out = append(out, [2]int{lo + s, lo + pos})
		}
	}
	return out
}
