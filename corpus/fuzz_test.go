package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	verbatim "github.com/verbatim/verbatim"
)

// The fuzz targets below check properties, not exact outputs: a reader of
// outside input never panics, fails only with a client error (never an
// internal one), and whatever it returns is valid UTF-8 that a request could
// have carried.

// wantClientError fails unless err is a domain error a client caused.
func wantClientError(t *testing.T, err error) {
	t.Helper()
	var e *verbatim.Error
	if !errors.As(err, &e) {
		t.Fatalf("error is not a *verbatim.Error: %T %v", err, err)
	}
	if e.Code != verbatim.EInvalid && e.Code != verbatim.ETooLarge {
		t.Fatalf("error code %q for bad input: %v", e.Code, err)
	}
	if e.Message == "" {
		t.Fatal("error without a message")
	}
}

// checkSource fails unless every string of s is valid UTF-8.
func checkSource(t *testing.T, s verbatim.Source) {
	t.Helper()
	for name, v := range map[string]*string{"id": &s.ID, "title": &s.Title, "text": &s.Text,
		"publisher": s.Publisher, "url": s.URL, "published": s.Published, "author": s.Author} {
		if v != nil && !utf8.ValidString(*v) {
			t.Fatalf("%s is not valid UTF-8: %q", name, *v)
		}
	}
	for name, v := range map[string]*string{"publisher": s.Publisher, "url": s.URL, "published": s.Published, "author": s.Author} {
		if v != nil && *v == "" {
			t.Fatalf("%s is an empty string rather than absent", name)
		}
	}
}

var jsonSeeds = []string{
	`{"text":"“We are ready,” Doe said."}`,
	`{"id":"doc-1","title":"T","publisher":"P","url":"https://x.test/a","published":"2024-03-01","author":"A","text":"x"}`,
	`{"text":"a","text":"b"}`,
	`{"text":"\ud800"}`,
	`{"text":"\ud83d\ude00 ok"}`,
	`{"text":"a\u0000b"}`,
	`{"text":1}`,
	`{"text":"a","bogus":true}`,
	`{"text":"a"} {"text":"b"}`,
	`[{"text":"a"}]`,
	`{"text":"a","publisher":null}`,
	`{"text":"a","publisher":""}`,
	`{"a":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}`,
	`{"text":"` + "\xff\xfe" + `"}`,
	"\xef\xbb\xbf{\"text\":\"bom\"}",
	`{"text":"esc \" \\ \/ \b \f \n \r \t \u00e9"}`,
	`{"text":"`,
	`{`,
	``,
	`null`,
}

func FuzzDecodeSource(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := DecodeSource(data)
		if err != nil {
			wantClientError(t, err)
			return
		}
		checkSource(t, src)
		// What DecodeSource accepts, CheckJSON accepts, and it is exactly
		// one JSON object.
		trimmed := bytes.TrimSpace(data)
		if cerr := CheckJSON(trimmed); cerr != nil {
			t.Fatalf("DecodeSource accepted what CheckJSON refuses: %v", cerr)
		}
		if !json.Valid(trimmed) || trimmed[0] != '{' {
			t.Fatalf("DecodeSource accepted something that is not one JSON object: %q", data)
		}
		// The wire form round-trips.
		j := SourceJSON{ID: src.ID, Title: src.Title, Publisher: src.Publisher, URL: src.URL,
			Published: src.Published, Author: src.Author, Text: src.Text}
		b, err := json.Marshal(j)
		if err != nil {
			t.Fatal(err)
		}
		again, err := DecodeSource(b)
		if err != nil {
			t.Fatalf("re-encoded source refused: %v: %s", err, b)
		}
		if again.Text != src.Text || again.ID != src.ID || again.Title != src.Title {
			t.Fatalf("round trip changed the source: %+v vs %+v", again, src)
		}
	})
}

func FuzzCheckJSON(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Add([]byte(`{"a":{"b":{"a":1,"b":2},"c":[{"a":1},{"a":2}]}}`))
	f.Add([]byte(`{"a":1,"b":{"a":2},"a":3}`))
	f.Add([]byte(`"\udc00"`))
	f.Add([]byte(`"\\ud800"`))
	f.Fuzz(func(t *testing.T, data []byte) {
		err := CheckJSON(data)
		if err != nil {
			wantClientError(t, err)
			return
		}
		if !json.Valid(data) {
			return // CheckJSON reads a stream; DecodeSource catches the rest
		}
		// Accepted and valid: no nesting beyond the limit, no key twice,
		// and no string that decodes with data loss.
		if d := depth(data); d > MaxJSONDepth {
			t.Fatalf("accepted JSON nested %d deep", d)
		}
		dup, lossy := refCheck(t, data)
		if dup {
			t.Fatalf("accepted JSON with a duplicate key: %q", data)
		}
		// Raw invalid UTF-8 is refused by the callers before CheckJSON.
		if lossy && utf8.Valid(data) && !bytes.Contains(data, []byte("\uFFFD")) && !bytes.Contains(bytes.ToLower(data), []byte(`\ufffd`)) {
			t.Fatalf("accepted JSON whose strings decode to U+FFFD (a lone surrogate?): %q", data)
		}
	})
}

// depth is the deepest nesting of valid JSON, counted outside strings.
func depth(data []byte) int {
	d, deepest, inString := 0, 0, false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			d++
			deepest = max(deepest, d)
		case c == '}' || c == ']':
			d--
		}
	}
	return deepest
}

