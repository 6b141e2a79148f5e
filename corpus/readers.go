package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	verbatim "github.com/verbatim/verbatim"
)

// MaxFileBytes bounds one file read by the CLI readers.
const MaxFileBytes = 64 << 20

// MaxLineBytes bounds one line of a .jsonl file.
const MaxLineBytes = 16 << 20

// Kinds of file the readers accept, by extension.
var readers = map[string]func(name string, data []byte) ([]verbatim.Source, error){
	".txt":    ParseText,
	".md":     ParseText,
	".jsonl":  ParseJSONL,
	".ndjson": ParseJSONL,
	".html":   ParseHTML,
	".htm":    ParseHTML,
}

// Supported reports whether a file name has an extension the readers take.
func Supported(name string) bool {
	_, ok := readers[strings.ToLower(filepath.Ext(name))]
	return ok
}

// ReadFile reads the sources in one file.
func ReadFile(name string) ([]verbatim.Source, error) {
	read, ok := readers[strings.ToLower(filepath.Ext(name))]
	if !ok {
		return nil, verbatim.Errorf(verbatim.EUnsupported, "%s: unsupported file type (want .txt, .md, .jsonl, .html)", name)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileBytes {
		return nil, verbatim.Errorf(verbatim.ETooLarge, "%s: larger than %d bytes", name, MaxFileBytes)
	}
	return read(name, data)
}

// ParseText reads a .txt or .md file: optional front matter between two
// "---" lines (keys id, title, publisher, url, published, author), then the
// text. Without a title in the front matter the title is the first line.
func ParseText(name string, data []byte) ([]verbatim.Source, error) {
	if !utf8.Valid(data) {
		return nil, verbatim.Errorf(verbatim.EInvalid, "%s: not valid UTF-8", name)
	}
	text := string(data)
	var s verbatim.Source
	if body, meta, ok := splitFrontMatter(text); ok {
		text = body
		for k, v := range meta {
			v := v
			switch k {
			case "id":
				s.ID = v
			case "title":
				s.Title = v
			case "publisher":
				s.Publisher = optional(v)
			case "url":
				s.URL = optional(v)
			case "published", "date":
				s.Published = optional(v)
			case "author":
				s.Author = optional(v)
			default:
				return nil, verbatim.Errorf(verbatim.EInvalid, "%s: unknown front matter key %q", name, k)
			}
		}
	}
	if s.Title == "" {
		s.Title = verbatim.DefaultTitle(text)
	}
	s.Text = text
	return []verbatim.Source{s}, nil
}

// optional treats an empty front matter value as absent, as SourceJSON does
// for an empty string.
func optional(v string) *string {
	if v == "" {
		return nil
	}
	return &v
}

// splitFrontMatter separates "---\nkey: value\n---\n" from the body.
func splitFrontMatter(text string) (body string, meta map[string]string, ok bool) {
	rest, found := strings.CutPrefix(text, "---\n")
	if !found {
		rest, found = strings.CutPrefix(text, "---\r\n")
		if !found {
			return text, nil, false
		}
	}
	meta = map[string]string{}
	for {
		line, after, more := strings.Cut(rest, "\n")
		if !more {
			return text, nil, false
		}
		rest = after
		line = strings.TrimRight(line, "\r")
		if line == "---" {
			return rest, meta, true
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		k, v, kv := strings.Cut(line, ":")
		if !kv {
			return text, nil, false
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
			v = v[1 : len(v)-1]
		}
		meta[strings.ToLower(strings.TrimSpace(k))] = v
	}
}

// SourceJSON is the wire form of a source in a request or a .jsonl line.
type SourceJSON struct {
	ID        string  `json:"id,omitempty"`
	Title     string  `json:"title,omitempty"`
	Publisher *string `json:"publisher,omitempty"`
	URL       *string `json:"url,omitempty"`
	Published *string `json:"published,omitempty"`
	Author    *string `json:"author,omitempty"`
	Text      string  `json:"text"`
}

// Source converts the wire form, treating empty strings as absent.
func (j SourceJSON) Source() verbatim.Source {
	nonEmpty := func(p *string) *string {
		if p == nil || *p == "" {
			return nil
		}
		return p
	}
	return verbatim.Source{ID: j.ID, Title: j.Title, Publisher: nonEmpty(j.Publisher), URL: nonEmpty(j.URL),
		Published: nonEmpty(j.Published), Author: nonEmpty(j.Author), Text: j.Text}
}

// DecodeSource decodes one JSON source object strictly: unknown fields,
// trailing data and a missing text are errors.
func DecodeSource(data []byte) (verbatim.Source, error) {
	if !utf8.Valid(data) {
		return verbatim.Source{}, verbatim.Errorf(verbatim.EInvalid, "body is not valid UTF-8")
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return verbatim.Source{}, verbatim.Errorf(verbatim.EInvalid, "expected a JSON object")
	}
	if err := CheckJSON(trimmed); err != nil {
		return verbatim.Source{}, err
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.DisallowUnknownFields()
	var j SourceJSON
	if err := dec.Decode(&j); err != nil {
		return verbatim.Source{}, verbatim.Errorf(verbatim.EInvalid, "malformed source: %s", JSONMessage(err))
	}
	if dec.More() {
		return verbatim.Source{}, verbatim.Errorf(verbatim.EInvalid, "unexpected data after the JSON object")
	}
	return j.Source(), nil
}

// ParseJSONL reads one source object a line; blank lines are skipped. Any
// bad line fails the whole file, naming the line.
func ParseJSONL(name string, data []byte) ([]verbatim.Source, error) {
	var out []verbatim.Source
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		s, err := DecodeSource(b)
		if err != nil {
			return nil, verbatim.Errorf(verbatim.ErrorCode(err), "%s line %d: %s", name, line, verbatim.ErrorMessage(err))
		}
		out = append(out, s)
	}
	if err := sc.Err(); err != nil {
		return nil, verbatim.Errorf(verbatim.EInvalid, "%s line %d: %v", name, line+1, err)
	}
	return out, nil
}

// JSONMessage turns encoding/json's errors into a message without Go type
// names where it can.
func JSONMessage(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %q must be a %s, not a JSON %s", te.Field, jsonKind(te.Type.Kind().String()), te.Value)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func jsonKind(k string) string {
	switch k {
	case "string", "ptr":
		return "string"
	case "slice":
		return "list"
	case "struct", "map":
		return "object"
	}
	return k
}
