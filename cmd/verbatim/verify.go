package main

import (
	"context"
	"encoding/json"
	"io"
	"strings"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/verify"
)

func runVerify(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("verify", `verify [--data DIR] [--speaker NAME] "quote"`, stderr)
	data := fs.String("data", envOr("data", "./data"), "data directory (the index; an empty one gets the embedded corpus)")
	speaker := fs.String("speaker", "", "the claimed speaker")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErr("give the quote to verify")
	}
	a, ix, err := openArchive(*data, verify.DefaultConfig, true)
	if err != nil {
		return err
	}
	defer ix.Close()
	res, err := a.Verify(context.Background(), verbatim.Claim{Quote: strings.Join(fs.Args(), " "), Speaker: *speaker})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(res)
}
