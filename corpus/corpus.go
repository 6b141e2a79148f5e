// Package corpus holds the default corpus Verbatim ships with and the
// readers that turn files (.txt/.md with optional front matter, .jsonl,
// .html) into sources.
package corpus

import (
	"embed"
	"io/fs"
	"path"
	"sort"

	verbatim "github.com/verbatim/verbatim"
)

// The seed articles: two real news reports of one event, in two different
// translations. They carry no metadata beyond their headline, and none is
// invented for them.
//
//go:embed seeds/*.txt
var seeds embed.FS

// Default returns the embedded seed sources, each titled by its first line,
// with its id derived from its text like any source ingested without one.
func Default() ([]verbatim.Source, error) {
	names, err := fs.Glob(seeds, "seeds/*.txt")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []verbatim.Source
	for _, name := range names {
		b, err := seeds.ReadFile(name)
		if err != nil {
			return nil, err
		}
		srcs, err := ParseText(path.Base(name), b)
		if err != nil {
			return nil, err
		}
		out = append(out, srcs...)
	}
	return out, nil
}
