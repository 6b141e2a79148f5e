// Package jsonl reads and writes the benchmark corpus and claims files: one
// JSON object a line.
package jsonl

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Source is one corpus line, in the shape `verbatim ingest` and
// POST /v1/sources take. Published and Publisher are omitted when unknown;
// no URL is ever invented.
type Source struct {
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Published string `json:"published,omitempty"`
	Text      string `json:"text"`
}

// Claim is one line of the claims workload.
type Claim struct {
	// N numbers the claims from 0, in file order.
	N int `json:"n"`
	// Kind: exact, fragment, swapped, inserted, reworded, unattested.
	Kind    string `json:"kind"`
	Quote   string `json:"quote"`
	Speaker string `json:"speaker,omitempty"`
	// Expected is the source the words come from ("" for unattested).
	Expected string `json:"expected,omitempty"`
	// Original is the gold wording the claim was derived from.
	Original string `json:"original,omitempty"`
	// Origin says where the claim came from (annotation file and E id).
	Origin string `json:"origin,omitempty"`
}

// Kinds lists the claim kinds in report order.
var Kinds = []string{"exact", "fragment", "swapped", "inserted", "reworded", "unattested"}

// Files expands paths: a directory gives its *.jsonl files in name order.
func Files(paths ...string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		m, err := filepath.Glob(filepath.Join(p, "*.jsonl"))
		if err != nil {
			return nil, err
		}
		sort.Strings(m)
		out = append(out, m...)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no .jsonl files in %s", strings.Join(paths, ", "))
	}
	return out, nil
}

// Each decodes every line of the files into a fresh T and calls fn.
func Each[T any](paths []string, fn func(*T) error) error {
	files, err := Files(paths...)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := eachFile(f, fn); err != nil {
			return err
		}
	}
	return nil
}

func eachFile[T any](name string, fn func(*T) error) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	line := 0
	for {
		b, err := r.ReadBytes('\n')
		if len(strings.TrimSpace(string(b))) > 0 {
			line++
			v := new(T)
			if jerr := json.Unmarshal(b, v); jerr != nil {
				return fmt.Errorf("%s:%d: %w", name, line, jerr)
			}
			if ferr := fn(v); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// ReadClaims loads a claims file.
func ReadClaims(path string) ([]Claim, error) {
	var out []Claim
	err := Each([]string{path}, func(c *Claim) error {
		out = append(out, *c)
		return nil
	})
	return out, err
}

// Writer writes one JSON value a line.
type Writer struct {
	f   *os.File
	w   *bufio.Writer
	enc *json.Encoder
	N   int
	// Bytes counts what was written.
	Bytes int64
}

// Create opens name for writing, creating its directory.
func Create(name string) (*Writer, error) {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	cw := &countWriter{w: w}
	enc := json.NewEncoder(cw)
	enc.SetEscapeHTML(false)
	wr := &Writer{f: f, w: w, enc: enc}
	cw.n = &wr.Bytes
	return wr, nil
}

type countWriter struct {
	w io.Writer
	n *int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	*c.n += int64(n)
	return n, err
}

// Write writes v as one line.
func (w *Writer) Write(v any) error {
	w.N++
	return w.enc.Encode(v)
}

// Close flushes and closes the file.
func (w *Writer) Close() error {
	if err := w.w.Flush(); err != nil {
		w.f.Close()
		return err
	}
	return w.f.Close()
}
