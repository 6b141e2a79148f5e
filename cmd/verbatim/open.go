package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/verbatim/verbatim/archive"
	"github.com/verbatim/verbatim/attribution"
	"github.com/verbatim/verbatim/corpus"
	"github.com/verbatim/verbatim/index"
	"github.com/verbatim/verbatim/verify"
)

// openArchive opens the index in dir and builds the archive over it. With
// seed set, an empty index first gets the embedded default corpus.
func openArchive(dir string, cfg verify.Config, seed bool, retrieval string) (*archive.Archive, *index.Index, error) {
	ix, err := index.OpenWith(dir, index.Options{Retrieval: retrieval})
	if err != nil {
		if errors.Is(err, index.ErrLocked) {
			return nil, nil, fmt.Errorf("%w: stop the other verbatim process (serve or ingest) using %s first", err, dir)
		}
		return nil, nil, err
	}
	a := archive.New(ix, attribution.NewRegistry(), attribution.Extract, cfg)
	if seed && ix.Count() == 0 {
		srcs, err := corpus.Default()
		if err == nil {
			_, err = a.Ingest(context.Background(), srcs)
		}
		if err != nil {
			ix.Close()
			return nil, nil, fmt.Errorf("index the default corpus: %w", err)
		}
	}
	return a, ix, nil
}

var _ archive.Store = (*index.Index)(nil)
var _ archive.Registry = (*attribution.Registry)(nil)
var _ archive.Extractor = attribution.Extract
