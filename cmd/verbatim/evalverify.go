package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/verbatim/verbatim/verify"
	"github.com/verbatim/verbatim/verify/claims"
)

// runEvalVerification scores verdicts on a fact-checker's workload built
// from PolNeAR's gold attributions (package verify/claims):
//
//	verbatim eval verification --polnear ../shared/data/polnear --split dev [--per-kind N] [--seed S] [--json]
//
// It indexes the split's articles (but a held-out tenth) in a throwaway
// index, verifies every claim and prints accuracy per kind of claim, how
// often the claim's own article is the first attestation, wrong verdicts
// blamed on extraction or on verification, and the confusion matrix. With
// --profile it also prints how close the best near wording of altered and
// not-indexed claims is, which is what AlteredThreshold must separate.
func runEvalVerification(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval verification", "eval verification --polnear DIR [--split dev] [--per-kind N] [--seed S] [--json]", stderr)
	polnear := fs.String("polnear", envOr("polnear", ""), "PolNeAR root directory (holds data/train, data/dev)")
	split := fs.String("split", "dev", "split to build claims from and index: train (to tune) or dev (to report)")
	perKind := fs.Int("per-kind", 200, "at most this many claims of each kind")
	seed := fs.Uint64("seed", 1, "seed of the claim sampler")
	holdOut := fs.Int("hold-out", 0, "articles kept out of the index for not_indexed claims (0: a tenth)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	errs := fs.Int("errors", 0, "print up to N wrong verdicts per kind")
	profile := fs.Bool("profile", false, "also print the near-similarity profile used to choose AlteredThreshold")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *polnear == "" {
		return usageErr("give --polnear DIR")
	}
	if *split == "test" {
		return usageErr("the test split is held back for independent evaluation; use train or dev")
	}
	ctx := context.Background()
	env, err := claims.Open(ctx, claims.Setup{
		Dir: *polnear, Split: *split,
		Options: claims.Options{PerKind: *perKind, Seed: *seed, HoldOut: *holdOut},
		Verify:  verify.DefaultConfig,
	})
	if err != nil {
		return err
	}
	defer env.Close()
	r, err := env.Score(ctx, verify.DefaultConfig)
	if err != nil {
		return err
	}
	var profiles []claims.Profile
	if *profile {
		if profiles, err = env.Profiles(ctx, verify.DefaultConfig); err != nil {
			return err
		}
	}
	if *asJSON {
		out := struct {
			*claims.Report
			Profiles []claims.Profile `json:"profiles,omitempty"`
		}{r, profiles}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	if err := r.WriteText(stdout); err != nil {
		return err
	}
	if *errs > 0 {
		printVerificationErrors(stdout, r, *errs)
	}
	if *profile {
		fmt.Fprintf(stdout, "\nbest near similarity with no threshold (AlteredThreshold now %.2f, MinNearWords %d):\n", verify.DefaultConfig.AlteredThreshold, verify.DefaultConfig.MinNearWords)
		fmt.Fprintf(stdout, "%-14s %5s %6s %6s %6s %6s %6s %6s %6s  %-20s %s\n", "kind", "n", "min", "p5", "p25", "p50", "p75", "p95", "max", "altered@.70/.75/.80", "under 8 words: n min max")
		for _, p := range profiles {
			q := p.Quantiles
			fmt.Fprintf(stdout, "%-14s %5d %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f  %.3f/%.3f/%.3f    %d %.3f %.3f\n", p.Kind, p.N, q[0], q[1], q[2], q[3], q[4], q[5], q[6],
				p.Altered[0], p.Altered[1], p.Altered[2], p.ShortN, p.ShortMin, p.ShortMax)
		}
	}
	return nil
}

func printVerificationErrors(w io.Writer, r *claims.Report, n int) {
	shown := map[string]int{}
	fmt.Fprintf(w, "\nwrong verdicts (up to %d per kind):\n", n)
	for _, res := range r.Results {
		if res.Cause == "" || shown[res.Kind] >= n {
			continue
		}
		shown[res.Kind]++
		fmt.Fprintf(w, "- %s: got %s, want %s [%s]; speaker %q (gold %q); first %s %s %.3f\n    %q\n", res.Kind, res.Got, res.Verdict, res.Cause,
			res.Speaker, strings.TrimSpace(res.GoldSpeaker), res.FirstSource, res.Match, res.Similarity, res.Quote)
	}
}
