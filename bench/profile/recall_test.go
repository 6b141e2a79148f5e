package profile

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	verbatim "github.com/verbatim/verbatim"
)

type recallClaim struct {
	Kind     string `json:"kind"`
	Quote    string `json:"quote"`
	Speaker  string `json:"speaker"`
	Expected string `json:"expected"`
	N        int    `json:"n"`
}

// TestRecall verifies every claim in process and prints, per kind, the
// share whose expected source is the first attestation's, as loadgen does
// over HTTP; VERBATIM_RECALL_MISSES=1 lists the misses. It needs
// VERBATIM_BENCH_INDEX and VERBATIM_BENCH_CLAIMS (skipped otherwise).
func TestRecall(t *testing.T) {
	idx, path := os.Getenv("VERBATIM_BENCH_INDEX"), os.Getenv("VERBATIM_BENCH_CLAIMS")
	if idx == "" || path == "" {
		t.Skip("set VERBATIM_BENCH_INDEX and VERBATIM_BENCH_CLAIMS")
	}
	cs := readLinesT[recallClaim](t, path)
	ix, a := openT(t, idx)
	defer ix.Close()
	ctx := context.Background()
	hit, all := map[string]int{}, map[string]int{}
	var misses []string
	for _, c := range cs {
		res, err := a.Verify(ctx, verbatim.Claim{Quote: c.Quote, Speaker: c.Speaker})
		if err != nil {
			t.Fatal(err)
		}
		all[c.Kind]++
		first := ""
		if len(res.Attestations) > 0 {
			first = res.Attestations[0].Source.ID
		}
		if c.Expected == "" {
			if res.Verdict == verbatim.Unattested {
				hit[c.Kind]++
			} else {
				misses = append(misses, fmt.Sprintf("%s #%d got %q (%s): %s", c.Kind, c.N, first, res.Verdict, c.Quote))
			}
		} else if first != "" && (first == c.Expected || strings.HasPrefix(first, c.Expected+".c")) {
			hit[c.Kind]++
		} else {
			misses = append(misses, fmt.Sprintf("%s #%d %s got %q (%s): %s", c.Kind, c.N, c.Expected, first, res.Verdict, c.Quote))
		}
	}
	kinds := make([]string, 0, len(all))
	for k := range all {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		t.Logf("%-10s %d/%d = %.3f", k, hit[k], all[k], float64(hit[k])/float64(all[k]))
	}
	if os.Getenv("VERBATIM_RECALL_MISSES") != "" {
		for _, m := range misses {
			t.Log(m)
		}
	}
}
