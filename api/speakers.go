package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/archive"
)

// SpeakerList is a page of speaker entities.
type SpeakerList struct {
	Speakers []verbatim.Speaker `json:"speakers"`
	Total    int                `json:"total" example:"12"`
	Offset   int                `json:"offset" example:"0"`
	Limit    int                `json:"limit" example:"100"`
	Next     *int               `json:"next"`
}

// QuotationHit is a quotation with the source it is in.
type QuotationHit = archive.Found

// QuotationList is a page of quotations found by a search.
type QuotationList struct {
	Quotations []QuotationHit `json:"quotations"`
	Total      int            `json:"total" example:"3"`
	Offset     int            `json:"offset" example:"0"`
	Limit      int            `json:"limit" example:"20"`
	Next       *int           `json:"next"`
}

// Page sizes of the speaker list.
const (
	DefaultSpeakerPage = 100
	MaxSpeakerPage     = 1000
)

// listSpeakers godoc
//
//	@Summary		Every speaker entity with its aliases and quotation counts
//	@Description	Entities are merged across sources: `Vladimir Putin` is also `Putin` and `the Russian President`. Relayers (`reported_by`, e.g. `Kremlin`) are entities too. `quotations` counts the quotations whose speaker is the entity, alone or as one conjunct of a coordinated speaker (`Moscow and London` counts for `Moscow` and for `London`; no entity is made of the coordination); `reported` counts the quotations it relays (is the `reported_by` of) and does not itself speak; `sources` counts the sources of either. So `quotations + reported` is exactly the `total` of `GET /v1/quotations?speaker=<name>`, and a claimed speaker in `POST /v1/verify` matches the same quotations. Organisations (`Raw Story`, `Home Office`) get no surname alias. Sorted by quotations, most first, then by reported. `limit` defaults to 100, at most 1000.
//	@Tags			speakers
//	@Produce		json
//	@Param			limit	query		int	false	"page size (1-1000, default 100)"
//	@Param			offset	query		int	false	"offset (default 0)"
//	@Success		200		{object}	SpeakerList
//	@Failure		400		{object}	ErrorBody
//	@Router			/v1/speakers [get]
func (s *Server) listSpeakers(c *gin.Context) {
	offset, limit, err := page(c, DefaultSpeakerPage, MaxSpeakerPage)
	if err != nil {
		writeError(c, err)
		return
	}
	all := s.archive.Load().Speakers()
	out := SpeakerList{Speakers: []verbatim.Speaker{}, Total: len(all), Offset: offset, Limit: limit, Next: next(offset, limit, len(all))}
	if offset < len(all) {
		out.Speakers = all[offset:min(len(all), offset+limit)]
	}
	c.JSON(http.StatusOK, out)
}

// searchQuotations godoc
//
//	@Summary		Search quotations by speaker and/or words
//	@Description	`speaker` accepts any alias of an entity (surname, full name, titled form; a surname only for people, not organisations). It returns the union of the quotations the entity speaks (alone or as one conjunct of a coordinated speaker) and those it relays (`reported_by`): for an entity's `name` the total is its `quotations + reported` in `GET /v1/speakers`. `q` matches quotations containing its words consecutively, under the SPEC's normalisation. At least one of the two is required; each is at most 1024 bytes. `limit` defaults to 20, at most 100.
//	@Tags			quotations
//	@Produce		json
//	@Param			speaker	query		string	false	"speaker name or alias"
//	@Param			q		query		string	false	"words the quotation contains"
//	@Param			limit	query		int		false	"page size (1-100, default 20)"
//	@Param			offset	query		int		false	"offset (default 0)"
//	@Success		200		{object}	QuotationList
//	@Failure		400		{object}	ErrorBody
//	@Failure		413		{object}	ErrorBody
//	@Router			/v1/quotations [get]
func (s *Server) searchQuotations(c *gin.Context) {
	offset, limit, err := page(c, DefaultPageSize, MaxPageSize)
	if err != nil {
		writeError(c, err)
		return
	}
	found, total, err := s.archive.Load().SearchQuotations(c, c.Query("speaker"), c.Query("q"), offset, limit)
	if err != nil {
		writeError(c, err)
		return
	}
	if found == nil {
		found = []archive.Found{}
	}
	c.JSON(http.StatusOK, QuotationList{Quotations: found, Total: total, Offset: offset, Limit: limit, Next: next(offset, limit, total)})
}
