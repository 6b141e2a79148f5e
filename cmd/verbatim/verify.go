package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/index"
	"github.com/verbatim/verbatim/verify"
)

func runVerify(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("verify", `verify [--data DIR] [--speaker NAME] "quote"`, stderr)
	data := fs.String("data", envOr("data", "./data"), "data directory (the index; an empty one gets the embedded corpus)")
	speaker := fs.String("speaker", "", "the claimed speaker")
	retrieval := fs.String("retrieval", envOr("retrieval", index.RetrievalBleve), "bleve or memory (see serve --help)")
	indent := fs.Bool("indent", false, "indent the JSON for reading (by default it is byte for byte what POST /v1/verify answers)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErr("give the quote to verify")
	}
	a, ix, err := openArchive(*data, verify.DefaultConfig, true, *retrieval)
	if err != nil {
		return err
	}
	defer ix.Close()
	res, err := a.Verify(context.Background(), verbatim.Claim{Quote: strings.Join(fs.Args(), " "), Speaker: *speaker})
	if err != nil {
		return err
	}
	// json.Marshal is what gin's c.JSON uses, so the bytes match the API's.
	b, err := json.Marshal(res)
	if err != nil {
		return err
	}
	if *indent {
		var buf bytes.Buffer
		if err := json.Indent(&buf, b, "", "  "); err != nil {
			return err
		}
		b = buf.Bytes()
	}
	_, err = stdout.Write(append(b, '\n'))
	return err
}
