package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/archive"
	"github.com/verbatim/verbatim/corpus"
)

// SourceInput is one source to ingest.
type SourceInput = corpus.SourceJSON

// IngestResponse lists what each ingested source became.
type IngestResponse struct {
	Ingested []IngestedSource `json:"ingested"`
	Count    int              `json:"count" example:"1"`
}

// IngestedSource is one stored source and how many quotations it holds.
type IngestedSource struct {
	ID         string `json:"id" example:"3182c1616ae321b1"`
	Quotations int    `json:"quotations" example:"9"`
}

// SourceSummary is a source's metadata and counts, as listed.
type SourceSummary struct {
	verbatim.SourceRef
	Bytes      int `json:"bytes" example:"3998"`
	Quotations int `json:"quotations" example:"9"`
}

// SourceList is a page of sources.
type SourceList struct {
	Sources []SourceSummary `json:"sources"`
	Total   int             `json:"total" example:"2"`
	Offset  int             `json:"offset" example:"0"`
	Limit   int             `json:"limit" example:"20"`
	Next    *int            `json:"next" example:"20"`
}

// SourceDetail is a source with its stored text.
type SourceDetail struct {
	SourceSummary
	Text string `json:"text"`
}

// SourceQuotations is every quotation of one source.
type SourceQuotations struct {
	Source     verbatim.SourceRef   `json:"source"`
	Quotations []verbatim.Quotation `json:"quotations"`
}

func summary(d *verbatim.Document) SourceSummary {
	return SourceSummary{SourceRef: d.Source.Ref(), Bytes: len(d.Source.Text), Quotations: len(d.Quotations)}
}

// postSources godoc
//
//	@Summary		Ingest one source (JSON) or many (NDJSON), all or nothing
//	@Description	`application/json`: one source object. `application/x-ndjson`: one source object a line. Without an `id`, the id is derived from the text, so the same text ingested twice is one source; an existing id is replaced. If any source is bad, nothing is stored and the error names its line. Sources sharing an id within one request are refused. The body is limited by --max-body (default 10 MiB, 413 beyond). Ids are 1-256 bytes of letters, digits and . _ : - ; `published` is YYYY-MM-DD or RFC 3339.
//	@Tags			sources
//	@Accept			json
//	@Accept			application/x-ndjson
//	@Produce		json
//	@Param			source	body		SourceInput	true	"a source (or, as NDJSON, one a line)"
//	@Success		201		{object}	IngestResponse
//	@Failure		400		{object}	ErrorBody
//	@Failure		401		{object}	ErrorBody
//	@Failure		403		{object}	ErrorBody
//	@Failure		413		{object}	ErrorBody
//	@Failure		415		{object}	ErrorBody
//	@Security		BearerAuth
//	@Router			/v1/sources [post]
func (s *Server) postSources(c *gin.Context) {
	mt, body, err := readRequest(c, mediaJSON, mediaNDJSON)
	if err != nil {
		writeError(c, err)
		return
	}
	var sources []verbatim.Source
	if mt == mediaJSON {
		src, err := corpus.DecodeSource(body)
		if err != nil {
			writeError(c, err)
			return
		}
		sources = append(sources, src)
	} else {
		lines, numbers := ndjsonLines(body)
		for i, l := range lines {
			src, err := corpus.DecodeSource(l)
			if err == nil {
				err = archive.Validate(&src)
			}
			if err != nil {
				writeError(c, verbatim.Errorf(verbatim.ErrorCode(err), "line %d: %s", numbers[i], verbatim.ErrorMessage(err)))
				return
			}
			sources = append(sources, src)
		}
	}
	done, err := s.archive.Load().Ingest(c, sources)
	if err != nil {
		writeError(c, err)
		return
	}
	resp := IngestResponse{Count: len(done)}
	for _, d := range done {
		resp.Ingested = append(resp.Ingested, IngestedSource{ID: d.ID, Quotations: d.Quotations})
	}
	c.JSON(http.StatusCreated, resp)
}

// listSources godoc
//
//	@Summary		List sources in id order, paginated
//	@Description	`limit` defaults to 20 and is at most 100; `offset` starts at 0. `next` is the offset of the following page, null on the last.
//	@Tags			sources
//	@Produce		json
//	@Param			limit	query		int	false	"page size (1-100, default 20)"
//	@Param			offset	query		int	false	"offset of the first source (default 0)"
//	@Success		200		{object}	SourceList
//	@Failure		400		{object}	ErrorBody
//	@Router			/v1/sources [get]
func (s *Server) listSources(c *gin.Context) {
	offset, limit, err := page(c, DefaultPageSize, MaxPageSize)
	if err != nil {
		writeError(c, err)
		return
	}
	docs, total := s.archive.Load().List(offset, limit)
	out := SourceList{Sources: make([]SourceSummary, 0, len(docs)), Total: total, Offset: offset, Limit: limit, Next: next(offset, limit, total)}
	for _, d := range docs {
		out.Sources = append(out.Sources, summary(d))
	}
	c.JSON(http.StatusOK, out)
}

// getSource godoc
//
//	@Summary	A source's metadata and its text, exactly as ingested
//	@Tags		sources
//	@Produce	json
//	@Param		id	path		string	true	"source id"
//	@Success	200	{object}	SourceDetail
//	@Failure	404	{object}	ErrorBody
//	@Router		/v1/sources/{id} [get]
func (s *Server) getSource(c *gin.Context) {
	d, err := s.archive.Load().Get(c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, SourceDetail{SourceSummary: summary(d), Text: d.Source.Text})
}

// deleteSource godoc
//
//	@Summary	Remove a source and its quotations
//	@Tags		sources
//	@Param		id	path	string	true	"source id"
//	@Success	204
//	@Failure	401	{object}	ErrorBody
//	@Failure	403	{object}	ErrorBody
//	@Failure	404	{object}	ErrorBody
//	@Security	BearerAuth
//	@Router		/v1/sources/{id} [delete]
func (s *Server) deleteSource(c *gin.Context) {
	if err := s.archive.Load().Delete(c.Param("id")); err != nil {
		writeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// sourceQuotations godoc
//
//	@Summary		Every quotation found in a source
//	@Description	Each quotation has its `text`, byte offsets `start`/`end` into the source's text, `kind` (direct or indirect), `cue`, `speaker` and `reported_by` with the mention's offsets (or null), and a `confidence` in [0,1].
//	@Tags			sources
//	@Produce		json
//	@Param			id	path		string	true	"source id"
//	@Success		200	{object}	SourceQuotations
//	@Failure		404	{object}	ErrorBody
//	@Router			/v1/sources/{id}/quotations [get]
func (s *Server) sourceQuotations(c *gin.Context) {
	d, err := s.archive.Load().Get(c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	qs := d.Quotations
	if qs == nil {
		qs = []verbatim.Quotation{}
	}
	c.JSON(http.StatusOK, SourceQuotations{Source: d.Source.Ref(), Quotations: qs})
}
