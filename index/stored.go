package index

import (
	"encoding/json"
	"fmt"

	verbatim "github.com/verbatim/verbatim"
)

// storedQuotation is how a quotation is kept in the index: offsets and
// names only. Every text a quotation carries (its words, its cue, the
// mentions of its speaker and relayer) is a span of the stored source text,
// so it is cut from there on load instead of being stored twice; this keeps
// the index near twice the size of the raw text rather than well over three.
type storedQuotation struct {
	S int           `json:"s"`
	E int           `json:"e"`
	K string        `json:"k"`
	C *[2]int       `json:"c,omitempty"`
	P *storedPerson `json:"p,omitempty"`
	R *storedPerson `json:"r,omitempty"`
	F float64       `json:"f"`
}

type storedPerson struct {
	N string `json:"n"`
	S int    `json:"s"`
	E int    `json:"e"`
}

func encodeQuotations(qs []verbatim.Quotation) ([]byte, error) {
	out := make([]storedQuotation, len(qs))
	for i, q := range qs {
		s := storedQuotation{S: q.Start, E: q.End, K: q.Kind, F: q.Confidence}
		if q.Cue != nil {
			s.C = &[2]int{q.Cue.Start, q.Cue.End}
		}
		if q.Speaker != nil {
			s.P = &storedPerson{N: q.Speaker.Name, S: q.Speaker.Start, E: q.Speaker.End}
		}
		if q.ReportedBy != nil {
			s.R = &storedPerson{N: q.ReportedBy.Name, S: q.ReportedBy.Start, E: q.ReportedBy.End}
		}
		out[i] = s
	}
	return json.Marshal(out)
}

func decodeQuotations(text string, data []byte) ([]verbatim.Quotation, error) {
	var stored []storedQuotation
	if err := json.Unmarshal(data, &stored); err != nil {
		return nil, err
	}
	span := func(s, e int) (string, error) {
		if s < 0 || e > len(text) || s > e {
			return "", fmt.Errorf("span [%d,%d) outside a text of %d bytes", s, e, len(text))
		}
		return text[s:e], nil
	}
	person := func(p *storedPerson) (*verbatim.Mention, error) {
		if p == nil {
			return nil, nil
		}
		m, err := span(p.S, p.E)
		if err != nil {
			return nil, err
		}
		return &verbatim.Mention{Name: p.N, Mention: m, Start: p.S, End: p.E}, nil
	}
	out := make([]verbatim.Quotation, len(stored))
	for i, s := range stored {
		t, err := span(s.S, s.E)
		if err != nil {
			return nil, err
		}
		q := verbatim.Quotation{Text: t, Start: s.S, End: s.E, Kind: s.K, Confidence: s.F}
		if s.C != nil {
			c, err := span(s.C[0], s.C[1])
			if err != nil {
				return nil, err
			}
			q.Cue = &verbatim.Span{Text: c, Start: s.C[0], End: s.C[1]}
		}
		if q.Speaker, err = person(s.P); err != nil {
			return nil, err
		}
		if q.ReportedBy, err = person(s.R); err != nil {
			return nil, err
		}
		out[i] = q
	}
	return out, nil
}
