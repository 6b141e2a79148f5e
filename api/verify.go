package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/corpus"
)

// VerifyRequest is a claim to verify.
type VerifyRequest struct {
	Quote   string           `json:"quote" example:"Russia-US relations are the most important factor behind ensuring strategic stability and international security"`
	Speaker string           `json:"speaker,omitempty" example:"Putin"`
	Filter  *verbatim.Filter `json:"filter,omitempty"`
}

// decodeClaim decodes one verify request strictly: unknown fields (also in
// filter), duplicate keys and trailing data are errors.
func decodeClaim(data []byte) (verbatim.Claim, error) {
	if !utf8.Valid(data) {
		return verbatim.Claim{}, verbatim.Errorf(verbatim.EInvalid, "body is not valid UTF-8")
	}
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return verbatim.Claim{}, verbatim.Errorf(verbatim.EInvalid, "expected a JSON object")
	}
	if err := corpus.CheckJSON(data); err != nil {
		return verbatim.Claim{}, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var r VerifyRequest
	if err := dec.Decode(&r); err != nil {
		return verbatim.Claim{}, verbatim.Errorf(verbatim.EInvalid, "malformed verify request: %s", corpus.JSONMessage(err))
	}
	if dec.More() {
		return verbatim.Claim{}, verbatim.Errorf(verbatim.EInvalid, "unexpected data after the JSON object")
	}
	if strings.IndexByte(r.Quote, 0) >= 0 || strings.IndexByte(r.Speaker, 0) >= 0 {
		// As in a source's text: no client means a NUL, and echoing it back
		// in the answer would only spread it.
		return verbatim.Claim{}, verbatim.Errorf(verbatim.EInvalid, "quote and speaker must not contain NUL characters")
	}
	return verbatim.Claim{Quote: r.Quote, Speaker: r.Speaker, Filter: r.Filter}, nil
}

// verify godoc
//
//	@Summary		Verify a quote: attested, misattributed, unattributed, altered or unattested
//	@Description	Finds the quote in the indexed sources under the SPEC's normalisation (case, Unicode form, kinds of quotation mark, apostrophe and dash, whitespace and punctuation between words do not matter; words do). `...` or `…` splits the quote into parts that must occur in order inside one quotation (match `elided`). Every attestation has the source's exact wording with UTF-8 byte offsets (`text == source.text[start:end]`), the kind of span, its speaker and relayer, and a word-level diff. A close wording (similarity ≥ 0.75, claims of 6 words or more) is `altered`; claims of 1-5 words are only ever matched exactly. The quote is limited by --max-quote (default 4096 bytes, 413 beyond). `speaker_match` is null when no speaker was claimed, and for `unattested`. Filter: `source_ids`, `publishers`, `published_after`/`published_before` (YYYY-MM-DD, inclusive; sources without a date are excluded by a date filter); an unknown filter key or a malformed date is a 400.
//	@Tags			verify
//	@Accept			json
//	@Produce		json
//	@Param			claim	body		VerifyRequest	true	"the claim"
//	@Success		200		{object}	verbatim.Verification
//	@Failure		400		{object}	ErrorBody
//	@Failure		413		{object}	ErrorBody
//	@Failure		415		{object}	ErrorBody
//	@Router			/v1/verify [post]
func (s *Server) verify(c *gin.Context) {
	_, body, err := readRequest(c, mediaJSON)
	if err != nil {
		writeError(c, err)
		return
	}
	claim, err := decodeClaim(body)
	if err != nil {
		writeError(c, err)
		return
	}
	res, err := s.archive.Load().Verify(c, claim)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, res)
}

// BatchError is a batch line's error in place of its answer.
type BatchError struct {
	Error ErrorDetail `json:"error"`
}

// verifyBatch godoc
//
//	@Summary		Verify many claims at once (NDJSON in, NDJSON out)
//	@Description	One verify request a line (at most --max-batch lines, default 1000). Answers one verify response a line, in the same order; a bad line gets `{"error": {"code", "message", "line"}}` in its place and does not fail the others.
//	@Tags			verify
//	@Accept			application/x-ndjson
//	@Produce		application/x-ndjson
//	@Param			claims	body		VerifyRequest	true	"one claim a line"
//	@Success		200		{object}	verbatim.Verification
//	@Failure		400		{object}	ErrorBody
//	@Failure		413		{object}	ErrorBody
//	@Failure		415		{object}	ErrorBody
//	@Router			/v1/verify/batch [post]
func (s *Server) verifyBatch(c *gin.Context) {
	_, body, err := readRequest(c, mediaNDJSON)
	if err != nil {
		writeError(c, err)
		return
	}
	lines, numbers := ndjsonLines(body)
	if len(lines) > s.cfg.MaxBatchLines {
		writeError(c, verbatim.Errorf(verbatim.ETooLarge, "batch has %d lines; the limit is %d", len(lines), s.cfg.MaxBatchLines))
		return
	}
	a := s.archive.Load()
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	for i, l := range lines {
		if c.Err() != nil {
			return // the client is gone
		}
		claim, err := decodeClaim(l)
		var res *verbatim.Verification
		if err == nil {
			res, err = a.Verify(c, claim)
		}
		if err != nil {
			_, d := errorDetail(c, err)
			d.Line = numbers[i]
			_ = enc.Encode(BatchError{Error: d})
			continue
		}
		_ = enc.Encode(res)
	}
	c.Data(http.StatusOK, mediaNDJSON, out.Bytes())
}
