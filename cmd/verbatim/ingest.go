package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"golang.org/x/term"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/archive"
	"github.com/verbatim/verbatim/corpus"
	"github.com/verbatim/verbatim/index"
	"github.com/verbatim/verbatim/verify"
)

func runIngest(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("ingest", "ingest [--data DIR] FILE_OR_DIR...", stderr)
	data := fs.String("data", envOr("data", "./data"), "data directory (the index)")
	batch := fs.Int("batch", envInt("batch", 512), "sources per index write; each write is all-or-nothing")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErr("name at least one file or directory to ingest")
	}
	if *batch < 1 {
		return usageErr("--batch must be at least 1")
	}
	files, err := listFiles(fs.Args())
	if err != nil {
		return err
	}
	a, ix, err := openArchive(*data, verify.DefaultConfig, false, index.RetrievalBleve)
	if err != nil {
		return err
	}
	defer ix.Close()
	return ingestFiles(a, files, *batch, stdout, stderr)
}

// listFiles expands directories into the supported files under them, in
// name order so that runs are repeatable.
func listFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			out = append(out, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && corpus.Supported(path) {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}

type ingestStats struct {
	files, sources, skipped, failed, quotations int
}

// ingestFiles reads every file, skips ids already stored (so an interrupted
// run resumes where it stopped), extracts in parallel and writes in batches.
// A file or source that cannot be read is reported and counted, and the run
// goes on; the exit code is non-zero if any failed.
func ingestFiles(a *archive.Archive, files []string, batchSize int, stdout, stderr io.Writer) error {
	start := time.Now()
	var st ingestStats
	var pending []verbatim.Source
	seen := map[string]bool{}
	for _, f := range files {
		srcs, err := corpus.ReadFile(f)
		if err != nil {
			st.failed++
			fmt.Fprintf(stderr, "skip %s: %s\n", f, verbatim.ErrorMessage(wrapPlain(err)))
			continue
		}
		st.files++
		for _, s := range srcs {
			if s.ID == "" {
				s.ID = verbatim.DeriveID(s.Text)
			}
			if seen[s.ID] || a.Has(s.ID) {
				st.skipped++
				continue
			}
			seen[s.ID] = true
			pending = append(pending, s)
		}
	}
	prog := newProgress(stderr, len(pending))
	for i := 0; i < len(pending); i += batchSize {
		chunk := pending[i:min(len(pending), i+batchSize)]
		docs := make([]*verbatim.Document, len(chunk))
		errs := make([]error, len(chunk))
		archive.ParallelEach(len(chunk), func(k int) {
			docs[k], errs[k] = a.Prepare(chunk[k])
		})
		good := docs[:0]
		for k, d := range docs {
			if errs[k] != nil {
				st.failed++
				fmt.Fprintf(stderr, "skip source %q: %s\n", chunk[k].ID, verbatim.ErrorMessage(errs[k]))
				continue
			}
			good = append(good, d)
		}
		if _, err := a.Store(good); err != nil {
			return fmt.Errorf("write batch: %w (sources stored before this batch are kept; run again to resume)", err)
		}
		for _, d := range good {
			st.sources++
			st.quotations += len(d.Quotations)
		}
		prog.update(i + len(chunk))
	}
	prog.done()
	secs := time.Since(start).Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(st.sources) / secs
	}
	fmt.Fprintf(stdout, "ingested %d sources (%d quotations) from %d files in %.1fs, %.0f sources/s; %d already stored, %d failed\n",
		st.sources, st.quotations, st.files, secs, rate, st.skipped, st.failed)
	if st.failed > 0 {
		return fmt.Errorf("%d files or sources could not be ingested (see above)", st.failed)
	}
	return nil
}

func wrapPlain(err error) error {
	if verbatim.ErrorCode(err) == verbatim.EInternal {
		return verbatim.Errorf(verbatim.EInvalid, "%v", err)
	}
	return err
}

// progress draws a bar with rate and ETA on a terminal, and plain lines
// every few seconds otherwise (logs, CI).
type progress struct {
	w        io.Writer
	total    int
	tty      bool
	start    time.Time
	lastDraw time.Time
}

func newProgress(w io.Writer, total int) *progress {
	tty := false
	if f, ok := w.(*os.File); ok {
		tty = term.IsTerminal(int(f.Fd()))
	}
	return &progress{w: w, total: total, tty: tty, start: time.Now()}
}

func (p *progress) update(n int) {
	now := time.Now()
	every := 5 * time.Second
	if p.tty {
		every = 100 * time.Millisecond
	}
	if now.Sub(p.lastDraw) < every && n < p.total {
		return
	}
	p.lastDraw = now
	el := now.Sub(p.start).Seconds()
	rate := float64(n) / max(el, 1e-9)
	eta := time.Duration(float64(p.total-n)/max(rate, 1e-9)) * time.Second
	if p.tty {
		const width = 30
		fill := width * n / max(p.total, 1)
		fmt.Fprintf(p.w, "\r[%s%s] %d/%d  %.0f/s  ETA %s ", strings.Repeat("=", fill), strings.Repeat(" ", width-fill), n, p.total, rate, eta.Round(time.Second))
		return
	}
	fmt.Fprintf(p.w, "progress: %d/%d sources, %.0f/s, ETA %s\n", n, p.total, rate, eta.Round(time.Second))
}

func (p *progress) done() {
	if p.tty && p.total > 0 {
		fmt.Fprintln(p.w)
	}
}
