package attribution

import "sort"

// hookCuts turns another splitter's sentence-end byte offsets (from
// internal/segmenthook, for experiments) into cuts: cut[i] asks for a
// sentence end before token i. An offset ends the sentence before the first
// token at or after it; one inside a top-level quotation counts only at the
// quotation's end (nothing but closing marks after it), and then ends the
// sentence after the quotation, which stays whole.
func (d *doc) hookCuts(offs []int) []bool {
	n := len(d.toks)
	cut := make([]bool, n+1)
	for _, b := range offs {
		k := sort.Search(n, func(k int) bool { return d.toks[k].s >= b })
		if k < n && d.qIn[k] >= 0 && d.qTop[k] < 0 {
			qi := int(d.qIn[k])
			if b < d.qs[qi].ce {
				continue // a sentence of the quotation, which stays one unit
			}
			k = d.quoteEnd(qi) + 1
		}
		if k > 0 {
			cut[k] = true
		}
	}
	return cut
}
