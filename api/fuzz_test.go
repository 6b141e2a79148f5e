package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"unicode/utf8"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/corpus"
)

// FuzzDecodeClaim checks the verify request decoder on arbitrary bodies: it
// never panics, refuses only with a client error, accepts nothing that
// CheckJSON refuses or that is more than one JSON object, and what it
// accepts round-trips through the wire form unchanged.
func FuzzDecodeClaim(f *testing.F) {
	for _, s := range []string{
		`{"quote":"the most extensive agenda","speaker":"Putin"}`,
		`{"quote":"a b","filter":{"source_ids":["x"],"publishers":["P"],"published_after":"2024-01-01","published_before":"2024-12-31"}}`,
		`{"quote":"a","quote":"b"}`,
		`{"quote":"a","filter":{"bogus":1}}`,
		`{"quote":"\ud800"}`,
		`{"quote":"\ud83d\ude00"}`,
		`{"quote":"a\u0000b"}`,
		`{"quote":1}`,
		`{"quote":"a"} x`,
		`{"quote":"a"}{"quote":"b"}`,
		`[{"quote":"a"}]`,
		`{"quote":"` + "\xff" + `"}`,
		`{"quote":"a","filter":null}`,
		`{"quote":"a","filter":{"source_ids":[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]}}`,
		`{"quote":`,
		` `,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		claim, err := decodeClaim(data)
		if err != nil {
			var e *verbatim.Error
			if !errors.As(err, &e) || e.Code != verbatim.EInvalid || e.Message == "" {
				t.Fatalf("bad body refused with %T %v, want an invalid-request error", err, err)
			}
			return
		}
		if !utf8.ValidString(claim.Quote) || !utf8.ValidString(claim.Speaker) {
			t.Fatalf("accepted invalid UTF-8: %+v", claim)
		}
		trimmed := bytes.TrimSpace(data)
		if corpus.CheckJSON(trimmed) != nil || !json.Valid(trimmed) || trimmed[0] != '{' {
			t.Fatalf("accepted something that is not one well-formed JSON object: %q", data)
		}
		b, err := json.Marshal(VerifyRequest{Quote: claim.Quote, Speaker: claim.Speaker, Filter: claim.Filter})
		if err != nil {
			t.Fatal(err)
		}
		again, err := decodeClaim(b)
		if err != nil {
			t.Fatalf("re-encoded claim refused: %v: %s", err, b)
		}
		if !reflect.DeepEqual(normFilter(again), normFilter(claim)) {
			t.Fatalf("round trip changed the claim: %+v vs %+v", again, claim)
		}
	})
}

// normFilter treats an empty filter as none and empty lists as absent, as
// omitempty does on the wire.
func normFilter(c verbatim.Claim) verbatim.Claim {
	if f := c.Filter; f != nil {
		g := *f
		if len(g.SourceIDs) == 0 {
			g.SourceIDs = nil
		}
		if len(g.Publishers) == 0 {
			g.Publishers = nil
		}
		c.Filter = &g
		if reflect.DeepEqual(g, verbatim.Filter{}) {
			c.Filter = nil
		}
	}
	return c
}

// FuzzNDJSONLines checks the NDJSON splitter behind POST /v1/sources and
// /v1/verify/batch on arbitrary bodies: it never panics, keeps every
// non-blank line (trimmed) and only those, and numbers each line as a client
// counts lines in its file, so a per-line error names the right one.
func FuzzNDJSONLines(f *testing.F) {
	for _, s := range []string{
		"{\"text\":\"a\"}\n{\"text\":\"b\"}\n",
		"\n\n{\"quote\":\"a\"}\r\n  \n{\"quote\":\"b\"}",
		"   ",
		"\xff\n\x00\n",
		"a\rb\nc",
		"\u0085x\u00a0\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		lines, numbers := ndjsonLines(body)
		if len(lines) != len(numbers) {
			t.Fatalf("%d lines but %d numbers", len(lines), len(numbers))
		}
		var want [][]byte
		var wantN []int
		for i, l := range bytes.Split(body, []byte("\n")) {
			if l = bytes.TrimSpace(l); len(l) > 0 {
				want = append(want, l)
				wantN = append(wantN, i+1)
			}
		}
		if !reflect.DeepEqual(numbers, wantN) && !(len(numbers) == 0 && len(wantN) == 0) {
			t.Fatalf("line numbers %v, want %v for %q", numbers, wantN, body)
		}
		for i := range want {
			if !bytes.Equal(lines[i], want[i]) {
				t.Fatalf("line %d = %q, want %q", numbers[i], lines[i], want[i])
			}
		}
	})
}
