package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/verbatim/verbatim/attribution/evaluate"
)

// runEval measures extraction against annotated corpora:
//
//	verbatim eval extraction --polnear ../shared/data/polnear --split dev [--pdnc ../shared/data/pdnc [--novels 16:24]]
//
// It prints precision, recall and F1 for direct and indirect quotations,
// speaker accuracy and precision by confidence on PolNeAR, and quotation
// recall and speaker accuracy by quote type on PDNC.
func runEval(args []string) error {
	if len(args) == 0 || args[0] != "extraction" {
		return errors.New("usage: verbatim eval extraction --polnear DIR [--split dev] [--pdnc DIR]")
	}
	fs := flag.NewFlagSet("eval extraction", flag.ContinueOnError)
	polnear := fs.String("polnear", "", "PolNeAR root directory (holds data/train, data/dev)")
	split := fs.String("split", "dev", "PolNeAR split to score: train or dev")
	pdnc := fs.String("pdnc", "", "PDNC root directory (holds data/<novel>/)")
	errs := fs.Int("errors", 0, "print up to N misses and false alarms (use on train)")
	novels := fs.String("novels", "", "PDNC: score only novels FROM:TO in alphabetical order (0:16 tuned on, 16:24 held out)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *polnear == "" && *pdnc == "" {
		return errors.New("eval: give --polnear DIR and/or --pdnc DIR")
	}
	if *polnear != "" {
		r, err := evaluate.EvalPolNeAR(*polnear, *split, evaluate.Options{Errors: *errs})
		if err != nil {
			return fmt.Errorf("eval: %w", err)
		}
		r.Write(os.Stdout)
	}
	if *pdnc != "" {
		opt := evaluate.Options{Errors: *errs}
		if *novels != "" {
			if _, err := fmt.Sscanf(*novels, "%d:%d", &opt.PDNCFrom, &opt.PDNCTo); err != nil || opt.PDNCTo <= opt.PDNCFrom {
				return fmt.Errorf("eval: --novels wants FROM:TO, got %q", *novels)
			}
		}
		r, err := evaluate.EvalPDNC(*pdnc, opt)
		if err != nil {
			return fmt.Errorf("eval: %w", err)
		}
		r.Write(os.Stdout)
	}
	return nil
}
