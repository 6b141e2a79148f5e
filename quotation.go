package verbatim

// Kinds of quotation, and of attestation (which adds narration).
const (
	KindDirect    = "direct"
	KindIndirect  = "indirect"
	KindNarration = "narration"
)

// Span is a piece of a source: Text == source.Text[Start:End].
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Mention is a reference to a speaker entity in a source: Name is the
// entity's canonical name, Mention the words the source uses for it there
// (Mention == source.Text[Start:End]).
type Mention struct {
	Name    string `json:"name"`
	Mention string `json:"mention"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

// Quotation is a span of a source that the source attributes to a speaker.
// Speaker and ReportedBy are nil where the source names none.
type Quotation struct {
	Text       string   `json:"text"`
	Start      int      `json:"start"`
	End        int      `json:"end"`
	Kind       string   `json:"kind"`
	Cue        *Span    `json:"cue"`
	Speaker    *Mention `json:"speaker"`
	ReportedBy *Mention `json:"reported_by"`
	// Confidence ranks quotations: higher is more likely a real, correctly
	// attributed quotation.
	Confidence float64 `json:"confidence"`
}

// Speaker is an entity that speaks or relays (reported_by) in the corpus,
// with every name used for it.
type Speaker struct {
	Name    string   `json:"name" example:"Vladimir Putin"`
	Aliases []string `json:"aliases"`
	// Quotations counts the quotations whose speaker is the entity, alone or
	// as one of a coordination ("Moscow and London").
	Quotations int `json:"quotations" example:"21"`
	// Reported counts the quotations the entity relays (their reported_by)
	// and does not itself speak; quotations + reported is the total of
	// GET /v1/quotations?speaker=<name>.
	Reported int `json:"reported" example:"0"`
	// Sources counts the sources of either.
	Sources int `json:"sources" example:"2"`
}

// Document is a source with the quotations extraction found in it: what the
// index stores, and what a restart reloads without extracting again.
type Document struct {
	Source     Source      `json:"source"`
	Quotations []Quotation `json:"quotations"`
}