// refCheck walks valid JSON recursively, independently of CheckJSON's
// stack, reporting a key given twice in one object and a string (key or
// value) that decodes to U+FFFD.
func refCheck(t *testing.T, data []byte) (dup, lossy bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var value func() error
	value = func() error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch v := tok.(type) {
		case string:
			lossy = lossy || strings.ContainsRune(v, utf8.RuneError)
		case json.Delim:
			if v == '[' {
				for dec.More() {
					if err := value(); err != nil {
						return err
					}
				}
				_, err = dec.Token()
				return err
			}
			keys := map[string]bool{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				key := k.(string)
				lossy = lossy || strings.ContainsRune(key, utf8.RuneError)
				dup = dup || keys[key]
				keys[key] = true
				if err := value(); err != nil {
					return err
				}
			}
			_, err = dec.Token()
			return err
		}
		return nil
	}
	for {
		if err := value(); err != nil {
			if errors.Is(err, io.EOF) {
				return dup, lossy
			}
			t.Fatalf("reference walk of valid JSON: %v", err)
		}
	}
}

func FuzzParseText(f *testing.F) {
	f.Add([]byte("---\nid: md-1\ntitle: A title\npublisher: Gazette\npublished: 2024-01-02\n---\n“We will win,” Smith said.\n"))
	f.Add([]byte("---\r\ntitle: 'quoted'\r\nauthor: \"A\"\r\n---\r\nBody\r\n"))
	f.Add([]byte("---\nbogus: 1\n---\ntext"))
	f.Add([]byte("---\nno end\n"))
	f.Add([]byte("---\n\n---\n"))
	f.Add([]byte("plain text\nsecond line"))
	f.Add([]byte("\xff\xfe"))
	f.Add([]byte(strings.Repeat("é", 200) + "\n"))
	f.Add([]byte("---\ntitle: \"\n---\nx"))
	f.Add([]byte("---\npublisher:\nurl: ''\npublished: \"\"\nauthor: \n---\nx"))
	f.Fuzz(func(t *testing.T, data []byte) {
		srcs, err := ParseText("fuzz.md", data)
		if err != nil {
			wantClientError(t, err)
			return
		}
		if len(srcs) != 1 {
			t.Fatalf("%d sources from one file", len(srcs))
		}
		s := srcs[0]
		checkSource(t, s)
		// The text is stored exactly: it is the file, or the file after its
		// front matter.
		if !strings.HasSuffix(string(data), s.Text) {
			t.Fatalf("text %q is not the end of the file %q", s.Text, data)
		}
		if s.Text != string(data) && !strings.HasPrefix(string(data), "---") {
			t.Fatalf("front matter cut from a file that has none: %q", data)
		}
	})
}

func FuzzParseJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"j-1","text":"Jones said the vote was close."}` + "\n" + `{"id":"j-2","text":"“It is over,” Brown said."}` + "\n"))
	f.Add([]byte("\n\n" + `{"text":"a"}` + "\r\n   \n" + `{"text":"b"}`))
	f.Add([]byte(`{"text":"a"}` + "\n" + `{"text":` + "\n" + `{"text":"c"}`))
	f.Add([]byte(`{"text":"a"}` + "\n" + `[1]`))
	f.Add([]byte("\xff\n" + `{"text":"a"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		srcs, err := ParseJSONL("fuzz.jsonl", data)
		if err != nil {
			wantClientError(t, err)
			if !strings.Contains(verbatim.ErrorMessage(err), "line ") {
				t.Fatalf("error does not name a line: %v", err)
			}
			return
		}
		nonBlank := 0
		for _, l := range bytes.Split(data, []byte("\n")) {
			if len(bytes.TrimSpace(l)) > 0 {
				nonBlank++
			}
		}
		// bufio.Scanner also ends a line at a lone "\r" only before "\n",
		// so lines split on "\n" are the scanner's lines.
		if len(srcs) != nonBlank {
			t.Fatalf("%d sources from %d non-blank lines", len(srcs), nonBlank)
		}
		for _, s := range srcs {
			checkSource(t, s)
		}
	})
}

func FuzzParseHTML(f *testing.F) {
	f.Add([]byte(`<html><head><title>T</title><script>x()</script></head><body><p>“Prices will fall,” the minister said.</p></body></html>`))
	f.Add([]byte(`<meta property="og:title" content="OG"><meta property="og:site_name" content="Site"><meta name="author" content="A"><meta property="article:published_time" content="2024-01-02T10:00:00Z"><link rel="canonical" href="https://x.test/"><p>a</p>`))
	f.Add([]byte(`<p>unclosed <b>bold <p>next<table><td>cell`))
	f.Add([]byte(`<nav><p>menu</p></nav><article><h1>H</h1><p>a<br>b</p><blockquote>q</blockquote></article>`))
	f.Add([]byte("<p>\x00 nul</p>"))
	f.Add([]byte(`<meta name="date" content="2024">` + strings.Repeat("<div>", 300) + "<p>deep</p>"))
	f.Add([]byte("\xff<p>x</p>"))
	f.Add([]byte(`<template><p>hidden</p></template><svg><p>x</p></svg><p>&amp; &#0; &#xD800; &nbsp;</p>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		srcs, err := ParseHTML("fuzz.html", data)
		if err != nil {
			wantClientError(t, err)
			return
		}
		if len(srcs) != 1 {
			t.Fatalf("%d sources from one page", len(srcs))
		}
		s := srcs[0]
		checkSource(t, s)
		if strings.TrimSpace(s.Text) == "" {
			t.Fatal("empty text accepted")
		}
		if s.Published != nil && len(*s.Published) != 10 {
			t.Fatalf("published %q is not a day", *s.Published)
		}
	})
}
